#include "simulator/engine/executionstatusname.h"

namespace Stepwise::Sim {

const char *executionStatusName(ExecutionStatus status)
{
    switch (status) {
    case ExecutionStatus::Succeeded:
        return "SUCCEEDED";
    case ExecutionStatus::Failed:
        return "FAILED";
    case ExecutionStatus::TimedOut:
        return "TIMED_OUT";
    case ExecutionStatus::Running:
        break;
    }
    return "RUNNING";
}

} // namespace Stepwise::Sim
