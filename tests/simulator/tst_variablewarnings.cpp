// The validator's warning for a variable no state assigns before it is read
// (VARIABLE_NOT_ASSIGNED), with the engine's JSONata parser finding what expressions read.
#include "model/json/jsonpointer.h"
#include "model/json/jsonreader.h"
#include "model/validation/diagnosticcodes.h"
#include "model/validation/validator.h"
#include "simulator/expr/expressionsyntaxchecker.h"

#include <QtTest>

using namespace Stepwise;

class tst_VariableWarnings : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void warnsAboutVariablesNoStateAssigns_data();
    void warnsAboutVariablesNoStateAssigns();
};

void tst_VariableWarnings::warnsAboutVariablesNoStateAssigns_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<QStringList>("warnings"); // "<pointer> $<name>"

    QTest::newRow("jsonPathReadBeforeTheAssign")
        << R"json({"StartAt": "A", "States": {
             "A": {"Type": "Pass", "Assign": {"count": 1}, "Next": "B"},
             "B": {"Type": "Pass", "Parameters": {"count.$": "$count", "total.$": "$total"},
                   "Next": "C"},
             "C": {"Type": "Pass", "Assign": {"total": 2}, "End": true}}})json"
        << QStringList{"/States/B/Parameters/total.$ $total"};
    QTest::newRow("jsonataOutputReadsNothingAssigned")
        << R"json({"QueryLanguage": "JSONata", "StartAt": "A", "States": {
             "A": {"Type": "Pass", "Output": {"sum": "{% $price * $states.input.n %}"},
                   "End": true}}})json"
        << QStringList{"/States/A/Output/sum $price"};
    QTest::newRow("loopAssignsOnTheWayBack")
        << R"json({"QueryLanguage": "JSONata", "StartAt": "A", "States": {
             "A": {"Type": "Pass", "Output": "{% $i %}", "Next": "B"},
             "B": {"Type": "Pass", "Assign": {"i": "{% $i + 1 %}"}, "Next": "C"},
             "C": {"Type": "Choice", "Choices": [{"Condition": "{% $i < 3 %}", "Next": "A"}],
                   "Default": "D"},
             "D": {"Type": "Succeed"}}})json"
        << QStringList{};
    QTest::newRow("ownBindingsBuiltinsStatesAndContext")
        << R"json({"QueryLanguage": "JSONata", "StartAt": "A", "States": {
             "A": {"Type": "Pass", "Output": {
               "a": "{% ($y := 2; $sum([$y]) ~> $string()) %}",
               "b": "{% $map($states.input.list, function($v, $k) { $v * $k }) %}",
               "c": "{% $states.input.items@$o#$p.($o.x + $p) %}",
               "d": "{% $states.context.Execution.Id & $ & $$ %}"}, "End": true}}})json"
        << QStringList{};
    QTest::newRow("branchReadsWhatCameBeforeItsParallel")
        << R"json({"StartAt": "A", "States": {
             "A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "P"},
             "P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "B", "States": {
               "B": {"Type": "Pass", "Parameters": {"x.$": "$x", "y.$": "$y"}, "End": true}}}]}}})json"
        << QStringList{"/States/P/Branches/0/States/B/Parameters/y.$ $y"};
    QTest::newRow("distributedMapChildrenSeeNoOuterVariable")
        << R"json({"StartAt": "A", "States": {
             "A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "M"},
             "M": {"Type": "Map", "End": true, "ItemProcessor": {
               "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
               "StartAt": "B", "States": {
               "B": {"Type": "Pass", "Parameters": {"x.$": "$x"}, "End": true}}}}}})json"
        << QStringList{"/States/M/ItemProcessor/States/B/Parameters/x.$ $x"};
    QTest::newRow("intrinsicArgumentsNotItsStrings")
        << R"json({"StartAt": "A", "States": {
             "A": {"Type": "Pass", "Parameters": {
               "text.$": "States.Format('costs $nothing {}', $price)"}, "End": true}}})json"
        << QStringList{"/States/A/Parameters/text.$ $price"};
    QTest::newRow("catchAndChoiceRulesAssignOnTheirWay") << R"json({"StartAt": "T", "States": {
             "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Parameters": {"FunctionName": "f"}, "Next": "C",
                   "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"err.$": "$.Error"},
                              "Next": "H"}]},
             "C": {"Type": "Choice", "Default": "D", "Choices": [
               {"Variable": "$.ok", "BooleanEquals": true, "Assign": {"ok": true}, "Next": "D"}]},
             "D": {"Type": "Pass", "Parameters": {"ok.$": "$ok"}, "End": true},
             "H": {"Type": "Fail", "CausePath": "$err"}}})json"
                                                         << QStringList{};
}

void tst_VariableWarnings::warnsAboutVariablesNoStateAssigns()
{
    QFETCH(QString, definition);
    QFETCH(QStringList, warnings);
    auto parsed = Model::readJson(definition.toStdString());
    QVERIFY(parsed.ok());
    const auto syntax = Sim::makeExpressionSyntaxChecker();
    Model::ValidationOptions options;
    options.expressions = syntax.get();
    QStringList seen, problems;
    for (const Model::Diagnostic &d : Model::validateDefinition(parsed->value, options)) {
        if (d.code != Model::DiagnosticCode::VariableNotAssigned) {
            if (d.severity == Model::Severity::Error)
                problems << QString::fromStdString(d.code + " " + d.message);
            continue;
        }
        QCOMPARE(d.severity, Model::Severity::Warning);
        const auto dollar = d.message.find('$');
        const auto end = d.message.find(' ', dollar);
        seen << QString::fromStdString(d.location.pointer + " "
                                       + d.message.substr(dollar, end - dollar));
        // It names the state (the innermost one in the pointer) and the field.
        const std::vector<std::string> tokens = Model::splitPointer(d.location.pointer);
        std::string state;
        for (size_t i = 0; i + 1 < tokens.size(); ++i) {
            if (tokens[i] == "States")
                state = tokens[i + 1];
        }
        QVERIFY2(d.message.find("State '" + state + "' reads") != std::string::npos,
                 d.message.c_str());
        QVERIFY2(d.message.find(" in " + tokens.back()) != std::string::npos
                     || d.message.find("/" + tokens.back() + ",") != std::string::npos,
                 d.message.c_str());
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join("; ")));
    QCOMPARE(seen, warnings);
}

QTEST_GUILESS_MAIN(tst_VariableWarnings)
#include "tst_variablewarnings.moc"
