// Tasks that wait for their task token (.waitForTaskToken): the caller answers them as
// SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat would, timeouts fire on the virtual
// clock, and a token nobody sends ends at the execution's time limit. The recorded AWS
// callback executions are replayed with the worker's recorded answer.
#include "conformancecompare.h"
#include "model/json/jsonreader.h"
#include "simulator/engine/compiledmachine.h"
#include "simulator/engine/execution.h"
#include "simulator/tasks/snsemulator.h"
#include "simulator/tasks/sqsemulator.h"
#include "testdata.h"

#include <QtTest>

using namespace Stepwise;
using Stepwise::Model::Json;

namespace {

Json parse(const std::string &text)
{
    auto parsed = Model::readJson(text, {false});
    return parsed ? parsed->value : Json();
}

std::shared_ptr<const Sim::CompiledMachine> compile(const Json &definition)
{
    auto machine = Sim::CompiledMachine::compile(definition);
    return machine ? machine.value() : nullptr;
}

// A task that sends its token in an SQS message and waits for it.
Json callbackDefinition()
{
    return parse(R"({
  "StartAt": "AskForApproval",
  "States": {
    "AskForApproval": {
      "Type": "Task",
      "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      "Parameters": {
        "QueueUrl": "https:\/\/sqs.us-east-1.amazonaws.com/123456789012/approvals",
        "MessageBody": {"Order.$": "$.order", "TaskToken.$": "$$.Task.Token"}
      },
      "ResultPath": "$.approval",
      "End": true
    }
  }
})");
}

std::vector<std::string> eventTypes(const Sim::Execution &execution)
{
    std::vector<std::string> types;
    for (const Sim::HistoryEvent &event : execution.history())
        types.push_back(std::string(event.typeName()));
    return types;
}

} // namespace

class tst_TaskCallbacks : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void replaysRecordedCallbacks_data();
    void replaysRecordedCallbacks();
    void callerAnswersWithTheTokenFromTheMessage();
    void callerFailureWithoutErrorIsCaughtAsNull();
    void unknownTokenIsRefused();
    void heartbeatsPushTheHeartbeatTimeoutBack();
    void tokenNobodySendsEndsAtTheExecutionTimeLimit();
};

void tst_TaskCallbacks::replaysRecordedCallbacks_data()
{
    QTest::addColumn<QString>("file");
    const QString root = Tests::sharedPath("conformance/localstack/executions/callbacks");
    int rows = 0;
    for (const QString &file : Tests::filesUnder(root)) {
        auto parsed = Model::readJsonFile(file.toStdString(), {false});
        if (!parsed)
            continue;
        const std::string text = parsed->value["definition"].dump();
        // The callback cases whose service call runs here (SQS); the rest need real services.
        if (text.find("sqs:sendMessage.waitForTaskToken") == std::string::npos)
            continue;
        QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
        ++rows;
    }
    QVERIFY2(rows >= 4, "the recorded callback cases are missing");
}

void tst_TaskCallbacks::replaysRecordedCallbacks()
{
    QFETCH(QString, file);
    auto parsed = Model::readJsonFile(file.toStdString(), {false});
    QVERIFY(parsed.ok());
    const Json &testCase = parsed->value;
    auto machine = compile(testCase["definition"]);
    QVERIFY(machine);

    // The worker's answer, as AWS recorded it right after the message was sent.
    const Json &recorded = testCase["history"];
    Json answer;
    for (size_t i = 0; i + 1 < recorded.size(); ++i) {
        if (recorded[i].value("type", "") == "TaskSubmitted") {
            answer = recorded[i + 1];
            break;
        }
    }
    QVERIFY(answer.is_object());

    Sim::ExecutionOptions options;
    options.callbacksFromCaller = true;
    options.recordHistory = true;
    Sim::Execution execution(machine, testCase["input"], options);
    execution.addTaskExecutor(std::make_shared<Sim::SqsEmulator>());
    int answered = 0;
    while (!execution.finished()) {
        if (execution.step())
            continue;
        const std::vector<Sim::PendingCallback> pending = execution.pendingCallbacks();
        QVERIFY2(pending.size() == 1, "the execution stopped without a task to answer");
        const std::string type = answer.value("type", "");
        if (type == "TaskSucceeded") {
            const Json &d = answer["taskSucceededEventDetails"];
            const Json output
                = d["output"].is_string() ? parse(d["output"].get<std::string>()) : d["output"];
            QVERIFY(execution.sendTaskSuccess(pending[0].taskToken, output));
        } else if (type == "TaskFailed") {
            const Json &d = answer["taskFailedEventDetails"];
            std::optional<std::string> error, cause;
            if (d.contains("error"))
                error = d["error"].get<std::string>();
            if (d.contains("cause"))
                cause = d["cause"].get<std::string>();
            QVERIFY(execution.sendTaskFailure(pending[0].taskToken, error, cause));
        } else if (type == "TaskTimedOut") {
            // The worker never answered: let time pass until the task's deadline.
            QVERIFY(pending[0].timesOutAtMillis >= 0);
            execution.advanceClock(pending[0].timesOutAtMillis);
        } else {
            QFAIL(qPrintable(QString::fromStdString("no answer recorded: " + type)));
        }
        ++answered;
    }
    QVERIFY(answered <= 1);

    Json actual = Json::object();
    if (execution.status() == Sim::ExecutionStatus::Succeeded) {
        actual["status"] = "SUCCEEDED";
        actual["output"] = execution.output().dump();
    } else {
        actual["status"]
            = execution.status() == Sim::ExecutionStatus::TimedOut ? "TIMED_OUT" : "FAILED";
        actual["error"] = execution.hasError() ? Json(execution.failure().error) : Json();
        actual["cause"] = execution.hasCause() ? Json(execution.failure().cause) : Json();
    }
    std::string why;
    QVERIFY2(Tests::compareExecution(testCase, actual, why), why.c_str());

    // Same events, ids and links as AWS recorded (sequential cases: concurrent branches
    // interleave their events as they like).
    const std::string definitionText = testCase["definition"].dump();
    if (definitionText.find("\"Parallel\"") != std::string::npos
        || definitionText.find("\"Map\"") != std::string::npos)
        return;
    std::vector<std::string> want, got;
    for (const Json &event : recorded) {
        want.push_back(event.value("type", "") + " #" + event["id"].dump() + " <- "
                       + event["previousEventId"].dump());
    }
    for (const Sim::HistoryEvent &event : execution.history()) {
        got.push_back(std::string(event.typeName()) + " #" + std::to_string(event.id) + " <- "
                      + std::to_string(event.previousEventId));
    }
    auto joined = [](const std::vector<std::string> &lines) {
        std::string text;
        for (const std::string &line : lines)
            text += line + "\n";
        return QString::fromStdString(text);
    };
    QCOMPARE(joined(got), joined(want));
}

void tst_TaskCallbacks::callerAnswersWithTheTokenFromTheMessage()
{
    Sim::ExecutionOptions options;
    options.callbacksFromCaller = true;
    Sim::Execution execution(compile(callbackDefinition()), parse(R"({"order": 42})"), options);
    auto sqs = std::make_shared<Sim::SqsEmulator>();
    execution.addTaskExecutor(sqs);

    while (execution.step()) {
    }
    QVERIFY(!execution.finished());
    const auto pending = execution.pendingCallbacks();
    QCOMPARE(pending.size(), size_t(1));
    QCOMPARE(pending[0].stateName, std::string("AskForApproval"));
    QCOMPARE(pending[0].timesOutAtMillis, std::int64_t(-1));

    // The worker reads the token from the message the task sent.
    QCOMPARE(sqs->outbox().size(), size_t(1));
    const Json body = parse(sqs->outbox()[0]["MessageBody"].get<std::string>());
    QCOMPARE(body["Order"], Json(42));
    const std::string token = body["TaskToken"].get<std::string>();
    QCOMPARE(token, pending[0].taskToken);

    QVERIFY(execution.sendTaskSuccess(token, parse(R"({"approved": true})")));
    QVERIFY(!execution.sendTaskSuccess(token, Json::object())); // answered already
    execution.run();
    QVERIFY(execution.status() == Sim::ExecutionStatus::Succeeded);
    QCOMPARE(execution.output(), parse(R"({"order": 42, "approval": {"approved": true}})"));
    const auto types = eventTypes(execution);
    QVERIFY(std::find(types.begin(), types.end(), "TaskSubmitted") != types.end());
    QVERIFY(std::find(types.begin(), types.end(), "TaskSucceeded") != types.end());
}

void tst_TaskCallbacks::callerFailureWithoutErrorIsCaughtAsNull()
{
    Json definition = callbackDefinition();
    definition["States"]["AskForApproval"]["Catch"]
        = parse(R"([{"ErrorEquals": ["States.ALL"], "ResultPath": "$.failure", "Next": "Done"}])");
    definition["States"]["AskForApproval"].erase("End");
    definition["States"]["AskForApproval"]["Next"] = "Done";
    definition["States"]["Done"] = parse(R"({"Type": "Succeed"})");
    Sim::ExecutionOptions options;
    options.callbacksFromCaller = true;
    Sim::Execution execution(compile(definition), parse(R"({"order": 7})"), options);
    execution.addTaskExecutor(std::make_shared<Sim::SqsEmulator>());
    while (execution.step()) {
    }
    QVERIFY(execution.sendTaskFailure(execution.pendingCallbacks().at(0).taskToken, std::nullopt,
                                      std::nullopt));
    execution.run();
    QVERIFY(execution.status() == Sim::ExecutionStatus::Succeeded);
    QCOMPARE(execution.output(),
             parse(R"({"order": 7, "failure": {"Error": null, "Cause": null}})"));
}

void tst_TaskCallbacks::unknownTokenIsRefused()
{
    Sim::ExecutionOptions options;
    options.callbacksFromCaller = true;
    Sim::Execution execution(compile(callbackDefinition()), parse(R"({"order": 1})"), options);
    execution.addTaskExecutor(std::make_shared<Sim::SqsEmulator>());
    while (execution.step()) {
    }
    QCOMPARE(execution.pendingCallbacks().size(), size_t(1));
    QVERIFY(!execution.sendTaskSuccess("not-a-token", Json::object()));
    QVERIFY(!execution.sendTaskFailure("not-a-token", "E", "C"));
    QVERIFY(!execution.sendTaskHeartbeat("not-a-token"));
    QVERIFY(!execution.finished());
}

void tst_TaskCallbacks::heartbeatsPushTheHeartbeatTimeoutBack()
{
    // A second branch moves the clock on while the task waits: a heartbeat at 4 s moves the
    // deadline from 5 s to 9 s after the start; without it the task times out at 5 s.
    const Json definition = parse(R"({
      "StartAt": "Both",
      "States": {
        "Both": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "Ask", "States": {"Ask": {
            "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "HeartbeatSeconds": 5, "TimeoutSeconds": 600,
            "Parameters": {"QueueUrl": "q", "MessageBody": {"T.$": "$$.Task.Token"}},
            "End": true}}},
          {"StartAt": "Pause", "States": {"Pause": {"Type": "Wait", "Seconds": 4, "End": true}}}
        ]}
      }
    })");
    for (const bool beat : {false, true}) {
        Sim::ExecutionOptions options;
        options.callbacksFromCaller = true;
        options.startTimeMillis = 0;
        Sim::Execution execution(compile(definition), Json::object(), options);
        execution.addTaskExecutor(std::make_shared<Sim::SqsEmulator>());
        bool sent = false;
        while (!execution.finished()) {
            if (execution.step())
                continue;
            // Only the task is left, waiting: the Wait branch brought the clock to 4 s.
            QCOMPARE(execution.nowMillis(), std::int64_t(4000));
            const auto pending = execution.pendingCallbacks();
            QCOMPARE(pending.size(), size_t(1));
            if (beat && !sent) {
                QCOMPARE(pending[0].timesOutAtMillis, std::int64_t(5000));
                QVERIFY(execution.sendTaskHeartbeat(pending[0].taskToken));
                QCOMPARE(execution.pendingCallbacks().at(0).timesOutAtMillis, std::int64_t(9000));
                sent = true;
                continue;
            }
            execution.advanceClock(pending[0].timesOutAtMillis);
        }
        QVERIFY(execution.status() == Sim::ExecutionStatus::Failed);
        QCOMPARE(execution.failure().error, std::string("States.Timeout"));
        QCOMPARE(execution.nowMillis(), std::int64_t(beat ? 9000 : 5000));
        const auto types = eventTypes(execution);
        QVERIFY(std::find(types.begin(), types.end(), "TaskTimedOut") != types.end());
    }
}

void tst_TaskCallbacks::tokenNobodySendsEndsAtTheExecutionTimeLimit()
{
    Sim::ExecutionOptions options;
    options.startTimeMillis = 0;
    Sim::Execution execution(compile(callbackDefinition()), parse(R"({"order": 1})"), options);
    execution.addTaskExecutor(std::make_shared<Sim::SqsEmulator>());
    execution.run();
    QVERIFY(execution.status() == Sim::ExecutionStatus::TimedOut);
    QCOMPARE(execution.failure().error, std::string("States.Timeout"));
    QCOMPARE(execution.nowMillis(), std::int64_t(365) * 24 * 3600 * 1000);
    QCOMPARE(execution.unansweredCallbacks(), std::vector<std::string>{"AskForApproval"});
    QCOMPARE(eventTypes(execution).back(), std::string("ExecutionTimedOut"));
}

QTEST_GUILESS_MAIN(tst_TaskCallbacks)
#include "tst_taskcallbacks.moc"
