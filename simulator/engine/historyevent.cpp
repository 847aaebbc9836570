#include "simulator/engine/historyevent.h"

#include "simulator/engine/timestamp.h"

#include <array>

namespace Stepwise::Sim {

namespace {

struct EventTypeInfo
{
    HistoryEventType type;
    std::string_view name;
    std::string_view detailsKey;
};

// AWS's history event types, in the enum's order, with the member their details go in.
constexpr EventTypeInfo eventTypes[] = {
    {HistoryEventType::ActivityFailed, "ActivityFailed", "activityFailedEventDetails"},
    {HistoryEventType::ActivityScheduled, "ActivityScheduled", "activityScheduledEventDetails"},
    {HistoryEventType::ActivityScheduleFailed, "ActivityScheduleFailed",
     "activityScheduleFailedEventDetails"},
    {HistoryEventType::ActivityStarted, "ActivityStarted", ""},
    {HistoryEventType::ActivitySucceeded, "ActivitySucceeded", "activitySucceededEventDetails"},
    {HistoryEventType::ActivityTimedOut, "ActivityTimedOut", "activityTimedOutEventDetails"},
    {HistoryEventType::ChoiceStateEntered, "ChoiceStateEntered", "stateEnteredEventDetails"},
    {HistoryEventType::ChoiceStateExited, "ChoiceStateExited", "stateExitedEventDetails"},
    {HistoryEventType::EvaluationFailed, "EvaluationFailed", "evaluationFailedEventDetails"},
    {HistoryEventType::ExecutionAborted, "ExecutionAborted", "executionAbortedEventDetails"},
    {HistoryEventType::ExecutionFailed, "ExecutionFailed", "executionFailedEventDetails"},
    {HistoryEventType::ExecutionRedriven, "ExecutionRedriven", "executionRedrivenEventDetails"},
    {HistoryEventType::ExecutionStarted, "ExecutionStarted", "executionStartedEventDetails"},
    {HistoryEventType::ExecutionSucceeded, "ExecutionSucceeded", "executionSucceededEventDetails"},
    {HistoryEventType::ExecutionTimedOut, "ExecutionTimedOut", "executionTimedOutEventDetails"},
    {HistoryEventType::FailStateEntered, "FailStateEntered", "stateEnteredEventDetails"},
    {HistoryEventType::LambdaFunctionFailed, "LambdaFunctionFailed",
     "lambdaFunctionFailedEventDetails"},
    {HistoryEventType::LambdaFunctionScheduled, "LambdaFunctionScheduled",
     "lambdaFunctionScheduledEventDetails"},
    {HistoryEventType::LambdaFunctionScheduleFailed, "LambdaFunctionScheduleFailed",
     "lambdaFunctionScheduleFailedEventDetails"},
    {HistoryEventType::LambdaFunctionStarted, "LambdaFunctionStarted", ""},
    {HistoryEventType::LambdaFunctionStartFailed, "LambdaFunctionStartFailed",
     "lambdaFunctionStartFailedEventDetails"},
    {HistoryEventType::LambdaFunctionSucceeded, "LambdaFunctionSucceeded",
     "lambdaFunctionSucceededEventDetails"},
    {HistoryEventType::LambdaFunctionTimedOut, "LambdaFunctionTimedOut",
     "lambdaFunctionTimedOutEventDetails"},
    {HistoryEventType::MapIterationAborted, "MapIterationAborted",
     "mapIterationAbortedEventDetails"},
    {HistoryEventType::MapIterationFailed, "MapIterationFailed", "mapIterationFailedEventDetails"},
    {HistoryEventType::MapIterationStarted, "MapIterationStarted",
     "mapIterationStartedEventDetails"},
    {HistoryEventType::MapIterationSucceeded, "MapIterationSucceeded",
     "mapIterationSucceededEventDetails"},
    {HistoryEventType::MapRunAborted, "MapRunAborted", ""},
    {HistoryEventType::MapRunFailed, "MapRunFailed", "mapRunFailedEventDetails"},
    {HistoryEventType::MapRunRedriven, "MapRunRedriven", "mapRunRedrivenEventDetails"},
    {HistoryEventType::MapRunStarted, "MapRunStarted", "mapRunStartedEventDetails"},
    {HistoryEventType::MapRunSucceeded, "MapRunSucceeded", ""},
    {HistoryEventType::MapStateAborted, "MapStateAborted", ""},
    {HistoryEventType::MapStateEntered, "MapStateEntered", "stateEnteredEventDetails"},
    {HistoryEventType::MapStateExited, "MapStateExited", "stateExitedEventDetails"},
    {HistoryEventType::MapStateFailed, "MapStateFailed", ""},
    {HistoryEventType::MapStateStarted, "MapStateStarted", "mapStateStartedEventDetails"},
    {HistoryEventType::MapStateSucceeded, "MapStateSucceeded", ""},
    {HistoryEventType::ParallelStateAborted, "ParallelStateAborted", ""},
    {HistoryEventType::ParallelStateEntered, "ParallelStateEntered", "stateEnteredEventDetails"},
    {HistoryEventType::ParallelStateExited, "ParallelStateExited", "stateExitedEventDetails"},
    {HistoryEventType::ParallelStateFailed, "ParallelStateFailed", ""},
    {HistoryEventType::ParallelStateStarted, "ParallelStateStarted", ""},
    {HistoryEventType::ParallelStateSucceeded, "ParallelStateSucceeded", ""},
    {HistoryEventType::PassStateEntered, "PassStateEntered", "stateEnteredEventDetails"},
    {HistoryEventType::PassStateExited, "PassStateExited", "stateExitedEventDetails"},
    {HistoryEventType::SucceedStateEntered, "SucceedStateEntered", "stateEnteredEventDetails"},
    {HistoryEventType::SucceedStateExited, "SucceedStateExited", "stateExitedEventDetails"},
    {HistoryEventType::TaskFailed, "TaskFailed", "taskFailedEventDetails"},
    {HistoryEventType::TaskScheduled, "TaskScheduled", "taskScheduledEventDetails"},
    {HistoryEventType::TaskStarted, "TaskStarted", "taskStartedEventDetails"},
    {HistoryEventType::TaskStartFailed, "TaskStartFailed", "taskStartFailedEventDetails"},
    {HistoryEventType::TaskStateAborted, "TaskStateAborted", ""},
    {HistoryEventType::TaskStateEntered, "TaskStateEntered", "stateEnteredEventDetails"},
    {HistoryEventType::TaskStateExited, "TaskStateExited", "stateExitedEventDetails"},
    {HistoryEventType::TaskSubmitFailed, "TaskSubmitFailed", "taskSubmitFailedEventDetails"},
    {HistoryEventType::TaskSubmitted, "TaskSubmitted", "taskSubmittedEventDetails"},
    {HistoryEventType::TaskSucceeded, "TaskSucceeded", "taskSucceededEventDetails"},
    {HistoryEventType::TaskTimedOut, "TaskTimedOut", "taskTimedOutEventDetails"},
    {HistoryEventType::WaitStateAborted, "WaitStateAborted", ""},
    {HistoryEventType::WaitStateEntered, "WaitStateEntered", "stateEnteredEventDetails"},
    {HistoryEventType::WaitStateExited, "WaitStateExited", "stateExitedEventDetails"},
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

bool isStateEntered(HistoryEventType type)
{
    return info(type).detailsKey == "stateEnteredEventDetails";
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
