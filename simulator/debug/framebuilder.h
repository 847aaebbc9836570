#pragma once

#include "simulator/debug/debugframe.h"
#include "simulator/debug/statetable.h"
#include "simulator/engine/historyevent.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace Stepwise::Sim {

// Turns a stream of history events into the per-state picture of a DebugFrame: statuses,
// running counts, the transition just taken, failures caught or not. It reads only the
// events (as AWS records them), so a live run and a replayed AWS history give the same
// frames. O(1) per event except when a container fails (its states are swept once).
class FrameBuilder
{
  public:
    explicit FrameBuilder(std::shared_ptr<const StateTable> table);

    void reset();
    void apply(const HistoryEvent &event);
    // Live runs: the table's index of each engine state (HistoryEvent::state), so state
    // events need no details to be placed.
    void setEngineStates(std::vector<int> tableIndexOfEngineState);
    // The live engine knows which Choice rule matched (-1: Default); the history does not
    // when a rule and Default lead to the same state.
    void setChoiceHint(std::int64_t enteredEventId, int ruleIndex);

    // The state an event belongs to (the entered/exited state, the task's state, the
    // Map or Parallel for container events); -1 for execution events or unknown names.
    // Valid for events applied so far.
    int ownerOf(std::int64_t eventId) const;
    // The StateEntered event id of the visit an event belongs to (following the event's
    // line back through previousEventId), or 0 (execution and container-level events).
    std::int64_t visitOf(std::int64_t eventId) const;
    // The StateExited event id of the visit entered at `enteredEventId`, or 0 while it runs
    // or when it ended otherwise.
    std::int64_t exitOf(std::int64_t enteredEventId) const;

    // The frame's event-derived part (states, transition, status, output/error, clock);
    // the caller adds what only it knows (pause reason, countdowns, callbacks).
    DebugFrame frame() const;
    std::int64_t eventIndex() const { return m_lastEventId; }
    const StateTable &table() const { return *m_table; }

  private:
    void enter(int state, std::int64_t eventId, std::int64_t previousEventId);
    void leave(int state, StateRunStatus status);
    void endContainer(int container, StateRunStatus status);
    void endAll(StateRunStatus status);

    int stateOf(const HistoryEvent &event, const Model::Json *details) const;

    std::shared_ptr<const StateTable> m_table;
    std::vector<int> m_engineStates;
    std::vector<StateRun> m_states;
    std::vector<std::string> m_pendingError; // per state: the error of a failure not yet handled
    std::vector<std::string> m_caughtError;  // per state: the error its last Catch took
    std::vector<int> m_owner;                // per event id
    std::vector<char> m_exitEvent;           // per event id: a StateExited event
    std::vector<std::int64_t> m_visit;       // per event id: see visitOf()
    std::vector<std::int64_t> m_exit;        // per entered event id: see exitOf()
    std::optional<TakenTransition> m_transition;
    std::int64_t m_lastEventId = 0;
    std::int64_t m_nowMillis = 0;
    std::int64_t m_startMillis = 0;
    std::string m_status = "RUNNING";
    std::optional<Model::Json> m_output;
    std::optional<std::string> m_error, m_cause;
};

} // namespace Stepwise::Sim
