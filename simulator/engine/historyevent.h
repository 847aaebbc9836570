#pragma once

#include "model/asl/statetype.h"
#include "model/json/json.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace Stepwise::Sim {

// Every history event type AWS Step Functions records, named as GetExecutionHistory names
// them (the table in historyevent.cpp holds the names and details keys).
enum class HistoryEventType : std::uint8_t {
    ActivityFailed,
    ActivityScheduled,
    ActivityScheduleFailed,
    ActivityStarted,
    ActivitySucceeded,
    ActivityTimedOut,
    ChoiceStateEntered,
    ChoiceStateExited,
    EvaluationFailed,
    ExecutionAborted,
    ExecutionFailed,
    ExecutionRedriven,
    ExecutionStarted,
    ExecutionSucceeded,
    ExecutionTimedOut,
    FailStateEntered,
    LambdaFunctionFailed,
    LambdaFunctionScheduled,
    LambdaFunctionScheduleFailed,
    LambdaFunctionStarted,
    LambdaFunctionStartFailed,
    LambdaFunctionSucceeded,
    LambdaFunctionTimedOut,
    MapIterationAborted,
    MapIterationFailed,
    MapIterationStarted,
    MapIterationSucceeded,
    MapRunAborted,
    MapRunFailed,
    MapRunRedriven,
    MapRunStarted,
    MapRunSucceeded,
    MapStateAborted,
    MapStateEntered,
    MapStateExited,
    MapStateFailed,
    MapStateStarted,
    MapStateSucceeded,
    ParallelStateAborted,
    ParallelStateEntered,
    ParallelStateExited,
    ParallelStateFailed,
    ParallelStateStarted,
    ParallelStateSucceeded,
    PassStateEntered,
    PassStateExited,
    SucceedStateEntered,
    SucceedStateExited,
    TaskFailed,
    TaskScheduled,
    TaskStarted,
    TaskStartFailed,
    TaskStateAborted,
    TaskStateEntered,
    TaskStateExited,
    TaskSubmitFailed,
    TaskSubmitted,
    TaskSucceeded,
    TaskTimedOut,
    WaitStateAborted,
    WaitStateEntered,
    WaitStateExited,
};

// What an event is about and what it says happened (the first and last words of its name),
// kept in the table with the names: readers that follow a history (the debugger) test these,
// never the names.
enum class HistoryEventFamily : std::uint8_t {
    Execution,    // Execution*
    State,        // <Type>StateEntered, <Type>StateExited, <Type>StateAborted (every state type)
    Task,         // a Task state's call: Task*, LambdaFunction*, Activity*
    Evaluation,   // EvaluationFailed
    MapIteration, // MapIteration*
    Map,          // MapStateStarted, MapStateSucceeded, MapStateFailed, MapRun*
    Parallel,     // ParallelStateStarted, ParallelStateSucceeded, ParallelStateFailed
};
enum class HistoryEventAction : std::uint8_t {
    Entered,
    Exited,
    Aborted,
    Scheduled,
    Started,
    Submitted,
    Succeeded,
    Failed, // also ScheduleFailed, StartFailed, SubmitFailed
    TimedOut,
    Redriven,
};

// "TaskScheduled", ...
std::string_view toString(HistoryEventType type);
HistoryEventFamily eventFamily(HistoryEventType type);
HistoryEventAction eventAction(HistoryEventType type);
// The member holding the event's details ("taskScheduledEventDetails"), or empty for the
// types AWS records without details.
std::string_view detailsKey(HistoryEventType type);
std::optional<HistoryEventType> historyEventTypeFromString(std::string_view name);
// ExecutionSucceeded, ExecutionFailed, ExecutionTimedOut, ExecutionAborted.
bool endsExecution(HistoryEventType type);
// <Type>StateEntered (every state type).
bool isStateEntered(HistoryEventType type);
// <Type>StateExited (every state type but Fail).
bool isStateExited(HistoryEventType type);
// A state entered or exited: what stepping by state stops at.
bool isStateEvent(HistoryEventType type);
// Every *Failed and *TimedOut event (a task's, an evaluation's, a container's, the execution's).
bool isFailureEvent(HistoryEventType type);
// The state type a <Type>StateEntered event names (Pass for other events).
Model::StateType enteredStateType(HistoryEventType type);

// <Type>StateEntered and <Type>StateExited. (A Fail state never exits and an unknown type
// never compiles: both map to their entered event.)
HistoryEventType enteredEventType(Model::StateType type);
HistoryEventType exitedEventType(Model::StateType type);

// One event of an execution's history, as GetExecutionHistory returns it: `details` holds the
// type's details member ({"stateEnteredEventDetails": {...}}) or is an empty object.
struct HistoryEvent
{
    std::int64_t id = 0;
    std::int64_t previousEventId = 0;
    std::int64_t timestampMillis = 0;
    HistoryEventType type = HistoryEventType::ExecutionStarted;
    Model::Json details = Model::Json::object();
    // The engine's index of the state whose line emitted the event (CompiledMachine::state);
    // -1 for events read from a history.
    int state = -1;

    std::string_view typeName() const { return toString(type); }
    // {"timestamp", "type", "id", "previousEventId", "<xxx>EventDetails": {...}} with the
    // payloads as JSON text, exactly as `aws stepfunctions get-execution-history` prints.
    Model::Json toJson() const;
    // The state name the event names (entered/exited events), or empty.
    std::string stateName() const;
};

} // namespace Stepwise::Sim
