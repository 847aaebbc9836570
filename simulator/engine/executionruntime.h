#pragma once

#include "model/json/json.h"
#include "simulator/engine/execution.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace Stepwise::Sim {

// Where a line of execution stands within its current state.
enum class Phase {
    IterationStart,    // a Map iteration announces itself (MapIterationStarted)
    Enter,             // next: <Type>StateEntered
    Reenter,           // a retry evaluates the state's entry fields again (no event first)
    TaskSchedule,      // next: TaskScheduled / LambdaFunctionScheduled
    TaskStart,         // next: TaskStarted / LambdaFunctionStarted
    TaskSubmit,        // .sync / .waitForTaskToken: TaskSubmitted, then the outcome
    TaskAwaitCallback, // .waitForTaskToken: until the token comes back or a timeout (wakeAt)
    TaskFinish,        // next: TaskSucceeded / TaskFailed
    ContainerStart,    // next: ParallelStateStarted / MapStateStarted, then children run
    MapRunStart,       // distributed Map: MapRunStarted, then the child executions run
    ContainerWait,     // children running; not schedulable
    MapRunEnd,         // distributed Map: MapRunSucceeded / MapRunFailed
    ContainerEnd,      // children done: <Type>StateSucceeded or <Type>StateFailed
    Exit,              // next: <Type>StateExited (the output is ready)
    Fail,              // the line fails with m_failure (ExecutionFailed or up to the parent)
    IterationEnd,      // MapIterationSucceeded / MapIterationFailed
    Finish,            // the state machine's line ended: ExecutionSucceeded
    Done,
};

enum class ThreadKind { Root, Branch, Iteration };

// A failure on its way up a line of execution. AWS leaves an absent error or cause (a Fail
// state without one, SendTaskFailure with neither) out of the events and the Catch output.
struct RaisedFailure
{
    Failure failure;
    bool hasError = true;
    bool hasCause = true;
};

// A Task state's visit: what it sends, what came back and its timers.
struct TaskVisit
{
    Model::Json effective; // after InputPath + Parameters: what the task receives
    // Credentials' RoleArn as evaluated for this attempt, null when the state has none.
    Model::Json roleArn;
    TaskResponse response; // between TaskStarted and TaskSucceeded/Failed
    // TimeoutSeconds and HeartbeatSeconds as resolved on entry.
    std::optional<std::int64_t> timeoutMillis;
    std::optional<std::int64_t> heartbeatMillis;
    std::string token;            // .waitForTaskToken: the token sent out
    std::int64_t startedAt = 0;   // when it started ...
    std::int64_t heartbeatAt = 0; // ... and last sent a heartbeat
    std::int64_t startedEventId = 0;
    bool askedCaller = false; // a plain Task whose result the caller gives (see TaskResponse)
    std::int64_t askId = 0;   // with askedCaller: 1, 2, ... in the order the tasks asked
    int invocation = 0;       // TaskRequest::invocation of this call

    // When a task waiting for its token times out: TimeoutSeconds after it started or
    // HeartbeatSeconds after its last heartbeat, whichever comes first (INT64_MAX: never).
    std::int64_t callbackDeadline() const
    {
        std::int64_t deadline = INT64_MAX;
        if (timeoutMillis)
            deadline = std::min(deadline, startedAt + *timeoutMillis);
        // Heartbeats come from activity workers and callbacks, not from a caller's answer.
        if (heartbeatMillis && !askedCaller)
            deadline = std::min(deadline, heartbeatAt + *heartbeatMillis);
        return deadline;
    }
};

// A Parallel or Map state's visit: its children and their results.
struct ContainerVisit
{
    std::vector<Model::Json> results; // per branch / item
    std::vector<char> succeeded;      // per branch / item that ended well (sized lazily)
    // The effective input branches and the ItemSelector see; none: the state's input itself.
    std::optional<Model::Json> input;
    int started = 0;
    int running = 0;
    int done = 0;
    int failed = 0; // Map iterations that failed (tolerated or not)
    // A child (or the ItemSelector) failed: the container fails with this once it ends.
    std::optional<RaisedFailure> failure;
    std::int64_t lastChildEvent = 0;
    std::int64_t lastChainedChildEvent = 0;

    void markSucceeded(int slot)
    {
        if (succeeded.size() < results.size())
            succeeded.resize(results.size(), 0);
        succeeded[static_cast<size_t>(slot)] = 1;
    }
    bool hasSucceeded(int slot) const
    {
        return static_cast<size_t>(slot) < succeeded.size() && succeeded[static_cast<size_t>(slot)];
    }
};

// A Map state's visit: its items and how many may run and fail.
struct MapVisit
{
    std::vector<Model::Json> items; // the items (after ItemSelector lazily)
    int maxConcurrency = 0;
    std::optional<int> toleratedCount;
    std::optional<double> toleratedPercentage;
    std::optional<Failure> itemReaderFailure; // raised once the map run started
    std::string mapRunArn;                    // a distributed Map's, once it started
};

// One line of execution: the state machine itself, a Parallel branch or a Map iteration.
struct ExecThread
{
    ThreadKind kind = ThreadKind::Root;
    std::int64_t line = 0; // stable id of this line (slots are reused, ids are not)
    int parent = -1;
    int slot = 0; // branch or item index
    // Runs inside a distributed Map's child execution: its events are not in this history.
    bool hidden = false;
    int scope = 0;
    int state = -1;
    Phase phase = Phase::Enter;
    std::int64_t wakeAt = 0;
    std::int64_t backoffFrom = 0; // when the retry now waiting for wakeAt was decided
    std::int64_t lastEventId = 0;
    std::int64_t enteredEventId = 0;
    std::int64_t enteredPreviousEventId = 0; // what the entered event followed
    std::int64_t enteredAt = 0;

    Model::Json input;            // the current state's input
    std::int64_t inputSize = -1;  // at least its JSON text's size; -1 until counted
    std::int64_t outputSize = -1; // the same for `output`
    Model::Json output;           // ready for <Type>StateExited / the line's result
    Model::Json pendingAssign;    // variables to set when the state exits (null: none)
    Model::Json variables = Model::Json::object();
    RaisedFailure failure;   // what the line fails with in Phase::Fail
    int nextState = -1;      // where Exit goes (-1: the line ends)
    int retryCount = 0;      // $$.State.RetryCount
    bool retryEntry = false; // the failure being retried came from the entry fields
    std::vector<int> retryAttempts;
    int stageIndex = -1;

    TaskVisit task;
    ContainerVisit container;
    MapVisit map;
};

// The state visit the context object's $$.State / $$.Task were last filled for.
struct ContextKey
{
    int thread = -1;
    int state = -1;
    std::int64_t enteredEventId = 0;
    std::int64_t enteredAt = 0;
    int retryCount = 0;
    bool operator==(const ContextKey &) const = default;
};

struct Execution::Runtime
{
    // The thread of the distributed Map whose map run `mapRunArn` is running; -1 if none.
    int runningMapRun(const std::string &mapRunArn) const
    {
        for (int ti : live) {
            const ExecThread &t = threads[static_cast<size_t>(ti)];
            if (t.phase == Phase::ContainerWait && !t.map.mapRunArn.empty()
                && t.map.mapRunArn == mapRunArn)
                return ti;
        }
        return -1;
    }

    std::vector<ExecThread> threads;
    std::vector<int> live;        // threads not Done
    std::vector<int> finished;    // Done this step; recycled at the next
    std::vector<int> freeThreads; // slots ready for new threads
    std::vector<HistoryEvent> history;
    std::vector<StageRecord> stages;
    std::int64_t eventCount = 0;
    std::int64_t statesEntered = 0;
    std::int64_t linesStarted = 1; // the machine's own line is 0
    std::int64_t now = 0;
    std::int64_t start = 0;
    std::mt19937_64 random;
    ExecutionStatus status = ExecutionStatus::Running;
    bool started = false;
    Model::Json output;
    RaisedFailure failure;
    Model::Json input;
    Model::Json context;
    std::int64_t contextTimeMillis = -1; // EnteredTime last formatted, and its text
    std::string contextTimeText;
    ContextKey contextKey;
    Model::Json mapContext; // $$.Map while an ItemSelector runs, kept for the next item
    std::string executionArn;
    std::vector<int> invocations; // per state: task calls so far
    std::int64_t callerAsks = 0;  // plain Tasks that asked the caller so far
    // The scheduler's scratch list, kept here so that stepping one event at a time (an
    // Engine per step) allocates nothing.
    std::vector<int> runnable;
    std::vector<std::string> unansweredCallbacks; // states still waiting when it ended
    // The top-level state last entered, with its input and variables then (kept with
    // ExecutionOptions::redrivable): Execution::redrivePoint().
    int redriveState = -1;
    Model::Json redriveInput;
    Model::Json redriveVariables;
    // A redrive: children of the resumed Parallel or Map that succeeded before, by index;
    // handed to the container when it starts.
    std::vector<std::pair<int, Model::Json>> keptChildren;
};

class Execution::Snapshot
{
  public:
    explicit Snapshot(Runtime runtime)
        : m_runtime(std::move(runtime))
    {}
    const Runtime &runtime() const { return m_runtime; }

  private:
    Runtime m_runtime;
};

} // namespace Stepwise::Sim
