#include "simulator/api/executionrunner.h"

#include "simulator/api/scheduler.h"
#include "simulator/engine/executionstatusname.h"

#include <algorithm>
#include <cctype>

namespace Stepwise::Api {

using Model::Json;

namespace {

// Steps taken before a worker lets other executions run.
constexpr int sliceSteps = 256;

} // namespace

Json wireEvent(const Sim::HistoryEvent &event)
{
    Json out = {{"timestamp", epochSeconds(event.timestampMillis)},
                {"type", std::string(event.typeName())},
                {"id", event.id},
                {"previousEventId", event.previousEventId}};
    for (auto it = event.details.begin(); it != event.details.end(); ++it)
        out[it.key()] = it.value();
    return out;
}

ExecutionRunner::ExecutionRunner(ExecutionRecord record, std::unique_ptr<Sim::Execution> execution,
                                 RunClock clock, QThreadPool *pool, Scheduler *scheduler,
                                 FinishedHandler onFinished)
    : m_record(std::move(record))
    , m_execution(std::move(execution))
    , m_clock(clock)
    , m_pool(pool)
    , m_scheduler(scheduler)
    , m_onFinished(std::move(onFinished))
    , m_steadyStart(std::chrono::steady_clock::now())
    , m_virtualStart(m_execution->nowMillis())
{
    m_execution->setEventListener(
        [this](const Sim::HistoryEvent &event) { m_pending.push_back(event); });
}

void ExecutionRunner::setTokenPrefix(std::string prefix)
{
    std::lock_guard lock(m_mutex);
    m_tokenPrefix = std::move(prefix);
}

void ExecutionRunner::continueHistory(Json events)
{
    std::lock_guard lock(m_mutex);
    if (!events.is_array())
        return;
    m_events = std::move(events);
    if (!m_events.empty())
        m_lastEventId = m_events.back().value("id", std::int64_t(0));
}

void ExecutionRunner::prefixTokens(Json &value) const
{
    if (m_tokenPrefix.empty())
        return;
    if (value.is_object() || value.is_array()) {
        for (Json &item : value)
            prefixTokens(item);
        return;
    }
    if (!value.is_string())
        return;
    const std::string &text = value.get_ref<const std::string &>();
    static const std::string marker = "token-";
    if (text.find(marker) == std::string::npos)
        return;
    std::string out;
    std::size_t from = 0;
    for (std::size_t at = text.find(marker); at != std::string::npos;
         at = text.find(marker, at + 1)) {
        // token-<digits>-<digits>, the engine's form.
        std::size_t i = at + marker.size();
        const std::size_t firstDigits = i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
            ++i;
        if (i == firstDigits || i >= text.size() || text[i] != '-')
            continue;
        const std::size_t second = ++i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
            ++i;
        if (i == second)
            continue;
        out.append(text, from, at - from);
        out += m_tokenPrefix;
        from = at;
    }
    if (from == 0 && out.empty())
        return;
    out.append(text, from, std::string::npos);
    value = out;
}

std::optional<std::string> ExecutionRunner::engineToken(const std::string &token) const
{
    if (m_tokenPrefix.empty() || token.rfind(m_tokenPrefix, 0) != 0)
        return std::nullopt;
    return token.substr(m_tokenPrefix.size());
}

void ExecutionRunner::start()
{
    std::lock_guard lock(m_mutex);
    queue();
}

void ExecutionRunner::queue()
{
    if (m_queued || m_finished || m_shutdown)
        return;
    m_queued = true;
    m_sleeping = false;
    auto self = shared_from_this();
    m_pool->start([self] { self->work(); });
}

std::int64_t ExecutionRunner::virtualNow() const
{
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - m_steadyStart)
                             .count();
    return m_virtualStart + std::int64_t(double(elapsed) * m_clock.scale);
}

Scheduler::Clock::time_point ExecutionRunner::dueTime(std::int64_t virtualMillis) const
{
    const double wall = double(virtualMillis - m_virtualStart) / m_clock.scale;
    return m_steadyStart + std::chrono::milliseconds(std::int64_t(wall));
}

void ExecutionRunner::wakeAt(std::int64_t virtualMillis)
{
    m_sleeping = true;
    std::weak_ptr<ExecutionRunner> weak = shared_from_this();
    m_scheduler->at(dueTime(virtualMillis), [weak] {
        if (auto self = weak.lock()) {
            std::lock_guard lock(self->m_mutex);
            if (self->m_sleeping)
                self->queue();
        }
    });
}

void ExecutionRunner::syncClock()
{
    // Real time: the engine's clock follows the wall clock, so a token answered a minute later
    // is recorded a minute later.
    if (!m_clock.virtualTime)
        m_execution->advanceClock(virtualNow());
}

void ExecutionRunner::publish(const Sim::HistoryEvent &event)
{
    Json wire = wireEvent(event);
    prefixTokens(wire);
    m_events.push_back(std::move(wire));
    m_lastEventId = event.id;
}

void ExecutionRunner::work()
{
    std::unique_lock lock(m_mutex);
    m_queued = false;
    int steps = 0;
    while (!m_shutdown && !m_finished) {
        if (m_stopRequested) {
            // What had not happened yet never will.
            m_pending.clear();
            Json details = Json::object();
            if (m_stopError)
                details["error"] = *m_stopError;
            if (m_stopCause)
                details["cause"] = *m_stopCause;
            const std::int64_t now = wallMillis();
            m_events.push_back({{"timestamp", epochSeconds(now)},
                                {"type", "ExecutionAborted"},
                                {"id", m_lastEventId + 1},
                                {"previousEventId", m_lastEventId},
                                {"executionAbortedEventDetails", details}});
            ++m_lastEventId;
            m_record.status = "ABORTED";
            m_record.error = m_stopError;
            m_record.cause = m_stopCause;
            m_record.stopMillis = now;
            complete(lock);
            return;
        }
        if (!m_pending.empty()) {
            const Sim::HistoryEvent &next = m_pending.front();
            if (!m_clock.virtualTime && dueTime(next.timestampMillis) > Scheduler::Clock::now()) {
                wakeAt(next.timestampMillis);
                return;
            }
            publish(next);
            m_pending.pop_front();
            continue;
        }
        if (m_execution->finished()) {
            const Sim::ExecutionStatus status = m_execution->status();
            m_record.status = Sim::executionStatusName(status);
            if (status == Sim::ExecutionStatus::Succeeded) {
                Json output = m_execution->output();
                prefixTokens(output);
                m_record.output = output.dump(-1, ' ', false, Json::error_handler_t::replace);
            } else {
                if (m_execution->hasError())
                    m_record.error = m_execution->failure().error;
                if (m_execution->hasCause())
                    m_record.cause = m_execution->failure().cause;
            }
            m_record.stopMillis = m_execution->nowMillis();
            complete(lock);
            return;
        }
        if (++steps > sliceSteps) {
            queue();
            return;
        }
        // The engine's clock jumps when a Wait or a backoff ends, even inside a distributed
        // Map's child executions, whose events this history does not show: on a real clock
        // the engine goes on only once the wall clock has caught up, so a map run's children
        // take their time and UpdateMapRun finds them still running.
        if (!m_clock.virtualTime && dueTime(m_execution->nowMillis()) > Scheduler::Clock::now()) {
            wakeAt(m_execution->nowMillis());
            return;
        }
        syncClock();
        if (m_clockTarget >= 0) {
            m_execution->advanceClock(m_clockTarget);
            m_clockTarget = -1;
        }
        if (!m_execution->stepPaced() && !m_execution->finished() && m_pending.empty()) {
            // Only tasks waiting for their token remain: sleep until one times out.
            std::int64_t earliest = -1;
            for (const Sim::PendingCallback &pending : m_execution->pendingCallbacks()) {
                if (pending.timesOutAtMillis >= 0
                    && (earliest < 0 || pending.timesOutAtMillis < earliest))
                    earliest = pending.timesOutAtMillis;
            }
            if (earliest >= 0) {
                // Virtual time too: a caller needs real time to answer, so a task's timeout
                // is as far away in wall time as it is on the engine's clock.
                const auto due
                    = m_clock.virtualTime
                          ? Scheduler::Clock::now()
                                + std::chrono::milliseconds(earliest - m_execution->nowMillis())
                          : dueTime(earliest);
                m_sleeping = true;
                std::weak_ptr<ExecutionRunner> weak = shared_from_this();
                m_scheduler->at(due, [weak, earliest] {
                    if (auto self = weak.lock()) {
                        std::lock_guard lock(self->m_mutex);
                        self->m_clockTarget = std::max(self->m_clockTarget, earliest);
                        self->queue();
                    }
                });
            }
            return;
        }
    }
}

void ExecutionRunner::complete(std::unique_lock<std::mutex> &lock)
{
    m_finished = true;
    if (m_record.status != "SUCCEEDED" && m_execution) {
        // Where RedriveExecution continues, kept with the record (it survives a restart).
        if (auto point = m_execution->redrivePoint())
            m_record.redrivePoint = point->toJson();
    }
    m_execution.reset(); // the engine's memory goes now; the record and events remain
    std::vector<std::function<void()>> callbacks;
    callbacks.swap(m_finishCallbacks);
    lock.unlock();
    if (m_onFinished)
        m_onFinished(shared_from_this());
    for (auto &callback : callbacks)
        callback();
}

ExecutionRecord ExecutionRunner::record() const
{
    std::lock_guard lock(m_mutex);
    return m_record;
}

Json ExecutionRunner::events() const
{
    std::lock_guard lock(m_mutex);
    return m_events;
}

bool ExecutionRunner::finished() const
{
    std::lock_guard lock(m_mutex);
    return m_finished;
}

void ExecutionRunner::whenFinished(std::function<void()> callback)
{
    std::unique_lock lock(m_mutex);
    if (!m_finished) {
        m_finishCallbacks.push_back(std::move(callback));
        return;
    }
    lock.unlock();
    callback();
}

bool ExecutionRunner::sendTaskSuccess(const std::string &token, Json output)
{
    std::lock_guard lock(m_mutex);
    if (m_finished || !m_execution)
        return false;
    auto engine = engineToken(token);
    syncClock();
    if (!engine || !m_execution->sendTaskSuccess(*engine, std::move(output)))
        return false;
    queue();
    return true;
}

bool ExecutionRunner::sendTaskFailure(const std::string &token, std::optional<std::string> error,
                                      std::optional<std::string> cause)
{
    std::lock_guard lock(m_mutex);
    if (m_finished || !m_execution)
        return false;
    auto engine = engineToken(token);
    syncClock();
    if (!engine || !m_execution->sendTaskFailure(*engine, std::move(error), std::move(cause)))
        return false;
    queue();
    return true;
}

bool ExecutionRunner::sendTaskHeartbeat(const std::string &token)
{
    std::lock_guard lock(m_mutex);
    if (m_finished || !m_execution)
        return false;
    auto engine = engineToken(token);
    syncClock();
    if (!engine || !m_execution->sendTaskHeartbeat(*engine))
        return false;
    // The timeout moved: sleep until the new one.
    queue();
    return true;
}

bool ExecutionRunner::updateMapRun(const std::string &mapRunArn, const Sim::MapRunUpdate &update)
{
    std::lock_guard lock(m_mutex);
    if (m_finished || !m_execution || !m_execution->updateMapRun(mapRunArn, update))
        return false;
    queue(); // items a higher concurrency lets start
    return true;
}

std::optional<Sim::MapRunCounts> ExecutionRunner::mapRunCounts(const std::string &mapRunArn) const
{
    std::lock_guard lock(m_mutex);
    if (m_finished || !m_execution)
        return std::nullopt;
    return m_execution->mapRunCounts(mapRunArn);
}

std::vector<std::string> ExecutionRunner::taskTokens() const
{
    std::lock_guard lock(m_mutex);
    std::vector<std::string> tokens;
    if (m_execution) {
        for (const Sim::PendingCallback &pending : m_execution->pendingCallbacks())
            tokens.push_back(m_tokenPrefix + pending.taskToken);
    }
    return tokens;
}

bool ExecutionRunner::stop(std::optional<std::string> error, std::optional<std::string> cause)
{
    std::lock_guard lock(m_mutex);
    if (m_finished)
        return false;
    m_stopRequested = true;
    m_stopError = std::move(error);
    m_stopCause = std::move(cause);
    queue();
    return true;
}

void ExecutionRunner::shutdown()
{
    std::lock_guard lock(m_mutex);
    m_shutdown = true;
}

} // namespace Stepwise::Api
