// No definition or input makes the engine crash or hang: every corpus definition that
// compiles runs to an end (succeeded or failed, never stuck) within AWS's event limit.
#include "model/json/jsonreader.h"
#include "simulator/engine/compiledmachine.h"
#include "simulator/engine/execution.h"
#include "simulator/engine/teststate.h"
#include "simulator/tasks/snsemulator.h"
#include "testdata.h"

#include <QtTest>

using namespace Stepwise;
using Model::Json;

class tst_EngineRobustness : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void corpusRunsToAnEnd_data();
    void corpusRunsToAnEnd();
    void hostileValuesFailCleanly_data();
    void hostileValuesFailCleanly();
};

void tst_EngineRobustness::corpusRunsToAnEnd_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = Tests::filesUnder(Tests::sharedPath("corpus"));
    QVERIFY(files.size() > 600);
    for (const QString &file : files)
        QTest::newRow(qPrintable(QDir(Tests::sharedPath("corpus")).relativeFilePath(file))) << file;
}

void tst_EngineRobustness::corpusRunsToAnEnd()
{
    QFETCH(QString, file);
    auto parsed = Model::readJsonFile(file.toStdString(), {false});
    if (!parsed)
        QSKIP("not JSON");
    auto machine = Sim::CompiledMachine::compile(parsed->value);
    if (!machine)
        return; // refused with an error: fine
    for (const Json &input : {Json::object(), Json::parse(R"({"a": [1, "x", null], "b": {}})")}) {
        Sim::ExecutionOptions options;
        options.recordHistory = false;
        options.startTimeMillis = 0;
        Sim::Execution execution(machine.value(), input, options);
        execution.addTaskExecutor(std::make_shared<Sim::SnsEmulator>());
        execution.run();
        QVERIFY(execution.finished());
        QVERIFY(execution.eventCount() <= 25000);
    }
    // Each state alone, as TestState runs it.
    if (parsed->value.contains("States") && parsed->value["States"].is_object()) {
        for (auto it = parsed->value["States"].begin(); it != parsed->value["States"].end(); ++it) {
            Sim::TestStateRequest request;
            request.definition = it.value();
            request.mockResult = Json::object();
            auto result = Sim::testState(request);
            if (result)
                QVERIFY(result->status == "SUCCEEDED" || result->status == "FAILED"
                        || result->status == "RETRIABLE" || result->status == "CAUGHT_ERROR");
        }
    }
}

void tst_EngineRobustness::hostileValuesFailCleanly_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<QString>("input");
    QTest::newRow("huge wait")
        << R"({"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.s", "End": true}}})"
        << R"({"s": 1e300})";
    QTest::newRow("huge integer wait")
        << R"({"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.s", "End": true}}})"
        << R"({"s": 9223372036854775807})";
    QTest::newRow("huge retry")
        << R"({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1e300, "BackoffRate": 1e300, "MaxAttempts": 1e300}], "End": true}}})"
        << R"({})";
    QTest::newRow("huge concurrency")
        << R"({"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrencyPath": "$.c", "ItemsPath": "$.i", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}})"
        << R"({"c": 1e300, "i": [1, 2]})";
    QTest::newRow("items not an array")
        << R"({"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.i", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}})"
        << R"({"i": {"a": 1}})";
    QTest::newRow("wait timestamp garbage")
        << R"({"StartAt": "W", "States": {"W": {"Type": "Wait", "TimestampPath": "$.t", "End": true}}})"
        << R"({"t": "9999-99-99T99:99:99Z"})";
}

void tst_EngineRobustness::hostileValuesFailCleanly()
{
    QFETCH(QString, definition);
    QFETCH(QString, input);
    auto parsed = Model::readJson(definition.toStdString(), {false});
    auto value = Model::readJson(input.toStdString(), {false});
    QVERIFY(parsed && value);
    auto machine = Sim::CompiledMachine::compile(parsed->value);
    QVERIFY(machine);
    Sim::Execution execution(machine.value(), value->value);
    execution.run();
    QVERIFY(execution.finished());
}

QTEST_GUILESS_MAIN(tst_EngineRobustness)
#include "tst_enginerobustness.moc"
