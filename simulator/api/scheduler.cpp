#include "simulator/api/scheduler.h"

namespace Stepwise::Api {

Scheduler::Scheduler()
    : m_thread([this] { loop(); })
{}

Scheduler::~Scheduler()
{
    stop();
}

void Scheduler::at(Clock::time_point due, std::function<void()> callback)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return;
        m_due.emplace(due, std::move(callback));
    }
    m_wake.notify_one();
}

void Scheduler::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_due.clear();
    }
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

void Scheduler::loop()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        if (m_due.empty()) {
            m_wake.wait(lock);
            continue;
        }
        const auto first = m_due.begin();
        if (first->first > Clock::now()) {
            m_wake.wait_until(lock, first->first);
            continue;
        }
        std::function<void()> callback = std::move(first->second);
        m_due.erase(first);
        lock.unlock();
        callback();
        lock.lock();
    }
}

} // namespace Stepwise::Api
