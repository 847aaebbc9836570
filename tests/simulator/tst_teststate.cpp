// AWS TestState cases (shared/conformance/localstack/test_state): one state run alone, its
// status, output or error, next state and per-stage inspection data as AWS recorded them, in
// both query languages. Every case AWS answered with a result runs, except those the endpoint's
// conformance script skips as not reproducible (a Task with no mock called the real service;
// a mocked result recorded as an unevaluated LocalStack fixture; trust other than aws-validated).
// Request validation (API errors) is the endpoint's and tested through it.
#include "conformancecompare.h"
#include "simulator/engine/teststate.h"
#include "testdata.h"

#include <QtTest>

#include <regex>

using namespace Stepwise;
using Model::Json;

class tst_TestState : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void stageDataMatchesAws_data();
    void stageDataMatchesAws();
    void retriableAndCaughtErrors_data();
    void retriableAndCaughtErrors();
};

namespace {

// The state the case runs: the definition itself or, in a whole machine, stateName (StartAt).
std::optional<Json> testedState(const Json &c)
{
    const Json &definition = c["definition"];
    if (!definition.contains("States"))
        return definition;
    const Json &r = c.value("request", Json::object());
    const std::string name = r.contains("stateName") ? Tests::textField(r, "stateName")
                                                     : Tests::textField(definition, "StartAt");
    return Sim::findTestedState(definition, name);
}

bool reproducible(const Json &c)
{
    if (Tests::textField(c["source"], "trust") != "aws-validated")
        return false;
    static const std::regex fixture(R"(\blocalstack\.utils\.[A-Za-z0-9_.]+\(\))");
    const Json &r = c.value("request", Json::object());
    if (std::regex_search(r.value("mock", Json()).dump(), fixture))
        return false;
    auto state = testedState(c);
    return !(state && Tests::textField(*state, "Type") == "Task" && !r.contains("mock"));
}

} // namespace

void tst_TestState::stageDataMatchesAws_data()
{
    QTest::addColumn<QString>("file");
    const QString root = Tests::sharedPath("conformance/localstack/test_state/test_state");
    int rows = 0, jsonataRows = 0;
    for (const QString &file : Tests::filesUnder(root)) {
        auto parsed = Model::readJsonFile(file.toStdString(), {false});
        if (!parsed)
            continue;
        const Json &c = parsed->value;
        const Json &expected = c.value("expected", Json::object());
        if (!c.value("definition", Json()).is_object() || expected.contains("api_error")
            || !expected.value("status", Json()).is_string() || !reproducible(c))
            continue;
        QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
        ++rows;
        if (c["definition"].dump().find("\"JSONata\"") != std::string::npos)
            ++jsonataRows;
    }
    QVERIFY(rows >= 80);
    QVERIFY(jsonataRows >= 40);
}

void tst_TestState::stageDataMatchesAws()
{
    QFETCH(QString, file);
    auto parsed = Model::readJsonFile(file.toStdString(), {false});
    QVERIFY(parsed.ok());
    const Json &c = parsed->value;
    const Json &expected = c["expected"];
    const Json &r = c.value("request", Json::object());
    auto state = testedState(c);
    QVERIFY(state.has_value());
    Sim::TestStateRequest request;
    request.definition = *state;
    if (c["definition"].contains("States"))
        request.stateName = r.contains("stateName") ? Tests::textField(r, "stateName")
                                                    : Tests::textField(c["definition"], "StartAt");
    request.input = c.value("input", Json::object());
    request.stateMachineArn = "arn:aws:states:us-east-1:111111111111:stateMachine:TestState";
    request.roleArn = "arn:aws:iam::111111111111:role/TestState";
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
    }
    const Json configuration = r.value("stateConfiguration", Json::object());
    request.retrierRetryCount = configuration.value("retrierRetryCount", 0);
    request.mapIterationFailureCount = configuration.value("mapIterationFailureCount", 0);
    if (configuration.contains("mapItemReaderData")) {
        auto items = Model::readJson(Tests::textField(configuration, "mapItemReaderData"), {false});
        QVERIFY(items.ok());
        request.mapItemReaderData = items->value;
    }
    auto result = Sim::testState(request);
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());

    Json actual = {{"status", result->status}};
    if (result->status == "SUCCEEDED" || result->status == "CAUGHT_ERROR")
        actual["output"] = result->output.dump();
    if (result->error)
        actual["error"] = *result->error;
    if (result->cause)
        actual["cause"] = *result->cause;
    std::string why;
    QVERIFY2(Tests::compareExecution(c, actual, why), why.c_str());
    QCOMPARE(QString::fromStdString(result->nextState),
             QString::fromStdString(Tests::textField(expected, "nextState")));
    const std::string level = Tests::textField(r, "inspectionLevel");
    if (level == "DEBUG" || level == "TRACE") {
        const Json normalized
            = Tests::normalizeValue(result->inspectionData, c.value("normalize", Json::array()));
        QVERIFY2(Tests::matchValues(expected.value("inspectionData", Json::object()), normalized,
                                    "inspectionData", why),
                 why.c_str());
    }
}

// Retry and Catch decided as TestState decides them: a retrier with attempts left answers
// RETRIABLE with its backoff, an exhausted one FAILED naming it, a catcher CAUGHT_ERROR with
// the catcher's ResultPath applied and its Next.
void tst_TestState::retriableAndCaughtErrors_data()
{
    QTest::addColumn<int>("retries");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("errorDetails");
    QTest::addColumn<QString>("output");
    QTest::addColumn<QString>("nextState");
    QTest::newRow("first retry") << 0 << "RETRIABLE"
                                 << R"({"retryBackoffIntervalSeconds":3,"retryIndex":0})"
                                 << ""
                                 << "";
    QTest::newRow("third retry backs off") << 2 << "RETRIABLE"
                                           << R"({"retryBackoffIntervalSeconds":12,"retryIndex":0})"
                                           << ""
                                           << "";
    QTest::newRow("retries exhausted, caught")
        << 3 << "CAUGHT_ERROR"
        << R"({"catchIndex":0})"
        << R"({"in":1,"failure":{"Error":"Boom","Cause":"it broke"}})"
        << "Recover";
}

void tst_TestState::retriableAndCaughtErrors()
{
    QFETCH(int, retries);
    QFETCH(QString, status);
    QFETCH(QString, errorDetails);
    QFETCH(QString, output);
    QFETCH(QString, nextState);
    Sim::TestStateRequest request;
    request.definition
        = Json::parse(R"({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 3, "MaxAttempts": 3}],
        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.failure", "Next": "Recover"}],
        "Next": "Done"})");
    request.input = {{"in", 1}};
    request.mockError = Sim::Failure{"Boom", "it broke"};
    request.retrierRetryCount = retries;
    auto result = Sim::testState(request);
    QVERIFY(result.ok());
    QCOMPARE(QString::fromStdString(result->status), status);
    QCOMPARE(QString::fromStdString(result->error.value_or("")), QStringLiteral("Boom"));
    QCOMPARE(QString::fromStdString(result->inspectionData.value("errorDetails", Json()).dump()),
             errorDetails);
    QCOMPARE(QString::fromStdString(output.isEmpty() ? "" : result->output.dump()), output);
    QCOMPARE(QString::fromStdString(result->nextState), nextState);
}

QTEST_GUILESS_MAIN(tst_TestState)
#include "tst_teststate.moc"
