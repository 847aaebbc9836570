#pragma once

#include "app/gui/breakpointbook.h"
#include "app/gui/framepresenter.h"
#include "simulator/debug/debugframe.h"
#include "simulator/debug/historyplayer.h"
#include "simulator/engine/historyevent.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QMainWindow;
class QMenu;
class QTabWidget;
class QToolBar;

namespace Stepwise::Model {
class Document;
}

namespace Stepwise::Sim {
class EventLog;
class MockConfig;
class RunController;
} // namespace Stepwise::Sim

namespace Stepwise::Views {
class AslEditor;
class CanvasFollower;
class CanvasView;
class ExecutionLineModel;
class HistoryModel;
class HistoryView;
class NavigatorView;
class RunOverlay;
class RunSettingsView;
class StageInspector;
class WaitingTasksView;
} // namespace Stepwise::Views

namespace Stepwise::App {

class RunPanels;

// The step-through debugger in the window: the Run menu and toolbar, the run panel's docks
// (settings, waiting tasks, data, history, branches and iterations) and the run drawn on the
// canvas. A live run goes through a RunController (the engine on its own thread, frames at
// screen rate); an opened history is replayed by a HistoryPlayer with the same controls.
// Every frame, live or replayed, is shown the same way by show().
class RunDebugger : public QObject
{
    Q_OBJECT

  public:
    RunDebugger(QMainWindow *window, Model::Document *document, Views::CanvasView *canvas,
                Views::AslEditor *editor);
    ~RunDebugger() override;

    // Adds the Run menu (before `before`, e.g. Help) and the Run toolbar.
    void install(QMenu *before);
    QAction *saveHistoryAction() const { return m_saveHistory; }
    QAction *openHistoryAction() const { return m_openHistory; }
    QAction *newMockAction() const { return m_newMock; }

    // Commands (the actions call these; tests and --run-to too).
    void startOrContinue();
    void step();
    void stepEvent();
    void stepBack();
    void stop();
    void toggleBreakpoint();
    void runToState(const QString &stateName);
    void travelTo(qint64 eventIndex);
    bool saveHistory(const QString &path, QString *error = nullptr);
    bool openHistory(const QString &path, QString *error = nullptr);
    // Replays `events` over the document, shown at their end.
    void replayHistory(std::vector<Sim::HistoryEvent> events);
    // The same for a live execution on an endpoint, called again as its history grows (each
    // time with all its events so far): the status says "Following <execution>".
    void followHistory(const QString &execution, std::vector<Sim::HistoryEvent> events);
    bool writeMockSkeleton(const QString &path, QString *error = nullptr);

    bool isReplaying() const { return m_player != nullptr; }
    bool isRunning() const { return m_running; }
    bool hasRun() const;
    const Sim::DebugFrame &frame() const { return m_frame; }
    BreakpointBook *breakpoints() { return &m_breakpoints; }
    Views::RunOverlay *overlay() const { return m_overlay; }
    Views::RunSettingsView *settingsView() const { return m_settings; }
    Views::StageInspector *stageInspector() const { return m_inspector; }
    Views::WaitingTasksView *waitingView() const { return m_waiting; }
    Views::HistoryView *historyView() const { return m_history; }
    Views::NavigatorView *navigatorView() const { return m_navigator; }
    QDockWidget *runDock() const { return m_runDock; }

  Q_SIGNALS:
    // A frame was shown (live or replayed).
    void frameShown();
    void runFailed(const QString &message);

  private:
    void createActions();
    void createDocks();
    bool startSession();
    void onFrame(const Sim::DebugFrame &frame);
    void show(const Sim::DebugFrame &frame);
    void showStatus();
    void showVisit();
    void setEvaluatorFor(const Sim::StateVisit &visit);
    void refreshNavigator();
    void onRunningChanged(bool running);
    void updateActions();
    void syncBreakpoints();
    void showBreakpointMarks();
    void onCanvasSelection();
    void onEventActivated(qint64 eventId, const QString &stateName);
    void setEventLog(std::shared_ptr<const Sim::EventLog> log);
    Sim::HistoryEvent eventAt(qint64 index) const;
    qint64 eventTotal() const;
    void replayTick();
    void answerWaiting(const QString &token, const Model::Json &result);
    void rejectWaiting(const QString &token, const QString &error, const QString &cause);
    void loadMockFile(const QString &path);
    QString currentStateName() const;
    void editBreakpoint();
    void saveHistoryDialog();
    void openHistoryDialog();
    void newMockDialog();

    QMainWindow *m_window;
    Model::Document *m_document;
    Views::CanvasView *m_canvas;
    Views::AslEditor *m_editor;
    FramePresenter m_presenter;
    BreakpointBook m_breakpoints;
    Sim::RunController *m_controller;
    std::unique_ptr<Sim::HistoryPlayer> m_player;
    QString m_followed; // the endpoint execution the replayed history is of, while followed
    std::shared_ptr<const Sim::EventLog> m_log;
    std::vector<qint64> m_wallMillis; // when each event was first shown
    std::shared_ptr<Sim::MockConfig> m_mocks;
    Sim::DebugFrame m_frame;
    bool m_running = false;
    bool m_continuing = false; // the last command ran on (F5), rather than stepped
    QString m_focusState;      // the state the last pause frame is about
    std::int64_t m_lastTransitionEvent = -1;
    QTimer m_replayTimer;
    QTimer m_navigatorTimer;
    std::vector<int> m_breakpointIds;

    RunPanels *m_panels = nullptr;
    Views::RunOverlay *m_overlay;
    Views::CanvasFollower *m_follower;
    Views::RunSettingsView *m_settings = nullptr;
    Views::StageInspector *m_inspector = nullptr;
    QComboBox *m_visitBox = nullptr;
    Views::WaitingTasksView *m_waiting = nullptr;
    Views::HistoryModel *m_historyModel = nullptr;
    Views::HistoryView *m_history = nullptr;
    Views::ExecutionLineModel *m_lineModel = nullptr;
    Views::NavigatorView *m_navigator = nullptr;
    QDockWidget *m_runDock = nullptr;
    QDockWidget *m_waitingDock = nullptr;
    QDockWidget *m_dataDock = nullptr;
    QDockWidget *m_historyDock = nullptr;
    QDockWidget *m_navigatorDock = nullptr;
    QLabel *m_status = nullptr;
    std::vector<Sim::StateVisit> m_visits;

    QAction *m_continue = nullptr;
    QAction *m_step = nullptr;
    QAction *m_stepEvent = nullptr;
    QAction *m_stepBack = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_stop = nullptr;
    QAction *m_toggleBreakpoint = nullptr;
    QAction *m_editBreakpoint = nullptr;
    QAction *m_runToHere = nullptr;
    QAction *m_breakOnError = nullptr;
    QAction *m_follow = nullptr;
    QAction *m_saveHistory = nullptr;
    QAction *m_openHistory = nullptr;
    QAction *m_newMock = nullptr;
    QToolBar *m_toolBar = nullptr;
};

} // namespace Stepwise::App
