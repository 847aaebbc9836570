#include "app/gui/runpanels.h"

#include "views/debug/executionlinemodel.h"
#include "views/debug/historymodel.h"
#include "views/debug/historyview.h"
#include "views/debug/navigatorview.h"
#include "views/debug/runsettingsview.h"
#include "views/debug/stageinspector.h"
#include "views/debug/waitingtasksview.h"

#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QStatusBar>
#include <QVBoxLayout>

namespace Stepwise::App {

RunPanels::RunPanels(QMainWindow *window)
    : QObject(window)
{
    auto dock = [window](const QString &title, const QString &name, QWidget *content,
                         Qt::DockWidgetArea area) {
        auto *d = new QDockWidget(title, window);
        d->setObjectName(name);
        d->setWidget(content);
        window->addDockWidget(area, d);
        return d;
    };
    m_settings = new Views::RunSettingsView;
    m_runDock = dock(tr("Run"), QStringLiteral("runDock"), m_settings, Qt::RightDockWidgetArea);
    m_waiting = new Views::WaitingTasksView;
    m_waitingDock = dock(tr("Waiting for You"), QStringLiteral("waitingDock"), m_waiting,
                         Qt::RightDockWidgetArea);
    auto *data = new QWidget;
    m_visitBox = new QComboBox(data);
    m_visitBox->setObjectName(QStringLiteral("visitBox"));
    m_inspector = new Views::StageInspector(data);
    auto *dataLayout = new QVBoxLayout(data);
    dataLayout->setContentsMargins(0, 0, 0, 0);
    dataLayout->addWidget(m_visitBox);
    dataLayout->addWidget(m_inspector, 1);
    m_dataDock
        = dock(tr("State Data"), QStringLiteral("stateDataDock"), data, Qt::RightDockWidgetArea);
    m_historyModel = new Views::HistoryModel(this);
    m_history = new Views::HistoryView(m_historyModel);
    m_historyDock
        = dock(tr("History"), QStringLiteral("historyDock"), m_history, Qt::BottomDockWidgetArea);
    m_lineModel = new Views::ExecutionLineModel(this);
    m_navigator = new Views::NavigatorView(m_lineModel);
    m_navigatorDock = dock(tr("Branches and Iterations"), QStringLiteral("navigatorDock"),
                           m_navigator, Qt::BottomDockWidgetArea);
    window->tabifyDockWidget(m_runDock, m_waitingDock);
    window->tabifyDockWidget(m_waitingDock, m_dataDock);
    window->tabifyDockWidget(m_historyDock, m_navigatorDock);
    m_runDock->raise();
    m_historyDock->raise();
    m_status = new QLabel(tr("Not running"));
    m_status->setObjectName(QStringLiteral("runStatus"));
    // Permanent, at the left of the file name: a temporary message ("Opened ...") would
    // otherwise be drawn over it.
    window->statusBar()->insertPermanentWidget(0, m_status);
}

QList<QDockWidget *> RunPanels::docks() const
{
    return {m_runDock, m_waitingDock, m_dataDock, m_historyDock, m_navigatorDock};
}

} // namespace Stepwise::App
