#pragma once

#include "model/json/json.h"
#include "simulator/debug/debugframe.h"
#include "simulator/debug/statetable.h"
#include "simulator/debug/statevisit.h"
#include "simulator/engine/historyevent.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace Stepwise::Sim {

class FrameBuilder;

// Replays a recorded history (readHistory) over its definition (states only the history
// names are added without a pointer, so a history plays even without it) and yields the same frames
// a live DebugSession would at each event: states lit while entered, coloured by outcome, the
// transition taken, Wait and retry countdowns (their end is known from the later events).
// The same controls as a session: step (one event or to the next state entered/exited),
// back, jump to any event. Event ids are expected to run 1..N as AWS numbers them (a
// history with gaps still plays; ids index the events). Visits carry the payloads the history has
// (input on entry, output on exit, the task's parameters and result, assigned variables).
class HistoryPlayer
{
  public:
    HistoryPlayer(const Model::Json &definition, std::vector<HistoryEvent> events);
    ~HistoryPlayer();

    std::int64_t eventIndex() const { return m_index; }
    std::int64_t eventCount() const { return static_cast<std::int64_t>(m_events.size()); }
    const std::vector<HistoryEvent> &events() const { return m_events; }
    bool atEnd() const { return m_index >= eventCount(); }

    // Each returns false when there is nothing in that direction.
    bool stepEvent();
    bool stepState();
    bool stepBack();
    bool stepStateBack();
    bool jumpTo(std::int64_t eventIndex); // 0: before the first event
    // Forward until `stateName` is entered; false (at the end) when it never is.
    bool runToState(const std::string &stateName);

    DebugFrame frame() const;
    // Visits entered up to the current moment, with the payloads the history carries.
    std::vector<StateVisit> visits() const;
    const StateTable &states() const { return *m_table; }

  private:
    void rebuild(std::int64_t eventIndex);
    bool forwardUntil(const std::function<bool(const HistoryEvent &)> &stop);
    const HistoryEvent &event(std::int64_t id) const;
    std::vector<std::int64_t> openVisits() const;
    void noteRetry(const HistoryEvent &started);

    std::shared_ptr<const StateTable> m_table;
    std::vector<HistoryEvent> m_events;
    std::unique_ptr<FrameBuilder> m_frames; // at the current moment
    std::unique_ptr<FrameBuilder> m_whole;  // over every event: owners and visits ahead
    std::vector<std::vector<std::int64_t>> m_visitEvents; // per entered event id
    // A Parallel or Map retried after its children failed: it waits from its children's last
    // event (`from`) until it starts again (`restart`), with no event of its own before.
    struct RetryWait
    {
        int container = -1;
        std::int64_t from = 0, restart = 0;
    };
    std::vector<RetryWait> m_retryWaits; // in the order of `restart`
    std::int64_t m_index = 0;
    PauseReason m_paused = PauseReason::None;
};

} // namespace Stepwise::Sim
