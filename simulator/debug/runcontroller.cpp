#include "simulator/debug/runcontroller.h"

#include "simulator/debug/debugexpression.h"
#include "simulator/debug/eventlog.h"
#include "simulator/debug/runworker.h"

#include <QThread>

namespace Stepwise::Sim {

RunController::RunController(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_worker(new RunWorker)
    , m_log(std::make_shared<EventLog>())
{
    qRegisterMetaType<DebugFrame>();
    qRegisterMetaType<std::shared_ptr<const EventLog>>();
    qRegisterMetaType<std::vector<Breakpoint>>();
    m_thread->setObjectName(QStringLiteral("stepwise-run"));
    m_worker->moveToThread(m_thread);
    connect(
        m_worker, &RunWorker::frameAvailable, this,
        [this] {
            if (auto frame = m_worker->takeFrame())
                onFrame(*frame);
        },
        Qt::QueuedConnection);
    connect(
        m_worker, &RunWorker::logReplaced, this,
        [this](std::shared_ptr<const EventLog> log) {
            {
                std::lock_guard lock(m_mutex);
                m_log = log;
            }
            Q_EMIT eventLogReplaced(log);
        },
        Qt::QueuedConnection);
    connect(m_worker, &RunWorker::runningChanged, this, &RunController::runningChanged,
            Qt::QueuedConnection);
    m_thread->start();
}

RunController::~RunController()
{
    m_worker->requestPause();
    RunWorker *worker = m_worker;
    // The worker (and its timer) must go on its own thread.
    QMetaObject::invokeMethod(
        worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void RunController::start(const Model::Json &definition, const Model::Json &input,
                          const DebugSessionOptions &options,
                          std::vector<std::shared_ptr<TaskExecutor>> executors)
{
    auto session = DebugSession::create(definition, input, options, std::move(executors));
    if (!session) {
        Q_EMIT sessionFailed(QString::fromStdString(session.error().toString()));
        return;
    }
    m_worker->requestPause();
    auto owned = std::make_shared<std::unique_ptr<DebugSession>>(std::move(session.value()));
    RunWorker *worker = m_worker;
    const RunSpeed speed = this->speed();
    QMetaObject::invokeMethod(
        worker,
        [worker, owned, speed] {
            worker->start(std::move(*owned));
            worker->setSpeed(speed);
        },
        Qt::QueuedConnection);
    std::lock_guard lock(m_mutex);
    m_hasSession = true;
}

void RunController::stop()
{
    m_worker->requestPause();
    RunWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->stop(); }, Qt::QueuedConnection);
    std::lock_guard lock(m_mutex);
    m_hasSession = false;
}

bool RunController::hasSession() const
{
    std::lock_guard lock(m_mutex);
    return m_hasSession;
}

void RunController::post(std::function<void(DebugSession &)> command)
{
    RunWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, command = std::move(command)] { worker->command(command); },
        Qt::QueuedConnection);
}

void RunController::continueRun()
{
    RunWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->setRunning(true); }, Qt::QueuedConnection);
}

void RunController::pause()
{
    m_worker->requestPause();
}

void RunController::stepEvent()
{
    m_worker->requestPause();
    post([](DebugSession &s) { s.stepEvent(); });
}

void RunController::stepState()
{
    m_worker->requestPause();
    post([](DebugSession &s) { s.stepState(); });
}

void RunController::stepBack()
{
    m_worker->requestPause();
    post([](DebugSession &s) { s.stepBack(); });
}

void RunController::stepStateBack()
{
    m_worker->requestPause();
    post([](DebugSession &s) { s.stepStateBack(); });
}

void RunController::jumpTo(qint64 eventIndex)
{
    m_worker->requestPause();
    post([eventIndex](DebugSession &s) { s.jumpTo(eventIndex); });
}

void RunController::runToState(const QString &stateName)
{
    m_worker->requestPause();
    post([name = stateName.toStdString()](DebugSession &s) { s.runToState(name); });
}

void RunController::setSpeed(RunSpeed speed)
{
    {
        std::lock_guard lock(m_mutex);
        m_speed = speed;
    }
    RunWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, speed] { worker->setSpeed(speed); }, Qt::QueuedConnection);
}

RunSpeed RunController::speed() const
{
    std::lock_guard lock(m_mutex);
    return m_speed;
}

void RunController::setFrameInterval(int milliseconds)
{
    RunWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, milliseconds] { worker->setFrameInterval(milliseconds); },
        Qt::QueuedConnection);
}

void RunController::breakpointCommand(std::function<QString(DebugSession &)> command)
{
    RunWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker,
        [this, worker, command = std::move(command)] {
            DebugSession *session = worker->session();
            if (!session)
                return;
            const QString error = command(*session);
            const std::vector<Breakpoint> all = session->breakpoints();
            QMetaObject::invokeMethod(
                this,
                [this, error, all] {
                    if (!error.isEmpty())
                        Q_EMIT sessionFailed(error);
                    Q_EMIT breakpointsChanged(all);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void RunController::setBreakpoint(const Breakpoint &breakpoint)
{
    breakpointCommand([breakpoint](DebugSession &s) {
        auto id = s.setBreakpoint(breakpoint);
        return id ? QString() : QString::fromStdString(id.error().toString());
    });
}

void RunController::removeBreakpoint(int id)
{
    breakpointCommand([id](DebugSession &s) {
        s.removeBreakpoint(id);
        return QString();
    });
}

void RunController::setBreakpointEnabled(int id, bool enabled)
{
    breakpointCommand([id, enabled](DebugSession &s) {
        s.setBreakpointEnabled(id, enabled);
        return QString();
    });
}

void RunController::setBreakOnError(bool on)
{
    breakpointCommand([on](DebugSession &s) {
        s.setBreakOnError(on);
        return QString();
    });
}

void RunController::setAskMe(bool on, bool allTasks)
{
    breakpointCommand([on, allTasks](DebugSession &s) {
        s.setAskMe(on, allTasks);
        return QString();
    });
}

void RunController::answerTask(qint64 askId, const Model::Json &output)
{
    post([askId, output](DebugSession &s) { s.answerTask(askId, output); });
}

void RunController::failTask(qint64 askId, const std::optional<std::string> &error,
                             const std::optional<std::string> &cause)
{
    post([askId, error, cause](DebugSession &s) { s.failTask(askId, error, cause); });
}

void RunController::sendTaskSuccess(const QString &taskToken, const Model::Json &output)
{
    post([token = taskToken.toStdString(), output](DebugSession &s) {
        s.sendTaskSuccess(token, output);
    });
}

void RunController::sendTaskFailure(const QString &taskToken,
                                    const std::optional<std::string> &error,
                                    const std::optional<std::string> &cause)
{
    post([token = taskToken.toStdString(), error, cause](DebugSession &s) {
        s.sendTaskFailure(token, error, cause);
    });
}

void RunController::sendTaskHeartbeat(const QString &taskToken)
{
    post([token = taskToken.toStdString()](DebugSession &s) { s.sendTaskHeartbeat(token); });
}

void RunController::timeOutNow(const QString &taskToken)
{
    post([token = taskToken.toStdString()](DebugSession &s) { s.timeOutNow(token); });
}

DebugFrame RunController::lastFrame() const
{
    std::lock_guard lock(m_mutex);
    return m_lastFrame;
}

std::shared_ptr<const EventLog> RunController::eventLog() const
{
    std::lock_guard lock(m_mutex);
    return m_log;
}

void RunController::onFrame(const DebugFrame &frame)
{
    {
        std::lock_guard lock(m_mutex);
        m_lastFrame = frame;
    }
    Q_EMIT frameReady(frame);
}

template<typename T>
T RunController::query(std::function<T(const DebugSession &)> ask, T otherwise) const
{
    T result = otherwise;
    RunWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker,
        [worker, &ask, &result] {
            if (const DebugSession *session = worker->session())
                result = ask(*session);
        },
        Qt::BlockingQueuedConnection);
    return result;
}

std::vector<StateVisit> RunController::visits() const
{
    return query<std::vector<StateVisit>>([](const DebugSession &s) { return s.visits(); }, {});
}

std::optional<StateVisit> RunController::visit(qint64 enteredEventId) const
{
    return query<std::optional<StateVisit>>(
        [enteredEventId](const DebugSession &s) { return s.visit(enteredEventId); }, std::nullopt);
}

Model::Json RunController::historyJson() const
{
    return query<Model::Json>([](const DebugSession &s) { return s.historyJson(); },
                              Model::Json{{"events", Model::Json::array()}});
}

Model::Result<Model::Json> RunController::evaluate(const QString &expression, qint64 enteredEventId,
                                                   const QString &stage) const
{
    const std::optional<StateVisit> found = visit(enteredEventId);
    if (!found) {
        Model::Error error;
        error.message = "no state visit entered at event " + std::to_string(enteredEventId);
        return error;
    }
    return evaluateDebugExpression(expression.toStdString(), *found, stage.toStdString());
}

} // namespace Stepwise::Sim
