#pragma once

#include "model/json/json.h"
#include "simulator/engine/compiledmachine.h"
#include "simulator/engine/executionoptions.h"
#include "simulator/engine/historyevent.h"
#include "simulator/expr/failure.h"
#include "simulator/tasks/taskexecutor.h"

#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <vector>

namespace Stepwise::Sim {

enum class ExecutionStatus { Running, Succeeded, Failed, TimedOut };

// Data of one state visit after each processing stage, named as AWS TestState's
// inspectionData (absent stages are absent keys): input, afterInputPath, afterParameters,
// result, afterResultSelector, afterResultPath, output, variables; errorDetails once an error
// was retried ({error, cause, retryIndex, retryBackoffIntervalSeconds}), caught ({error,
// cause, catchIndex}) or ended the visit ({error, cause}).
struct StageRecord
{
    std::string stateName;
    std::int64_t enteredEventId = 0;
    std::int64_t line = 0; // ActiveState::line of the visit
    int lineIndex = -1;    // the Parallel branch or Map item index of that line; -1: the machine
    Model::Json data = Model::Json::object();
    Model::Json context = Model::Json::object(); // the context object ("$$") on entry
};

// A state some line of execution is in (or about to enter).
struct ActiveState
{
    int thread = 0; // a slot, reused once its line ended
    int state = -1; // index into the machine's states
    bool aboutToEnter = false;
    // The line of execution (the machine, a Parallel branch or a Map iteration) and the line
    // that started it (-1 for the machine): stable ids, never reused within an execution.
    std::int64_t line = 0;
    std::int64_t parentLine = -1;
    // What the line waits for on the virtual clock, from when until when: a Wait state, a
    // retry's backoff, or the timeout of a task waiting for its token or the caller.
    enum class Timer { None, Wait, RetryBackoff, TaskTimeout };
    Timer timer = Timer::None;
    std::int64_t timerStartMillis = 0;
    std::int64_t timerEndMillis = 0;
};

// A .waitForTaskToken Task waiting for its token to be sent back, or a plain Task whose
// executor left its result to the caller (`askedCaller`; its token is the engine's own).
struct PendingCallback
{
    std::string taskToken;
    std::string stateName;
    int thread = 0;
    std::int64_t timesOutAtMillis = -1; // on the execution's clock; -1: never
    bool askedCaller = false;
    std::int64_t askId = 0;          // with askedCaller: 1, 2, ... in the order tasks asked
    std::int64_t startedEventId = 0; // the task's *Started event
    int invocation = 0;              // the state's task calls before this one (TaskRequest's)
};

// UpdateMapRun's new settings for a running distributed Map (absent: unchanged).
// A running map run's child executions, as DescribeMapRun counts them.
struct MapRunCounts
{
    int total = 0;
    int pending = 0; // not started yet
    int running = 0;
    int succeeded = 0;
    int failed = 0;
};

struct MapRunUpdate
{
    std::optional<int> maxConcurrency; // 0: as many as the engine runs at once
    std::optional<std::int64_t> toleratedFailureCount;
    std::optional<double> toleratedFailurePercentage;
};

// One execution of a compiled state machine: deterministic for a given seed, advanced one
// history event per step() on a virtual clock (Waits and retry delays cost no real time).
// Parallel branches and Map iterations are interleaved by a seeded scheduler. The object is
// a value: snapshot()/restore() copy it for stepping back. No Qt.
class Execution
{
  public:
    Execution(std::shared_ptr<const CompiledMachine> machine, Model::Json input,
              ExecutionOptions options = {});
    ~Execution();
    Execution(const Execution &) = delete;
    Execution &operator=(const Execution &) = delete;

    // Consulted in the order added for each Task; the first to answer wins.
    void addTaskExecutor(std::shared_ptr<TaskExecutor> executor);
    // Called for every event as it happens (also when history is not recorded). Without
    // `withDetails` (and no recorded history) the listener gets state events without their
    // details (HistoryEvent::state names the state; payloads are not serialised, which is
    // most of an event's cost); failures, Map iterations and the execution's end keep theirs.
    void setEventListener(std::function<void(const HistoryEvent &)> listener,
                          bool withDetails = true);

    // Advances by exactly one history event, or to a retry's backoff that begins with no event
    // of its own (a Parallel or Map whose children failed): that step adds no event and stops
    // before the clock moves, so the state is seen waiting (activeStates()' RetryBackoff).
    // False once the execution has ended, or while it waits for task tokens only the caller
    // can send (ExecutionOptions::callbacksFromCaller).
    bool step();
    // As step(), but also returns once the clock has moved, even with no event in the history:
    // a distributed Map's child executions keep their events to themselves, and a caller
    // pacing the run on a wall clock (the endpoint) must see their Waits take their time.
    bool stepPaced();
    // Steps until the end (or `maxEvents` more events when >= 0).
    ExecutionStatus run(std::int64_t maxEvents = -1);

    ExecutionStatus status() const;
    bool finished() const { return status() != ExecutionStatus::Running; }
    // The execution's output once it succeeded.
    const Model::Json &output() const;
    // Error and cause once it failed (the error may be empty: a Fail state without one).
    const Failure &failure() const;
    bool hasError() const;
    bool hasCause() const;

    const std::vector<HistoryEvent> &history() const;
    std::int64_t eventCount() const;
    // States entered so far (AWS's "state transitions").
    std::int64_t statesEntered() const;
    std::int64_t nowMillis() const;
    std::int64_t startMillis() const;
    const std::string &executionArn() const;

    // Tasks waiting for their task token; answering them is what SendTaskSuccess,
    // SendTaskFailure and SendTaskHeartbeat do on AWS. Each returns false when no task
    // waits for that token (AWS's TaskDoesNotExist / TaskTimedOut).
    std::vector<PendingCallback> pendingCallbacks() const;
    bool sendTaskSuccess(const std::string &taskToken, Model::Json output);
    bool sendTaskFailure(const std::string &taskToken, std::optional<std::string> error,
                         std::optional<std::string> cause);
    bool sendTaskHeartbeat(const std::string &taskToken);
    // UpdateMapRun: the map run goes on with the new settings: iterations not started yet
    // start up to the new concurrency, and failures count against the new tolerance (a map
    // run already past it fails). False when no running map run has that ARN.
    bool updateMapRun(const std::string &mapRunArn, const MapRunUpdate &update);
    // The children of a running map run now; none when no running map run has that ARN.
    std::optional<MapRunCounts> mapRunCounts(const std::string &mapRunArn) const;
    // Lets time pass while the execution waits for the caller (a task's timeout then fires
    // at the next step() once the clock reached it).
    void advanceClock(std::int64_t toMillis);
    // Where RedriveExecution continues this execution once it ended unsuccessfully (or was
    // stopped): the top-level state that did not complete. Needs ExecutionOptions::redrivable.
    std::optional<RedrivePoint> redrivePoint() const;
    // States whose task still waited for its token when the execution ended.
    const std::vector<std::string> &unansweredCallbacks() const;

    // States being executed, and those whose next step enters them (breakpoints stop there).
    std::vector<ActiveState> activeStates() const;
    // Inspection data of every state visit so far (needs ExecutionOptions::recordStages).
    const std::vector<StageRecord> &stages() const;
    const CompiledMachine &machine() const { return *m_machine; }

    // A copy of everything that changes while running; restore() rewinds to it.
    class Snapshot;
    std::shared_ptr<const Snapshot> snapshot() const;
    void restore(const Snapshot &snapshot);

    struct Runtime;

  private:
    class Engine;
    // step() and stepPaced(): one event, or a stop with none (see each).
    bool advance(bool stopWhenClockMoves);
    void internalError(const char *what);

    std::shared_ptr<const CompiledMachine> m_machine;
    ExecutionOptions m_options;
    std::vector<std::shared_ptr<TaskExecutor>> m_executors;
    std::function<void(const HistoryEvent &)> m_listener;
    bool m_listenerDetails = true;
    std::unique_ptr<Runtime> m_runtime;
};

} // namespace Stepwise::Sim
