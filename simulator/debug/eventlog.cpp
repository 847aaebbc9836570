#include "simulator/debug/eventlog.h"

#include <array>

namespace Stepwise::Sim {

struct EventLog::Chunk
{
    std::array<HistoryEvent, chunkSize> events;
};

EventLog::EventLog()
    : m_chunks(new std::atomic<Chunk *>[maxChunks])
{
    for (std::int64_t i = 0; i < maxChunks; ++i)
        m_chunks[i].store(nullptr, std::memory_order_relaxed);
}

EventLog::~EventLog()
{
    for (std::int64_t i = 0; i < maxChunks; ++i) {
        Chunk *chunk = m_chunks[i].load(std::memory_order_relaxed);
        if (!chunk)
            break;
        delete chunk;
    }
}

void EventLog::append(HistoryEvent event)
{
    const std::int64_t index = m_size.load(std::memory_order_relaxed);
    const std::int64_t c = index / chunkSize;
    if (c >= maxChunks)
        return; // beyond any run a person can look at; the run itself goes on
    Chunk *chunk = m_chunks[c].load(std::memory_order_relaxed);
    if (!chunk) {
        chunk = new Chunk;
        m_chunks[c].store(chunk, std::memory_order_release);
    }
    chunk->events[static_cast<size_t>(index % chunkSize)] = std::move(event);
    // Publishes the event (and the chunk pointer) to readers that acquire the size.
    m_size.store(index + 1, std::memory_order_release);
}

const HistoryEvent &EventLog::at(std::int64_t index) const
{
    const Chunk *chunk = m_chunks[index / chunkSize].load(std::memory_order_acquire);
    return chunk->events[static_cast<size_t>(index % chunkSize)];
}

std::shared_ptr<EventLog> EventLog::prefix(std::int64_t count) const
{
    auto log = std::make_shared<EventLog>();
    const std::int64_t n = std::min(count, size());
    for (std::int64_t i = 0; i < n; ++i)
        log->append(at(i));
    return log;
}

} // namespace Stepwise::Sim
