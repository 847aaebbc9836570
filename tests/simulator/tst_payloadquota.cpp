// AWS's 256 KiB quota on a state's data: the effective input after Parameters and the output
// of every state (Pass, Parallel, Map, ...) fail with States.DataLimitExceeded, named as AWS
// names them, and a payload just within the quota runs, however it moved through the states.
#include "model/json/jsonreader.h"
#include "simulator/awslimits.h"
#include "simulator/engine/compiledmachine.h"
#include "simulator/engine/execution.h"
#include "simulator/tasks/snsemulator.h"

#include <QtTest>

using namespace Stepwise;
using Model::Json;
using Sim::Execution;
using Sim::ExecutionStatus;

namespace {

std::shared_ptr<const Sim::CompiledMachine> compile(const std::string &text)
{
    auto parsed = Model::readJson(text, {false});
    if (!parsed)
        qFatal("bad test definition: %s", parsed.error().toString().c_str());
    auto machine = Sim::CompiledMachine::compile(parsed->value);
    if (!machine)
        qFatal("definition does not compile: %s", machine.error().message.c_str());
    return machine.value();
}

std::unique_ptr<Execution> run(const std::string &definition, const Json &input)
{
    Sim::ExecutionOptions options;
    options.startTimeMillis = 1700000000000;
    options.executionName = "quota";
    auto execution = std::make_unique<Execution>(compile(definition), input, options);
    execution->addTaskExecutor(std::make_shared<Sim::SnsEmulator>());
    execution->run();
    return execution;
}

std::string quotaCause(const std::string &state)
{
    return "The state/task '" + state
           + "' returned a result with a size exceeding the maximum number of bytes service "
             "limit.";
}

// A string that makes 150,000 bytes of JSON text: two of them exceed the quota, one does not.
const std::string half(149998, 'x');

} // namespace

class tst_PayloadQuota : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void exceedingStateFails_data();
    void exceedingStateFails();
    void payloadAtTheQuotaRuns_data();
    void payloadAtTheQuotaRuns();
    void quotaErrorCanBeCaught();
};

void tst_PayloadQuota::exceedingStateFails_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<QString>("state");

    QTest::newRow("parametersResult") << R"({"StartAt": "P", "States": {
        "P": {"Type": "Pass", "Parameters": {"a.$": "$.s", "b.$": "$.s"}, "End": true}}})"
                                      << "P";
    QTest::newRow("taskParameters") << R"({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
              "Parameters": {"Message.$": "$.s", "Subject.$": "$.s"}, "End": true}}})"
                                    << "T";
    QTest::newRow("outputThroughResultPath") << R"({"StartAt": "P", "States": {
        "P": {"Type": "Pass", "Parameters": {"c.$": "$.s"}, "ResultPath": "$.copy",
              "Next": "Q"},
        "Q": {"Type": "Pass", "End": true}}})"
                                             << "P";
    QTest::newRow("parallelOutput") << R"({"StartAt": "Par", "States": {
        "Par": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
            {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}]}}})"
                                    << "Par";
    QTest::newRow("mapOutput") << R"({"StartAt": "M", "States": {
        "M": {"Type": "Map", "ItemsPath": "$.items", "End": true,
              "ItemSelector": {"s.$": "$.s", "i.$": "$$.Map.Item.Value"},
              "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}}})"
                               << "M";
    QTest::newRow("choiceOutputAfterGrowth") << R"({"StartAt": "P", "States": {
        "P": {"Type": "Pass", "Result": "added", "ResultPath": "$.more", "Next": "C"},
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.more", "IsPresent": true,
              "Next": "D"}]},
        "D": {"Type": "Pass", "Parameters": {"t.$": "$.s", "u.$": "$.s"}, "End": true}}})"
                                             << "D";
}

void tst_PayloadQuota::exceedingStateFails()
{
    QFETCH(QString, definition);
    QFETCH(QString, state);
    const Json input = {{"s", half}, {"items", {1, 2}}};
    auto execution = run(definition.toStdString(), input);
    QVERIFY(execution->status() == ExecutionStatus::Failed);
    QCOMPARE(QString::fromStdString(execution->failure().error),
             QStringLiteral("States.DataLimitExceeded"));
    QCOMPARE(execution->failure().cause, quotaCause(state.toStdString()));
    QCOMPARE(QString::fromStdString(std::string(execution->history().back().typeName())),
             QStringLiteral("ExecutionFailed"));
}

void tst_PayloadQuota::payloadAtTheQuotaRuns_data()
{
    QTest::addColumn<QString>("definition");

    // Each moves the payload differently; the output is {"state": {"i": <digit>,
    // "payload": ...}}, the input's shape and size.
    QTest::newRow("movedByParametersLoop") << R"json({"StartAt": "Move", "States": {
        "Move": {"Type": "Pass", "InputPath": "$.state",
                 "Parameters": {"i.$": "States.MathAdd($.i, 1)", "payload.$": "$.payload"},
                 "ResultPath": "$.state", "Next": "Check"},
        "Check": {"Type": "Choice", "Choices": [{"Variable": "$.state.i",
                  "NumericLessThan": 3, "Next": "Move"}], "Default": "Done"},
        "Done": {"Type": "Succeed"}}})json";
    QTest::newRow("taskResultDiscarded") << R"json({"StartAt": "Publish", "States": {
        "Publish": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                    "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:t",
                                   "Message.$": "$.state.i"},
                    "ResultPath": null, "Next": "Done"},
        "Done": {"Type": "Pass", "End": true}}})json";
    QTest::newRow("wholeInputReplaced") << R"json({"StartAt": "Whole", "States": {
        "Whole": {"Type": "Pass",
                  "Parameters": {"state": {"i": 3, "payload.$": "$.state.payload"}},
                  "End": true}}})json";
    QTest::newRow("throughParallelBranch") << R"json({"StartAt": "Par", "States": {
        "Par": {"Type": "Parallel", "OutputPath": "$[0]", "End": true, "Branches": [
            {"StartAt": "B", "States": {"B": {"Type": "Pass", "InputPath": "$.state",
             "Parameters": {"i": 3, "payload.$": "$.payload"}, "ResultPath": "$.state",
             "End": true}}}]}}})json";
}

void tst_PayloadQuota::payloadAtTheQuotaRuns()
{
    QFETCH(QString, definition);
    // The output {"state":{"i":3,"payload":"..."}} weighs exactly the quota, then one more.
    const Json shape = {{"state", {{"i", 3}, {"payload", ""}}}};
    const std::size_t exact = Sim::AwsLimits::maxPayloadBytes - shape.dump().size();
    for (std::size_t extra : {std::size_t(0), std::size_t(1)}) {
        const std::string payload(exact + extra, 'p');
        const Json input = {{"state", {{"i", 0}, {"payload", payload}}}};
        auto execution = run(definition.toStdString(), input);
        if (extra == 0) {
            QVERIFY2(execution->status() == ExecutionStatus::Succeeded,
                     execution->failure().cause.c_str());
            QCOMPARE(execution->output().dump().size(), Sim::AwsLimits::maxPayloadBytes);
        } else {
            QVERIFY(execution->status() == ExecutionStatus::Failed);
            QCOMPARE(QString::fromStdString(execution->failure().error),
                     QStringLiteral("States.DataLimitExceeded"));
        }
    }
}

void tst_PayloadQuota::quotaErrorCanBeCaught()
{
    auto execution = run(R"({"StartAt": "Par", "States": {
        "Par": {"Type": "Parallel", "Next": "Done", "Branches": [
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
            {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}],
            "Catch": [{"ErrorEquals": ["States.DataLimitExceeded"], "ResultPath": "$.error",
                       "Next": "Handled"}]},
        "Done": {"Type": "Succeed"},
        "Handled": {"Type": "Pass", "OutputPath": "$.error", "End": true}}})",
                         Json{{"s", half}});
    QVERIFY(execution->status() == ExecutionStatus::Succeeded);
    QCOMPARE(execution->output(),
             Json({{"Error", "States.DataLimitExceeded"}, {"Cause", quotaCause("Par")}}));
}

QTEST_GUILESS_MAIN(tst_PayloadQuota)
#include "tst_payloadquota.moc"
