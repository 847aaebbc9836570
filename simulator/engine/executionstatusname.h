#pragma once

#include "simulator/engine/execution.h"
#include "simulator/engine/historyevent.h"

namespace Stepwise::Sim {

// The status as AWS spells it in DescribeExecution and the CLI's output ("SUCCEEDED").
const char *executionStatusName(ExecutionStatus status);
// The status an event that ends the execution leaves it in (ExecutionFailed: "FAILED",
// ExecutionAborted: "ABORTED"); nullptr for any other event.
const char *endedStatusName(HistoryEventType type);

} // namespace Stepwise::Sim
