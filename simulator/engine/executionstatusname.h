#pragma once

#include "simulator/engine/execution.h"

namespace Stepwise::Sim {

// The status as AWS spells it in DescribeExecution and the CLI's output ("SUCCEEDED").
const char *executionStatusName(ExecutionStatus status);

} // namespace Stepwise::Sim
