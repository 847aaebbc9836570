// AWS TestState cases (shared/conformance/localstack/test_state): one state run alone, its
// status, output or error, next state and per-stage inspection data as AWS recorded them.
// JSONPath-mode Pass/Task/Choice/Succeed/Fail cases with inspection data and no
// stateConfiguration; a Task with no mock in the request gets the recorded result.
#include "conformancecompare.h"
#include "simulator/engine/teststate.h"
#include "testdata.h"

#include <QtTest>

#include <set>

using namespace Stepwise;
using Model::Json;

class tst_TestState : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void stageDataMatchesAws_data();
    void stageDataMatchesAws();
};

void tst_TestState::stageDataMatchesAws_data()
{
    QTest::addColumn<QString>("file");
    static const std::set<std::string> types = {"Pass", "Task", "Choice", "Succeed", "Fail"};
    const QString root = Tests::sharedPath("conformance/localstack/test_state/test_state");
    int rows = 0;
    for (const QString &file : Tests::filesUnder(root)) {
        auto parsed = Model::readJsonFile(file.toStdString(), {false});
        if (!parsed)
            continue;
        const Json &c = parsed->value;
        const Json &expected = c.value("expected", Json::object());
        const Json &definition = c.value("definition", Json::object());
        if (!expected.contains("inspectionData") || !definition.is_object()
            || Tests::textField(definition, "QueryLanguage") == "JSONata"
            || !types.count(Tests::textField(definition, "Type")))
            continue;
        bool simple = true;
        for (auto it = c["request"].begin(); it != c["request"].end(); ++it) {
            if (it.key() != "inspectionLevel" && it.key() != "mock" && it.key() != "context")
                simple = false;
        }
        if (!simple || Tests::textField(c["source"], "trust").rfind("aws-validated", 0) != 0)
            continue;
        QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
        ++rows;
    }
    QVERIFY(rows >= 15);
}

void tst_TestState::stageDataMatchesAws()
{
    QFETCH(QString, file);
    auto parsed = Model::readJsonFile(file.toStdString(), {false});
    QVERIFY(parsed.ok());
    const Json &c = parsed->value;
    const Json &expected = c["expected"];
    Sim::TestStateRequest request;
    request.definition = c["definition"];
    request.input = c.value("input", Json::object());
    const Json &r = c["request"];
    if (r.contains("context"))
        request.context = r["context"];
    if (r.contains("mock") && r["mock"].contains("result")) {
        auto mocked = Model::readJson(r["mock"]["result"].get<std::string>(), {false});
        QVERIFY(mocked.ok());
        request.mockResult = mocked->value;
    } else if (r.contains("mock") && r["mock"].contains("errorOutput")) {
        const Json &e = r["mock"]["errorOutput"];
        request.mockError
            = Sim::Failure{Tests::textField(e, "error"), Tests::textField(e, "cause")};
    } else if (expected["inspectionData"].contains("result")) {
        request.mockResult = expected["inspectionData"]["result"];
    }
    auto result = Sim::testState(request);
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());

    Json actual = {{"status", result->status}};
    if (result->status == "SUCCEEDED")
        actual["output"] = result->output.dump();
    if (result->error)
        actual["error"] = *result->error;
    if (result->cause)
        actual["cause"] = *result->cause;
    std::string why;
    QVERIFY2(Tests::compareExecution(c, actual, why), why.c_str());
    if (expected.contains("nextState"))
        QCOMPARE(QString::fromStdString(result->nextState),
                 QString::fromStdString(Tests::textField(expected, "nextState")));
    const Json normalized
        = Tests::normalizeValue(result->inspectionData, c.value("normalize", Json::array()));
    QVERIFY2(Tests::matchValues(expected["inspectionData"], normalized, "inspectionData", why),
             why.c_str());
}

QTEST_GUILESS_MAIN(tst_TestState)
#include "tst_teststate.moc"
