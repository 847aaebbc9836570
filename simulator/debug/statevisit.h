#pragma once

#include "model/json/json.h"

#include <cstdint>
#include <string>

namespace Stepwise::Sim {

// The data of one state visit, for the data inspector. `data` is named as TestState's
// inspectionData (absent stages are absent keys): input, afterInputPath, afterParameters
// (afterArguments for JSONata), result, afterResultSelector, afterResultPath, output; for Map
// afterItemsPath, afterItemsPointer, afterItemSelector, afterItemBatcher,
// toleratedFailureCount, toleratedFailurePercentage, maxConcurrency; errorDetails
// ({"catchIndex", "retryIndex", "retryBackoffIntervalSeconds"} when the visit failed);
// "variables" (on entry) and "variablesAfter" (after the state, as AWS shows them).
struct StateVisit
{
    std::string stateName;
    std::string pointer; // the state's JSON pointer in the definition
    std::int64_t enteredEventId = 0;
    std::int64_t exitedEventId = 0; // 0 while running or when the visit ended otherwise
    int line = 0;                   // the line of execution (ActiveState::line)
    int lineIndex = -1;             // its Parallel branch or Map item index; -1: unknown
    Model::Json data = Model::Json::object();
    // The context object ("$$") as the state saw it on entry.
    Model::Json context = Model::Json::object();
};

} // namespace Stepwise::Sim
