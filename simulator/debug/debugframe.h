#pragma once

#include "model/json/json.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace Stepwise::Sim {

// How a state looks at one moment of a run, as the AWS console colours its graph.
enum class StateRunStatus {
    NotRun,    // never entered
    Running,   // entered and not left by at least one line (see StateRun::running)
    Succeeded, // last left normally (StateExited)
    Failed,    // last visit failed and nothing caught it
    Caught,    // last visit failed and a Catch took it to its handler
    Cancelled, // last visit was ended from outside (a sibling branch or iteration failed)
};

// Why a run stopped advancing on its own.
enum class PauseReason {
    None,       // running, or not started
    Step,       // a step command finished
    Breakpoint, // a breakpoint matched (DebugFrame::breakpointId says which)
    RunToHere,  // the state given to runToState() was reached
    Error,      // break on error: a *Failed / *TimedOut event just happened
    AskMe,      // a Task waits for the caller's result (DebugFrame::askMeTasks)
    Callback,   // only .waitForTaskToken tasks remain and the caller must answer them
    Paused,     // pause() was called
    Finished,   // the execution ended (or the replayed history has no more events)
};

enum class TransitionKind {
    Next,       // the state's Next
    ChoiceRule, // a Choice rule matched (index: its position in Choices)
    Default,    // a Choice's Default
    Catch,      // a Catch took the error (index: its position in Catch)
};

// One state of the definition at the frame's moment. `pointer` is the state's JSON pointer in
// the definition ("/States/Fan/Branches/0/States/Work"), the key the canvas finds its item by.
struct StateRun
{
    std::string name;
    std::string pointer;
    StateRunStatus status = StateRunStatus::NotRun;
    int running = 0; // lines (the machine, Parallel branches, Map iterations) inside it now
    int visits = 0;  // times entered so far
    std::int64_t lastEnteredEventId = 0;
};

// The transition just taken (the edge the canvas animates).
struct TakenTransition
{
    std::string from, to; // state names
    std::string fromPointer, toPointer;
    TransitionKind kind = TransitionKind::Next;
    int index = -1;           // Choice rule or Catch index; -1 for Next and Default
    std::int64_t eventId = 0; // the StateEntered event of `to`
};

// A state waiting on the virtual clock: a Wait, or a retry's backoff before the next attempt.
struct Countdown
{
    enum class Kind { Wait, RetryBackoff, TaskTimeout };
    Kind kind = Kind::Wait;
    std::string stateName;
    std::int64_t startedAtMillis = 0; // virtual clock
    std::int64_t deadlineMillis = 0;  // virtual clock; left = deadline - DebugFrame::nowMillis
};

// A .waitForTaskToken task the caller may answer (SendTaskSuccess / Failure / Heartbeat).
struct WaitingCallback
{
    std::string taskToken;
    std::string stateName;
    Model::Json payload;                // the parameters the task was called with
    std::int64_t timesOutAtMillis = -1; // virtual clock; -1: waits until the execution's limit
};

// A plain Task paused in "ask me" mode, waiting for DebugSession::answerTask().
struct AskMeTask
{
    std::int64_t id = 0; // pass to answerTask(); stable across step back and re-run
    std::string stateName;
    std::string resource;
    Model::Json parameters; // the effective input the task was called with
    int invocation = 0;     // how many times this state called its task before (retries)
    // What the other task results (the mock, the built-in emulation) would have been: a
    // result, or an error and cause; none when nothing else answers this Task.
    std::optional<Model::Json> suggestedResult;
    std::optional<std::string> suggestedError, suggestedCause;
};

// Everything the views show for one moment of a run or of a replayed history. Frames are
// values: the GUI keeps the last one it was sent and never shares it with the worker.
struct DebugFrame
{
    std::int64_t eventIndex = 0; // events so far (the last event's id); 0 before the start
    std::int64_t eventCount = 0; // events known in all (the run's furthest point or the
                                 // replayed history's length): eventIndex < eventCount means
                                 // the frame is in the past (after step back)
    std::int64_t nowMillis = 0;  // virtual clock (epoch milliseconds)
    std::int64_t startMillis = 0;
    std::string executionStatus; // "RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"
    PauseReason paused = PauseReason::None;
    int breakpointId = -1;        // with PauseReason::Breakpoint
    std::vector<StateRun> states; // every state of the definition, in compiled order
    std::optional<TakenTransition> transition;
    std::vector<Countdown> countdowns;
    std::vector<WaitingCallback> callbacks;
    std::vector<AskMeTask> askMeTasks;
    std::optional<Model::Json> output;       // once succeeded
    std::optional<std::string> error, cause; // once failed

    // The StateRun named `name`, or nullptr.
    const StateRun *state(const std::string &name) const;
};

// Lower-case words for logs and tooltips ("running", "ask me", "Choice rule"). Not named
// toString: QtTest finds toString by argument lookup and frees what it returns.
const char *toText(StateRunStatus status);
const char *toText(PauseReason reason);
const char *toText(TransitionKind kind);

} // namespace Stepwise::Sim
