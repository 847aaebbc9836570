#pragma once

#include "model/json/json.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace Stepwise::Sim {

// Where an execution that ended unsuccessfully (failed, timed out, aborted) can be continued,
// as AWS's RedriveExecution does: the state machine's state that did not complete and what it
// was entered with. Execution::redrivePoint() takes it; toJson() is its stored form.
struct RedrivePoint
{
    std::string stateName;                         // a state of the machine's top level
    Model::Json input;                             // the input that state was entered with
    Model::Json variables = Model::Json::object(); // the variables in scope there
    // An inline Parallel or Map: the output of each branch or iteration that succeeded, by
    // index. They are not run again (AWS redrives only the unsuccessful ones).
    std::vector<std::pair<int, Model::Json>> keptChildren;
    // Task calls made so far, per state name: a mock's numbered responses continue from there.
    std::map<std::string, int> taskInvocations;

    Model::Json toJson() const;
    static std::optional<RedrivePoint> fromJson(const Model::Json &json);
};

// What a redriven execution continues from (ExecutionOptions::redrive).
struct Redrive
{
    RedrivePoint point;
    int redriveCount = 1;              // $$.Execution.RedriveCount and ExecutionRedriven's
    std::int64_t lastEventId = 0;      // the earlier attempts' last event: numbering goes on
    std::int64_t firstStartMillis = 0; // $$.Execution.StartTime stays the first attempt's
};

} // namespace Stepwise::Sim
