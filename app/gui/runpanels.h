#pragma once

#include <QObject>

class QComboBox;
class QDockWidget;
class QLabel;
class QMainWindow;

namespace Stepwise::Views {
class ExecutionLineModel;
class HistoryModel;
class HistoryView;
class NavigatorView;
class RunSettingsView;
class StageInspector;
class WaitingTasksView;
} // namespace Stepwise::Views

namespace Stepwise::App {

// The run panel's docks in the window: Run (settings), Waiting for You, State Data (a visit
// picker over the stage inspector) on the right, tabbed; History and Branches and
// Iterations at the bottom; the run's status in the status bar. Views only: the
// RunDebugger fills them.
class RunPanels : public QObject
{
    Q_OBJECT

  public:
    explicit RunPanels(QMainWindow *window);

    Views::RunSettingsView *settings() const { return m_settings; }
    Views::WaitingTasksView *waiting() const { return m_waiting; }
    Views::StageInspector *inspector() const { return m_inspector; }
    QComboBox *visitBox() const { return m_visitBox; }
    Views::HistoryModel *historyModel() const { return m_historyModel; }
    Views::HistoryView *history() const { return m_history; }
    Views::ExecutionLineModel *lineModel() const { return m_lineModel; }
    Views::NavigatorView *navigator() const { return m_navigator; }
    QLabel *status() const { return m_status; }
    QDockWidget *runDock() const { return m_runDock; }
    QDockWidget *waitingDock() const { return m_waitingDock; }
    QDockWidget *dataDock() const { return m_dataDock; }
    QDockWidget *historyDock() const { return m_historyDock; }
    QDockWidget *navigatorDock() const { return m_navigatorDock; }
    QList<QDockWidget *> docks() const;

  private:
    Views::RunSettingsView *m_settings;
    Views::WaitingTasksView *m_waiting;
    Views::StageInspector *m_inspector;
    QComboBox *m_visitBox;
    Views::HistoryModel *m_historyModel;
    Views::HistoryView *m_history;
    Views::ExecutionLineModel *m_lineModel;
    Views::NavigatorView *m_navigator;
    QLabel *m_status;
    QDockWidget *m_runDock;
    QDockWidget *m_waitingDock;
    QDockWidget *m_dataDock;
    QDockWidget *m_historyDock;
    QDockWidget *m_navigatorDock;
};

} // namespace Stepwise::App
