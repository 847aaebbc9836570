#pragma once

#include "simulator/api/records.h"
#include "simulator/api/scheduler.h"
#include "simulator/engine/execution.h"

#include <QThreadPool>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

namespace Stepwise::Api {

// How executions relate to the wall clock: real time (a 10 s Wait takes 10 s), scaled (xN),
// or virtual (Waits take no time at all).
struct RunClock
{
    bool virtualTime = false;
    double scale = 1.0;
};

// Drives one execution on the worker pool: steps the engine in short slices, publishes each
// history event once its time has come on the run clock (a Wait's exit only appears when the
// wait is over), sleeps on the scheduler in between, and hands task tokens sent through the
// API to the engine. Thread-safe; every method may be called from any thread.
class ExecutionRunner : public std::enable_shared_from_this<ExecutionRunner>
{
  public:
    using FinishedHandler = std::function<void(const std::shared_ptr<ExecutionRunner> &)>;

    ExecutionRunner(ExecutionRecord record, std::unique_ptr<Sim::Execution> execution,
                    RunClock clock, QThreadPool *pool, Scheduler *scheduler,
                    FinishedHandler onFinished);

    // Task tokens are the engine's ("token-<event>-<line>"), unique only within one execution:
    // callers see them behind this execution's own prefix, in every event and output.
    void setTokenPrefix(std::string prefix);
    // A redrive: the earlier attempts' events, which its history goes on from.
    void continueHistory(Model::Json events);
    void start();
    ExecutionRecord record() const;
    // The events published so far, in GetExecutionHistory's wire form.
    Model::Json events() const;
    bool finished() const;
    // Called once the execution ended (at once when it already has).
    void whenFinished(std::function<void()> callback);

    // False: no task of this execution waits for that token.
    bool sendTaskSuccess(const std::string &token, Model::Json output);
    bool sendTaskFailure(const std::string &token, std::optional<std::string> error,
                         std::optional<std::string> cause);
    bool sendTaskHeartbeat(const std::string &token);
    std::vector<std::string> taskTokens() const;
    // UpdateMapRun on one of its running distributed Maps. False: no such map run runs.
    bool updateMapRun(const std::string &mapRunArn, const Sim::MapRunUpdate &update);
    std::optional<Sim::MapRunCounts> mapRunCounts(const std::string &mapRunArn) const;
    // StopExecution: the execution ends ABORTED at its next slice. False when already ended.
    bool stop(std::optional<std::string> error, std::optional<std::string> cause);
    // The server is going down: no more steps; record() keeps what happened so far.
    void shutdown();

  private:
    void queue();
    void work();
    void wakeAt(std::int64_t virtualMillis);
    std::int64_t virtualNow() const;
    Scheduler::Clock::time_point dueTime(std::int64_t virtualMillis) const;
    void publish(const Sim::HistoryEvent &event);
    void complete(std::unique_lock<std::mutex> &lock);
    void syncClock();
    void prefixTokens(Model::Json &value) const;
    std::optional<std::string> engineToken(const std::string &token) const;

    mutable std::mutex m_mutex;
    ExecutionRecord m_record;
    std::unique_ptr<Sim::Execution> m_execution;
    RunClock m_clock;
    QThreadPool *m_pool;
    Scheduler *m_scheduler;
    FinishedHandler m_onFinished;
    std::chrono::steady_clock::time_point m_steadyStart;
    std::int64_t m_virtualStart = 0;
    std::deque<Sim::HistoryEvent> m_pending;
    Model::Json m_events = Model::Json::array();
    std::int64_t m_lastEventId = 0;
    std::string m_tokenPrefix;
    std::int64_t m_clockTarget = -1; // a task timeout's time, reached while waiting
    bool m_queued = false;
    bool m_sleeping = false;
    bool m_finished = false;
    bool m_shutdown = false;
    bool m_stopRequested = false;
    std::optional<std::string> m_stopError, m_stopCause;
    std::vector<std::function<void()>> m_finishCallbacks;
};

// A history event as GetExecutionHistory returns it: timestamp in epoch seconds.
Model::Json wireEvent(const Sim::HistoryEvent &event);

} // namespace Stepwise::Api
