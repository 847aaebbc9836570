#include "model/asl/workflow.h"
#include "model/json/jsonreader.h"
#include "testdata.h"

#include <QSignalSpy>
#include <QtTest>

using namespace Stepwise::Model;

class tst_Workflow : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void roundTripsCorpusLosslessly_data();
    void roundTripsCorpusLosslessly();
    void exposesNestedScopes();
    void renameUpdatesEveryReferenceInScope();
    void addAndRemoveEmitOneSignalEach();
    void reloadKeepsIdsOfSameStates();
    void describesChoiceRules_data();
    void describesChoiceRules();
};

void tst_Workflow::roundTripsCorpusLosslessly_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = Stepwise::Tests::filesUnder(Stepwise::Tests::sharedPath("corpus"));
    QVERIFY2(files.size() > 600, "the shared corpus is missing");
    for (const QString &file : files)
        QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
}

void tst_Workflow::roundTripsCorpusLosslessly()
{
    QFETCH(QString, file);
    auto parsed = readJsonFile(file.toStdString());
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().toString().c_str());
    Workflow workflow;
    workflow.load(parsed->value);
    // Same value, same key order everywhere: compare the serialisations.
    QCOMPARE(QString::fromStdString(workflow.toJson().dump(1)),
             QString::fromStdString(parsed->value.dump(1)));
}

void tst_Workflow::exposesNestedScopes()
{
    auto parsed = readJson(R"({
      "StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Branches": [
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
            {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": {
                "ProcessorConfig": {"Mode": "INLINE"},
                "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}}}
          ], "End": true}}})");
    QVERIFY(parsed.ok());
    Workflow workflow;
    workflow.load(parsed->value);
    StateId p = workflow.findState(workflow.rootScope(), "P");
    QVERIFY(workflow.type(p) == StateType::Parallel);
    QCOMPARE(workflow.childScopes(p).size(), size_t(2));
    ScopeId second = workflow.childScopes(p)[1];
    QCOMPARE(workflow.scopeTitle(second), std::string("Branch 2"));
    StateId m = workflow.findState(second, "M");
    ScopeId processor = workflow.childScopes(m).at(0);
    StateId inner = workflow.findState(processor, "I");
    QCOMPARE(workflow.pointer(inner),
             std::string("/States/P/Branches/1/States/M/ItemProcessor/States/I"));
    QCOMPARE(workflow.stateAtPointer("/States/P/Branches/1/States/M/ItemProcessor/States/I/Type"),
             inner);
    QCOMPARE(workflow.scopeFields(processor)["ProcessorConfig"]["Mode"], Json("INLINE"));
    QCOMPARE(workflow.allStates().size(), size_t(4));
}

void tst_Workflow::renameUpdatesEveryReferenceInScope()
{
    auto parsed = readJson(R"({"StartAt": "A", "States": {
        "A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": 1, "Next": "A"}],
              "Default": "B"},
        "B": {"Type": "Task", "Resource": "arn:x", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "A"}],
              "Next": "A"}}})");
    QVERIFY(parsed.ok());
    Workflow workflow;
    workflow.load(parsed->value);
    StateId a = workflow.findState(workflow.rootScope(), "A");
    QSignalSpy renamed(&workflow, &Workflow::stateRenamed);
    QVERIFY(workflow.renameState(a, "Start").ok());
    QCOMPARE(renamed.count(), 1);
    Json out = workflow.toJson();
    QCOMPARE(out["StartAt"], Json("Start"));
    QCOMPARE(out["States"]["Start"]["Choices"][0]["Next"], Json("Start"));
    QCOMPARE(out["States"]["B"]["Catch"][0]["Next"], Json("Start"));
    QCOMPARE(out["States"]["B"]["Next"], Json("Start"));
    // Key order of States is kept: the renamed state stays first.
    QCOMPARE(out["States"].begin().key(), std::string("Start"));
    QVERIFY(!workflow.renameState(a, "B").ok());
}

void tst_Workflow::addAndRemoveEmitOneSignalEach()
{
    Workflow workflow;
    QSignalSpy added(&workflow, &Workflow::stateAdded);
    QSignalSpy removed(&workflow, &Workflow::stateRemoved);
    auto id = workflow.addState(workflow.rootScope(), "Wait",
                                Json{{"Type", "Wait"}, {"Seconds", 5}, {"End", true}});
    QVERIFY(id.ok());
    QCOMPARE(added.count(), 1);
    QCOMPARE(workflow.field(*id, "Seconds"), Json(5));
    QVERIFY(!workflow.addState(workflow.rootScope(), "Wait", Json::object()).ok());
    QCOMPARE(workflow.uniqueName(workflow.rootScope(), "Wait"), std::string("Wait 2"));
    QVERIFY(workflow.removeState(*id));
    QCOMPARE(removed.count(), 1);
    QVERIFY(!workflow.contains(*id));
}

void tst_Workflow::reloadKeepsIdsOfSameStates()
{
    Workflow workflow;
    workflow.load(
        Json::parse(R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}})"));
    StateId a = workflow.findState(workflow.rootScope(), "A");
    workflow.load(Json::parse(
        R"({"StartAt": "A", "States": {"B": {"Type": "Pass", "Next": "A"}, "A": {"Type": "Pass", "End": true}}})"));
    QCOMPARE(workflow.findState(workflow.rootScope(), "A"), a);
}

void tst_Workflow::describesChoiceRules_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("text");
    QTest::newRow("numeric") << R"({"Variable": "$.n", "NumericLessThan": 10})"
                             << "$.n < 10";
    QTest::newRow("string") << R"({"Variable": "$.s", "StringEquals": "go"})"
                            << "$.s == \"go\"";
    QTest::newRow("path") << R"({"Variable": "$.a", "NumericEqualsPath": "$.b"})"
                          << "$.a == $.b";
    QTest::newRow("unary") << R"({"Variable": "$.a", "IsPresent": false})"
                           << "$.a is not present";
    QTest::newRow("and")
        << R"({"And": [{"Variable": "$.a", "BooleanEquals": true}, {"Not": {"Variable": "$.b", "IsNull": true}}]})"
        << "$.a == true and not ($.b is null)";
    QTest::newRow("jsonata") << R"({"Condition": "{% $states.input.n > 3 %}"})"
                             << "$states.input.n > 3";
}

void tst_Workflow::describesChoiceRules()
{
    QFETCH(QString, rule);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(describeChoiceRule(Json::parse(rule.toStdString()))), text);
}

QTEST_GUILESS_MAIN(tst_Workflow)
#include "tst_workflow.moc"
