// `stepwise-cli run` as CI uses it: the real executable, exit codes, text and JSON output.
#include "clirunner.h"
#include "model/json/json.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using Stepwise::Model::Json;

namespace {

using Run = Stepwise::Tests::CliRun;

Run runCli(const QStringList &arguments)
{
    return Stepwise::Tests::runCli(QStringList{"run"} + arguments);
}

QString example(const char *name)
{
    return QStringLiteral(STEPWISE_SOURCE_DIR "/resources/examples/") + name;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &text)
{
    QString path = dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(text);
    return path;
}

Json lastLineJson(const QString &out)
{
    const QStringList lines = out.trimmed().split('\n');
    return Json::parse(lines.last().toStdString(), nullptr, false);
}

const QByteArray failing = R"({"StartAt": "F", "States": {
    "F": {"Type": "Fail", "Error": "Broken", "Cause": "on purpose"}}})";

const QByteArray mockedTask = R"({"StartAt": "Charge", "States": {
    "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "ResultSelector": {"paid.$": "$.Payload.ok"}, "End": true}}})";

const QByteArray mockFile = R"({
  "StateMachines": {"Shop": {"TestCases": {"HappyPath": {"Charge": "ChargeOk"}}}},
  "MockedResponses": {"ChargeOk": {"0": {"Return": {"Payload": {"ok": true}}}}}})";

} // namespace

class tst_RunCommand : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void seedExampleRunsHeadless();
    void exitCodes_data();
    void exitCodes();
    void jsonOutputIsOneLineWithOutputAsText();
    void jsonFailureCarriesErrorAndCause();
    void historyIsAwsShaped();
    void mocksAnswerTasks();
    void callbackTasksTimeOutOnTheVirtualClock();
    void seedMakesRunsReproducible();
    void expressRefusesWhatCreateStateMachineRefuses_data();
    void expressRefusesWhatCreateStateMachineRefuses();
    void expressHasNoHistoryLimitButFiveMinutes();
    void runsYaml();
    void refusesWithValidatesDiagnostics_data();
    void refusesWithValidatesDiagnostics();
    void deployPlaceholdersNeedValues_data();
    void deployPlaceholdersNeedValues();
    void substitutedValuesAreCheckedAsAwsWould();
    void jsonPathStateInsideJsonataMapOfJsonPathMachineRuns();
    void payloadLimitCanBeLifted();
};

void tst_RunCommand::seedExampleRunsHeadless()
{
    Run run = runCli({example("timer.asl.json"), "--input", "@" + example("timer.input.json")});
    QCOMPARE(run.exitCode, 0);
    const Json output = Json::parse(run.out.trimmed().toStdString(), nullptr, false);
    QVERIFY2(output.is_object() && output.contains("MessageId"), qPrintable(run.out));
    QCOMPARE(output["SdkHttpMetadata"]["HttpStatusCode"], Json(200));
}

void tst_RunCommand::exitCodes_data()
{
    QTest::addColumn<QByteArray>("definition");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("succeeds") << QByteArray(
        R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})")
                              << QStringList() << 0;
    QTest::newRow("fails") << failing << QStringList() << 1;
    QTest::newRow("not JSON") << QByteArray("{") << QStringList() << 2;
    QTest::newRow("invalid definition")
        << QByteArray(R"({"StartAt": "Nowhere", "States": {"P": {"Type": "Pass", "End": true}}})")
        << QStringList() << 2;
    QTest::newRow("unknown option") << failing << QStringList{"--frobnicate"} << 2;
    QTest::newRow("bad input") << failing << QStringList{"--input", "{nope"} << 2;
    QTest::newRow("mocks without test case") << failing << QStringList{"--mocks", "x.json"} << 2;
}

void tst_RunCommand::exitCodes()
{
    QFETCH(QByteArray, definition);
    QFETCH(QStringList, extra);
    QFETCH(int, exitCode);
    QTemporaryDir dir;
    const QString file = writeFile(dir, "def.asl.json", definition);
    Run run = runCli(QStringList{file} + extra);
    QCOMPARE(run.exitCode, exitCode);
    if (exitCode == 2)
        QVERIFY(!run.err.isEmpty());
}

void tst_RunCommand::jsonOutputIsOneLineWithOutputAsText()
{
    QTemporaryDir dir;
    const QString file = writeFile(
        dir, "def.asl.json",
        R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "hi", "End": true}}})");
    Run run = runCli({file, "--format", "json"});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out.trimmed().count('\n'), 0);
    const Json result = lastLineJson(run.out);
    QCOMPARE(result["status"], Json("SUCCEEDED"));
    // The output is JSON text, as DescribeExecution gives it.
    QCOMPARE(result["output"], Json("\"hi\""));
}

void tst_RunCommand::jsonFailureCarriesErrorAndCause()
{
    QTemporaryDir dir;
    Run run = runCli({writeFile(dir, "def.asl.json", failing), "--format", "json"});
    QCOMPARE(run.exitCode, 1);
    const Json result = lastLineJson(run.out);
    QCOMPARE(result["status"], Json("FAILED"));
    QCOMPARE(result["error"], Json("Broken"));
    QCOMPARE(result["cause"], Json("on purpose"));
}

void tst_RunCommand::historyIsAwsShaped()
{
    Run run = runCli({example("timer.asl.json"), "--input", "@" + example("timer.input.json"),
                      "--format", "json", "--history"});
    QCOMPARE(run.exitCode, 0);
    const Json history = lastLineJson(run.out)["history"];
    QVERIFY(history.is_array());
    std::vector<std::string> types;
    for (const Json &event : history)
        types.push_back(event["type"].get<std::string>());
    QVERIFY(
        types
        == (std::vector<std::string>{"ExecutionStarted", "WaitStateEntered", "WaitStateExited",
                                     "TaskStateEntered", "TaskScheduled", "TaskStarted",
                                     "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"}));
    QCOMPARE(history[4]["taskScheduledEventDetails"]["resourceType"], Json("sns"));
    QCOMPARE(history[4]["taskScheduledEventDetails"]["resource"], Json("publish"));
    QVERIFY(history[1]["stateEnteredEventDetails"]["input"].is_string());
}

void tst_RunCommand::mocksAnswerTasks()
{
    QTemporaryDir dir;
    const QString def = writeFile(dir, "def.asl.json", mockedTask);
    const QString mocks = writeFile(dir, "mocks.json", mockFile);
    Run run = runCli({def, "--mocks", mocks, "--test-case", "HappyPath", "--state-machine-arn",
                      "arn:aws:states:us-east-1:123456789012:stateMachine:Shop"});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(Json::parse(run.out.trimmed().toStdString()), Json::parse(R"({"paid": true})"));
    // Without the mock the task cannot run, and the error names the state.
    Run unmocked = runCli({def, "--format", "json"});
    QCOMPARE(unmocked.exitCode, 1);
    QVERIFY(lastLineJson(unmocked.out)["cause"].get<std::string>().find("'Charge'")
            != std::string::npos);
}

void tst_RunCommand::callbackTasksTimeOutOnTheVirtualClock()
{
    // Nothing sends the task token back in a local run: a 1-hour TimeoutSeconds fires at
    // once on the virtual clock; without one the execution waits for its one-year limit.
    QTemporaryDir dir;
    const QByteArray waiting = R"({"StartAt": "Ask", "States": {"Ask": {
        "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "TimeoutSeconds": 3600,
        "Parameters": {"QueueUrl": "q", "MessageBody": {"Token.$": "$$.Task.Token"}},
        "End": true}}})";
    QElapsedTimer clock;
    clock.start();
    Run run = runCli({writeFile(dir, "timeout.asl.json", waiting), "--format", "json"});
    QVERIFY(clock.elapsed() < 20000);
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(lastLineJson(run.out)["status"], Json("FAILED"));
    QCOMPARE(lastLineJson(run.out)["error"], Json("States.Timeout"));

    QByteArray forever = waiting;
    forever.replace("\"TimeoutSeconds\": 3600,", "");
    Run stuck = runCli({writeFile(dir, "forever.asl.json", forever), "--format", "json"});
    QCOMPARE(stuck.exitCode, 1);
    QCOMPARE(lastLineJson(stuck.out)["status"], Json("TIMED_OUT"));
    QVERIFY2(stuck.err.contains("'Ask' waited for its task token"), qPrintable(stuck.err));
}

void tst_RunCommand::seedMakesRunsReproducible()
{
    const QStringList args
        = {example("timer.asl.json"), "--input", "@" + example("timer.input.json"), "--seed", "42"};
    Run first = runCli(args);
    Run second = runCli(args);
    QCOMPARE(first.exitCode, 0);
    // The run starts at the wall clock's time, so the emulated SNS answer's HTTP Date header
    // tells when it ran; everything else (ids, tokens, jitter) comes from the seed.
    const QRegularExpression date(QStringLiteral("\"Date\":(\\[?)\"[^\"]*\""));
    QCOMPARE(QString(first.out).replace(date, QStringLiteral("\"Date\":\\1\"\"")),
             QString(second.out).replace(date, QStringLiteral("\"Date\":\\1\"\"")));
    Run other = runCli(
        {example("timer.asl.json"), "--input", "@" + example("timer.input.json"), "--seed", "43"});
    QVERIFY(other.out != first.out);
}

void tst_RunCommand::expressRefusesWhatCreateStateMachineRefuses_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("message");
    QTest::newRow(".sync") << "arn:aws:states:::states:startExecution.sync"
                           << "Express state machine does not support '.sync'";
    QTest::newRow(".waitForTaskToken")
        << "arn:aws:states:::sqs:sendMessage.waitForTaskToken"
        << "Express state machine does not support '.waitForTaskToken'";
    QTest::newRow("activity") << "arn:aws:states:us-east-1:123456789012:activity:Review"
                              << "Express state machine does not support Activity ARN";
}

void tst_RunCommand::expressRefusesWhatCreateStateMachineRefuses()
{
    QFETCH(QString, resource);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString definition
        = R"({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": ")" + resource
          + R"(", "Parameters": {"QueueUrl": "q", "MessageBody": "m", "StateMachineArn": "a"},
              "TimeoutSeconds": 5, "End": true}}})";
    const QString file = writeFile(dir, "task.asl.json", definition.toUtf8());
    Run express = runCli({file, "--type", "express"});
    QCOMPARE(express.exitCode, 2);
    QVERIFY2(express.err.contains(message), qPrintable(express.err));
    QVERIFY2(express.out.isEmpty(), qPrintable(express.out));
    // The same definition is a valid STANDARD machine: it runs (and times out or fails
    // without a mock), it is not refused.
    QVERIFY(runCli({file, "--type", "standard"}).exitCode != 2);
    QCOMPARE(runCli({file, "--type", "sideways"}).exitCode, 2);
}

void tst_RunCommand::expressHasNoHistoryLimitButFiveMinutes()
{
    // 30,000 loop turns: over STANDARD's 25,000 history events, nothing for EXPRESS.
    QTemporaryDir dir;
    const QByteArray loop = R"json({"StartAt": "Count", "States": {
        "Count": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "Next": "More"},
        "More": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericLessThan": 15000,
                 "Next": "Count"}], "Default": "Done"},
        "Done": {"Type": "Succeed"}}})json";
    const QString file = writeFile(dir, "loop.asl.json", loop);
    Run express = runCli({file, "--type", "express", "--input", R"({"n": 0})"});
    QCOMPARE(express.exitCode, 0);
    QCOMPARE(Json::parse(express.out.trimmed().toStdString(), nullptr, false),
             Json({{"n", 15000}}));
    Run standard = runCli({file, "--input", R"({"n": 0})", "--format", "json"});
    QCOMPARE(standard.exitCode, 1);
    QVERIFY2(lastLineJson(standard.out)["cause"].get<std::string>().find(
                 "maximum number of history events (25000)")
                 != std::string::npos,
             qPrintable(standard.out));

    // A 10-minute Wait outlasts an EXPRESS execution: it times out at five minutes.
    const QByteArray wait = R"({"StartAt": "W", "States": {
        "W": {"Type": "Wait", "Seconds": 600, "End": true}}})";
    const QString waitFile = writeFile(dir, "wait.asl.json", wait);
    Run timedOut = runCli({waitFile, "--type", "express", "--format", "json"});
    QCOMPARE(timedOut.exitCode, 1);
    QCOMPARE(lastLineJson(timedOut.out)["status"], Json("TIMED_OUT"));
    QCOMPARE(lastLineJson(timedOut.out)["error"], Json("States.Timeout"));
    QCOMPARE(runCli({waitFile, "--type", "standard"}).exitCode, 0);
}

void tst_RunCommand::runsYaml()
{
    QTemporaryDir dir;
    const QString file = writeFile(dir, "greet.asl.yaml",
                                   "StartAt: Greet\n"
                                   "States:\n"
                                   "  Greet:\n"
                                   "    Type: Pass\n"
                                   "    Parameters:\n"
                                   "      greeting.$: States.Format('Hello, {}', $.name)\n"
                                   "    End: true\n");
    const Run run = runCli({file, "--input", R"({"name": "YAML"})"});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(Json::parse(run.out.trimmed().toStdString()), Json({{"greeting", "Hello, YAML"}}));
}

void tst_RunCommand::refusesWithValidatesDiagnostics_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("definition");
    QTest::newRow("json, a target that does not exist")
        << "def.asl.json"
        << QByteArray(R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "Q"}}})");
    QTest::newRow("json, a key written twice")
        << "def.asl.json"
        << QByteArray(
               R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true, "End": true}}})");
    QTest::newRow("json, a bad intrinsic argument")
        << "def.asl.json" << QByteArray(R"x({"StartAt": "P", "States": {"P": {"Type": "Pass",
            "Parameters": {"n.$": "States.MathAdd(1, '-1')"}, "End": true}}})x");
    QTest::newRow("yaml, an unreachable state and a warning")
        << "def.yaml"
        << QByteArray("StartAt: P\nStates:\n  P: {Type: Pass, End: true}\n"
                      "  Q: {Type: Pass, Next: R}\n  R: {Type: Pass, Next: R}\n");
    QTest::newRow("yaml, not YAML") << "def.yml" << QByteArray("StartAt: [\n");
    QTest::newRow("missing file") << "" << QByteArray();
}

// What validate calls an error is not run: run prints validate's own lines to stderr and
// exits 2; nothing is executed, nothing goes to stdout.
void tst_RunCommand::refusesWithValidatesDiagnostics()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, definition);
    QTemporaryDir dir;
    const QString file
        = name.isEmpty() ? dir.filePath("absent.asl.json") : writeFile(dir, name, definition);
    const Run validate = Stepwise::Tests::runCli({"validate", file});
    QVERIFY(validate.exitCode == 1 || validate.exitCode == 2);
    QVERIFY(!validate.out.isEmpty());
    const Run run = runCli({file});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err, validate.out);
    QVERIFY(run.out.isEmpty());
}

// A definition taken from a CloudFormation, SAM or CDK template: validate accepts its
// placeholders; run needs a value where the engine needs a real one (Seconds here), and runs
// the rest as written, saying so.
const QByteArray templated = R"({"StartAt": "Sleep", "States": {
    "Sleep": {"Type": "Wait", "Seconds": "${ReminderTimeout}", "Next": "Notify"},
    "Notify": {"Type": "Pass", "Parameters": {
        "topic": {"Fn::Sub": "arn:aws:sns:${AWS::Region}:${AWS::AccountId}:${TopicName}"},
        "table": {"Ref": "TasksTable"},
        "fn": {"Fn::GetAtt": ["Reminder", "Arn"]},
        "path": {"Fn::Join": ["/", ["a", {"Ref": "TasksTable"}]]},
        "literal": {"Fn::Sub": ["${!Keep}-${Local}", {"Local": {"Ref": "TasksTable"}}]},
        "text": "every ${ReminderTimeout} s"}, "End": true}}})";

void tst_RunCommand::deployPlaceholdersNeedValues_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("none given")
        << QStringList() << 2
        << "template.asl.json:2:42: error PLACEHOLDER_UNRESOLVED: '${ReminderTimeout}' is filled "
           "in when the template is deployed (SAM DefinitionSubstitutions, CloudFormation, CDK); "
           "give it a value to run the definition here: --sub ReminderTimeout=VALUE "
           "[/States/Sleep/Seconds]";
    QTest::newRow("the one the engine needs given")
        << QStringList{"--sub", "ReminderTimeout=5", "--sub", "TasksTable=Tasks"} << 0
        << "note: 2 deploy-time placeholder(s) without a value run as written (--sub "
           "NAME=VALUE gives one); the first:";
}

void tst_RunCommand::deployPlaceholdersNeedValues()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString file = writeFile(dir, "template.asl.json", templated);
    const Run validate = Stepwise::Tests::runCli({"validate", file});
    QCOMPARE(validate.exitCode, 0);
    const Run run = runCli(QStringList{file} + arguments);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    if (exitCode == 0) {
        const Json output = Json::parse(run.out.trimmed().toStdString(), nullptr, false);
        QCOMPARE(output["table"], Json("Tasks"));
        QCOMPARE(
            output["topic"],
            Json::parse(
                R"({"Fn::Sub": "arn:aws:sns:${AWS::Region}:${AWS::AccountId}:${TopicName}"})"));
    } else {
        QVERIFY(run.out.isEmpty());
    }
}

void tst_RunCommand::substitutedValuesAreCheckedAsAwsWould()
{
    QTemporaryDir dir;
    const QString file = writeFile(dir, "template.asl.json", templated);
    const QString subs = writeFile(dir, "subs.json",
                                   R"({"TopicName": "reminders", "TasksTable": "Tasks",
                                       "Reminder.Arn": "arn:aws:lambda:us-east-1:1:function:R"})");
    Run run = runCli({file, "--subs", subs, "--sub", "ReminderTimeout=30"});
    QCOMPARE(run.exitCode, 0);
    const Json output = Json::parse(run.out.trimmed().toStdString(), nullptr, false);
    QCOMPARE(output, Json::parse(R"({
        "topic": "arn:aws:sns:us-east-1:123456789012:reminders", "table": "Tasks",
        "fn": "arn:aws:lambda:us-east-1:1:function:R", "path": "a/Tasks",
        "literal": "${Keep}-Tasks", "text": "every 30 s"})"));
    // A value AWS would refuse where it lands is refused with validate's diagnostic.
    run = runCli({file, "--subs", subs, "--sub", "ReminderTimeout=soon"});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("[/States/Sleep/Seconds]"), qPrintable(run.err));
    QVERIFY(run.err.contains("error FIELD_TYPE"));
}

// AWS accepts JSONPath states in a JSONata Map when the machine itself is JSONPath; only a
// JSONata machine forbids them.
void tst_RunCommand::jsonPathStateInsideJsonataMapOfJsonPathMachineRuns()
{
    QTemporaryDir dir;
    const QString file = writeFile(dir, "mixed.asl.json", R"({"StartAt": "Map",
        "QueryLanguage": "JSONPath", "States": {"Map": {"Type": "Map", "QueryLanguage": "JSONata",
        "Items": "{% [1, 2] %}", "ItemProcessor": {"StartAt": "Pass", "States": {
            "Pass": {"QueryLanguage": "JSONPath", "Type": "Pass",
                     "Parameters": {"n.$": "$"}, "End": true}}}, "End": true}}})");
    const Run validate = Stepwise::Tests::runCli({"validate", file});
    QCOMPARE(validate.exitCode, 0);
    const Run run = runCli({file});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(Json::parse(run.out.trimmed().toStdString(), nullptr, false),
             Json::parse(R"([{"n": 1}, {"n": 2}])"));

    // A distributed Map's processor is a child machine: JSONPath there is allowed even in a
    // JSONata machine.
    const QString distributed = writeFile(dir, "distributed.asl.json", R"({"StartAt": "Map",
        "QueryLanguage": "JSONata", "States": {"Map": {"Type": "Map", "Items": "{% [1, 2] %}",
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "Pass", "States": {"Pass": {"QueryLanguage": "JSONPath", "Type": "Pass",
            "Parameters": {"n.$": "$"}, "End": true}}}, "End": true}}})");
    QCOMPARE(Stepwise::Tests::runCli({"validate", distributed}).exitCode, 0);
    const Run child = runCli({distributed});
    QCOMPARE(child.exitCode, 0);
    QCOMPARE(Json::parse(child.out.trimmed().toStdString(), nullptr, false),
             Json::parse(R"([{"n": 1}, {"n": 2}])"));
}

void tst_RunCommand::payloadLimitCanBeLifted()
{
    QTemporaryDir dir;
    const QString file = writeFile(dir, "big.asl.json", R"({"StartAt": "Twice", "States": {
        "Twice": {"Type": "Pass", "Parameters": {"a.$": "$.text", "b.$": "$.text"},
                  "End": true}}})");
    // 200,000 characters in, twice that out: past AWS's 256 KiB.
    const QString input
        = writeFile(dir, "input.json", "{\"text\": \"" + QByteArray(200000, 'x') + "\"}");
    Run run = runCli({file, "--input", "@" + input});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains("States.DataLimitExceeded"), qPrintable(run.out.left(300)));
    run = runCli({file, "--input", "@" + input, "--no-payload-limit"});
    QCOMPARE(run.exitCode, 0);
    const Json output = Json::parse(run.out.trimmed().toStdString(), nullptr, false);
    QCOMPARE(output["b"].get<std::string>().size(), size_t(200000));
}

QTEST_GUILESS_MAIN(tst_RunCommand)
#include "tst_runcommand.moc"
