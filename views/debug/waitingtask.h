#pragma once

#include "model/json/json.h"

#include <QString>

#include <cstdint>

namespace Stepwise::Views {

// A task the run waits on the user for: a .waitForTaskToken task (its token, the payload
// it sent, the time left before its timeout) or, with "ask me" task results, a Task whose
// result the user types (prefilled from a mock when there is one).
struct WaitingTask
{
    enum class Kind { TaskToken, AskMe };
    Kind kind = Kind::TaskToken;
    QString token; // the task token; for AskMe, an id the run gives the question
    QString stateName;
    Model::Json payload = Model::Json::object(); // what the task sent (its Parameters)
    Model::Json suggestedResult = Model::Json::object();
    // AskMe: the error and cause the mock would have thrown (prefilled), and the resource.
    QString suggestedError, suggestedCause;
    QString resource;
    std::int64_t remainingMillis = -1; // -1: no timeout
    std::int64_t heartbeatRemainingMillis = -1;
};

} // namespace Stepwise::Views
