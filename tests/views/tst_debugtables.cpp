#include "views/debug/executionlinemodel.h"
#include "views/debug/historymodel.h"
#include "views/debug/historyview.h"
#include "views/debug/navigatorview.h"
#include "views/debug/runsettingsview.h"
#include "views/debug/waitingtasksview.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

using namespace Stepwise;
using Model::Json;

// The run panel's tables and lists: history (lazy, filtered, click to travel), the
// Map/Parallel navigator (10,000 lines, failed filter), waiting tasks (approve, reject),
// and the run settings (input checked as typed).
class tst_DebugTables : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void historyGrowsAndFilters();
    void historyClickAsksToTravel();
    void navigatorFiltersFailedOfTenThousand();
    void waitingTaskApproveAndReject_data();
    void waitingTaskApproveAndReject();
    void runSettingsCheckTheInput_data();
    void runSettingsCheckTheInput();
};

namespace {

std::vector<Views::HistoryRow> sampleHistory()
{
    const char *types[]
        = {"ExecutionStarted", "WaitStateEntered", "WaitStateExited", "TaskStateEntered",
           "TaskScheduled",    "TaskFailed",       "ExecutionFailed"};
    const char *states[] = {"", "Wait", "Wait", "Publish", "Publish", "Publish", ""};
    std::vector<Views::HistoryRow> rows;
    for (int i = 0; i < 7; ++i) {
        Views::HistoryRow row;
        row.id = i + 1;
        row.previousEventId = i;
        row.type = QString::fromLatin1(types[i]);
        row.stateName = QString::fromLatin1(states[i]);
        row.virtualMillis = 1700000000000 + i * 1000;
        row.failure = row.type.endsWith(QStringLiteral("Failed"));
        rows.push_back(row);
    }
    return rows;
}

} // namespace

void tst_DebugTables::historyGrowsAndFilters()
{
    std::vector<Views::HistoryRow> log = sampleHistory();
    qint64 written = 3;
    Views::HistoryModel model;
    model.setSource([&] { return written; }, [&](qint64 i) { return log[size_t(i)]; });
    Views::HistoryView view(&model);
    QCOMPARE(view.visibleRows(), 3);
    written = 7;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.refresh();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(view.visibleRows(), 7);
    QCOMPARE(model.data(model.index(3, Views::HistoryModel::Type), Qt::DisplayRole).toString(),
             QStringLiteral("TaskStateEntered"));
    QCOMPARE(model.data(model.index(3, Views::HistoryModel::Elapsed), Qt::DisplayRole).toString(),
             QStringLiteral("3.000 s"));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::keyClicks(view.filterEdit(), QStringLiteral("publish"));
    QCOMPARE(view.visibleRows(), 3);
    view.setFilter(QString(), true);
    QCOMPARE(view.visibleRows(), 2);
    view.setFilter(QString(), false);
    QCOMPARE(view.visibleRows(), 7);
    // A step back drops events: the model starts over.
    written = 2;
    model.refresh();
    QCOMPARE(model.rowCount(), 2);
}

void tst_DebugTables::historyClickAsksToTravel()
{
    std::vector<Views::HistoryRow> log = sampleHistory();
    Views::HistoryModel model;
    model.setSource([&] { return qint64(log.size()); }, [&](qint64 i) { return log[size_t(i)]; });
    Views::HistoryView view(&model);
    view.resize(800, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy travel(&view, &Views::HistoryView::eventActivated);
    QTableView *table = view.table();
    const QRect cell = table->visualRect(table->model()->index(4, Views::HistoryModel::Type));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(travel.count(), 1);
    QCOMPARE(travel.first().at(0).toLongLong(), 5);
    QCOMPARE(travel.first().at(1).toString(), QStringLiteral("Publish"));
}

void tst_DebugTables::navigatorFiltersFailedOfTenThousand()
{
    std::vector<Views::ExecutionLine> lines;
    for (int i = 0; i < 10000; ++i) {
        Views::ExecutionLine line;
        line.id = i + 1;
        line.container = QStringLiteral("ProcessItems");
        line.label = QStringLiteral("Iteration %1").arg(i);
        line.index = i;
        line.status = i % 1000 == 7 ? Views::RunStatus::Failed : Views::RunStatus::Succeeded;
        line.currentState = QStringLiteral("Work");
        line.path = {QStringLiteral("Work"), QStringLiteral("Check")};
        lines.push_back(line);
    }
    Views::ExecutionLineModel model;
    model.setLines(lines);
    Views::NavigatorView view(&model);
    view.resize(700, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(view.visibleRows(), 10000);
    view.statusFilter()->setCurrentIndex(1); // Failed
    QCOMPARE(view.visibleRows(), 10);
    QSignalSpy picked(&view, &Views::NavigatorView::linePicked);
    QTableView *table = view.table();
    const QRect cell = table->visualRect(table->model()->index(1, 1));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(picked.count(), 1);
    QCOMPARE(picked.first().at(0).toLongLong(), 1008); // iteration 1007
    QCOMPARE(picked.first().at(1).toStringList(),
             (QStringList{QStringLiteral("Work"), QStringLiteral("Check")}));
    // A frame later, a line changes status: rows update in place, the pick stays.
    lines[1007].status = Views::RunStatus::Succeeded;
    lines[5].status = Views::RunStatus::Failed;
    model.setLines(lines);
    QCOMPARE(view.visibleRows(), 10);
}

void tst_DebugTables::waitingTaskApproveAndReject_data()
{
    QTest::addColumn<bool>("approve");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("sent");
    QTest::newRow("approve with edited JSON") << true << "{\"approved\": true}" << true;
    QTest::newRow("approve refuses bad JSON") << true << "{approved" << false;
    QTest::newRow("reject with error and cause") << false << "" << true;
}

void tst_DebugTables::waitingTaskApproveAndReject()
{
    QFETCH(bool, approve);
    QFETCH(QString, typed);
    QFETCH(bool, sent);
    Views::WaitingTasksView view;
    view.resize(600, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    Views::WaitingTask task;
    task.token = QStringLiteral("tok-1");
    task.stateName = QStringLiteral("Ask for Approval");
    task.payload = Json{{"order", 42}};
    task.remainingMillis = 3600000;
    view.setTasks({task});
    QCOMPARE(view.currentToken(), QStringLiteral("tok-1"));
    QVERIFY(view.timeOutButton()->isEnabled());
    QSignalSpy approved(&view, &Views::WaitingTasksView::approved);
    QSignalSpy rejected(&view, &Views::WaitingTasksView::rejected);
    if (approve) {
        view.resultEdit()->selectAll();
        QTest::keyClick(view.resultEdit(), Qt::Key_Delete);
        QTest::keyClicks(view.resultEdit(), typed);
        QTest::mouseClick(view.approveButton(), Qt::LeftButton);
        QCOMPARE(approved.count(), sent ? 1 : 0);
        if (sent) {
            QCOMPARE(approved.first().at(0).toString(), QStringLiteral("tok-1"));
            QCOMPARE(approved.first().at(1).value<Json>(), Json::parse(typed.toStdString()));
        }
    } else {
        QTest::keyClicks(view.errorEdit(), QStringLiteral("Approval.Rejected"));
        QTest::keyClicks(view.causeEdit(), QStringLiteral("Too expensive"));
        QTest::mouseClick(view.rejectButton(), Qt::LeftButton);
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(rejected.first().at(1).toString(), QStringLiteral("Approval.Rejected"));
        QCOMPARE(rejected.first().at(2).toString(), QStringLiteral("Too expensive"));
    }
    view.setTasks({});
    QVERIFY(!view.approveButton()->isEnabled());
}

void tst_DebugTables::runSettingsCheckTheInput_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("valid");
    QTest::newRow("object") << "{\"timer_seconds\": 10}" << true;
    QTest::newRow("number") << "3" << true;
    QTest::newRow("unclosed") << "{\"a\": " << false;
    QTest::newRow("trailing comma") << "{\"a\": 1,}" << false;
}

void tst_DebugTables::runSettingsCheckTheInput()
{
    QFETCH(QString, input);
    QFETCH(bool, valid);
    Views::RunSettingsView view;
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.inputEdit()->selectAll();
    QTest::keyClick(view.inputEdit(), Qt::Key_Delete);
    QTest::keyClicks(view.inputEdit(), input);
    QCOMPARE(view.inputValid(), valid);
    auto *status = view.findChild<QLabel *>(QStringLiteral("runInputStatus"));
    QVERIFY(status);
    QCOMPARE(status->text().startsWith(QStringLiteral("Not valid JSON")), !valid);
    if (!valid)
        QVERIFY2(status->text().contains(QStringLiteral("1:")), qPrintable(status->text()));
    view.speedBox()->setCurrentIndex(4);
    QCOMPARE(int(view.settings().speed), int(Views::RunSettings::Speed::Scaled));
    QCOMPARE(view.settings().speedFactor, 10.0);
}

QTEST_MAIN(tst_DebugTables)
#include "tst_debugtables.moc"
