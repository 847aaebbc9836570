// Redriving an execution that ended unsuccessfully (RedriveExecution): it goes on from the
// top-level state that did not complete, with the input and variables it had there; what
// succeeded before (earlier states, Parallel branches, inline Map iterations) is not run
// again; the history goes on with ExecutionRedriven; $$.Execution.RedriveCount counts.
#include "model/json/jsonreader.h"
#include "simulator/engine/compiledmachine.h"
#include "simulator/engine/execution.h"
#include "simulator/tasks/taskexecutor.h"

#include <QtTest>

#include <map>

using namespace Stepwise;
using Stepwise::Model::Json;

namespace {

Json parse(const std::string &text)
{
    auto parsed = Model::readJson(text, {false});
    return parsed ? parsed->value : Json();
}

// Answers every Task with its parameters, except that a call whose parameters carry
// "failTimes": n fails (error "Flaky") the first n times those parameters are seen. Calls
// are counted across executions, so a test sees which tasks a redrive ran again.
class FlakyTasks : public Sim::TaskExecutor
{
  public:
    std::optional<Sim::TaskResponse> invoke(const Sim::TaskRequest &request) override
    {
        const std::string key = request.stateName + " " + request.parameters.dump();
        const int seen = m_calls[key]++;
        Sim::TaskResponse response;
        const int failTimes
            = request.parameters.is_object() ? request.parameters.value("failTimes", 0) : 0;
        if (seen < failTimes) {
            response.succeeded = false;
            response.failure = {"Flaky", "call " + std::to_string(seen + 1) + " of " + key};
            return response;
        }
        response.output = request.parameters;
        return response;
    }
    // "State xN" for every task key called, in key order.
    QString calls() const
    {
        QStringList out;
        for (const auto &[key, count] : m_calls)
            out << QString::fromStdString(key.substr(0, key.find(' '))) + " x"
                       + QString::number(count);
        return out.join(", ");
    }

  private:
    std::map<std::string, int> m_calls;
};

Sim::ExecutionOptions options()
{
    Sim::ExecutionOptions o;
    o.seed = 7;
    o.startTimeMillis = 1'700'000'000'000;
    o.redrivable = true;
    o.executionName = "redriven";
    return o;
}

QString enteredStates(const Sim::Execution &execution, std::int64_t fromId)
{
    QStringList names;
    for (const Sim::HistoryEvent &event : execution.history()) {
        if (event.id > fromId && Sim::isStateEntered(event.type))
            names << QString::fromStdString(event.stateName());
    }
    return names.join(',');
}

} // namespace

class TestRedrive : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void redrive_data();
    void redrive();
    void succeededExecutionHasNoRedrivePointWithoutOption();
    void redriveOfARedriveCountsOn();
};

void TestRedrive::redrive_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("failedAt");  // the redrive point's state
    QTest::addColumn<QString>("reentered"); // states entered by the redrive, in order
    QTest::addColumn<QString>("output");    // the redriven execution's output
    QTest::addColumn<QString>("calls");     // task calls over both attempts

    QTest::newRow("a task fails after one succeeded")
        << R"({"StartAt": "Load", "States": {
             "Load": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:load",
                      "Parameters": {"step": "load"}, "ResultPath": "$.loaded", "Next": "Charge"},
             "Charge": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:charge",
                        "Parameters": {"step": "charge", "failTimes": 1}, "ResultPath": "$.charged",
                        "Next": "Done"},
             "Done": {"Type": "Pass", "End": true}}})"
        << R"({"order": 7})"
        << "Charge"
        << "Charge,Done"
        << R"({"order":7,"loaded":{"step":"load"},"charged":{"step":"charge","failTimes":1}})"
        << "Charge x2, Load x1";

    QTest::newRow("retries run out, the redrive retries afresh")
        << R"({"StartAt": "Call", "States": {
             "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                      "Parameters": {"failTimes": 3},
                      "Retry": [{"ErrorEquals": ["Flaky"], "MaxAttempts": 1, "IntervalSeconds": 1}],
                      "End": true}}})"
        << "{}"
        << "Call"
        << "Call"
        << R"({"failTimes":3})"
        << "Call x4";

    QTest::newRow("only the failed Parallel branch runs again")
        << R"({"StartAt": "Fan", "States": {"Fan": {"Type": "Parallel", "End": true, "Branches": [
             {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                                               "Parameters": {"branch": "a"}, "End": true}}},
             {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                                               "Parameters": {"branch": "b", "failTimes": 1}, "End": true}}},
             {"StartAt": "C", "States": {"C": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                                               "Parameters": {"branch": "c"}, "End": true}}}]}}})"
        << "{}"
        << "Fan"
        << "Fan,B"
        << R"([{"branch":"a"},{"branch":"b","failTimes":1},{"branch":"c"}])"
        << "A x1, B x2, C x1";

    QTest::newRow("only the failed Map iterations run again")
        << R"({"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true, "MaxConcurrency": 1,
             "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Work", "States": {
               "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}})"
        << R"([{"n": 1}, {"n": 2, "failTimes": 1}, {"n": 3}])"
        << "Each"
        << "Each,Work,Work"
        << R"([{"n":1},{"n":2,"failTimes":1},{"n":3}])"
        << "Work x1, Work x2, Work x1";

    QTest::newRow("variables assigned before the failure are seen after the redrive")
        << R"({"StartAt": "Remember", "States": {
             "Remember": {"Type": "Pass", "Assign": {"customer": "ada"}, "Next": "Call"},
             "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                      "Parameters": {"who.$": "$customer", "failTimes": 1}, "End": true}}})"
        << "{}"
        << "Call"
        << "Call"
        << R"({"who":"ada","failTimes":1})"
        << "Call x2";

    QTest::newRow("the context counts redrives")
        << R"({"StartAt": "Call", "States": {
             "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                      "Parameters": {"failTimes": 1}, "ResultPath": null, "Next": "Stamp"},
             "Stamp": {"Type": "Pass", "End": true, "Parameters": {
               "redrives.$": "$$.Execution.RedriveCount", "started.$": "$$.Execution.StartTime"}}}})"
        << "{}"
        << "Call"
        << "Call,Stamp"
        << R"({"redrives":1,"started":"2023-11-14T22:13:20.000Z"})"
        << "Call x2";
}

void TestRedrive::redrive()
{
    QFETCH(QString, definition);
    QFETCH(QString, input);
    QFETCH(QString, failedAt);
    QFETCH(QString, reentered);
    QFETCH(QString, output);
    QFETCH(QString, calls);

    auto machine = Sim::CompiledMachine::compile(parse(definition.toStdString()));
    QVERIFY(machine);
    auto tasks = std::make_shared<FlakyTasks>();
    const Json executionInput = parse(input.toStdString());

    Sim::Execution first(machine.value(), executionInput, options());
    first.addTaskExecutor(tasks);
    QCOMPARE(first.run(), Sim::ExecutionStatus::Failed);
    QCOMPARE(QString::fromStdString(first.failure().error), QStringLiteral("Flaky"));
    auto point = first.redrivePoint();
    QVERIFY(point);
    QCOMPARE(QString::fromStdString(point->stateName), failedAt);
    // The stored form gives the same point back.
    auto stored = Sim::RedrivePoint::fromJson(parse(point->toJson().dump()));
    QVERIFY(stored);
    QCOMPARE(stored->toJson(), point->toJson());

    const std::int64_t lastId = first.history().back().id;
    Sim::ExecutionOptions again = options();
    again.startTimeMillis = 1'700'000'600'000;
    again.redrive = Sim::Redrive{*stored, 1, lastId, 1'700'000'000'000};
    Sim::Execution redriven(machine.value(), executionInput, again);
    redriven.addTaskExecutor(tasks);
    QCOMPARE(redriven.run(), Sim::ExecutionStatus::Succeeded);
    QCOMPARE(QString::fromStdString(redriven.output().dump()), output);
    QCOMPARE(enteredStates(redriven, 0), reentered);
    QCOMPARE(tasks->calls(), calls);

    // The history goes on from the first attempt's last event.
    const Sim::HistoryEvent &head = redriven.history().front();
    QCOMPARE(head.typeName(), std::string_view("ExecutionRedriven"));
    QCOMPARE(head.id, lastId + 1);
    QCOMPARE(head.previousEventId, lastId);
    QCOMPARE(head.details, Json({{"executionRedrivenEventDetails", {{"redriveCount", 1}}}}));
    QCOMPARE(redriven.history()[1].previousEventId, lastId + 1);
}

void TestRedrive::succeededExecutionHasNoRedrivePointWithoutOption()
{
    auto machine = Sim::CompiledMachine::compile(
        parse(R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})"));
    QVERIFY(machine);
    Sim::ExecutionOptions plain = options();
    plain.redrivable = false;
    Sim::Execution execution(machine.value(), Json::object(), plain);
    execution.run();
    // Nothing is kept for a redrive unless asked (benchmarks pay no copy per state).
    QVERIFY(!execution.redrivePoint());
}

void TestRedrive::redriveOfARedriveCountsOn()
{
    auto machine = Sim::CompiledMachine::compile(parse(R"({"StartAt": "Call", "States": {
        "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"failTimes": 2}, "ResultPath": "$.call", "Next": "Stamp"},
        "Stamp": {"Type": "Pass", "End": true, "ResultPath": "$.redrives",
                  "Parameters": {"count.$": "$$.Execution.RedriveCount"}}}})"));
    QVERIFY(machine);
    auto tasks = std::make_shared<FlakyTasks>();
    Sim::Execution first(machine.value(), Json::object(), options());
    first.addTaskExecutor(tasks);
    QCOMPARE(first.run(), Sim::ExecutionStatus::Failed);

    Sim::ExecutionOptions second = options();
    second.redrive = Sim::Redrive{*first.redrivePoint(), 1, first.history().back().id, 0};
    Sim::Execution secondAttempt(machine.value(), Json::object(), second);
    secondAttempt.addTaskExecutor(tasks);
    QCOMPARE(secondAttempt.run(), Sim::ExecutionStatus::Failed);
    // Task calls go on counting across attempts (a mock's numbered answers continue).
    QCOMPARE(secondAttempt.redrivePoint()->taskInvocations.at("Call"), 2);

    Sim::ExecutionOptions third = options();
    third.redrive
        = Sim::Redrive{*secondAttempt.redrivePoint(), 2, secondAttempt.history().back().id, 0};
    Sim::Execution thirdAttempt(machine.value(), Json::object(), third);
    thirdAttempt.addTaskExecutor(tasks);
    QCOMPARE(thirdAttempt.run(), Sim::ExecutionStatus::Succeeded);
    QCOMPARE(thirdAttempt.output()["redrives"], Json({{"count", 2}}));
    QCOMPARE(thirdAttempt.history().front().id, secondAttempt.history().back().id + 1);
}

QTEST_GUILESS_MAIN(TestRedrive)
#include "tst_redrive.moc"
