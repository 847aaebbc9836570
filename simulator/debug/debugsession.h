#pragma once

#include "model/json/json.h"
#include "model/result.h"
#include "simulator/debug/askmeexecutor.h"
#include "simulator/debug/breakpoint.h"
#include "simulator/debug/callanswer.h"
#include "simulator/debug/debugframe.h"
#include "simulator/debug/statevisit.h"
#include "simulator/engine/executionoptions.h"
#include "simulator/engine/historyevent.h"
#include "simulator/tasks/taskexecutor.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace Stepwise::Sim {

class CompiledMachine;
class Execution;
class FrameBuilder;
class StateTable;

struct DebugSessionOptions
{
    // Seed, names, start time, limits as for any execution. recordHistory and recordStages
    // are managed by the session (it keeps the events and, with keepStages, every visit's
    // data); callbacksFromCaller is always on: .waitForTaskToken tasks wait for the caller.
    ExecutionOptions execution;
    // "Ask me": every Task that no executor answers (or every Task, with askMeAllTasks)
    // pauses the run at its start until answerTask()/failTask() gives its result or error
    // (.waitForTaskToken tasks wait for their token as always). With askMeAllTasks, each
    // question carries what the executors would have answered (AskMeTask::suggestion).
    bool askMe = false;
    bool askMeAllTasks = false;
    // Pause right after any failure event (TaskFailed, *TimedOut, ExecutionFailed, ...).
    bool breakOnError = false;
    // A checkpoint every this many events; step back re-runs from the nearest one.
    int checkpointEvery = 256;
    // Keep every visit's inspection data (off for million-event runs that only need the
    // canvas and the log; visits() is then empty).
    bool keepStages = true;
    // Keep every event (the timeline): step back, jump, the event log and historyJson()
    // need it. Off for Express-style runs of millions of events: frames only, no going back.
    bool keepEvents = true;
};

// A debugging session over one execution of a definition: breakpoints, step (one event, or
// to the next state entered or exited), continue, pause, run to a state, step back and jump
// to any event already seen, caller answers (ask-me task results, SendTaskSuccess/Failure/
// Heartbeat, time out now) journaled so that a re-run after stepping back applies them again
// at the same events. Deterministic: the same definition, input, options and answers give
// the same events, whether run straight or stepped back and forth.
//
// Not thread-safe: one thread drives it (RunController's worker), except requestPause().
// Qt Core only; the views include this layer and not the engine.
class DebugSession
{
  public:
    // Compiles the definition (an error names the place) and prepares the run; nothing has
    // happened yet (eventIndex() == 0). Executors are consulted in order for each Task.
    static Model::Result<std::unique_ptr<DebugSession>>
    create(const Model::Json &definition, Model::Json input, DebugSessionOptions options = {},
           std::vector<std::shared_ptr<TaskExecutor>> executors = {});
    ~DebugSession();
    DebugSession(const DebugSession &) = delete;
    DebugSession &operator=(const DebugSession &) = delete;

    // ---- breakpoints ------------------------------------------------------------------
    // The new breakpoint's id, or an error (unknown state, a condition that does not compile).
    Model::Result<int> setBreakpoint(Breakpoint breakpoint);
    bool removeBreakpoint(int id);
    bool setBreakpointEnabled(int id, bool enabled);
    std::vector<Breakpoint> breakpoints() const;
    void setBreakOnError(bool on);
    void setAskMe(bool on, bool allTasks = false);

    // ---- moving forward ---------------------------------------------------------------
    // A Parallel or Map retried after its children failed begins its backoff with no event:
    // the run stops there too (a moment with the same eventIndex() as the event before it,
    // the retry counting down in frame()), and stepEvent() and step back visit that moment.
    // Each returns why it stopped. Forward moves within the already-seen timeline replay
    // deterministically; beyond it they run the engine. A pause point (breakpoint, error,
    // ask-me) stops a move only after at least one event, so repeating a move makes progress.
    PauseReason stepEvent(); // one event, or to a retry's wait (see above)
    // F10: until the next StateEntered or StateExited event (any line), or a pause point.
    PauseReason stepState();
    // Until a pause point or the end; with maxEvents >= 0 at most that many events (then
    // PauseReason::None: the RunController runs in slices this way).
    PauseReason continueRun(std::int64_t maxEvents = -1);
    // Continue until `stateName` is entered (a one-shot breakpoint), or another pause point.
    PauseReason runToState(const std::string &stateName);
    // From any thread: the running continueRun()/runToState() returns PauseReason::Paused
    // after the current event.
    void requestPause();
    // For a driver that runs the session in slices (continueRun(maxEvents)) and stops it
    // itself: the reason the frame reports until the next move.
    void setPauseReason(PauseReason reason) { m_paused = reason; }

    // ---- moving back (time travel) -----------------------------------------------------
    // One event back (or from a retry's wait to the event before it); false at the start.
    bool stepBack();
    // Back to the previous StateEntered/StateExited event (the reverse of stepState()).
    bool stepStateBack();
    // To the moment after event `eventIndex` (0: before the start), passing breakpoints by.
    // Past the furthest event seen, the run continues forward until there, stopping early
    // only where it cannot go on by itself (an ask-me task, a callback, the end).
    bool jumpTo(std::int64_t eventIndex);

    // ---- caller answers ----------------------------------------------------------------
    // Answering at a past moment (after step back) discards the timeline after it: the
    // future is run again with the new answer (timelineGeneration() changes).
    bool answerTask(std::int64_t askId, Model::Json output);
    bool failTask(std::int64_t askId, std::optional<std::string> error,
                  std::optional<std::string> cause);
    bool sendTaskSuccess(const std::string &taskToken, Model::Json output);
    bool sendTaskFailure(const std::string &taskToken, std::optional<std::string> error,
                         std::optional<std::string> cause);
    bool sendTaskHeartbeat(const std::string &taskToken);
    // The task's timeout (TimeoutSeconds / HeartbeatSeconds) is reached now: the clock moves
    // to it and the next step times the task out. False when it has no timeout.
    bool timeOutNow(const std::string &taskToken);
    const std::vector<CallerAnswer> &journal() const { return m_journal; }

    // ---- what there is to see ----------------------------------------------------------
    // The current moment: states, transition, countdowns, waiting tasks, pause reason.
    DebugFrame frame() const;
    std::int64_t eventIndex() const;
    // The virtual clock now (epoch milliseconds).
    std::int64_t nowMillis() const;
    // Events of the furthest point reached (the timeline); eventIndex() <= eventCount().
    std::int64_t eventCount() const;
    const std::vector<HistoryEvent> &events() const { return m_timeline; }
    // Bumped whenever the timeline after the current moment was discarded.
    int timelineGeneration() const { return m_generation; }
    bool finished() const;
    // Visits entered up to the current moment, in order of entry (needs keepStages).
    std::vector<StateVisit> visits() const;
    // The visit whose StateEntered event is `enteredEventId`.
    std::optional<StateVisit> visit(std::int64_t enteredEventId) const;
    // The run so far as `stepwise-cli run --history` prints it: {"events": [...]}.
    Model::Json historyJson() const;
    const StateTable &states() const;
    const Model::Json &definition() const { return m_definition; }

    // Called for every event appended to the timeline (not for events replayed after a
    // step back), on the driving thread: the RunController fills its EventLog from it.
    void setTimelineListener(std::function<void(const HistoryEvent &)> listener);

  private:
    struct Checkpoint;
    struct BreakpointEntry;
    DebugSession();
    PauseReason advance(std::int64_t maxEvents, bool toStateEvent, const std::string &runTo);
    PauseReason stopReason() const;
    bool stepOne();
    void onEvent(const HistoryEvent &event);
    void updateEventListener();
    PauseReason pausePointAfter(const HistoryEvent &event, const std::string &runTo);
    bool conditionMatches(const BreakpointEntry &entry, const HistoryEvent &event) const;
    // To the moment after event `eventIndex` and `quietStops` retry waits after it.
    void rewindTo(std::int64_t eventIndex, int quietStops = 0);
    void takeCheckpoint();
    void truncateFuture();
    void journalAnswer(CallerAnswer answer);
    bool applyAnswer(const CallerAnswer &answer);
    void applyJournal();
    // The journal answers the task waiting under `taskToken` at the current moment.
    bool journalAnswers(const std::string &taskToken) const;
    std::vector<AskMeTask> askMeTasks() const;
    std::string askToken(std::int64_t askId) const;
    Model::Json scheduledPayload(const std::string &stateName) const;

    Model::Json m_definition;
    DebugSessionOptions m_options;
    std::shared_ptr<const CompiledMachine> m_machine;
    std::shared_ptr<const StateTable> m_table;
    std::shared_ptr<AskMeExecutor> m_askFirst, m_askLast;
    std::shared_ptr<AskMeExecutor::Book> m_questions;
    std::unique_ptr<Execution> m_execution;
    std::unique_ptr<FrameBuilder> m_frames;
    std::vector<Checkpoint> m_checkpoints;
    int m_checkpointEvery = 256;
    std::vector<HistoryEvent> m_timeline;
    // Stops without an event since the last event (retry waits, see stepEvent()), and how many
    // followed each event of the timeline that had any.
    int m_quietStops = 0;
    std::map<std::int64_t, int> m_quietAfter;
    std::vector<CallerAnswer> m_journal;
    size_t m_journalApplied = 0;
    std::vector<BreakpointEntry> m_breakpoints;
    int m_nextBreakpointId = 1;
    int m_generation = 0;
    std::atomic<bool> m_pauseRequested{false};
    PauseReason m_paused = PauseReason::None;
    int m_breakpointHit = -1;
    const HistoryEvent *m_lastEvent = nullptr;
    HistoryEvent m_current; // the last event when events are not kept
    std::function<void(const HistoryEvent &)> m_timelineListener;
};

} // namespace Stepwise::Sim
