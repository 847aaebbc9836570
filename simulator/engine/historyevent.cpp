#include "simulator/engine/historyevent.h"

#include "simulator/engine/timestamp.h"

#include <array>

namespace Stepwise::Sim {

namespace {

using Family = HistoryEventFamily;
using Action = HistoryEventAction;

struct EventTypeInfo
{
    HistoryEventType type;
    std::string_view name;
    std::string_view detailsKey;
    Family family;
    Action action;
};

// AWS's history event types, in the enum's order, with the member their details go in and
// what each is about.
constexpr EventTypeInfo eventTypes[] = {
    {HistoryEventType::ActivityFailed, "ActivityFailed", "activityFailedEventDetails", Family::Task,
     Action::Failed},
    {HistoryEventType::ActivityScheduled, "ActivityScheduled", "activityScheduledEventDetails",
     Family::Task, Action::Scheduled},
    {HistoryEventType::ActivityScheduleFailed, "ActivityScheduleFailed",
     "activityScheduleFailedEventDetails", Family::Task, Action::Failed},
    {HistoryEventType::ActivityStarted, "ActivityStarted", "", Family::Task, Action::Started},
    {HistoryEventType::ActivitySucceeded, "ActivitySucceeded", "activitySucceededEventDetails",
     Family::Task, Action::Succeeded},
    {HistoryEventType::ActivityTimedOut, "ActivityTimedOut", "activityTimedOutEventDetails",
     Family::Task, Action::TimedOut},
    {HistoryEventType::ChoiceStateEntered, "ChoiceStateEntered", "stateEnteredEventDetails",
     Family::State, Action::Entered},
    {HistoryEventType::ChoiceStateExited, "ChoiceStateExited", "stateExitedEventDetails",
     Family::State, Action::Exited},
    {HistoryEventType::EvaluationFailed, "EvaluationFailed", "evaluationFailedEventDetails",
     Family::Evaluation, Action::Failed},
    {HistoryEventType::ExecutionAborted, "ExecutionAborted", "executionAbortedEventDetails",
     Family::Execution, Action::Aborted},
    {HistoryEventType::ExecutionFailed, "ExecutionFailed", "executionFailedEventDetails",
     Family::Execution, Action::Failed},
    {HistoryEventType::ExecutionRedriven, "ExecutionRedriven", "executionRedrivenEventDetails",
     Family::Execution, Action::Redriven},
    {HistoryEventType::ExecutionStarted, "ExecutionStarted", "executionStartedEventDetails",
     Family::Execution, Action::Started},
    {HistoryEventType::ExecutionSucceeded, "ExecutionSucceeded", "executionSucceededEventDetails",
     Family::Execution, Action::Succeeded},
    {HistoryEventType::ExecutionTimedOut, "ExecutionTimedOut", "executionTimedOutEventDetails",
     Family::Execution, Action::TimedOut},
    {HistoryEventType::FailStateEntered, "FailStateEntered", "stateEnteredEventDetails",
     Family::State, Action::Entered},
    {HistoryEventType::LambdaFunctionFailed, "LambdaFunctionFailed",
     "lambdaFunctionFailedEventDetails", Family::Task, Action::Failed},
    {HistoryEventType::LambdaFunctionScheduled, "LambdaFunctionScheduled",
     "lambdaFunctionScheduledEventDetails", Family::Task, Action::Scheduled},
    {HistoryEventType::LambdaFunctionScheduleFailed, "LambdaFunctionScheduleFailed",
     "lambdaFunctionScheduleFailedEventDetails", Family::Task, Action::Failed},
    {HistoryEventType::LambdaFunctionStarted, "LambdaFunctionStarted", "", Family::Task,
     Action::Started},
    {HistoryEventType::LambdaFunctionStartFailed, "LambdaFunctionStartFailed",
     "lambdaFunctionStartFailedEventDetails", Family::Task, Action::Failed},
    {HistoryEventType::LambdaFunctionSucceeded, "LambdaFunctionSucceeded",
     "lambdaFunctionSucceededEventDetails", Family::Task, Action::Succeeded},
    {HistoryEventType::LambdaFunctionTimedOut, "LambdaFunctionTimedOut",
     "lambdaFunctionTimedOutEventDetails", Family::Task, Action::TimedOut},
    {HistoryEventType::MapIterationAborted, "MapIterationAborted",
     "mapIterationAbortedEventDetails", Family::MapIteration, Action::Aborted},
    {HistoryEventType::MapIterationFailed, "MapIterationFailed", "mapIterationFailedEventDetails",
     Family::MapIteration, Action::Failed},
    {HistoryEventType::MapIterationStarted, "MapIterationStarted",
     "mapIterationStartedEventDetails", Family::MapIteration, Action::Started},
    {HistoryEventType::MapIterationSucceeded, "MapIterationSucceeded",
     "mapIterationSucceededEventDetails", Family::MapIteration, Action::Succeeded},
    {HistoryEventType::MapRunAborted, "MapRunAborted", "", Family::Map, Action::Aborted},
    {HistoryEventType::MapRunFailed, "MapRunFailed", "mapRunFailedEventDetails", Family::Map,
     Action::Failed},
    {HistoryEventType::MapRunRedriven, "MapRunRedriven", "mapRunRedrivenEventDetails", Family::Map,
     Action::Redriven},
    {HistoryEventType::MapRunStarted, "MapRunStarted", "mapRunStartedEventDetails", Family::Map,
     Action::Started},
    {HistoryEventType::MapRunSucceeded, "MapRunSucceeded", "", Family::Map, Action::Succeeded},
    {HistoryEventType::MapStateAborted, "MapStateAborted", "", Family::State, Action::Aborted},
    {HistoryEventType::MapStateEntered, "MapStateEntered", "stateEnteredEventDetails",
     Family::State, Action::Entered},
    {HistoryEventType::MapStateExited, "MapStateExited", "stateExitedEventDetails", Family::State,
     Action::Exited},
    {HistoryEventType::MapStateFailed, "MapStateFailed", "", Family::Map, Action::Failed},
    {HistoryEventType::MapStateStarted, "MapStateStarted", "mapStateStartedEventDetails",
     Family::Map, Action::Started},
    {HistoryEventType::MapStateSucceeded, "MapStateSucceeded", "", Family::Map, Action::Succeeded},
    {HistoryEventType::ParallelStateAborted, "ParallelStateAborted", "", Family::State,
     Action::Aborted},
    {HistoryEventType::ParallelStateEntered, "ParallelStateEntered", "stateEnteredEventDetails",
     Family::State, Action::Entered},
    {HistoryEventType::ParallelStateExited, "ParallelStateExited", "stateExitedEventDetails",
     Family::State, Action::Exited},
    {HistoryEventType::ParallelStateFailed, "ParallelStateFailed", "", Family::Parallel,
     Action::Failed},
    {HistoryEventType::ParallelStateStarted, "ParallelStateStarted", "", Family::Parallel,
     Action::Started},
    {HistoryEventType::ParallelStateSucceeded, "ParallelStateSucceeded", "", Family::Parallel,
     Action::Succeeded},
    {HistoryEventType::PassStateEntered, "PassStateEntered", "stateEnteredEventDetails",
     Family::State, Action::Entered},
    {HistoryEventType::PassStateExited, "PassStateExited", "stateExitedEventDetails", Family::State,
     Action::Exited},
    {HistoryEventType::SucceedStateEntered, "SucceedStateEntered", "stateEnteredEventDetails",
     Family::State, Action::Entered},
    {HistoryEventType::SucceedStateExited, "SucceedStateExited", "stateExitedEventDetails",
     Family::State, Action::Exited},
    {HistoryEventType::TaskFailed, "TaskFailed", "taskFailedEventDetails", Family::Task,
     Action::Failed},
    {HistoryEventType::TaskScheduled, "TaskScheduled", "taskScheduledEventDetails", Family::Task,
     Action::Scheduled},
    {HistoryEventType::TaskStarted, "TaskStarted", "taskStartedEventDetails", Family::Task,
     Action::Started},
    {HistoryEventType::TaskStartFailed, "TaskStartFailed", "taskStartFailedEventDetails",
     Family::Task, Action::Failed},
    {HistoryEventType::TaskStateAborted, "TaskStateAborted", "", Family::State, Action::Aborted},
    {HistoryEventType::TaskStateEntered, "TaskStateEntered", "stateEnteredEventDetails",
     Family::State, Action::Entered},
    {HistoryEventType::TaskStateExited, "TaskStateExited", "stateExitedEventDetails", Family::State,
     Action::Exited},
    {HistoryEventType::TaskSubmitFailed, "TaskSubmitFailed", "taskSubmitFailedEventDetails",
     Family::Task, Action::Failed},
    {HistoryEventType::TaskSubmitted, "TaskSubmitted", "taskSubmittedEventDetails", Family::Task,
     Action::Submitted},
    {HistoryEventType::TaskSucceeded, "TaskSucceeded", "taskSucceededEventDetails", Family::Task,
     Action::Succeeded},
    {HistoryEventType::TaskTimedOut, "TaskTimedOut", "taskTimedOutEventDetails", Family::Task,
     Action::TimedOut},
    {HistoryEventType::WaitStateAborted, "WaitStateAborted", "", Family::State, Action::Aborted},
    {HistoryEventType::WaitStateEntered, "WaitStateEntered", "stateEnteredEventDetails",
     Family::State, Action::Entered},
    {HistoryEventType::WaitStateExited, "WaitStateExited", "stateExitedEventDetails", Family::State,
     Action::Exited},
};

constexpr bool tableFollowsEnum()
{
    for (std::size_t i = 0; i < std::size(eventTypes); ++i) {
        if (static_cast<std::size_t>(eventTypes[i].type) != i)
            return false;
    }
    return std::size(eventTypes) == static_cast<std::size_t>(HistoryEventType::WaitStateExited) + 1;
}
static_assert(tableFollowsEnum(), "the event type table lists every type in the enum's order");

const EventTypeInfo &info(HistoryEventType type)
{
    return eventTypes[static_cast<std::size_t>(type)];
}

} // namespace

std::string_view toString(HistoryEventType type)
{
    return info(type).name;
}

std::string_view detailsKey(HistoryEventType type)
{
    return info(type).detailsKey;
}

std::optional<HistoryEventType> historyEventTypeFromString(std::string_view name)
{
    for (const EventTypeInfo &entry : eventTypes) {
        if (entry.name == name)
            return entry.type;
    }
    return std::nullopt;
}

bool endsExecution(HistoryEventType type)
{
    switch (type) {
    case HistoryEventType::ExecutionSucceeded:
    case HistoryEventType::ExecutionFailed:
    case HistoryEventType::ExecutionTimedOut:
    case HistoryEventType::ExecutionAborted:
        return true;
    default:
        return false;
    }
}

HistoryEventFamily eventFamily(HistoryEventType type)
{
    return info(type).family;
}

HistoryEventAction eventAction(HistoryEventType type)
{
    return info(type).action;
}

bool isStateEntered(HistoryEventType type)
{
    return info(type).family == Family::State && info(type).action == Action::Entered;
}

bool isStateExited(HistoryEventType type)
{
    return info(type).family == Family::State && info(type).action == Action::Exited;
}

bool isStateEvent(HistoryEventType type)
{
    return isStateEntered(type) || isStateExited(type);
}

bool isFailureEvent(HistoryEventType type)
{
    return info(type).action == Action::Failed || info(type).action == Action::TimedOut;
}

Model::StateType enteredStateType(HistoryEventType type)
{
    for (Model::StateType stateType : Model::allStateTypes) {
        if (enteredEventType(stateType) == type)
            return stateType;
    }
    return Model::StateType::Pass;
}

HistoryEventType enteredEventType(Model::StateType type)
{
    using Model::StateType;
    switch (type) {
    case StateType::Task:
        return HistoryEventType::TaskStateEntered;
    case StateType::Choice:
        return HistoryEventType::ChoiceStateEntered;
    case StateType::Wait:
        return HistoryEventType::WaitStateEntered;
    case StateType::Succeed:
        return HistoryEventType::SucceedStateEntered;
    case StateType::Fail:
        return HistoryEventType::FailStateEntered;
    case StateType::Parallel:
        return HistoryEventType::ParallelStateEntered;
    case StateType::Map:
        return HistoryEventType::MapStateEntered;
    case StateType::Pass:
    case StateType::Unknown:
        break;
    }
    return HistoryEventType::PassStateEntered;
}

HistoryEventType exitedEventType(Model::StateType type)
{
    using Model::StateType;
    switch (type) {
    case StateType::Task:
        return HistoryEventType::TaskStateExited;
    case StateType::Choice:
        return HistoryEventType::ChoiceStateExited;
    case StateType::Wait:
        return HistoryEventType::WaitStateExited;
    case StateType::Succeed:
        return HistoryEventType::SucceedStateExited;
    case StateType::Parallel:
        return HistoryEventType::ParallelStateExited;
    case StateType::Map:
        return HistoryEventType::MapStateExited;
    case StateType::Fail:
        return HistoryEventType::FailStateEntered;
    case StateType::Pass:
    case StateType::Unknown:
        break;
    }
    return HistoryEventType::PassStateExited;
}

Model::Json HistoryEvent::toJson() const
{
    Model::Json out = Model::Json::object();
    std::string stamp = formatTimestampMillis(timestampMillis);
    // The AWS CLI prints timestamps with an explicit UTC offset.
    stamp.pop_back();
    out["timestamp"] = stamp + "000+00:00";
    out["type"] = std::string(typeName());
    out["id"] = id;
    out["previousEventId"] = previousEventId;
    for (auto it = details.begin(); it != details.end(); ++it)
        out[it.key()] = it.value();
    return out;
}

std::string HistoryEvent::stateName() const
{
    for (const char *key : {"stateEnteredEventDetails", "stateExitedEventDetails"}) {
        auto it = details.find(key);
        if (it != details.end() && it->contains("name"))
            return it->at("name").get<std::string>();
    }
    return {};
}

} // namespace Stepwise::Sim
