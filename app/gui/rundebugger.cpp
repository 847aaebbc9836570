#include "app/gui/rundebugger.h"

#include "app/gui/breakpointdialog.h"
#include "app/gui/mockskeleton.h"
#include "app/gui/runfiles.h"
#include "app/gui/runinputs.h"
#include "app/gui/runpanels.h"
#include "model/document.h"
#include "model/json/jsonreader.h"
#include "simulator/debug/debugexpression.h"
#include "simulator/debug/eventlog.h"
#include "simulator/debug/eventtype.h"
#include "simulator/debug/historyio.h"
#include "simulator/debug/runcontroller.h"
#include "simulator/tasks/mockconfig.h"
#include "simulator/tasks/snsemulator.h"
#include "simulator/tasks/sqsemulator.h"
#include "views/canvas/canvasfollower.h"
#include "views/canvas/canvasscene.h"
#include "views/canvas/canvasview.h"
#include "views/canvas/runoverlay.h"
#include "views/debug/executionlinemodel.h"
#include "views/debug/historymodel.h"
#include "views/debug/historyview.h"
#include "views/debug/navigatorview.h"
#include "views/debug/runsettingsview.h"
#include "views/debug/stageinspector.h"
#include "views/debug/waitingtasksview.h"
#include "views/editor/asleditor.h"

#include <QComboBox>
#include <QDateTime>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace Stepwise::App {

namespace {

// The history table marks failures, time-outs and aborts.
bool isFailureRow(Sim::HistoryEventType type)
{
    return Sim::isFailureEvent(type) || Sim::eventAction(type) == Sim::HistoryEventAction::Aborted;
}

Sim::RunSpeed runSpeed(const Views::RunSettings &settings)
{
    Sim::RunSpeed speed;
    switch (settings.speed) {
    case Views::RunSettings::Speed::Stepped:
        speed.mode = Sim::RunSpeed::Mode::Stepped;
        break;
    case Views::RunSettings::Speed::Instant:
        speed.mode = Sim::RunSpeed::Mode::Instant;
        break;
    case Views::RunSettings::Speed::RealTime:
        speed.mode = Sim::RunSpeed::Mode::RealTime;
        break;
    case Views::RunSettings::Speed::Scaled:
        speed.mode = Sim::RunSpeed::Mode::Scaled;
        speed.factor = settings.speedFactor;
        break;
    }
    return speed;
}

} // namespace

RunDebugger::RunDebugger(QMainWindow *window, Model::Document *document, Views::CanvasView *canvas,
                         Views::AslEditor *editor)
    : QObject(window)
    , m_window(window)
    , m_document(document)
    , m_canvas(canvas)
    , m_editor(editor)
    , m_presenter(document->workflow())
    , m_controller(new Sim::RunController(this))
    , m_overlay(new Views::RunOverlay(canvas->scene(), this))
    , m_follower(new Views::CanvasFollower(canvas))
{
    createActions();
    createDocks();
    connect(m_controller, &Sim::RunController::frameReady, this, &RunDebugger::onFrame);
    connect(m_controller, &Sim::RunController::runningChanged, this,
            &RunDebugger::onRunningChanged);
    connect(m_controller, &Sim::RunController::eventLogReplaced, this, &RunDebugger::setEventLog);
    connect(m_controller, &Sim::RunController::breakpointsChanged, this,
            [this](const std::vector<Sim::Breakpoint> &list) {
                m_breakpointIds.clear();
                for (const Sim::Breakpoint &b : list)
                    m_breakpointIds.push_back(b.id);
            });
    connect(m_controller, &Sim::RunController::sessionFailed, this, [this](const QString &message) {
        m_status->setText(tr("Run failed: %1").arg(message));
        Q_EMIT runFailed(message);
    });
    connect(&m_breakpoints, &BreakpointBook::changed, this, [this] {
        syncBreakpoints();
        showBreakpointMarks();
    });
    connect(m_editor, &Views::AslEditor::breakpointToggleRequested, this,
            [this](Model::StateId id) { m_breakpoints.toggle(m_document->workflow()->name(id)); });
    connect(m_canvas, &Views::CanvasView::selectionChanged, this, &RunDebugger::onCanvasSelection);
    // A new definition: the run (and ids by pointer) no longer match it.
    Model::Workflow *workflow = m_document->workflow();
    connect(workflow, &Model::Workflow::modelReset, this, [this] {
        m_presenter.invalidate();
        showBreakpointMarks();
    });
    connect(workflow, &Model::Workflow::stateRenamed, this,
            [this](Model::StateId, const QString &from, const QString &to) {
                m_presenter.invalidate();
                m_breakpoints.rename(from.toStdString(), to.toStdString());
            });
    for (auto signal : {&Model::Workflow::stateAdded, &Model::Workflow::stateMoved})
        connect(workflow, signal, this, [this] { m_presenter.invalidate(); });
    connect(workflow, &Model::Workflow::stateRemoved, this, [this] { m_presenter.invalidate(); });
    // Another file opened: the run belonged to the definition it replaced.
    connect(m_document, &Model::Document::loaded, this, [this] {
        if (hasRun())
            stop();
    });
    connect(m_document, &Model::Document::filePathChanged, this, [this](const QString &path) {
        m_settings->setInputText(RunInputs::initialInput(path));
        m_settings->setRecentInputs(RunInputs::recentInputs(path));
    });
    m_replayTimer.setInterval(500);
    connect(&m_replayTimer, &QTimer::timeout, this, &RunDebugger::replayTick);
    m_navigatorTimer.setSingleShot(true);
    m_navigatorTimer.setInterval(250);
    connect(&m_navigatorTimer, &QTimer::timeout, this, &RunDebugger::refreshNavigator);
    updateActions();
}

RunDebugger::~RunDebugger()
{
    m_controller->stop();
}

void RunDebugger::createActions()
{
    auto make = [this](const QString &text, QKeySequence key, auto slot) {
        auto *action = new QAction(text, m_window);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, slot);
        m_window->addAction(action);
        return action;
    };
    m_continue
        = make(tr("&Run / Continue"), QKeySequence(Qt::Key_F5), &RunDebugger::startOrContinue);
    m_continue->setObjectName(QStringLiteral("runContinue"));
    m_step = make(tr("&Step"), QKeySequence(Qt::Key_F10), &RunDebugger::step);
    m_step->setObjectName(QStringLiteral("runStep"));
    m_step->setToolTip(tr("Step to the next state entered or left (F10)"));
    m_stepEvent = make(tr("Step One &Event"), QKeySequence(Qt::Key_F11), &RunDebugger::stepEvent);
    m_stepBack
        = make(tr("Step &Back"), QKeySequence(Qt::SHIFT | Qt::Key_F11), &RunDebugger::stepBack);
    m_stepBack->setObjectName(QStringLiteral("runStepBack"));
    m_pause = make(tr("&Pause"), QKeySequence(Qt::Key_Pause), [this] {
        if (m_player)
            m_replayTimer.stop();
        else
            m_controller->pause();
        updateActions();
    });
    m_stop = make(tr("S&top"), QKeySequence(Qt::SHIFT | Qt::Key_F5), &RunDebugger::stop);
    m_stop->setObjectName(QStringLiteral("runStop"));
    m_toggleBreakpoint
        = make(tr("Toggle &Breakpoint"), QKeySequence(Qt::Key_F9), &RunDebugger::toggleBreakpoint);
    m_toggleBreakpoint->setProperty("stateMenu", true);
    m_editBreakpoint = make(tr("Edit Breakpoint..."), QKeySequence(), &RunDebugger::editBreakpoint);
    m_editBreakpoint->setProperty("stateMenu", true);
    m_runToHere = make(tr("Run to &Here"), QKeySequence(Qt::CTRL | Qt::Key_F10),
                       [this] { runToState(currentStateName()); });
    m_runToHere->setProperty("stateMenu", true);
    // The state menu lists the canvas's actions that ask to be there.
    m_canvas->addAction(m_toggleBreakpoint);
    m_canvas->addAction(m_editBreakpoint);
    m_canvas->addAction(m_runToHere);
    m_breakOnError = make(tr("Break on Any &Error"), QKeySequence(),
                          [this] { m_breakpoints.setBreakOnError(m_breakOnError->isChecked()); });
    m_breakOnError->setCheckable(true);
    m_follow = make(tr("&Follow the Run"), QKeySequence(), [this] { m_follower->resume(); });
    m_saveHistory = new QAction(tr("Save Run &History..."), m_window);
    connect(m_saveHistory, &QAction::triggered, this, &RunDebugger::saveHistoryDialog);
    m_openHistory = new QAction(tr("Open &History (Replay)..."), m_window);
    connect(m_openHistory, &QAction::triggered, this, &RunDebugger::openHistoryDialog);
    m_newMock = new QAction(tr("New &Mock File from This Definition..."), m_window);
    connect(m_newMock, &QAction::triggered, this, &RunDebugger::newMockDialog);
}

void RunDebugger::createDocks()
{
    m_panels = new RunPanels(m_window);
    m_settings = m_panels->settings();
    m_waiting = m_panels->waiting();
    m_inspector = m_panels->inspector();
    m_visitBox = m_panels->visitBox();
    m_historyModel = m_panels->historyModel();
    m_history = m_panels->history();
    m_lineModel = m_panels->lineModel();
    m_navigator = m_panels->navigator();
    m_status = m_panels->status();
    m_runDock = m_panels->runDock();
    m_waitingDock = m_panels->waitingDock();
    m_dataDock = m_panels->dataDock();
    m_historyDock = m_panels->historyDock();
    m_navigatorDock = m_panels->navigatorDock();

    m_historyModel->setSource([this] { return eventTotal(); },
                              [this](qint64 i) {
                                  const Sim::HistoryEvent event = eventAt(i);
                                  Views::HistoryRow row;
                                  row.id = event.id;
                                  row.previousEventId = event.previousEventId;
                                  row.type = QString::fromUtf8(Sim::eventTypeName(event));
                                  row.stateName = QString::fromStdString(event.stateName());
                                  row.virtualMillis = event.timestampMillis;
                                  row.wallMillis = i < qint64(m_wallMillis.size())
                                                       ? m_wallMillis[size_t(i)]
                                                       : -1;
                                  row.details = QString::fromStdString(event.details.dump());
                                  row.failure = isFailureRow(event.type);
                                  return row;
                              });
    connect(m_history, &Views::HistoryView::eventActivated, this, &RunDebugger::onEventActivated);
    connect(m_navigator, &Views::NavigatorView::linePicked, this,
            [this](qint64, const QStringList &path) {
                std::set<Model::StateId> ids;
                for (const QString &name : path) {
                    if (Model::StateId id = m_presenter.stateNamed(name.toStdString()))
                        ids.insert(id);
                }
                m_overlay->setPath(ids);
            });
    connect(m_waiting, &Views::WaitingTasksView::approved, this, &RunDebugger::answerWaiting);
    connect(m_waiting, &Views::WaitingTasksView::rejected, this, &RunDebugger::rejectWaiting);
    connect(m_waiting, &Views::WaitingTasksView::heartbeat, this,
            [this](const QString &token) { m_controller->sendTaskHeartbeat(token); });
    connect(m_waiting, &Views::WaitingTasksView::timeOutNow, this, [this](const QString &token) {
        m_controller->timeOutNow(token);
        if (m_continuing)
            m_controller->continueRun();
        else
            m_controller->stepState();
    });
    connect(m_settings, &Views::RunSettingsView::settingsChanged, this, [this] {
        if (!m_player)
            m_controller->setSpeed(runSpeed(m_settings->settings()));
    });
    connect(m_settings, &Views::RunSettingsView::mockFileChosen, this, &RunDebugger::loadMockFile);
    connect(m_settings, &Views::RunSettingsView::newMockFileRequested, this,
            &RunDebugger::newMockDialog);
    connect(m_visitBox, &QComboBox::currentIndexChanged, this, [this](int index) {
        const qint64 entered = m_visitBox->itemData(index).toLongLong();
        for (size_t i = 0; i < m_visits.size(); ++i) {
            if (m_visits[i].enteredEventId == entered) {
                int number = 0;
                for (size_t j = 0; j <= i; ++j)
                    number += m_visits[j].stateName == m_visits[i].stateName ? 1 : 0;
                m_inspector->setVisit(FramePresenter::stageVisit(m_visits[i], number));
                setEvaluatorFor(m_visits[i]);
            }
        }
    });
}

void RunDebugger::install(QMenu *before)
{
    QMenu *run = new QMenu(tr("&Run"), m_window);
    run->addAction(m_continue);
    run->addAction(m_step);
    run->addAction(m_stepEvent);
    run->addAction(m_stepBack);
    run->addAction(m_pause);
    run->addAction(m_stop);
    run->addSeparator();
    run->addAction(m_toggleBreakpoint);
    run->addAction(m_editBreakpoint);
    run->addAction(m_runToHere);
    run->addAction(m_breakOnError);
    run->addSeparator();
    run->addAction(m_follow);
    run->addAction(m_newMock);
    run->addSeparator();
    for (QDockWidget *d : {m_runDock, m_waitingDock, m_dataDock, m_historyDock, m_navigatorDock})
        run->addAction(d->toggleViewAction());
    m_window->menuBar()->insertMenu(before ? before->menuAction() : nullptr, run);
    m_toolBar = m_window->addToolBar(tr("Run"));
    m_toolBar->setObjectName(QStringLiteral("runToolBar"));
    for (QAction *action : {m_continue, m_step, m_stepBack, m_pause, m_stop, m_toggleBreakpoint})
        m_toolBar->addAction(action);
}

bool RunDebugger::hasRun() const
{
    return m_player || m_controller->hasSession();
}

bool RunDebugger::startSession()
{
    m_player.reset();
    m_replayTimer.stop();
    const Views::RunSettings settings = m_settings->settings();
    Model::Json input;
    QString error;
    if (!m_settings->inputValid(&input, &error)) {
        m_runDock->raise();
        m_status->setText(tr("The input is not valid JSON: %1").arg(error));
        Q_EMIT runFailed(m_status->text());
        return false;
    }
    RunInputs::remember(m_document->filePath(), settings.inputText);
    m_settings->setRecentInputs(RunInputs::recentInputs(m_document->filePath()));
    Sim::DebugSessionOptions options;
    options.execution.seed = settings.seed;
    options.breakOnError = m_breakpoints.breakOnError();
    if (settings.express) {
        // Express: no history-event limit; a run of millions of events keeps the canvas
        // picture only, not every event and visit (no step back, as AWS keeps no history).
        options.execution.maxHistoryEvents = 0;
        options.keepStages = false;
        options.keepEvents = false;
    }
    std::vector<std::shared_ptr<Sim::TaskExecutor>> executors;
    const bool askMe = settings.taskResults == Views::RunSettings::TaskResults::AskMe;
    // Ask me: a mock file, when one is given, prefills the answers (else the emulation).
    if (settings.taskResults == Views::RunSettings::TaskResults::MockFile
        || (askMe && !settings.mockFile.trimmed().isEmpty())) {
        loadMockFile(settings.mockFile);
        if (!m_mocks) {
            m_runDock->raise();
            Q_EMIT runFailed(m_status->text());
            return false;
        }
        auto config = *m_mocks;
        auto selected = config.selectTestCase(settings.testCase.toStdString());
        if (!selected) {
            m_status->setText(
                tr("Mock file: %1").arg(QString::fromStdString(selected.error().message)));
            Q_EMIT runFailed(m_status->text());
            return false;
        }
        executors.push_back(std::make_shared<Sim::MockTaskExecutor>(std::move(config)));
    }
    options.askMe = askMe;
    options.askMeAllTasks = askMe;
    executors.push_back(std::make_shared<Sim::SnsEmulator>());
    executors.push_back(std::make_shared<Sim::SqsEmulator>());
    m_editor->applyPendingText();
    m_overlay->clearRun();
    m_lastTransitionEvent = -1;
    m_wallMillis.clear();
    m_visits.clear();
    m_lineModel->setLines({});
    m_follower->resume();
    m_controller->setSpeed(runSpeed(settings));
    m_controller->start(m_document->workflow()->toJson(), input, options, std::move(executors));
    m_controller->setBreakOnError(m_breakpoints.breakOnError());
    m_breakpointIds.clear();
    for (const Sim::Breakpoint &b : m_breakpoints.breakpoints())
        m_controller->setBreakpoint(b);
    setEventLog(m_controller->eventLog());
    return true;
}

void RunDebugger::startOrContinue()
{
    if (m_player) {
        // Replay: play from here (from the start when at the end).
        if (m_player->atEnd())
            m_player->jumpTo(0);
        const Views::RunSettings settings = m_settings->settings();
        m_replayTimer.setInterval(settings.speed == Views::RunSettings::Speed::Instant ? 0 : 400);
        m_replayTimer.start();
        show(m_player->frame());
        updateActions();
        return;
    }
    if (!m_controller->hasSession() || m_frame.paused == Sim::PauseReason::Finished) {
        if (!startSession())
            return;
    }
    m_continuing = true;
    m_controller->continueRun();
}

void RunDebugger::step()
{
    if (m_player) {
        m_replayTimer.stop();
        m_player->stepState();
        show(m_player->frame());
        return;
    }
    if (!m_controller->hasSession() || m_frame.paused == Sim::PauseReason::Finished) {
        if (!startSession())
            return;
    }
    m_continuing = false;
    m_controller->stepState();
}

void RunDebugger::stepEvent()
{
    if (m_player) {
        m_replayTimer.stop();
        m_player->stepEvent();
        show(m_player->frame());
        return;
    }
    if (!m_controller->hasSession() && !startSession())
        return;
    m_controller->stepEvent();
}

void RunDebugger::stepBack()
{
    if (m_player) {
        m_replayTimer.stop();
        m_player->stepStateBack();
        show(m_player->frame());
        return;
    }
    if (m_controller->hasSession())
        m_controller->stepStateBack();
}

void RunDebugger::stop()
{
    m_replayTimer.stop();
    m_player.reset();
    m_controller->stop();
    m_running = false;
    m_frame = Sim::DebugFrame{};
    m_overlay->clearRun();
    m_editor->setActiveStates({});
    m_waiting->setTasks({});
    m_inspector->clear();
    m_visitBox->clear();
    m_visits.clear();
    m_lineModel->setLines({});
    m_log.reset();
    m_wallMillis.clear();
    m_historyModel->reset();
    m_status->setText(tr("Not running"));
    updateActions();
}

void RunDebugger::runToState(const QString &stateName)
{
    if (stateName.isEmpty())
        return;
    if (m_player) {
        m_replayTimer.stop();
        m_player->runToState(stateName.toStdString());
        show(m_player->frame());
        return;
    }
    if (!m_controller->hasSession() || m_frame.paused == Sim::PauseReason::Finished) {
        if (!startSession())
            return;
    }
    m_controller->runToState(stateName);
}

void RunDebugger::travelTo(qint64 eventIndex)
{
    if (m_player) {
        m_replayTimer.stop();
        m_player->jumpTo(eventIndex);
        show(m_player->frame());
        return;
    }
    if (m_controller->hasSession())
        m_controller->jumpTo(eventIndex);
}

void RunDebugger::replayTick()
{
    if (!m_player || m_player->atEnd()) {
        m_replayTimer.stop();
        updateActions();
        return;
    }
    if (m_replayTimer.interval() == 0)
        m_player->jumpTo(m_player->eventCount());
    else
        m_player->stepState();
    show(m_player->frame());
}

void RunDebugger::toggleBreakpoint()
{
    const QString name = currentStateName();
    if (!name.isEmpty())
        m_breakpoints.toggle(name.toStdString());
}

void RunDebugger::editBreakpoint()
{
    const QString name = currentStateName();
    if (name.isEmpty())
        return;
    const BreakpointBook::Spec *existing = m_breakpoints.spec(name.toStdString());
    BreakpointDialog dialog(name, existing ? *existing : BreakpointBook::Spec{}, m_window);
    if (dialog.exec() == QDialog::Accepted)
        m_breakpoints.set(name.toStdString(), dialog.spec());
}

QString RunDebugger::currentStateName() const
{
    const std::vector<Model::StateId> selected = m_canvas->selectedStates();
    if (selected.empty())
        return {};
    return QString::fromStdString(m_document->workflow()->name(selected.front()));
}

void RunDebugger::syncBreakpoints()
{
    if (!m_controller->hasSession())
        return;
    for (int id : m_breakpointIds)
        m_controller->removeBreakpoint(id);
    m_breakpointIds.clear();
    for (const Sim::Breakpoint &b : m_breakpoints.breakpoints())
        m_controller->setBreakpoint(b);
    m_controller->setBreakOnError(m_breakpoints.breakOnError());
}

void RunDebugger::showBreakpointMarks()
{
    std::map<Model::StateId, Views::BreakpointMark> marks;
    for (const auto &[name, spec] : m_breakpoints.specs()) {
        const Model::StateId id = m_presenter.stateNamed(name);
        if (id == 0)
            continue;
        Views::BreakpointMark mark;
        mark.beforeEntry = spec.beforeEntry;
        mark.afterExit = spec.afterExit;
        mark.conditional = spec.condition.has_value();
        mark.enabled = spec.enabled;
        marks[id] = mark;
    }
    m_overlay->setBreakpoints(marks);
    m_editor->setBreakpoints(marks);
}

void RunDebugger::setEventLog(std::shared_ptr<const Sim::EventLog> log)
{
    m_log = std::move(log);
    m_historyModel->reset();
}

qint64 RunDebugger::eventTotal() const
{
    if (m_player)
        return m_player->eventCount();
    return m_log ? m_log->size() : 0;
}

Sim::HistoryEvent RunDebugger::eventAt(qint64 index) const
{
    if (m_player)
        return m_player->events()[size_t(index)];
    return m_log->at(index);
}

void RunDebugger::onFrame(const Sim::DebugFrame &frame)
{
    if (m_player)
        return; // a late frame of a stopped live run
    show(frame);
}

void RunDebugger::onRunningChanged(bool running)
{
    m_running = running;
    updateActions();
    if (!running)
        showVisit();
}

void RunDebugger::show(const Sim::DebugFrame &frame)
{
    m_frame = frame;
    m_overlay->setStates(m_presenter.stateInfos(frame));
    const bool fast
        = m_running && m_settings->settings().speed == Views::RunSettings::Speed::Instant;
    Model::StateId focus = 0;
    if (frame.transition) {
        focus = m_presenter.stateId(frame.transition->toPointer);
        if (frame.transition->eventId != m_lastTransitionEvent) {
            m_lastTransitionEvent = frame.transition->eventId;
            if (auto edge = m_presenter.takenEdge(frame))
                m_overlay->setTakenEdge(edge->from, edge->kind, edge->index, fast ? 0 : 450);
            else
                m_overlay->clearTakenEdge();
        }
    } else {
        m_lastTransitionEvent = -1;
        m_overlay->clearTakenEdge();
    }
    const std::set<Model::StateId> active = m_presenter.activeStates(frame);
    if (!active.empty() && (focus == 0 || !active.count(focus)))
        focus = *active.begin();
    m_editor->setActiveStates(active);
    if (focus)
        m_follower->follow(focus);

    // Waiting tasks: only when the list or a time left changed (the user may be typing).
    const std::vector<Views::WaitingTask> tasks = FramePresenter::waitingTasks(frame);
    bool same = tasks.size() == m_waiting->tasks().size();
    for (size_t i = 0; same && i < tasks.size(); ++i)
        same = tasks[i].token == m_waiting->tasks()[i].token
               && tasks[i].remainingMillis == m_waiting->tasks()[i].remainingMillis;
    if (!same) {
        const bool more = tasks.size() > m_waiting->tasks().size();
        m_waiting->setTasks(tasks);
        if (more && !m_running)
            m_waitingDock->raise();
    }

    const qint64 total = eventTotal();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    while (qint64(m_wallMillis.size()) < total)
        m_wallMillis.push_back(now);
    m_historyModel->refresh();
    const bool past = frame.eventIndex < frame.eventCount;
    m_historyModel->setCurrentRow(frame.eventIndex > 0 ? int(frame.eventIndex - 1) : -1);
    if (!m_running)
        m_history->revealCurrent();

    m_focusState.clear();
    if (focus)
        m_focusState = QString::fromStdString(m_document->workflow()->name(focus));
    if (!m_running) {
        // A pause: the state it is about becomes the selection (canvas, text, data).
        if (focus && (past || frame.paused != Sim::PauseReason::None)) {
            const std::vector<Model::StateId> selected = m_canvas->selectedStates();
            if (selected.size() != 1 || selected.front() != focus)
                m_canvas->selectState(focus);
        }
        showVisit();
        refreshNavigator();
    } else if (!m_navigatorTimer.isActive() && m_navigatorDock->isVisible()) {
        m_navigatorTimer.start();
    }
    showStatus();
    updateActions();
    Q_EMIT frameShown();
}

void RunDebugger::showStatus()
{
    const Sim::DebugFrame &f = m_frame;
    const double seconds = double(f.nowMillis - f.startMillis) / 1000.0;
    QString where = tr("event %1 of %2, %3 s on the run's clock")
                        .arg(f.eventIndex)
                        .arg(f.eventCount)
                        .arg(seconds, 0, 'f', 1);
    QString what;
    if (m_player && !m_followed.isEmpty())
        what = tr("Following %1").arg(m_followed);
    else if (m_player)
        what = tr("Replaying history");
    else if (m_running)
        what = tr("Running");
    else
        what = QString::fromLatin1(Sim::toText(f.paused));
    if (f.paused == Sim::PauseReason::Breakpoint && !m_focusState.isEmpty())
        what = tr("Paused at a breakpoint on %1").arg(m_focusState);
    QString outcome = QString::fromStdString(f.executionStatus);
    if (f.error)
        outcome += QStringLiteral(" (%1)").arg(QString::fromStdString(*f.error));
    m_status->setText(QStringLiteral("%1 \u2014 %2 \u2014 %3").arg(what, where, outcome));
}

void RunDebugger::showVisit()
{
    if (!hasRun())
        return;
    m_visits = m_player ? m_player->visits() : m_controller->visits();
    QString name = currentStateName();
    if (name.isEmpty())
        name = m_focusState;
    if (name.isEmpty() && !m_visits.empty())
        name = QString::fromStdString(m_visits.back().stateName);
    const QSignalBlocker blocker(m_visitBox);
    m_visitBox->clear();
    int number = 0;
    for (const Sim::StateVisit &visit : m_visits) {
        if (QString::fromStdString(visit.stateName) != name)
            continue;
        ++number;
        m_visitBox->addItem(
            tr("%1, visit %2 (event %3)").arg(name).arg(number).arg(visit.enteredEventId),
            QVariant::fromValue<qlonglong>(visit.enteredEventId));
    }
    if (m_visitBox->count() == 0) {
        m_visitBox->addItem(tr("%1 has not run yet").arg(name), QVariant::fromValue<qlonglong>(-1));
        Views::StageVisit none;
        none.stateName = name;
        none.title = tr("%1 has not run at this moment of the run.").arg(name);
        m_inspector->setVisit(none);
        m_inspector->setEvaluator(nullptr);
        return;
    }
    m_visitBox->setCurrentIndex(m_visitBox->count() - 1);
    const qint64 entered = m_visitBox->currentData().toLongLong();
    for (const Sim::StateVisit &visit : m_visits) {
        if (visit.enteredEventId == entered) {
            m_inspector->setVisit(FramePresenter::stageVisit(visit, number));
            setEvaluatorFor(visit);
        }
    }
}

void RunDebugger::setEvaluatorFor(const Sim::StateVisit &visit)
{
    if (m_running) {
        m_inspector->setEvaluator(nullptr);
        return;
    }
    m_inspector->setEvaluator([this, visit](const QString &expression, bool *ok) {
        std::string stage = m_inspector->currentStage().toStdString();
        if (!visit.data.contains(stage))
            stage = "input";
        const Model::Result<Model::Json> result
            = m_player ? Sim::evaluateDebugExpression(expression.toStdString(), visit, stage)
                       : m_controller->evaluate(expression, visit.enteredEventId,
                                                QString::fromStdString(stage));
        *ok = result.ok();
        return QString::fromStdString(result ? result->dump(2) : result.error().toString());
    });
}

void RunDebugger::refreshNavigator()
{
    if (!hasRun())
        return;
    const std::vector<Sim::StateVisit> visits = m_running ? m_controller->visits() : m_visits;
    const Sim::StateTable table(m_document->workflow()->toJson());
    m_lineModel->setLines(FramePresenter::executionLines(visits, table, m_frame));
}

void RunDebugger::onCanvasSelection()
{
    if (hasRun() && !m_running)
        showVisit();
}

void RunDebugger::onEventActivated(qint64 eventId, const QString &stateName)
{
    travelTo(eventId);
    if (!stateName.isEmpty()) {
        if (Model::StateId id = m_presenter.stateNamed(stateName.toStdString()))
            m_canvas->selectState(id);
    }
}

void RunDebugger::answerWaiting(const QString &token, const Model::Json &result)
{
    bool ask = false;
    for (const Sim::AskMeTask &task : m_frame.askMeTasks)
        ask = ask || QString::number(task.id) == token;
    if (ask)
        m_controller->answerTask(token.toLongLong(), result);
    else
        m_controller->sendTaskSuccess(token, result);
    if (m_continuing)
        m_controller->continueRun();
    else
        m_controller->stepState();
}

void RunDebugger::rejectWaiting(const QString &token, const QString &error, const QString &cause)
{
    auto text = [](const QString &s) {
        return s.isEmpty() ? std::optional<std::string>() : std::optional(s.toStdString());
    };
    bool ask = false;
    for (const Sim::AskMeTask &task : m_frame.askMeTasks)
        ask = ask || QString::number(task.id) == token;
    if (ask)
        m_controller->failTask(token.toLongLong(), text(error), text(cause));
    else
        m_controller->sendTaskFailure(token, text(error), text(cause));
    if (m_continuing)
        m_controller->continueRun();
    else
        m_controller->stepState();
}

void RunDebugger::loadMockFile(const QString &path)
{
    m_mocks.reset();
    auto mocks = RunFiles::readMockFile(path);
    if (!mocks) {
        m_status->setText(
            tr("Mock file: %1").arg(QString::fromStdString(mocks.error().toString())));
        return;
    }
    m_mocks = std::make_shared<Sim::MockConfig>(std::move(mocks->config));
    m_settings->setTestCases(mocks->testCases);
}

bool RunDebugger::saveHistory(const QString &path, QString *error)
{
    if (!hasRun()) {
        if (error)
            *error = tr("There is no run to save.");
        return false;
    }
    auto written = RunFiles::writeJson(path, m_player ? Sim::historyToJson(m_player->events())
                                                      : m_controller->historyJson());
    if (!written && error)
        *error = QString::fromStdString(written.error().toString());
    return written.ok();
}

bool RunDebugger::openHistory(const QString &path, QString *error)
{
    auto events = RunFiles::readHistoryFile(path);
    if (!events) {
        if (error)
            *error = QString::fromStdString(events.error().toString());
        return false;
    }
    replayHistory(std::move(*events));
    m_historyDock->raise();
    return true;
}

void RunDebugger::followHistory(const QString &execution, std::vector<Sim::HistoryEvent> events)
{
    replayHistory(std::move(events));
    m_followed = execution;
    showStatus();
}

void RunDebugger::replayHistory(std::vector<Sim::HistoryEvent> events)
{
    m_followed.clear();
    m_controller->stop();
    m_running = false;
    m_overlay->clearRun();
    m_lastTransitionEvent = -1;
    m_log.reset();
    m_wallMillis.clear();
    m_player
        = std::make_unique<Sim::HistoryPlayer>(m_document->workflow()->toJson(), std::move(events));
    // Shown at its end: the whole run at a glance, as the console shows it.
    m_player->jumpTo(m_player->eventCount());
    m_historyModel->reset();
    show(m_player->frame());
}

bool RunDebugger::writeMockSkeleton(const QString &path, QString *error)
{
    const QString file = m_document->filePath();
    const QString machine = file.isEmpty()
                                ? QStringLiteral("StateMachine")
                                : QFileInfo(file).fileName().section(QLatin1Char('.'), 0, 0);
    auto written = RunFiles::writeJson(
        path, mockSkeleton(m_document->workflow()->toJson(), machine.toStdString()));
    if (!written) {
        if (error)
            *error = QString::fromStdString(written.error().toString());
        return false;
    }
    Views::RunSettings settings = m_settings->settings();
    settings.taskResults = Views::RunSettings::TaskResults::MockFile;
    settings.mockFile = path;
    settings.testCase = QStringLiteral("HappyPath");
    m_settings->setSettings(settings);
    loadMockFile(path);
    return true;
}

void RunDebugger::saveHistoryDialog()
{
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Save Run History"), QString(),
                                                      tr("History (*.json)"));
    QString error;
    if (!path.isEmpty() && !saveHistory(path, &error))
        QMessageBox::warning(m_window, tr("Save Run History"), error);
}

void RunDebugger::openHistoryDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Open History"), QString(),
        tr("Histories: stepwise-cli run --history, aws stepfunctions get-execution-history "
           "(*.json);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !openHistory(path, &error))
        QMessageBox::warning(m_window, tr("Open History"), error);
}

void RunDebugger::newMockDialog()
{
    const QString file = m_document->filePath();
    QString suggested = QStringLiteral("MockConfigFile.json");
    if (!file.isEmpty() && !file.startsWith(QLatin1Char(':')))
        suggested = QFileInfo(file).dir().filePath(
            QFileInfo(file).fileName().section(QLatin1Char('.'), 0, 0)
            + QStringLiteral(".mock.json"));
    const QString path = QFileDialog::getSaveFileName(m_window, tr("New Mock File"), suggested,
                                                      tr("Mock files (*.json)"));
    QString error;
    if (!path.isEmpty() && !writeMockSkeleton(path, &error))
        QMessageBox::warning(m_window, tr("New Mock File"), error);
}

void RunDebugger::updateActions()
{
    const bool run = hasRun();
    const bool playing = m_running || m_replayTimer.isActive();
    m_continue->setText(run && m_frame.paused != Sim::PauseReason::Finished ? tr("&Continue")
                                                                            : tr("&Run"));
    m_stepBack->setEnabled(run && m_frame.eventIndex > 0);
    m_pause->setEnabled(playing);
    m_stop->setEnabled(run);
    m_saveHistory->setEnabled(run);
}

} // namespace Stepwise::App
