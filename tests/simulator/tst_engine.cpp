// The execution engine's promises to its callers: one event per step, a virtual clock, retry
// timing, seeded determinism, AWS's limits, snapshots for stepping back, stage data.
#include "model/json/jsonreader.h"
#include "simulator/engine/compiledmachine.h"
#include "simulator/engine/execution.h"
#include "simulator/tasks/mockconfig.h"
#include "simulator/tasks/snsemulator.h"

#include <QElapsedTimer>
#include <QtTest>

#include <set>

using namespace Stepwise;
using Model::Json;
using Sim::Execution;
using Sim::ExecutionStatus;

namespace {

std::shared_ptr<const Sim::CompiledMachine> compile(const char *text)
{
    auto parsed = Model::readJson(text, {false});
    if (!parsed)
        qFatal("bad test definition: %s", parsed.error().toString().c_str());
    auto machine = Sim::CompiledMachine::compile(parsed->value);
    if (!machine)
        qFatal("definition does not compile: %s", machine.error().message.c_str());
    return machine.value();
}

Sim::ExecutionOptions fixedOptions(std::uint64_t seed = 1)
{
    Sim::ExecutionOptions options;
    options.seed = seed;
    options.startTimeMillis = 1700000000000;
    options.executionName = "test";
    return options;
}

std::vector<std::string> eventTypes(const Execution &execution)
{
    std::vector<std::string> types;
    for (const auto &event : execution.history())
        types.push_back(std::string(event.typeName()));
    return types;
}

// A Task that fails twice, then succeeds (mocked), with a retrier.
const char *retryDefinition = R"({
  "StartAt": "Call", "States": {
    "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
             "Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 2, "BackoffRate": 2,
                        "MaxAttempts": 3, "MaxDelaySeconds": 3}],
             "End": true}}})";

const char *retryMocks = R"({
  "StateMachines": {"StateMachine": {"TestCases": {"Flaky": {"Call": "FlakyCall"}}}},
  "MockedResponses": {"FlakyCall": {
    "0-1": {"Throw": {"Error": "Boom", "Cause": "first tries fail"}},
    "2": {"Return": {"ok": true}}}}})";

std::shared_ptr<Sim::MockTaskExecutor> mocks(const char *text, const char *testCase)
{
    auto parsed = Model::readJson(text, {false});
    auto config = Sim::MockConfig::fromJson(parsed->value);
    if (!config || !config->selectTestCase("StateMachine", testCase))
        qFatal("bad mocks");
    return std::make_shared<Sim::MockTaskExecutor>(std::move(*config));
}

} // namespace

class tst_Engine : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void stepAdvancesOneEventAtATime();
    void waitCostsNoRealTime();
    void retriesFollowBackoffAndMaxDelay();
    void jitterIsSeeded();
    void infiniteLoopEndsAtHistoryLimit();
    void snapshotRestoresForStepBack();
    void parallelInterleavingIsSeeded();
    void mapRespectsMaxConcurrency_data();
    void mapRespectsMaxConcurrency();
    void missingMockNamesTheState();
    void snsEmulationFillsOutbox();
    void stageDataFollowsProcessingOrder();
    void catchAppliesResultPathToRawInput();
    void failStateReportsErrorAndCause();
    void mapRetryRunsTheSameItems();
    void executionTimeLimitFollowsType_data();
    void executionTimeLimitFollowsType();
    void expressHasNoHistoryLimit();
    void linesKeepTheirIdsWhenSlotsAreReused();
};

void tst_Engine::stepAdvancesOneEventAtATime()
{
    auto machine = compile(R"({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Result": 1, "Next": "B"},
        "B": {"Type": "Succeed"}}})");
    Execution execution(machine, Json::object(), fixedOptions());
    std::vector<std::int64_t> counts;
    while (execution.step())
        counts.push_back(execution.eventCount());
    QCOMPARE(counts, (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6}));
    QVERIFY(eventTypes(execution)
            == (std::vector<std::string>{"ExecutionStarted", "PassStateEntered", "PassStateExited",
                                         "SucceedStateEntered", "SucceedStateExited",
                                         "ExecutionSucceeded"}));
    // AWS chains each event to the previous one of the same line; the first state to 0.
    const auto &h = execution.history();
    QCOMPARE(h[1].previousEventId, 0);
    for (size_t i = 2; i < h.size(); ++i)
        QCOMPARE(h[i].previousEventId, h[i - 1].id);
    QCOMPARE(execution.output(), Json(1));
}

void tst_Engine::waitCostsNoRealTime()
{
    auto machine = compile(R"({"StartAt": "W", "States": {
        "W": {"Type": "Wait", "Seconds": 3600, "End": true}}})");
    Execution execution(machine, Json::object(), fixedOptions());
    QElapsedTimer timer;
    timer.start();
    QVERIFY(execution.run() == ExecutionStatus::Succeeded);
    QVERIFY(timer.elapsed() < 1000);
    QCOMPARE(execution.nowMillis() - execution.startMillis(), std::int64_t(3600) * 1000);
    QCOMPARE(execution.history().back().timestampMillis - execution.startMillis(),
             std::int64_t(3600) * 1000);
}

void tst_Engine::retriesFollowBackoffAndMaxDelay()
{
    Execution execution(compile(retryDefinition), Json::object(), fixedOptions());
    execution.addTaskExecutor(mocks(retryMocks, "Flaky"));
    QVERIFY(execution.run() == ExecutionStatus::Succeeded);
    QCOMPARE(execution.output(), Json({{"ok", true}}));
    std::vector<std::int64_t> scheduledAt;
    for (const auto &event : execution.history()) {
        if (event.typeName() == "TaskScheduled")
            scheduledAt.push_back(event.timestampMillis - execution.startMillis());
    }
    // 2 s, then 2 * 2 = 4 s capped at MaxDelaySeconds 3.
    QCOMPARE(scheduledAt, (std::vector<std::int64_t>{0, 2000, 5000}));
}

void tst_Engine::jitterIsSeeded()
{
    const char *definition = R"({"StartAt": "Call", "States": {
        "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 10,
                            "MaxAttempts": 2, "JitterStrategy": "FULL"}], "End": true}}})";
    auto timeline = [&](std::uint64_t seed) {
        Execution execution(compile(definition), Json::object(), fixedOptions(seed));
        execution.addTaskExecutor(mocks(retryMocks, "Flaky"));
        execution.run();
        std::vector<std::int64_t> at;
        for (const auto &event : execution.history())
            at.push_back(event.timestampMillis);
        return at;
    };
    QCOMPARE(timeline(7), timeline(7));
    QVERIFY(timeline(7) != timeline(8));
    const auto at = timeline(7);
    // Full jitter: each delay lies within [0, the backoff delay].
    QVERIFY(at.back() - at.front() <= 10000 + 20000);
}

void tst_Engine::infiniteLoopEndsAtHistoryLimit()
{
    auto machine = compile(R"({"StartAt": "Loop", "States": {
        "Loop": {"Type": "Pass", "Next": "Loop"}}})");
    Sim::ExecutionOptions options = fixedOptions();
    options.recordHistory = false;
    Execution execution(machine, Json::object(), options);
    QVERIFY(execution.run() == ExecutionStatus::Failed);
    QCOMPARE(execution.eventCount(), std::int64_t(25000));
    QCOMPARE(QString::fromStdString(execution.failure().cause),
             QStringLiteral("The execution reached the maximum number of history events (25000)."));
}

void tst_Engine::snapshotRestoresForStepBack()
{
    auto machine = compile(R"({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Branches": [
            {"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": 5, "End": true}}},
            {"StartAt": "B", "States": {"B": {"Type": "Pass", "Result": 2, "End": true}}}],
          "Next": "Done"},
        "Done": {"Type": "Succeed"}}})");
    Execution execution(machine, Json{{"x", 1}}, fixedOptions(3));
    execution.run(4);
    auto snapshot = execution.snapshot();
    execution.run();
    const auto firstRun = eventTypes(execution);
    const Json firstOutput = execution.output();
    execution.restore(*snapshot);
    QCOMPARE(execution.eventCount(), std::int64_t(4));
    QVERIFY(!execution.finished());
    execution.run();
    QVERIFY(eventTypes(execution) == firstRun);
    QCOMPARE(execution.output(), firstOutput);
    QCOMPARE(firstOutput, Json::parse(R"([{"x": 1}, 2])"));
}

void tst_Engine::parallelInterleavingIsSeeded()
{
    auto machine = compile(R"({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "A1", "States": {"A1": {"Type": "Pass", "Next": "A2"},
                                          "A2": {"Type": "Pass", "End": true}}},
            {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Next": "B2"},
                                          "B2": {"Type": "Pass", "End": true}}}]}}})");
    auto order = [&](std::uint64_t seed) {
        Execution execution(machine, Json::object(), fixedOptions(seed));
        execution.run();
        std::vector<std::string> names;
        for (const auto &event : execution.history()) {
            if (event.typeName() == "PassStateEntered")
                names.push_back(event.stateName());
        }
        return names;
    };
    QCOMPARE(order(1), order(1));
    std::set<std::vector<std::string>> seen;
    for (std::uint64_t seed = 0; seed < 20; ++seed)
        seen.insert(order(seed));
    QVERIFY2(seen.size() > 1, "branches never interleave differently");
}

void tst_Engine::mapRespectsMaxConcurrency_data()
{
    QTest::addColumn<int>("maxConcurrency");
    QTest::addColumn<int>("expectedPeak");
    QTest::newRow("one at a time") << 1 << 1;
    QTest::newRow("three") << 3 << 3;
    QTest::newRow("unlimited is AWS's 40") << 0 << 40;
}

void tst_Engine::mapRespectsMaxConcurrency()
{
    QFETCH(int, maxConcurrency);
    QFETCH(int, expectedPeak);
    const std::string text
        = R"({"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": )"
          + std::to_string(maxConcurrency) + R"(, "End": true,
        "ItemProcessor": {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "End": true}}}}}})";
    Json items = Json::array();
    for (int i = 0; i < 50; ++i)
        items.push_back(i);
    Execution execution(compile(text.c_str()), items, fixedOptions());
    int running = 0, peak = 0;
    execution.setEventListener([&](const Sim::HistoryEvent &event) {
        if (event.typeName() == "MapIterationStarted")
            peak = std::max(peak, ++running);
        else if (event.typeName() == "MapIterationSucceeded")
            --running;
    });
    QVERIFY(execution.run() == ExecutionStatus::Succeeded);
    QCOMPARE(peak, expectedPeak);
    QCOMPARE(execution.output(), items);
}

void tst_Engine::missingMockNamesTheState()
{
    auto machine = compile(R"({"StartAt": "Charge", "States": {
        "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}})");
    Execution execution(machine, Json::object(), fixedOptions());
    QVERIFY(execution.run() == ExecutionStatus::Failed);
    QVERIFY(execution.failure().cause.find("'Charge'") != std::string::npos);
    QVERIFY(execution.failure().cause.find("arn:aws:states:::lambda:invoke") != std::string::npos);
}

void tst_Engine::snsEmulationFillsOutbox()
{
    auto parsed = Model::readJsonFile(STEPWISE_SOURCE_DIR "/resources/examples/timer.asl.json");
    auto input = Model::readJsonFile(STEPWISE_SOURCE_DIR "/resources/examples/timer.input.json");
    QVERIFY(parsed && input);
    auto machine = Sim::CompiledMachine::compile(parsed->value);
    QVERIFY(machine);
    Execution execution(machine.value(), input->value, fixedOptions());
    auto sns = std::make_shared<Sim::SnsEmulator>();
    execution.addTaskExecutor(sns);
    QVERIFY(execution.run() == ExecutionStatus::Succeeded);
    QVERIFY(execution.output().contains("MessageId"));
    QCOMPARE(sns->outbox().size(), size_t(1));
    QCOMPARE(sns->outbox()[0]["Message"], Json("HelloWorld"));
    QCOMPARE(sns->outbox()[0]["MessageId"], execution.output()["MessageId"]);
    // The Wait of timer_seconds happened on the virtual clock.
    QCOMPARE(execution.nowMillis() - execution.startMillis(), std::int64_t(10000));
}

void tst_Engine::stageDataFollowsProcessingOrder()
{
    auto machine = compile(R"({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "InputPath": "$.in", "Parameters": {"v.$": "$.v"},
              "ResultSelector": {"r.$": "$.Payload"}, "ResultPath": "$.out",
              "OutputPath": "$.out", "End": true}}})");
    Sim::ExecutionOptions options = fixedOptions();
    options.recordStages = true;
    Execution execution(machine, Json::parse(R"({"in": {"v": 5}})"), options);
    execution.addTaskExecutor(mocks(R"({"StateMachines": {"StateMachine": {"TestCases":
        {"C": {"T": "M"}}}}, "MockedResponses": {"M": {"0": {"Return": {"Payload": 9}}}}})",
                                    "C"));
    QVERIFY(execution.run() == ExecutionStatus::Succeeded);
    QCOMPARE(execution.stages().size(), size_t(1));
    const Json &data = execution.stages()[0].data;
    QCOMPARE(data["input"], Json::parse(R"({"in": {"v": 5}})"));
    QCOMPARE(data["afterInputPath"], Json::parse(R"({"v": 5})"));
    QCOMPARE(data["afterParameters"], Json::parse(R"({"v": 5})"));
    QCOMPARE(data["result"], Json::parse(R"({"Payload": 9})"));
    QCOMPARE(data["afterResultSelector"], Json::parse(R"({"r": 9})"));
    QCOMPARE(data["afterResultPath"], Json::parse(R"({"in": {"v": 5}, "out": {"r": 9}})"));
    QCOMPARE(data["output"], Json::parse(R"({"r": 9})"));
}

void tst_Engine::catchAppliesResultPathToRawInput()
{
    auto machine = compile(R"({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "InputPath": "$.a",
              "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "H"}],
              "End": true},
        "H": {"Type": "Pass", "End": true}}})");
    Execution execution(machine, Json::parse(R"({"a": 1})"), fixedOptions());
    execution.addTaskExecutor(mocks(R"({"StateMachines": {"StateMachine": {"TestCases":
        {"C": {"T": "M"}}}}, "MockedResponses": {"M": {"0": {"Throw": {"Error": "E", "Cause": "c"}}}}})",
                                    "C"));
    QVERIFY(execution.run() == ExecutionStatus::Succeeded);
    QCOMPARE(execution.output(), Json::parse(R"({"a": 1, "err": {"Error": "E", "Cause": "c"}})"));
}

void tst_Engine::failStateReportsErrorAndCause()
{
    auto machine = compile(R"json({"StartAt": "F", "States": {
        "F": {"Type": "Fail", "ErrorPath": "$.e", "CausePath": "States.Format('bad {}', $.n)"}}})json");
    Execution execution(machine, Json::parse(R"({"e": "Oops", "n": 3})"), fixedOptions());
    QVERIFY(execution.run() == ExecutionStatus::Failed);
    QCOMPARE(QString::fromStdString(execution.failure().error), QStringLiteral("Oops"));
    QCOMPARE(QString::fromStdString(execution.failure().cause), QStringLiteral("bad 3"));
    QCOMPARE(QString::fromStdString(std::string(execution.history().back().typeName())),
             QStringLiteral("ExecutionFailed"));
}

void tst_Engine::mapRetryRunsTheSameItems()
{
    auto machine = compile(R"json({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
        "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 1, "IntervalSeconds": 1}],
        "ItemProcessor": {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E",
            "CausePath": "States.JsonToString($)"}}}}}})json");
    Execution execution(machine, Json::parse(R"(["a"])"), fixedOptions());
    QVERIFY(execution.run() == ExecutionStatus::Failed);
    // The second attempt's iteration failed on the same item, not on an emptied one.
    QCOMPARE(QString::fromStdString(execution.failure().cause), QStringLiteral("\"a\""));
    const std::vector<std::string> types = eventTypes(execution);
    QCOMPARE(std::count(types.begin(), types.end(), std::string("MapStateStarted")), 2);
}

void tst_Engine::executionTimeLimitFollowsType_data()
{
    QTest::addColumn<bool>("express");
    QTest::addColumn<int>("waitSeconds");
    QTest::addColumn<QString>("timeoutSeconds"); // the machine's TimeoutSeconds, or empty
    QTest::addColumn<bool>("timesOut");
    QTest::addColumn<int>("endsAfterSeconds");
    QTest::newRow("express within 5 min") << true << 299 << QString() << false << 299;
    QTest::newRow("express at 5 min") << true << 300 << QString() << false << 300;
    QTest::newRow("express past 5 min") << true << 301 << QString() << true << 300;
    QTest::newRow("express, shorter TimeoutSeconds") << true << 200 << "60" << true << 60;
    QTest::newRow("express, longer TimeoutSeconds") << true << 900 << "600" << true << 300;
    QTest::newRow("standard past 5 min") << false << 3600 << QString() << false << 3600;
    QTest::newRow("standard, TimeoutSeconds") << false << 200 << "60" << true << 60;
}

void tst_Engine::executionTimeLimitFollowsType()
{
    QFETCH(bool, express);
    QFETCH(int, waitSeconds);
    QFETCH(QString, timeoutSeconds);
    QFETCH(bool, timesOut);
    QFETCH(int, endsAfterSeconds);
    std::string definition = R"({"StartAt": "W", )";
    if (!timeoutSeconds.isEmpty())
        definition += R"("TimeoutSeconds": )" + timeoutSeconds.toStdString() + ", ";
    definition += R"("States": {"W": {"Type": "Wait", "Seconds": )" + std::to_string(waitSeconds)
                  + R"(, "End": true}}})";
    auto machine = compile(definition.c_str());
    Sim::ExecutionOptions options = fixedOptions();
    options.type = express ? Model::StateMachineType::Express : Model::StateMachineType::Standard;
    Execution execution(machine, Json::object(), options);
    const ExecutionStatus status = execution.run();
    QCOMPARE(status == ExecutionStatus::TimedOut, timesOut);
    if (!timesOut)
        QVERIFY(status == ExecutionStatus::Succeeded);
    QCOMPARE(execution.nowMillis() - execution.startMillis(),
             std::int64_t(endsAfterSeconds) * 1000);
    if (timesOut) {
        QCOMPARE(QString::fromStdString(execution.failure().error),
                 QStringLiteral("States.Timeout"));
        QVERIFY(!execution.hasCause());
        QCOMPARE(QString::fromStdString(std::string(execution.history().back().typeName())),
                 QStringLiteral("ExecutionTimedOut"));
    }
}

void tst_Engine::expressHasNoHistoryLimit()
{
    // 40,000 events: STANDARD fails at 25,000, EXPRESS runs on.
    auto machine = compile(R"json({"StartAt": "Count", "States": {
        "Count": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "Next": "More"},
        "More": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericLessThan": 10000,
                 "Next": "Count"}], "Default": "Done"},
        "Done": {"Type": "Succeed"}}})json");
    Sim::ExecutionOptions options = fixedOptions();
    options.recordHistory = false;
    options.type = Model::StateMachineType::Express;
    Execution express(machine, Json{{"n", 0}}, options);
    QVERIFY(express.run() == ExecutionStatus::Succeeded);
    QCOMPARE(express.output(), Json({{"n", 10000}}));
    QVERIFY(express.eventCount() > 40000);
    options.type = Model::StateMachineType::Standard;
    Execution standard(machine, Json{{"n", 0}}, options);
    QVERIFY(standard.run() == ExecutionStatus::Failed);
    QCOMPARE(standard.eventCount(), std::int64_t(25000));
}

void tst_Engine::linesKeepTheirIdsWhenSlotsAreReused()
{
    // A Map over 6 items, 2 at a time: iterations reuse finished lines' slots, yet each has
    // its own line id, and all name the Map's line (the machine's, 0) as their parent.
    auto machine = compile(R"({"StartAt": "M", "States": {"M": {"Type": "Map",
        "MaxConcurrency": 2, "End": true, "ItemProcessor": {"StartAt": "W", "States": {
            "W": {"Type": "Wait", "Seconds": 1, "Next": "P"},
            "P": {"Type": "Pass", "End": true}}}}}})");
    Execution execution(machine, Json::array({1, 2, 3, 4, 5, 6}), fixedOptions());
    std::set<int> slots;
    std::set<std::int64_t> lines;
    while (execution.step()) {
        for (const Sim::ActiveState &active : execution.activeStates()) {
            if (active.line == 0) {
                QCOMPARE(active.parentLine, std::int64_t(-1));
                continue;
            }
            QCOMPARE(active.parentLine, std::int64_t(0));
            slots.insert(active.thread);
            lines.insert(active.line);
        }
    }
    QVERIFY(execution.status() == ExecutionStatus::Succeeded);
    QCOMPARE(lines.size(), size_t(6));
    QVERIFY2(slots.size() < 6, "iterations did not reuse slots; the test shows nothing");
}

QTEST_GUILESS_MAIN(tst_Engine)
#include "tst_engine.moc"
