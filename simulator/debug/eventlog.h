#pragma once

#include "simulator/engine/historyevent.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace Stepwise::Sim {

// An append-only list of history events written by one thread (the run's worker) and read
// by any number of others (the GUI's history table) without locks: size() publishes how
// many events are complete, and an event, once published, never moves or changes. Events
// live in fixed-size chunks, so appending never relocates what readers hold.
//
// A log is never truncated: when a run's future changes (the caller answers differently
// after stepping back), the RunController starts a new log holding the common prefix and
// says so (RunController::eventLogReplaced). Readers keep the shared_ptr they got.
class EventLog
{
  public:
    EventLog();
    ~EventLog();
    EventLog(const EventLog &) = delete;
    EventLog &operator=(const EventLog &) = delete;

    // Writer side (one thread).
    void append(HistoryEvent event);

    // Reader side (any thread). at(i) is valid for i < size() read before.
    std::int64_t size() const { return m_size.load(std::memory_order_acquire); }
    const HistoryEvent &at(std::int64_t index) const;

    // A new log with this one's first `count` events (count <= size()).
    std::shared_ptr<EventLog> prefix(std::int64_t count) const;

  private:
    static constexpr std::int64_t chunkSize = 4096;
    static constexpr std::int64_t maxChunks = 1 << 16; // 268 million events
    struct Chunk;
    std::unique_ptr<std::atomic<Chunk *>[]> m_chunks;
    std::atomic<std::int64_t> m_size{0};
};

} // namespace Stepwise::Sim
