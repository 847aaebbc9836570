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

const char *endedStatusName(HistoryEventType type)
{
    switch (type) {
    case HistoryEventType::ExecutionSucceeded:
        return "SUCCEEDED";
    case HistoryEventType::ExecutionFailed:
        return "FAILED";
    case HistoryEventType::ExecutionTimedOut:
        return "TIMED_OUT";
    case HistoryEventType::ExecutionAborted:
        return "ABORTED";
    default:
        return nullptr;
    }
}

} // namespace Stepwise::Sim
