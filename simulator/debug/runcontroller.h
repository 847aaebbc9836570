#pragma once

#include "model/json/json.h"
#include "simulator/debug/breakpoint.h"
#include "simulator/debug/debugframe.h"
#include "simulator/debug/debugsession.h"
#include "simulator/debug/runspeed.h"
#include "simulator/debug/statevisit.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>

class QThread;

namespace Stepwise::Sim {

class EventLog;
class RunWorker;

// Runs a DebugSession on a thread of its own (the engine never runs on the GUI thread) and
// reports it to the GUI as frames. Every command is a non-blocking call from the GUI thread,
// queued to the worker in order. Frames are coalesced: while running at Instant speed at most
// one per `frameIntervalMs` (default 16, the screen's rate); one after each step command;
// always one when the run pauses or ends. Signals are emitted on the controller's thread
// (queued from the worker), so slots run on the GUI thread.
//
// The event log (eventLog()) is written by the worker and read by the GUI at any time
// without waiting; when stepping back and answering differently discards the run's future,
// eventLogReplaced() hands over a new log.
class RunController : public QObject
{
    Q_OBJECT

  public:
    explicit RunController(QObject *parent = nullptr);
    ~RunController() override;

    // Starts a session (replacing any previous one): compiles the definition and stops
    // before the first event (a frame with eventIndex 0 follows), or fails with the error's
    // text (sessionFailed). Executors are consulted in order for each Task.
    void start(const Model::Json &definition, const Model::Json &input,
               const DebugSessionOptions &options,
               std::vector<std::shared_ptr<TaskExecutor>> executors = {});
    // Ends the session: the worker stops after the current event; frames stop.
    void stop();
    bool hasSession() const;

    // Run controls (F5, F10, Shift+F11...). continueRun() runs at the current speed until a
    // pause point; pause() stops it after the current event.
    void continueRun();
    void pause();
    void stepEvent();
    void stepState();
    void stepBack();
    void stepStateBack();
    void jumpTo(qint64 eventIndex);
    void runToState(const QString &stateName);
    void setSpeed(RunSpeed speed);
    RunSpeed speed() const;
    void setFrameInterval(int milliseconds);

    // Breakpoints (applied in order with the run commands; breakpointsChanged follows with
    // their ids, or sessionFailed when a condition does not compile).
    void setBreakpoint(const Breakpoint &breakpoint);
    void removeBreakpoint(int id);
    void setBreakpointEnabled(int id, bool enabled);
    void setBreakOnError(bool on);
    void setAskMe(bool on, bool allTasks = false);

    // Caller answers (journaled by the session).
    void answerTask(qint64 askId, const Model::Json &output);
    void failTask(qint64 askId, const std::optional<std::string> &error,
                  const std::optional<std::string> &cause);
    void sendTaskSuccess(const QString &taskToken, const Model::Json &output);
    void sendTaskFailure(const QString &taskToken, const std::optional<std::string> &error,
                         const std::optional<std::string> &cause);
    void sendTaskHeartbeat(const QString &taskToken);
    void timeOutNow(const QString &taskToken);

    // The last frame sent (also available between signals), and the event log.
    DebugFrame lastFrame() const;
    std::shared_ptr<const EventLog> eventLog() const;

    // Blocking queries answered by the worker between slices (a running session answers
    // within one slice, a few milliseconds). For the data inspector and history export.
    std::vector<StateVisit> visits() const;
    std::optional<StateVisit> visit(qint64 enteredEventId) const;
    Model::Json historyJson() const;
    // Evaluates a JSONPath or intrinsic function against a visit's data (see
    // evaluateDebugExpression); an error's text on failure.
    Model::Result<Model::Json> evaluate(const QString &expression, qint64 enteredEventId,
                                        const QString &stage = QStringLiteral("input")) const;

  Q_SIGNALS:
    void frameReady(const Stepwise::Sim::DebugFrame &frame);
    void eventLogReplaced(std::shared_ptr<const Stepwise::Sim::EventLog> log);
    void breakpointsChanged(const std::vector<Stepwise::Sim::Breakpoint> &breakpoints);
    void sessionFailed(const QString &message);
    // The run is running on its own (true) or stopped at a pause point (false).
    void runningChanged(bool running);

  private:
    void onFrame(const DebugFrame &frame);
    void post(std::function<void(DebugSession &)> command);
    void breakpointCommand(std::function<QString(DebugSession &)> command);
    template<typename T>
    T query(std::function<T(const DebugSession &)> ask, T otherwise) const;

    QThread *m_thread = nullptr;
    RunWorker *m_worker = nullptr;
    mutable std::mutex m_mutex; // guards m_lastFrame, m_log, m_speed, m_hasSession
    DebugFrame m_lastFrame;
    std::shared_ptr<const EventLog> m_log;
    RunSpeed m_speed;
    bool m_hasSession = false;
};

} // namespace Stepwise::Sim

Q_DECLARE_METATYPE(Stepwise::Sim::DebugFrame)
