#pragma once

#include "model/json/json.h"

#include <cstdint>
#include <optional>
#include <string>

namespace Stepwise::Sim {

// One answer the caller gave a run: what DebugSession journals so that re-running after a
// step back applies it again at the same event, identically.
struct CallerAnswer
{
    enum class Kind {
        TaskResult,    // ask me: a Task's result (`output`)
        TaskError,     // ask me: a Task's error and cause
        TaskSuccess,   // SendTaskSuccess(taskToken, output)
        TaskFailure,   // SendTaskFailure(taskToken, error, cause)
        TaskHeartbeat, // SendTaskHeartbeat(taskToken)
        TimeOutNow,    // let the virtual clock reach the task's timeout now
    };
    Kind kind = Kind::TaskResult;
    std::int64_t atEvent = 0; // applied when the run had this many events
    int atQuietStop = 0;      // ... and stopped this many times since (DebugSession's retry waits)
    std::int64_t askId = 0;   // ask me: AskMeTask::id
    std::string taskToken;    // callbacks
    Model::Json output;
    std::optional<std::string> error, cause;
};

} // namespace Stepwise::Sim
