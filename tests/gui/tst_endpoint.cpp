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
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
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
    void signsRequests_data();
    void signsRequests();
    void followsAnExecutionByArn_data();
    void followsAnExecutionByArn();

  private:
    static QString startServer(QProcess &server, const QStringList &arguments);
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
    m_url = startServer(m_server, {QStringLiteral("--clock"), QStringLiteral("x1")});
    QVERIFY(!m_url.isEmpty());
}

// Starts `stepwise-cli serve` on a free port; answers the URL it listens on (empty if none).
QString tst_Endpoint::startServer(QProcess &server, const QStringList &arguments)
{
    server.start(QStringLiteral(STEPWISE_BIN_DIR "/stepwise-cli"),
                 QStringList{QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0")}
                     + arguments);
    if (!server.waitForStarted())
        return {};
    const QRegularExpression listening(QStringLiteral("listening on (http://\\S+)"));
    QByteArray printed;
    while (!listening.match(QString::fromUtf8(printed)).hasMatch()) {
        if (!server.waitForReadyRead(30000))
            return {};
        printed += server.readAllStandardOutput();
    }
    return listening.match(QString::fromUtf8(printed)).captured(1);
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

void tst_Endpoint::signsRequests_data()
{
    QTest::addColumn<bool>("sign");
    QTest::addColumn<QString>("accessKey");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("message"); // empty: the machine is listed
    QTest::newRow("right key") << true << "AKIDSTEPWISETEST"
                               << "s3cr3t/Key+1"
                               << "";
    QTest::newRow("temporary credentials") << true << "AKIDSTEPWISETEST"
                                           << "s3cr3t/Key+1"
                                           << "";
    QTest::newRow("wrong secret") << true << "AKIDSTEPWISETEST"
                                  << "guess"
                                  << "InvalidSignatureException";
    QTest::newRow("unknown key") << true << "AKIDNOBODY"
                                 << "s3cr3t/Key+1"
                                 << "UnrecognizedClientException";
    QTest::newRow("not signed") << false << ""
                                << ""
                                << "MissingAuthenticationTokenException";
    QTest::newRow("secret missing") << true << "AKIDSTEPWISETEST"
                                    << ""
                                    << "Signing needs an access key ID, its secret access key";
}

// An endpoint that checks signatures (serve --verify-sigv4): the dialog signs with the
// credentials given, and shows AWS's error when they are wrong.
void tst_Endpoint::signsRequests()
{
    QFETCH(bool, sign);
    QFETCH(QString, accessKey);
    QFETCH(QString, secret);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QFile keys(dir.filePath(QStringLiteral("keys")));
    QVERIFY(keys.open(QIODevice::WriteOnly));
    keys.write("# test key\nAKIDSTEPWISETEST s3cr3t/Key+1\n");
    keys.close();
    QProcess server;
    const QString url = startServer(server, {QStringLiteral("--verify-sigv4"), keys.fileName()});
    QVERIFY(!url.isEmpty());
    auto stop = qScopeGuard([&server] {
        server.terminate();
        if (!server.waitForFinished(10000))
            server.kill();
    });
    // A machine to list, created by a signed client.
    App::EndpointClient client;
    client.setUrl(QUrl(url));
    Sim::SigV4Credentials owner;
    owner.accessKeyId = "AKIDSTEPWISETEST";
    owner.secretAccessKey = "s3cr3t/Key+1";
    client.setCredentials(owner);
    std::optional<App::EndpointClient::Reply> created;
    client.call(QStringLiteral("CreateStateMachine"),
                Model::Json{{"name", "Signed"},
                            {"definition", R"({"StartAt": "P", "States": {"P": {"Type": "Pass",
                                "End": true}}})"},
                            {"roleArn", "arn:aws:iam::123456789012:role/R"}},
                [&created](const App::EndpointClient::Reply &reply) { created = reply; });
    QTRY_VERIFY_WITH_TIMEOUT(created.has_value(), 15000);
    QVERIFY2(created->ok, qPrintable(created->error));

    App::EndpointDialog *dialog = m_window->endpointDialog();
    dialog->show();
    dialog->urlBox()->setCurrentText(url);
    dialog->signingBox()->setChecked(sign);
    dialog->accessKeyField()->setText(accessKey);
    dialog->secretKeyField()->setText(secret);
    dialog->sessionTokenField()->setText(QString::fromLatin1(QTest::currentDataTag())
                                                 == QLatin1String("temporary credentials")
                                             ? QStringLiteral("FQoGZXIvYXdzEXAMPLE")
                                             : QString());
    dialog->regionField()->setText(QStringLiteral("eu-west-1"));
    dialog->connectToEndpoint();
    if (message.isEmpty()) {
        QTRY_VERIFY_WITH_TIMEOUT(findItem(dialog->machineList(), QStringLiteral("Signed")), 15000);
        // The key id and region are remembered for next time; the secret never is.
        QCOMPARE(QSettings().value(QStringLiteral("endpoint/accessKeyId")).toString(), accessKey);
        QCOMPARE(QSettings().value(QStringLiteral("endpoint/region")).toString(),
                 QStringLiteral("eu-west-1"));
        for (const QString &key : QSettings().allKeys())
            QVERIFY(!QSettings().value(key).toString().contains(secret));
    } else {
        QTRY_VERIFY_WITH_TIMEOUT(dialog->statusText().contains(message), 15000);
        QCOMPARE(dialog->machineList()->topLevelItemCount(), 0);
    }
}

void tst_Endpoint::followsAnExecutionByArn_data()
{
    QTest::addColumn<QString>("arn"); // empty: the one started here
    QTest::addColumn<QString>("message");
    QTest::newRow("started elsewhere") << ""
                                       << "";
    QTest::newRow("not an execution ARN") << "arn:aws:states:us-east-1:123456789012:stateMachine:X"
                                          << "is not an execution ARN";
    QTest::newRow("unknown execution")
        << "arn:aws:states:us-east-1:123456789012:execution:Nobody:none"
        << "ExecutionDoesNotExist";
}

// An execution started by another client (its ARN printed by the AWS CLI) is followed from
// its ARN alone, on the definition it ran.
void tst_Endpoint::followsAnExecutionByArn()
{
    QFETCH(QString, arn);
    QFETCH(QString, message);
    if (arn.isEmpty()) {
        const Model::Json definition = Model::Json::parse(R"({"StartAt": "Hold", "States": {
            "Hold": {"Type": "Wait", "Seconds": 3, "Next": "Done"},
            "Done": {"Type": "Succeed"}}})");
        App::EndpointClient::Reply created
            = call(QStringLiteral("CreateStateMachine"),
                   {{"name", "ByArn"},
                    {"roleArn", "arn:aws:iam::123456789012:role/gui"},
                    {"definition", definition.dump()}});
        QVERIFY2(created.ok, qPrintable(created.error));
        App::EndpointClient::Reply started
            = call(QStringLiteral("StartExecution"),
                   {{"stateMachineArn", created.body.value("stateMachineArn", std::string())},
                    {"name", "from-the-cli"}});
        QVERIFY2(started.ok, qPrintable(started.error));
        arn = QString::fromStdString(started.body.value("executionArn", std::string()));
    }
    App::EndpointDialog *dialog = m_window->endpointDialog();
    dialog->urlBox()->setCurrentText(m_url);
    dialog->signingBox()->setChecked(false);
    dialog->followArnField()->setText(arn);
    dialog->followExecutionArn();
    if (!message.isEmpty()) {
        QTRY_VERIFY_WITH_TIMEOUT(dialog->statusText().contains(message), 15000);
        QVERIFY(!dialog->follower()->isFollowing());
        return;
    }
    QTRY_COMPARE_WITH_TIMEOUT(status("Hold"), RunStatus::Active, 15000);
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("ByArn")));
    QTRY_VERIFY(statusBarText().contains(QStringLiteral("Following from-the-cli")));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->runDebugger()->frame().executionStatus,
                              std::string("SUCCEEDED"), 20000);
    QCOMPARE(status("Done"), RunStatus::Succeeded);
}

QTEST_MAIN(tst_Endpoint)
#include "tst_endpoint.moc"
