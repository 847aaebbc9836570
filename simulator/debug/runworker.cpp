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
    std::optional<std::int64_t> shownNow;
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
    case RunSpeed::Mode::Scaled: {
        const double factor = m_speed.mode == RunSpeed::Mode::RealTime ? 1.0 : m_speed.factor;
        while (elapsed.elapsed() < sliceMs && !m_pause.load(std::memory_order_relaxed)) {
            const auto virtualNow
                = m_virtualAnchor
                  + static_cast<std::int64_t>(static_cast<double>(m_wall.elapsed()) * factor);
            const std::optional<std::int64_t> next = m_session->nextEventMillis();
            if (next && *next > virtualNow) {
                // The next event lies ahead on the virtual clock: wait for it (showing the
                // clock move), but no longer than a frame.
                shownNow = virtualNow;
                const auto wait
                    = static_cast<int>(static_cast<double>(*next - virtualNow) / factor);
                nextDelay = std::clamp(wait, 1, m_frameIntervalMs);
                break;
            }
            reason = m_session->continueRun(1);
            if (reason != PauseReason::None)
                break;
        }
        break;
    }
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
    if (m_speed.mode == RunSpeed::Mode::Stepped || m_sinceFrame.elapsed() >= m_frameIntervalMs) {
        publish(shownNow);
    }
    scheduleSlice(nextDelay);
}

void RunWorker::publish(std::optional<std::int64_t> shownNow)
{
    if (!m_session)
        return;
    checkLog();
    DebugFrame frame = m_session->frame();
    if (shownNow)
        frame.nowMillis = std::max(frame.nowMillis, *shownNow);
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
