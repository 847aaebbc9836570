// UpdateMapRun on a running distributed Map: the engine applies the new concurrency to the
// items not started yet and the new tolerance to the failures counted from then on.
#include "model/json/jsonreader.h"
#include "simulator/engine/compiledmachine.h"
#include "simulator/engine/execution.h"
#include "simulator/engine/executionstatusname.h"

#include <QtTest>

using namespace Stepwise;
using Stepwise::Model::Json;

namespace {

// Six items; the items marked "fail" fail at once, the others wait 10 s and succeed.
Json definition(int maxConcurrency, int toleratedFailureCount)
{
    Json processor = Json::parse(R"({
      "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
      "StartAt": "Broken?",
      "States": {
        "Broken?": {"Type": "Choice", "Default": "Work",
                    "Choices": [{"Variable": "$.fail", "BooleanEquals": true, "Next": "Broken"}]},
        "Broken": {"Type": "Fail", "Error": "Broken"},
        "Work": {"Type": "Wait", "Seconds": 10, "Next": "Done"},
        "Done": {"Type": "Succeed"}}})");
    Json map = {{"Type", "Map"},
                {"ItemsPath", "$.items"},
                {"MaxConcurrency", maxConcurrency},
                {"ItemProcessor", processor},
                {"End", true}};
    if (toleratedFailureCount >= 0)
        map["ToleratedFailureCount"] = toleratedFailureCount;
    return {{"StartAt", "Each"}, {"States", {{"Each", map}}}};
}

std::string mapRunArn(const Sim::Execution &execution)
{
    for (const Sim::HistoryEvent &event : execution.history()) {
        if (event.typeName() == "MapRunStarted")
            return event.details["mapRunStartedEventDetails"].value("mapRunArn", "");
    }
    return {};
}

} // namespace

class TestMapRunUpdate : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void update_data();
    void update();
    void unknownOrFinishedMapRun();
    void pacedStepsSeeChildExecutionsTakeTheirTime();
};

void TestMapRunUpdate::update_data()
{
    QTest::addColumn<int>("maxConcurrency");
    QTest::addColumn<int>("toleratedFailureCount"); // -1: none
    QTest::addColumn<int>("failing");               // items that fail (the first ones)
    QTest::addColumn<int>("newConcurrency");        // -1: unchanged
    QTest::addColumn<int>("newTolerance");          // -1: unchanged
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("seconds"); // the execution's length on its clock

    QTest::newRow("no update: one at a time") << 1 << -1 << 0 << -1 << -1 << "SUCCEEDED" << 60;
    QTest::newRow("raised to three") << 1 << -1 << 0 << 3 << -1 << "SUCCEEDED" << 20;
    QTest::newRow("raised to all") << 2 << -1 << 0 << 6 << -1 << "SUCCEEDED" << 10;
    QTest::newRow("0: no limit") << 1 << -1 << 0 << 0 << -1 << "SUCCEEDED" << 10;
    QTest::newRow("lowered to one") << 6 << -1 << 0 << 1 << -1 << "SUCCEEDED" << 10;
    QTest::newRow("failures now tolerated") << 6 << 0 << 2 << -1 << 2 << "SUCCEEDED" << 10;
    QTest::newRow("tolerance lowered") << 6 << 5 << 2 << -1 << 1 << "FAILED" << 0;
}

void TestMapRunUpdate::update()
{
    QFETCH(int, maxConcurrency);
    QFETCH(int, toleratedFailureCount);
    QFETCH(int, failing);
    QFETCH(int, newConcurrency);
    QFETCH(int, newTolerance);
    QFETCH(QString, status);
    QFETCH(int, seconds);

    auto machine = Sim::CompiledMachine::compile(definition(maxConcurrency, toleratedFailureCount));
    QVERIFY(machine);
    Json items = Json::array();
    for (int i = 0; i < 6; ++i)
        items.push_back({{"n", i}, {"fail", i < failing}});
    Sim::ExecutionOptions options;
    options.seed = 3;
    options.startTimeMillis = 0;
    Sim::Execution execution(machine.value(), {{"items", items}}, options);
    // Updated as soon as the map run started (its first items are already running).
    while (mapRunArn(execution).empty() && execution.step()) {
    }
    const std::string arn = mapRunArn(execution);
    QVERIFY(!arn.empty());
    Sim::MapRunUpdate update;
    if (newConcurrency >= 0)
        update.maxConcurrency = newConcurrency;
    if (newTolerance >= 0)
        update.toleratedFailureCount = newTolerance;
    if (newConcurrency >= 0 || newTolerance >= 0)
        QVERIFY(execution.updateMapRun(arn, update));
    execution.run();
    QCOMPARE(QString::fromLatin1(Sim::executionStatusName(execution.status())), status);
    QCOMPARE(execution.nowMillis() / 1000, seconds);
    if (status == "FAILED") {
        QCOMPARE(QString::fromStdString(execution.failure().error),
                 QStringLiteral("States.ExceedToleratedFailureThreshold"));
    }
}

void TestMapRunUpdate::unknownOrFinishedMapRun()
{
    auto machine = Sim::CompiledMachine::compile(definition(1, -1));
    QVERIFY(machine);
    Sim::Execution execution(machine.value(), {{"items", Json::array({Json::object()})}});
    Sim::MapRunUpdate update;
    update.maxConcurrency = 5;
    QVERIFY(!execution.updateMapRun("arn:aws:states:us-east-1:123456789012:mapRun:x/y:z", update));
    execution.run();
    const std::string arn = mapRunArn(execution);
    QVERIFY(!arn.empty());
    QVERIFY(!execution.updateMapRun(arn, update));
}

// A distributed Map's children keep their events to themselves: stepPaced() still stops each
// time the clock moves, so a caller pacing the run on a wall clock (the endpoint) meets the
// map run mid-way, with its children counted, and can still update it.
void TestMapRunUpdate::pacedStepsSeeChildExecutionsTakeTheirTime()
{
    auto machine = Sim::CompiledMachine::compile(definition(1, -1));
    QVERIFY(machine);
    Json items = Json::array();
    for (int i = 0; i < 6; ++i)
        items.push_back({{"n", i}, {"fail", false}});
    Sim::ExecutionOptions options;
    options.startTimeMillis = 0;
    Sim::Execution execution(machine.value(), {{"items", items}}, options);
    while (mapRunArn(execution).empty() && execution.stepPaced()) {
    }
    const std::string arn = mapRunArn(execution);
    QVERIFY(!arn.empty());
    // One child at a time, 10 s each: step until the clock passes 25 s.
    while (execution.nowMillis() < 25000 && execution.stepPaced()) {
    }
    QCOMPARE(execution.nowMillis(), std::int64_t(30000));
    auto counts = execution.mapRunCounts(arn);
    QVERIFY(counts);
    QCOMPARE(counts->total, 6);
    QCOMPARE(counts->succeeded, 2);
    QCOMPARE(counts->running, 1);
    QCOMPARE(counts->pending, 3);
    QCOMPARE(counts->failed, 0);
    // Mid-way, all the rest may start at once: 30 s + 10 s, not 60 s.
    Sim::MapRunUpdate update;
    update.maxConcurrency = 6;
    QVERIFY(execution.updateMapRun(arn, update));
    QCOMPARE(execution.mapRunCounts(arn)->running, 4);
    execution.run();
    QCOMPARE(QString::fromLatin1(Sim::executionStatusName(execution.status())),
             QStringLiteral("SUCCEEDED"));
    QCOMPARE(execution.nowMillis(), std::int64_t(40000));
    QVERIFY(!execution.mapRunCounts(arn));
}

QTEST_GUILESS_MAIN(TestMapRunUpdate)
#include "tst_maprunupdate.moc"
