#include "exprtesting.h"
#include "testdata.h"

#include "simulator/expr/dataflow.h"

#include <QtTest>

using namespace Stepwise;
using Tests::Json;

// Input/output processing (InputPath, Parameters, ResultPath, OutputPath) on single Pass
// states: recorded AWS executions (localstack base_io_processing) and aws-local-stepfunctions'
// io_processing expectations.
class tst_DataFlow : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void processesPassStatesAsAws_data();
    void processesPassStatesAsAws();
    void resultPathWritesIntoTheInput_data();
    void resultPathWritesIntoTheInput();
    void rejectsInvalidFields();
};

void tst_DataFlow::processesPassStatesAsAws_data()
{
    QTest::addColumn<QString>("file");
    QStringList files = Tests::filesUnder(
        Tests::sharedPath("conformance/localstack/executions/base_io_processing"));
    files << Tests::filesUnder(
        Tests::sharedPath("conformance/aws-local-stepfunctions/io_processing"));
    int rows = 0;
    for (const QString &file : files) {
        const auto testCase = Tests::loadJson(file);
        if (!testCase || !Tests::singlePassState(testCase->at("definition")))
            continue; // Wait, Fail, Task states are the engine's cases
        QTest::newRow(qPrintable(QFileInfo(file).completeBaseName())) << file;
        ++rows;
    }
    QVERIFY(rows >= 30);
}

void tst_DataFlow::processesPassStatesAsAws()
{
    QFETCH(QString, file);
    const auto testCase = Tests::loadJson(file);
    QVERIFY(testCase);
    std::string stateName;
    const Json *state = Tests::singlePassState(testCase->at("definition"), &stateName);
    QVERIFY(state);
    const Json input = testCase->value("input", Json::object());
    const auto run
        = Tests::runPassState(*state, input, Tests::contextObject(*testCase, input, stateName));
    const Json &expected = testCase->at("expected");
    if (expected.at("status") == "SUCCEEDED") {
        QVERIFY2(run.ok, (run.error + ": " + run.cause).c_str());
        std::string why;
        QVERIFY2(Tests::matchesExpected(expected.at("output"),
                                        Tests::normalizeForCase(run.output, *testCase), &why),
                 why.c_str());
    } else {
        QVERIFY2(!run.ok, run.output.dump().c_str());
        QCOMPARE(QString::fromStdString(run.error),
                 QString::fromStdString(expected.value("error", "")));
    }
}

void tst_DataFlow::resultPathWritesIntoTheInput_data()
{
    QTest::addColumn<QString>("resultPath"); // JSON text of the field; empty = absent
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // JSON, or "!" + error name

    QTest::newRow("absentReplaces") << ""
                                    << R"({"a": 1})"
                                    << R"("R")";
    QTest::newRow("rootReplaces") << R"("$")"
                                  << R"({"a": 1})"
                                  << R"("R")";
    QTest::newRow("nullKeepsInput") << "null"
                                    << R"({"a": 1})"
                                    << R"({"a": 1})";
    QTest::newRow("newKey") << R"("$.r")"
                            << R"({"a": 1})"
                            << R"({"a": 1, "r": "R"})";
    QTest::newRow("overwrites") << R"("$.a")"
                                << R"({"a": 1, "b": 2})"
                                << R"({"a": "R", "b": 2})";
    QTest::newRow("createsParents") << R"("$.x.y.z")"
                                    << R"({})"
                                    << R"({"x": {"y": {"z": "R"}}})";
    QTest::newRow("intoExistingObject") << R"("$.x.y")"
                                        << R"({"x": {"k": 0}})"
                                        << R"({"x": {"k": 0, "y": "R"}})";
    QTest::newRow("arrayElement") << R"("$.l[1]")"
                                  << R"({"l": [0, 1]})"
                                  << R"({"l": [0, "R"]})";
    QTest::newRow("inputNotObject") << R"("$.r")"
                                    << R"("text")"
                                    << "!States.ResultPathMatchFailure";
    QTest::newRow("parentNotObject") << R"("$.a.b")"
                                     << R"({"a": 5})"
                                     << "!States.ResultPathMatchFailure";
}

void tst_DataFlow::resultPathWritesIntoTheInput()
{
    QFETCH(QString, resultPath);
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const Json field
        = resultPath.isEmpty() ? Sim::absentField() : Json::parse(resultPath.toStdString());
    const auto outcome = Sim::applyResultPath(Json::parse(input.toStdString()), Json("R"), field);
    if (expected.startsWith('!')) {
        QVERIFY(!outcome.ok());
        QCOMPARE(QString::fromStdString(outcome.failure().error), expected.mid(1));
        QVERIFY(outcome.failure().cause.find("Unable to apply") != std::string::npos);
        return;
    }
    QVERIFY2(outcome.ok(), outcome.ok() ? "" : outcome.failure().cause.c_str());
    QCOMPARE(QString::fromStdString(outcome.value().dump()),
             QString::fromStdString(Json::parse(expected.toStdString()).dump()));
}

void tst_DataFlow::rejectsInvalidFields()
{
    const Json wildcard = "$.a[*]";
    const Json context = "$$.x";
    QVERIFY(!Sim::ResultPath::compile(&wildcard).ok());
    QVERIFY(!Sim::ResultPath::compile(&context).ok());
    const Json number = 3;
    QVERIFY(!Sim::InputOutputPath::compile(&number).ok());
    const Json broken = "$.a[";
    QVERIFY(!Sim::InputOutputPath::compile(&broken).ok());
    // InputPath null discards the input; a missing path is States.Runtime with Jayway's reason.
    const Json input = {{"a", 1}};
    const auto discarded = Sim::applyInputPath(input, Json(nullptr), {});
    QCOMPARE(discarded.value().dump(), std::string("{}"));
    const auto missing = Sim::applyInputPath(input, Json("$.b"), {});
    QVERIFY(!missing.ok());
    QCOMPARE(missing.failure().error, std::string("States.Runtime"));
    QCOMPARE(missing.failure().cause,
             std::string("Invalid path '$.b' : No results for path: $['b']"));
}

QTEST_GUILESS_MAIN(tst_DataFlow)
#include "tst_dataflow.moc"
