#pragma once

#include "simulator/debug/debugframe.h"
#include "simulator/debug/debugsession.h"
#include "simulator/debug/runspeed.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>
#include <mutex>

namespace Stepwise::Sim {

class EventLog;

// The RunController's half on the worker thread: owns the session, runs it in short slices
// (so queued commands get in between), paces it for the speed modes and hands frames over
// through one coalescing slot. Private to the debug layer.
class RunWorker : public QObject
{
    Q_OBJECT

  public:
    RunWorker();
    ~RunWorker() override;

    // All on the worker thread (queued by the controller).
    void start(std::unique_ptr<DebugSession> session);
    void stop();
    void setRunning(bool running);
    void setSpeed(RunSpeed speed);
    void setFrameInterval(int milliseconds);
    // Runs `command` on the session and publishes a frame after it (step, answers...).
    void command(const std::function<void(DebugSession &)> &command);
    DebugSession *session() const { return m_session.get(); }

    // Any thread: stops a running session after the current event.
    void requestPause();
    // GUI thread: the newest frame published, if any since the last take.
    std::optional<DebugFrame> takeFrame();
    std::shared_ptr<EventLog> log() const;

  Q_SIGNALS:
    // A frame is waiting in takeFrame(); emitted once until taken.
    void frameAvailable();
    void logReplaced(std::shared_ptr<const Stepwise::Sim::EventLog> log);
    void runningChanged(bool running);

  private:
    void slice();
    void scheduleSlice(int delayMs);
    void publish();
    // Real time and xN: runs events while the virtual clock allows; how long to wait next.
    PauseReason pacedSlice(const QElapsedTimer &elapsed, int &nextDelay);
    std::int64_t virtualNow() const;
    // `keep`: how many events the new log takes over (-1: up to the current moment).
    void checkLog(std::int64_t keep = -1);

    std::unique_ptr<DebugSession> m_session;
    std::shared_ptr<EventLog> m_log;
    int m_logGeneration = 0;
    RunSpeed m_speed;
    int m_frameIntervalMs = 16;
    bool m_running = false;
    QTimer m_timer;
    QElapsedTimer m_sinceFrame;
    // Real-time pacing: the wall clock and virtual clock at the last anchor.
    QElapsedTimer m_wall;
    std::int64_t m_virtualAnchor = 0;
    std::atomic<bool> m_pause{false};
    // Pacing: an event already run whose time the virtual clock has not reached yet; the
    // frame before it is shown meanwhile, and `reason` is where the run stops after it.
    struct Held
    {
        std::int64_t until = 0;
        PauseReason reason = PauseReason::None;
        DebugFrame frame;
    };
    std::optional<Held> m_held;

    mutable std::mutex m_mutex; // guards m_frame, m_log (the pointer)
    std::optional<DebugFrame> m_frame;
    std::atomic<bool> m_notified{false};
};

} // namespace Stepwise::Sim
