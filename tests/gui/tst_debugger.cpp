#include "app/gui/mainwindow.h"
#include "app/gui/rundebugger.h"
#include "model/document.h"
#include "views/canvas/canvasscene.h"
#include "views/canvas/canvasview.h"
#include "views/canvas/runmarkitem.h"
#include "views/canvas/runoverlay.h"
#include "views/canvas/stateitem.h"
#include "views/debug/historymodel.h"
#include "views/debug/historyview.h"
#include "views/debug/runsettingsview.h"
#include "views/debug/stageinspector.h"
#include "views/debug/waitingtasksview.h"

#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace Stepwise;
using Views::RunStatus;

namespace {

const char *const kTimer = STEPWISE_SOURCE_DIR "/resources/examples/timer.asl.json";
const char *const kRetryCatch = STEPWISE_SOURCE_DIR "/resources/templates/retry-catch.asl.json";

} // namespace

// The debugger in the real window, driven by keys and clicks as a user drives it.
class tst_Debugger : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void timerStepByStep();
    void approvalTemplateAnswers_data();
    void approvalTemplateAnswers();
    void saveAndReplayHistory();
    void breakpointStopsTheRun();
    void askMeAnswers_data();
    void askMeAnswers();
    void mockedErrorIsRetriedThenCaught();
    void retriedContainerCountsDown_data();
    void retriedContainerCountsDown();

  private:
    App::RunDebugger *debugger() const { return m_window->runDebugger(); }
    Model::StateId id(const char *name) const
    {
        const Model::Workflow *w = m_window->document()->workflow();
        for (Model::StateId s : w->allStates()) {
            if (w->name(s) == name)
                return s;
        }
        return 0;
    }
    RunStatus status(const char *name) const
    {
        return debugger()->overlay()->info(id(name)).status;
    }
    // Presses a key in the window and waits until the run shows a paused frame.
    void pressAndWait(int key, Qt::KeyboardModifiers modifiers = {});
    void waitPaused();

    std::unique_ptr<App::MainWindow> m_window;
    QTemporaryDir m_settingsDir;
};

void tst_Debugger::initTestCase()
{
    // Recent inputs are per user: keep the test's own.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StepwiseTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_debugger"));
    QSettings().clear();
}

void tst_Debugger::init()
{
    m_window = std::make_unique<App::MainWindow>();
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_Debugger::cleanup()
{
    if (m_window) {
        debugger()->stop();
        m_window->document()->undoStack()->setClean();
    }
    m_window.reset();
    QSettings().clear();
}

void tst_Debugger::waitPaused()
{
    QTRY_VERIFY_WITH_TIMEOUT(
        !debugger()->isRunning() && debugger()->frame().paused != Sim::PauseReason::None, 10000);
}

void tst_Debugger::pressAndWait(int key, Qt::KeyboardModifiers modifiers)
{
    const std::int64_t before = debugger()->hasRun() ? debugger()->frame().eventIndex : -1;
    m_window->activateWindow();
    QTest::keyClick(m_window.get(), Qt::Key(key), modifiers);
    // The run moved and stopped again.
    QTRY_VERIFY_WITH_TIMEOUT(debugger()->hasRun() && debugger()->frame().eventIndex != before
                                 && !debugger()->isRunning()
                                 && debugger()->frame().paused != Sim::PauseReason::None,
                             10000);
}

void tst_Debugger::timerStepByStep()
{
    QVERIFY(m_window->openFile(QString::fromLatin1(kTimer), false));
    // The input beside the definition is there to run with.
    QVERIFY(
        debugger()->settingsView()->settings().inputText.contains(QStringLiteral("timer_seconds")));
    Views::StageInspector *inspector = debugger()->stageInspector();

    // F10: the run starts and stops as Wait is entered; Wait is lit and counts down 10 s.
    pressAndWait(Qt::Key_F10);
    QCOMPARE(status("Wait"), RunStatus::Active);
    QCOMPARE(status("Publish"), RunStatus::NotRun);
    QCOMPARE(debugger()->overlay()->info(id("Wait")).remainingMillis, std::int64_t(10000));
    QCOMPARE(m_window->canvas()->selectedStates(), std::vector<Model::StateId>{id("Wait")});
    QVERIFY(inspector->stageNames().contains(QStringLiteral("input")));
    inspector->setCurrentStage(QStringLiteral("input"));
    QVERIFY(inspector->shownText().contains(QStringLiteral("\"timer_seconds\": 10")));

    // F10: Wait is left (green), its output known.
    pressAndWait(Qt::Key_F10);
    QCOMPARE(status("Wait"), RunStatus::Succeeded);
    QVERIFY(inspector->stageNames().contains(QStringLiteral("output")));

    // F10: Publish is entered, lit, reached by Wait's Next edge.
    pressAndWait(Qt::Key_F10);
    QCOMPARE(status("Publish"), RunStatus::Active);
    QVERIFY(debugger()->overlay()->takenEdge());
    QCOMPARE(m_window->canvas()->selectedStates(), std::vector<Model::StateId>{id("Publish")});

    // F10: Publish is left: its stages from input to output, TestState's names.
    pressAndWait(Qt::Key_F10);
    QCOMPARE(status("Publish"), RunStatus::Succeeded);
    const QStringList stages = inspector->stageNames();
    for (const char *stage : {"input", "afterParameters", "result", "output"})
        QVERIFY2(stages.contains(QLatin1String(stage)), qPrintable(stages.join(QLatin1Char(','))));
    inspector->setCurrentStage(QStringLiteral("afterParameters"));
    QVERIFY(inspector->shownText().contains(QStringLiteral("HelloWorld")));

    // Shift+F11: back to Publish entered: lit again, as it was.
    pressAndWait(Qt::Key_F11, Qt::ShiftModifier);
    QCOMPARE(status("Publish"), RunStatus::Active);
    QVERIFY(debugger()->frame().eventIndex < debugger()->frame().eventCount);

    // F5 runs on to the end: both green, the execution succeeded.
    pressAndWait(Qt::Key_F5);
    QTRY_COMPARE(debugger()->frame().executionStatus, std::string("SUCCEEDED"));
    QCOMPARE(status("Wait"), RunStatus::Succeeded);
    QCOMPARE(status("Publish"), RunStatus::Succeeded);
}

void tst_Debugger::approvalTemplateAnswers_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<QString>("finalState");
    QTest::addColumn<QString>("executionStatus");
    QTest::newRow("approve") << "approve"
                             << "Approved"
                             << "SUCCEEDED";
    QTest::newRow("reject") << "reject"
                            << "Rejected"
                            << "FAILED";
    QTest::newRow("time out now") << "timeout"
                                  << "Deadline passed"
                                  << "FAILED";
}

void tst_Debugger::approvalTemplateAnswers()
{
    QFETCH(QString, answer);
    QFETCH(QString, finalState);
    QFETCH(QString, executionStatus);
    QVERIFY(m_window->openTemplate(QStringLiteral(":/templates/approval-deadline.asl.json")));
    pressAndWait(Qt::Key_F5);
    // The run waits for a person: the task is listed with its token and an hour left.
    Views::WaitingTasksView *waiting = debugger()->waitingView();
    QTRY_COMPARE(waiting->tasks().size(), size_t(1));
    QCOMPARE(waiting->tasks().front().stateName, QStringLiteral("Request approval"));
    QCOMPARE(waiting->tasks().front().remainingMillis, std::int64_t(3600000));
    QVERIFY(!waiting->currentToken().isEmpty());
    QCOMPARE(status("Request approval"), RunStatus::Active);
    QVERIFY(waiting->isVisible());

    if (answer == QLatin1String("approve")) {
        waiting->resultEdit()->selectAll();
        QTest::keyClick(waiting->resultEdit(), Qt::Key_Delete);
        QTest::keyClicks(waiting->resultEdit(), QStringLiteral("{\"approvedBy\": \"ana\"}"));
        QTest::mouseClick(waiting->approveButton(), Qt::LeftButton);
    } else if (answer == QLatin1String("reject")) {
        QTest::keyClicks(waiting->errorEdit(), QStringLiteral("Approval.Rejected"));
        QTest::keyClicks(waiting->causeEdit(), QStringLiteral("too expensive"));
        QTest::mouseClick(waiting->rejectButton(), Qt::LeftButton);
    } else {
        QTest::mouseClick(waiting->timeOutButton(), Qt::LeftButton);
    }
    QTRY_COMPARE_WITH_TIMEOUT(debugger()->frame().executionStatus, executionStatus.toStdString(),
                              10000);
    QVERIFY(waiting->tasks().empty());
    const QByteArray last = finalState.toUtf8();
    QVERIFY(status(last.constData()) == RunStatus::Succeeded
            || status(last.constData()) == RunStatus::Failed);
    if (answer == QLatin1String("approve")) {
        QVERIFY(debugger()->frame().output.has_value());
        QCOMPARE(debugger()->frame().output->at("answer").at("approvedBy"), "ana");
    } else {
        QCOMPARE(status("Request approval"), RunStatus::Caught);
    }
}

void tst_Debugger::saveAndReplayHistory()
{
    QVERIFY(m_window->openFile(QString::fromLatin1(kTimer), false));
    Views::RunSettings settings = debugger()->settingsView()->settings();
    settings.speed = Views::RunSettings::Speed::Instant;
    debugger()->settingsView()->setSettings(settings);
    pressAndWait(Qt::Key_F5);
    QTRY_COMPARE(debugger()->frame().executionStatus, std::string("SUCCEEDED"));
    const qint64 events = debugger()->frame().eventCount;

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("timer.history.json"));
    QString error;
    QVERIFY2(debugger()->saveHistory(path, &error), qPrintable(error));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QByteArray text = saved.readAll();
    QVERIFY(text.contains("\"events\""));
    QVERIFY(text.contains("ExecutionSucceeded"));

    debugger()->stop();
    QCOMPARE(status("Publish"), RunStatus::NotRun);
    QVERIFY2(debugger()->openHistory(path, &error), qPrintable(error));
    QVERIFY(debugger()->isReplaying());
    QCOMPARE(debugger()->historyView()->model()->rowCount(), int(events));
    QCOMPARE(status("Wait"), RunStatus::Succeeded);
    QCOMPARE(status("Publish"), RunStatus::Succeeded);

    // Clicking the WaitStateEntered row travels back to that moment.
    QTableView *table = debugger()->historyView()->table();
    int row = -1;
    for (int i = 0; i < table->model()->rowCount(); ++i) {
        if (table->model()->index(i, Views::HistoryModel::Type).data().toString()
            == QStringLiteral("WaitStateEntered"))
            row = i;
    }
    QVERIFY(row >= 0);
    m_window->findChild<QDockWidget *>(QStringLiteral("historyDock"))->raise();
    table->scrollTo(table->model()->index(row, 0));
    const QRect cell = table->visualRect(table->model()->index(row, Views::HistoryModel::Type));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QTRY_COMPARE(status("Wait"), RunStatus::Active);
    QCOMPARE(status("Publish"), RunStatus::NotRun);
    // F10 replays forward as a live run steps.
    pressAndWait(Qt::Key_F10);
    QCOMPARE(status("Wait"), RunStatus::Succeeded);
}

void tst_Debugger::breakpointStopsTheRun()
{
    QVERIFY(m_window->openFile(QString::fromLatin1(kTimer), false));
    // F9 on the selected state sets a breakpoint: a red dot on the canvas.
    m_window->canvas()->selectState(id("Publish"));
    m_window->canvas()->setFocus();
    QTest::keyClick(m_window->canvas(), Qt::Key_F9);
    QVERIFY(debugger()->breakpoints()->spec("Publish"));
    QCOMPARE(debugger()->overlay()->breakpoints().size(), size_t(1));
    Views::RunSettings settings = debugger()->settingsView()->settings();
    settings.speed = Views::RunSettings::Speed::Instant;
    debugger()->settingsView()->setSettings(settings);
    pressAndWait(Qt::Key_F5);
    QCOMPARE(debugger()->frame().paused, Sim::PauseReason::Breakpoint);
    QCOMPARE(status("Publish"), RunStatus::Active);
    QCOMPARE(status("Wait"), RunStatus::Succeeded);
}

void tst_Debugger::askMeAnswers_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<QString>("executionStatus");
    QTest::newRow("return") << "return"
                            << "SUCCEEDED";
    QTest::newRow("throw") << "throw"
                           << "FAILED";
}

void tst_Debugger::askMeAnswers()
{
    QFETCH(QString, answer);
    QFETCH(QString, executionStatus);
    QVERIFY(m_window->openFile(QString::fromLatin1(kTimer), false));
    // Task results: Ask me, picked in the Run panel.
    auto *taskResults
        = debugger()->settingsView()->findChild<QComboBox *>(QStringLiteral("taskResults"));
    QVERIFY(taskResults);
    QCOMPARE(taskResults->itemText(2), QStringLiteral("Ask me"));
    taskResults->setCurrentIndex(2);
    pressAndWait(Qt::Key_F5);
    // The run pauses as Publish starts: it asks, prefilled with the emulated SNS answer.
    QCOMPARE(debugger()->frame().paused, Sim::PauseReason::AskMe);
    QCOMPARE(status("Publish"), RunStatus::Active);
    Views::WaitingTasksView *waiting = debugger()->waitingView();
    QTRY_COMPARE(waiting->tasks().size(), size_t(1));
    QCOMPARE(waiting->tasks().front().kind, Views::WaitingTask::Kind::AskMe);
    QCOMPARE(waiting->tasks().front().stateName, QStringLiteral("Publish"));
    QVERIFY(waiting->isVisible());
    QCOMPARE(waiting->approveButton()->text(), QStringLiteral("&Return Result"));
    QVERIFY(waiting->resultEdit()->toPlainText().contains(QStringLiteral("MessageId")));
    QVERIFY(!waiting->heartbeatButton()->isEnabled());

    // What is typed is checked: not JSON, no return.
    waiting->resultEdit()->selectAll();
    QTest::keyClick(waiting->resultEdit(), Qt::Key_Delete);
    QTest::keyClicks(waiting->resultEdit(), QStringLiteral("{\"MessageId\": "));
    QVERIFY(!waiting->approveButton()->isEnabled());
    if (answer == QLatin1String("return")) {
        QTest::keyClicks(waiting->resultEdit(), QStringLiteral("\"typed\"}"));
        QVERIFY(waiting->approveButton()->isEnabled());
        QTest::mouseClick(waiting->approveButton(), Qt::LeftButton);
    } else {
        QTest::keyClicks(waiting->errorEdit(), QStringLiteral("SNS.Unavailable"));
        QTest::keyClicks(waiting->causeEdit(), QStringLiteral("topic gone"));
        QTest::mouseClick(waiting->rejectButton(), Qt::LeftButton);
    }
    pressAndWait(Qt::Key_F5);
    QTRY_COMPARE_WITH_TIMEOUT(debugger()->frame().executionStatus, executionStatus.toStdString(),
                              10000);
    QVERIFY(waiting->tasks().empty());
    auto check = [&] {
        if (answer == QLatin1String("return")) {
            QCOMPARE(debugger()->frame().output.value(), Model::Json({{"MessageId", "typed"}}));
            QCOMPARE(status("Publish"), RunStatus::Succeeded);
        } else {
            QCOMPARE(debugger()->frame().error.value_or(""), std::string("SNS.Unavailable"));
            QCOMPARE(debugger()->frame().cause.value_or(""), std::string("topic gone"));
            QCOMPARE(status("Publish"), RunStatus::Failed);
        }
    };
    check();

    // Back before the answer and on again: the same answer, without asking.
    const std::int64_t end = debugger()->frame().eventIndex;
    debugger()->travelTo(3);
    QTRY_COMPARE(debugger()->frame().eventIndex, std::int64_t(3));
    pressAndWait(Qt::Key_F5);
    QTRY_COMPARE_WITH_TIMEOUT(debugger()->frame().eventIndex, end, 10000);
    QCOMPARE(debugger()->frame().paused, Sim::PauseReason::Finished);
    check();
}

void tst_Debugger::mockedErrorIsRetriedThenCaught()
{
    QVERIFY(m_window->openFile(QString::fromLatin1(kRetryCatch), false));
    // A mock file: the Lambda is throttled twice (retried), then fails for good (caught).
    QTemporaryDir dir;
    const QString mockPath = dir.filePath(QStringLiteral("mocks.json"));
    QFile mockFile(mockPath);
    QVERIFY(mockFile.open(QIODevice::WriteOnly));
    mockFile.write(R"({
      "StateMachines": {"RetryCatch": {"TestCases": {"Broken": {"Call function": "Throttled"}}}},
      "MockedResponses": {"Throttled": {
        "0-1": {"Throw": {"Error": "Lambda.TooManyRequestsException", "Cause": "slow down"}},
        "2": {"Throw": {"Error": "Lambda.AWSLambdaException", "Cause": "broken"}}}}})");
    mockFile.close();
    Views::RunSettings settings = debugger()->settingsView()->settings();
    settings.taskResults = Views::RunSettings::TaskResults::MockFile;
    settings.mockFile = mockPath;
    settings.testCase = QStringLiteral("Broken");
    settings.speed = Views::RunSettings::Speed::Instant;
    settings.inputText = QStringLiteral("{\"order\": 7}");
    debugger()->settingsView()->setSettings(settings);

    pressAndWait(Qt::Key_F5);
    QTRY_COMPARE_WITH_TIMEOUT(debugger()->frame().executionStatus, std::string("FAILED"), 10000);
    QCOMPARE(debugger()->frame().error.value_or(""), std::string("ProcessingFailed"));
    // The console's colours: the task's error was caught, the handler ran, Done never did.
    QCOMPARE(status("Call function"), RunStatus::Caught);
    QCOMPARE(status("Handle failure"), RunStatus::Succeeded);
    QCOMPARE(status("Failed"), RunStatus::Failed);
    QCOMPARE(status("Done"), RunStatus::NotRun);

    // Picking the task shows its visit's errorDetails: the catcher that took the error, and
    // the handler's input carries the error and cause the mock threw.
    m_window->canvas()->selectState(id("Call function"));
    Views::StageInspector *inspector = debugger()->stageInspector();
    QTRY_VERIFY(inspector->stageNames().contains(QStringLiteral("errorDetails")));
    inspector->setCurrentStage(QStringLiteral("errorDetails"));
    QVERIFY2(inspector->shownText().contains(QStringLiteral("\"catchIndex\": 0")),
             qPrintable(inspector->shownText()));
    m_window->canvas()->selectState(id("Handle failure"));
    QTRY_VERIFY(inspector->stageNames().contains(QStringLiteral("input")));
    inspector->setCurrentStage(QStringLiteral("input"));
    QVERIFY2(inspector->shownText().contains(QStringLiteral("Lambda.AWSLambdaException")),
             qPrintable(inspector->shownText()));
    QVERIFY(inspector->shownText().contains(QStringLiteral("broken")));
    // Two throttled attempts were retried before the catch: the history table shows three
    // scheduled calls, the first two failures throttling.
    Views::HistoryModel *history = debugger()->historyView()->model();
    QStringList failures;
    int scheduled = 0;
    for (int row = 0; row < history->rowCount(); ++row) {
        const Views::HistoryRow event = history->historyRow(row);
        if (event.type == QLatin1String("TaskScheduled"))
            ++scheduled;
        if (event.type == QLatin1String("TaskFailed"))
            failures << event.details;
    }
    QCOMPARE(scheduled, 3);
    QCOMPARE(failures.size(), 3);
    QVERIFY2(failures.front().contains(QStringLiteral("TooManyRequests")),
             qPrintable(failures.front()));
}

QTEST_MAIN(tst_Debugger)
void tst_Debugger::retriedContainerCountsDown_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<QString>("container");
    QTest::addColumn<QString>("restart");
    const char *failing = R"("StartAt": "Boom", "States": {
        "Boom": {"Type": "Fail", "Error": "Broken", "Cause": "always"}})";
    const QString retry = QStringLiteral(
        R"("Retry": [{"ErrorEquals": ["Broken"], "IntervalSeconds": 2, "MaxAttempts": 1}],
           "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}], "Next": "Done")");
    QTest::newRow("parallel") << QStringLiteral(R"({"StartAt": "Fan", "States": {
        "Fan": {"Type": "Parallel", %1, "Branches": [{%2}]},
        "Done": {"Type": "Pass", "End": true}}})")
                                     .arg(retry, QLatin1String(failing))
                              << "Fan"
                              << "ParallelStateStarted";
    QTest::newRow("map") << QStringLiteral(R"({"StartAt": "Each", "States": {
        "Each": {"Type": "Map", "ItemsPath": "$.items", %1, "ItemProcessor": {%2}},
        "Done": {"Type": "Pass", "End": true}}})")
                                .arg(retry, QLatin1String(failing))
                         << "Each"
                         << "MapStateStarted";
}

void tst_Debugger::retriedContainerCountsDown()
{
    QFETCH(QString, definition);
    QFETCH(QString, container);
    QFETCH(QString, restart);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("retried.asl.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(definition.toUtf8());
    file.close();
    QVERIFY(m_window->openFile(path, false));
    Views::RunSettings settings = debugger()->settingsView()->settings();
    settings.inputText = QStringLiteral(R"({"items": [1]})");
    debugger()->settingsView()->setSettings(settings);
    const QByteArray name = container.toUtf8();
    auto remaining
        = [&] { return debugger()->overlay()->info(id(name.constData())).remainingMillis; };

    // F11, one event at a time, until the child failed and the container waits to retry.
    for (int i = 0; i < 20 && !remaining(); ++i) {
        const std::int64_t before = debugger()->hasRun() ? debugger()->frame().eventIndex : -1;
        m_window->activateWindow();
        QTest::keyClick(m_window.get(), Qt::Key_F11);
        QTRY_VERIFY_WITH_TIMEOUT(debugger()->hasRun() && !debugger()->isRunning()
                                     && (debugger()->frame().eventIndex != before || remaining()),
                                 10000);
    }
    QCOMPARE(remaining(), std::optional<qint64>(2000));
    QCOMPARE(status(name.constData()), RunStatus::Active);
    QCOMPARE(status("Boom"), RunStatus::Failed);
    // The canvas draws the time left at the container's corner.
    auto *mark = [&]() -> Views::RunMarkItem * {
        Views::StateItem *item = m_window->canvas()->scene()->stateItem(id(name.constData()));
        for (QGraphicsItem *child : item ? item->childItems() : QList<QGraphicsItem *>()) {
            if (auto *m = qgraphicsitem_cast<Views::RunMarkItem *>(child))
                return m;
        }
        return nullptr;
    }();
    QVERIFY(mark);
    QCOMPARE(mark->countdownLabel(), QStringLiteral("2.0 s"));

    // F11: the clock reaches the end of the backoff and the container starts again.
    pressAndWait(Qt::Key_F11);
    QVERIFY(!remaining());
    QCOMPARE(status(name.constData()), RunStatus::Active);
    // The history table's last row is the container's new start.
    Views::HistoryModel *history = debugger()->historyView()->model();
    QTRY_COMPARE(history->rowCount(), int(debugger()->frame().eventIndex));
    QCOMPARE(history->historyRow(history->rowCount() - 1).type, restart);
}

#include "tst_debugger.moc"
