#include "simulator/debug/runworker.h"

#include "simulator/debug/eventlog.h"

#include <algorithm>

namespace Stepwise::Sim {

namespace {
// A slice of work between two looks at the event queue: short enough that pause, step and
// queries wait at most this long, long enough that the queue costs nothing.
constexpr int sliceMs = 8;
constexpr std::int64_t eventsPerCheck = 256;
} // namespace

RunWorker::RunWorker()
    : m_log(std::make_shared<EventLog>())
    , m_timer(this)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RunWorker::slice);
    m_sinceFrame.start();
    m_wall.start();
}

RunWorker::~RunWorker() = default;

void RunWorker::start(std::unique_ptr<DebugSession> session)
{
    stop();
    m_session = std::move(session);
    m_logGeneration = m_session->timelineGeneration();
    {
        std::lock_guard lock(m_mutex);
        m_log = std::make_shared<EventLog>();
    }
    Q_EMIT logReplaced(m_log);
    m_session->setTimelineListener([this](const HistoryEvent &event) {
        if (m_session->timelineGeneration() != m_logGeneration)
            checkLog(event.id - 1);
        m_log->append(event);
    });
    publish();
}

void RunWorker::stop()
{
    setRunning(false);
    m_held.reset();
    m_session.reset();
}

void RunWorker::setRunning(bool running)
{
    if (running && (!m_session || m_session->finished()))
        running = false;
    if (running == m_running)
        return;
    m_running = running;
    m_pause.store(false);
    if (running) {
        m_wall.restart();
        m_virtualAnchor = m_session->nowMillis();
        scheduleSlice(0);
    } else {
        m_timer.stop();
    }
    Q_EMIT runningChanged(running);
}

void RunWorker::setSpeed(RunSpeed speed)
{
    if (speed.factor <= 0)
        speed.factor = 1;
    m_speed = speed;
    if (m_session) {
        m_wall.restart();
        m_virtualAnchor = m_session->nowMillis();
    }
}

void RunWorker::setFrameInterval(int milliseconds)
{
    m_frameIntervalMs = std::max(1, milliseconds);
}

void RunWorker::command(const std::function<void(DebugSession &)> &command)
{
    if (!m_session)
        return;
    setRunning(false);
    m_held.reset(); // the moment shown catches up with the session
    command(*m_session);
    publish();
}

void RunWorker::requestPause()
{
    m_pause.store(true);
}

void RunWorker::scheduleSlice(int delayMs)
{
    m_timer.start(std::max(0, delayMs));
}

void RunWorker::slice()
{
    if (!m_session || !m_running)
        return;
    QElapsedTimer elapsed;
    elapsed.start();
    PauseReason reason = PauseReason::None;
    int nextDelay = 0;
    switch (m_speed.mode) {
    case RunSpeed::Mode::Instant:
        while (elapsed.elapsed() < sliceMs && !m_pause.load(std::memory_order_relaxed)) {
            reason = m_session->continueRun(eventsPerCheck);
            if (reason != PauseReason::None)
                break;
        }
        break;
    case RunSpeed::Mode::Stepped:
        reason = m_session->stepState();
        if (reason == PauseReason::Step)
            reason = PauseReason::None;
        nextDelay = m_speed.stepIntervalMs;
        break;
    case RunSpeed::Mode::RealTime:
    case RunSpeed::Mode::Scaled:
        reason = pacedSlice(elapsed, nextDelay);
        break;
    }
    if (m_pause.exchange(false) && reason == PauseReason::None) {
        reason = PauseReason::Paused;
        m_session->setPauseReason(reason);
    }
    if (reason != PauseReason::None) {
        m_running = false;
        Q_EMIT runningChanged(false);
        publish();
        return;
    }
    if (m_speed.mode == RunSpeed::Mode::Stepped || m_sinceFrame.elapsed() >= m_frameIntervalMs)
        publish();
    scheduleSlice(nextDelay);
}

std::int64_t RunWorker::virtualNow() const
{
    const double factor = m_speed.mode == RunSpeed::Mode::Scaled ? m_speed.factor : 1.0;
    return m_virtualAnchor
           + static_cast<std::int64_t>(static_cast<double>(m_wall.elapsed()) * factor);
}

PauseReason RunWorker::pacedSlice(const QElapsedTimer &elapsed, int &nextDelay)
{
    const double factor = m_speed.mode == RunSpeed::Mode::Scaled ? m_speed.factor : 1.0;
    while (elapsed.elapsed() < sliceMs && !m_pause.load(std::memory_order_relaxed)) {
        const std::int64_t now = virtualNow();
        if (m_held) {
            if (now < m_held->until) {
                // The event just run lies ahead on the virtual clock: show the moment before
                // it with the clock moving, until the wall clock gets there.
                nextDelay = std::clamp(
                    static_cast<int>(static_cast<double>(m_held->until - now) / factor), 1,
                    m_frameIntervalMs);
                return PauseReason::None;
            }
            const PauseReason heldReason = m_held->reason;
            m_virtualAnchor = m_held->until;
            m_wall.restart();
            m_held.reset();
            if (heldReason != PauseReason::None)
                return heldReason;
            continue;
        }
        const std::int64_t engineBefore = m_session->nowMillis();
        DebugFrame before = m_session->frame();
        const PauseReason reason = m_session->continueRun(1);
        const std::int64_t engineAfter = m_session->nowMillis();
        if (engineAfter > engineBefore && engineAfter > now) {
            before.paused = PauseReason::None;
            m_held = Held{engineAfter, reason, std::move(before)};
            continue;
        }
        if (engineAfter > engineBefore) {
            // The engine lagged behind the clock (a slow stretch): do not run ahead of it.
            m_virtualAnchor = engineAfter;
            m_wall.restart();
        }
        if (reason != PauseReason::None)
            return reason;
    }
    return PauseReason::None;
}

void RunWorker::publish()
{
    if (!m_session)
        return;
    checkLog();
    DebugFrame frame;
    if (m_held && m_running) {
        frame = m_held->frame;
        frame.nowMillis = std::clamp(virtualNow(), frame.nowMillis, m_held->until);
    } else {
        frame = m_session->frame();
    }
    if (m_running)
        frame.paused = PauseReason::None;
    {
        std::lock_guard lock(m_mutex);
        m_frame = std::move(frame);
    }
    m_sinceFrame.restart();
    if (!m_notified.exchange(true))
        Q_EMIT frameAvailable();
}

void RunWorker::checkLog(std::int64_t keep)
{
    if (!m_session || m_session->timelineGeneration() == m_logGeneration)
        return;
    // The future was discarded: a new log with what remains of the timeline.
    m_logGeneration = m_session->timelineGeneration();
    auto log = std::make_shared<EventLog>();
    const auto &events = m_session->events();
    if (keep < 0)
        keep = m_session->eventIndex();
    keep = std::min<std::int64_t>(keep, static_cast<std::int64_t>(events.size()));
    for (std::int64_t i = 0; i < keep; ++i)
        log->append(events[static_cast<size_t>(i)]);
    {
        std::lock_guard lock(m_mutex);
        m_log = log;
    }
    Q_EMIT logReplaced(log);
}

std::optional<DebugFrame> RunWorker::takeFrame()
{
    std::lock_guard lock(m_mutex);
    m_notified.store(false);
    return std::exchange(m_frame, std::nullopt);
}

std::shared_ptr<EventLog> RunWorker::log() const
{
    std::lock_guard lock(m_mutex);
    return m_log;
}

} // namespace Stepwise::Sim
