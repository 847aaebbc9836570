#include "app/gui/endpointclient.h"
#include "app/gui/endpointdialog.h"
#include "app/gui/endpointfollower.h"
#include "app/gui/mainwindow.h"
#include "app/gui/rundebugger.h"
#include "model/document.h"
#include "views/canvas/canvasscene.h"
#include "views/canvas/canvasview.h"
#include "views/canvas/runoverlay.h"
#include "views/debug/historyview.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QProcess>
#include <QRegularExpression>
#include <QStatusBar>
#include <QTcpServer>
#include <QTreeWidget>
#include <QUndoCommand>
#include <QtTest>

using namespace Stepwise;
using Views::RunStatus;

// File > Connect to Endpoint against a real `stepwise-cli serve`: the dialog lists what the
// endpoint holds, opens a definition on the canvas and follows an execution while it runs.
class tst_Endpoint : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void followsAnExecution_data();
    void followsAnExecution();
    void errorsAreShown_data();
    void errorsAreShown();

  private:
    App::EndpointClient::Reply call(const QString &operation, const Model::Json &request);
    RunStatus status(const char *name) const;
    QTreeWidgetItem *findItem(QTreeWidget *list, const QString &text) const;
    QString statusBarText() const;

    QProcess m_server;
    QString m_url;
    std::unique_ptr<App::MainWindow> m_window;
};

void tst_Endpoint::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StepwiseTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_endpoint"));
    QSettings().clear();
    const QString cli = QStringLiteral(STEPWISE_BIN_DIR "/stepwise-cli");
    QProcess help;
    help.start(cli, {QStringLiteral("serve"), QStringLiteral("--help")});
    QVERIFY(help.waitForFinished(30000));
    if (help.exitCode() != 0)
        QSKIP("this stepwise-cli has no serve command");
    // Real time: the Waits keep the executions running while the window follows them.
    m_server.start(cli, {QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0"),
                         QStringLiteral("--clock"), QStringLiteral("x1")});
    QVERIFY(m_server.waitForStarted());
    const QRegularExpression listening(QStringLiteral("listening on (http://\\S+)"));
    QByteArray printed;
    while (!listening.match(QString::fromUtf8(printed)).hasMatch()) {
        QVERIFY2(m_server.waitForReadyRead(30000), "serve printed no URL");
        printed += m_server.readAllStandardOutput();
    }
    m_url = listening.match(QString::fromUtf8(printed)).captured(1);
}

void tst_Endpoint::cleanupTestCase()
{
    if (m_server.state() != QProcess::NotRunning) {
        m_server.terminate();
        if (!m_server.waitForFinished(10000))
            m_server.kill();
    }
    QSettings().clear();
}

void tst_Endpoint::init()
{
    m_window = std::make_unique<App::MainWindow>();
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_Endpoint::cleanup()
{
    if (m_window)
        m_window->document()->undoStack()->setClean();
    m_window.reset();
}

App::EndpointClient::Reply tst_Endpoint::call(const QString &operation, const Model::Json &request)
{
    App::EndpointClient client;
    client.setUrl(QUrl(m_url));
    std::optional<App::EndpointClient::Reply> answer;
    client.call(operation, request,
                [&answer](const App::EndpointClient::Reply &reply) { answer = reply; });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 15000))
        answer
            = App::EndpointClient::Reply{false, {}, operation + QStringLiteral(": no answer"), {}};
    return *answer;
}

RunStatus tst_Endpoint::status(const char *name) const
{
    const Model::Workflow *w = m_window->document()->workflow();
    for (Model::StateId s : w->allStates()) {
        if (w->name(s) == name)
            return m_window->runDebugger()->overlay()->info(s).status;
    }
    return RunStatus::NotRun;
}

QTreeWidgetItem *tst_Endpoint::findItem(QTreeWidget *list, const QString &text) const
{
    const QList<QTreeWidgetItem *> found = list->findItems(text, Qt::MatchExactly, 0);
    return found.isEmpty() ? nullptr : found.first();
}

void tst_Endpoint::followsAnExecution_data()
{
    QTest::addColumn<QString>("machine");
    QTest::addColumn<QString>("last");     // the state the execution ends in
    QTest::addColumn<QString>("lastType"); // Pass or Fail
    QTest::addColumn<QString>("finalStatus");
    QTest::addColumn<int>("lastStatus"); // a Views::RunStatus
    QTest::newRow("succeeds") << "GuiTimer"
                              << "Done"
                              << "Pass"
                              << "SUCCEEDED" << int(RunStatus::Succeeded);
    QTest::newRow("fails") << "GuiFailing"
                           << "Broken"
                           << "Fail"
                           << "FAILED" << int(RunStatus::Failed);
}

void tst_Endpoint::followsAnExecution()
{
    QFETCH(QString, machine);
    QFETCH(QString, last);
    QFETCH(QString, lastType);
    QFETCH(QString, finalStatus);
    QFETCH(int, lastStatus);

    Model::Json lastState = {{"Type", lastType.toStdString()}};
    if (lastType == QLatin1String("Pass"))
        lastState["End"] = true;
    else
        lastState.update({{"Error", "Gui.Broken"}, {"Cause", "on purpose"}});
    const Model::Json definition
        = {{"StartAt", "Pause"},
           {"States",
            {{"Pause", {{"Type", "Wait"}, {"Seconds", 3}, {"Next", last.toStdString()}}},
             {last.toStdString(), lastState}}}};
    App::EndpointClient::Reply created = call(QStringLiteral("CreateStateMachine"),
                                              {{"name", machine.toStdString()},
                                               {"roleArn", "arn:aws:iam::123456789012:role/gui"},
                                               {"definition", definition.dump()}});
    QVERIFY2(created.ok, qPrintable(created.error));
    const std::string machineArn = created.body.value("stateMachineArn", std::string());
    App::EndpointClient::Reply started
        = call(QStringLiteral("StartExecution"),
               {{"stateMachineArn", machineArn}, {"name", "watched"}, {"input", "{}"}});
    QVERIFY2(started.ok, qPrintable(started.error));

    App::EndpointDialog *dialog = m_window->endpointDialog();
    dialog->show();
    dialog->urlBox()->setCurrentText(m_url);
    dialog->connectToEndpoint();
    QTRY_VERIFY_WITH_TIMEOUT(findItem(dialog->machineList(), machine), 15000);
    QVERIFY2(!dialog->statusText().isEmpty(), "the dialog says what it found");
    // The URL is remembered for next time.
    QCOMPARE(QSettings().value(QStringLiteral("endpoint/url")).toString(), m_url);

    dialog->machineList()->setCurrentItem(findItem(dialog->machineList(), machine));
    dialog->openSelectedDefinition();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->document()->workflow()->allStates().size(), size_t(2),
                              15000);
    QVERIFY(m_window->document()->filePath().isEmpty());
    QVERIFY(m_window->windowTitle().contains(machine));

    QTRY_VERIFY_WITH_TIMEOUT(findItem(dialog->executionList(), QStringLiteral("watched")), 15000);
    dialog->executionList()->setCurrentItem(
        findItem(dialog->executionList(), QStringLiteral("watched")));
    // With unsaved changes, Cancel at the prompt keeps the document and follows nothing.
    m_window->document()->undoStack()->push(new QUndoCommand(QStringLiteral("an edit")));
    bool prompted = false;
    QTimer answer;
    connect(&answer, &QTimer::timeout, [&] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            prompted = true;
            box->button(QMessageBox::Cancel)->click();
        }
    });
    answer.start(20);
    dialog->followSelectedExecution();
    QTRY_VERIFY_WITH_TIMEOUT(prompted, 15000);
    answer.stop();
    QTest::qWait(300);
    QVERIFY(!dialog->follower()->isFollowing());
    QVERIFY(m_window->document()->isModified());
    m_window->document()->undoStack()->setClean();
    dialog->followSelectedExecution();
    // While the Wait runs, the canvas lights it and the history shows the events so far.
    QTRY_COMPARE_WITH_TIMEOUT(status("Pause"), RunStatus::Active, 15000);
    QCOMPARE(m_window->runDebugger()->frame().executionStatus, std::string("RUNNING"));
    QVERIFY(dialog->follower()->isFollowing());
    QTRY_VERIFY(statusBarText().contains(QStringLiteral("Following watched")));
    QVERIFY(!statusBarText().contains(QStringLiteral("Replaying")));
    // A picture of the window following a live execution, for people to look at.
    const QString shots = QStringLiteral(STEPWISE_BIN_DIR "/../screenshots");
    QDir().mkpath(shots);
    QVERIFY(m_window->grab().save(
        QStringLiteral("%1/endpoint-following-%2.png").arg(shots, QTest::currentDataTag())));
    QVERIFY(dialog->grab().save(
        QStringLiteral("%1/endpoint-dialog-%2.png").arg(shots, QTest::currentDataTag())));
    // Then the end, without anything more from the user.
    QTRY_COMPARE_WITH_TIMEOUT(m_window->runDebugger()->frame().executionStatus,
                              finalStatus.toStdString(), 20000);
    QCOMPARE(status("Pause"), RunStatus::Succeeded);
    QCOMPARE(int(status(qPrintable(last))), lastStatus);
    QVERIFY(!dialog->follower()->isFollowing());
    QTRY_VERIFY(dialog->statusText().contains(finalStatus));
    // The executions list is read again and shows the final status.
    QTRY_COMPARE_WITH_TIMEOUT(
        findItem(dialog->executionList(), QStringLiteral("watched"))
            ? findItem(dialog->executionList(), QStringLiteral("watched"))->text(1)
            : QString(),
        finalStatus, 15000);
}

// Every label in the window's status bar (the run's status sits in its permanent area).
QString tst_Endpoint::statusBarText() const
{
    QStringList texts;
    for (const QLabel *label : m_window->statusBar()->findChildren<QLabel *>())
        texts << label->text();
    return texts.join(QLatin1Char('\n'));
}

void tst_Endpoint::errorsAreShown_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("message");
    // A port nobody listens on: taken from the system, then released.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const QString closed = QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort());
    probe.close();
    QTest::newRow("connection refused") << closed << "refused";
    QTest::newRow("not a URL") << "http://"
                               << "is not an endpoint URL";
}

void tst_Endpoint::errorsAreShown()
{
    QFETCH(QString, url);
    QFETCH(QString, message);
    App::EndpointDialog *dialog = m_window->endpointDialog();
    dialog->show();
    dialog->urlBox()->setCurrentText(url);
    dialog->connectToEndpoint();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->statusText().contains(message, Qt::CaseInsensitive), 15000);
    QCOMPARE(dialog->machineList()->topLevelItemCount(), 0);
}

QTEST_MAIN(tst_Endpoint)
#include "tst_endpoint.moc"
