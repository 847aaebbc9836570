#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace Stepwise::Api {

// Runs callbacks at a point in (steady) time on its own thread: how executions sleep through a
// Wait state or a task timeout without holding a worker. Callbacks must be short (they hand
// work to the pool).
class Scheduler
{
  public:
    using Clock = std::chrono::steady_clock;

    Scheduler();
    ~Scheduler();
    Scheduler(const Scheduler &) = delete;
    Scheduler &operator=(const Scheduler &) = delete;

    void at(Clock::time_point due, std::function<void()> callback);
    // Drops what is still due and stops the thread.
    void stop();

  private:
    void loop();

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::multimap<Clock::time_point, std::function<void()>> m_due;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace Stepwise::Api
