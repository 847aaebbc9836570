#pragma once

#include "model/json/json.h"

#include <cstdint>
#include <string>

namespace Stepwise::Sim {

// One event of an execution's history, as GetExecutionHistory returns it: `details` holds the
// type's details member ({"stateEnteredEventDetails": {...}}) or is an empty object.
struct HistoryEvent
{
    std::int64_t id = 0;
    std::int64_t previousEventId = 0;
    std::int64_t timestampMillis = 0;
    std::string type;
    Model::Json details = Model::Json::object();

    // {"timestamp", "type", "id", "previousEventId", "<xxx>EventDetails": {...}} with the
    // payloads as JSON text, exactly as `aws stepfunctions get-execution-history` prints.
    Model::Json toJson() const;
    // The state name the event names (entered/exited events), or empty.
    std::string stateName() const;
};

} // namespace Stepwise::Sim
