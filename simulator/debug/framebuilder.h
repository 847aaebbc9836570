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

    // The state an event belongs to (the entered/exited state, the task's state, the
    // Map or Parallel for container events); -1 for execution events or unknown names.
    // Valid for events applied so far.
    int ownerOf(std::int64_t eventId) const;

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

    std::shared_ptr<const StateTable> m_table;
    std::vector<StateRun> m_states;
    std::vector<std::string> m_pendingError; // per state: the error of a failure not yet handled
    std::vector<int> m_owner;                // per event id
    std::optional<TakenTransition> m_transition;
    std::int64_t m_lastEventId = 0;
    std::int64_t m_nowMillis = 0;
    std::int64_t m_startMillis = 0;
    std::string m_status = "RUNNING";
    std::optional<Model::Json> m_output;
    std::optional<std::string> m_error, m_cause;
};

} // namespace Stepwise::Sim
