// Deploy-time placeholders (SAM, CloudFormation, CDK) given values so a definition can run.
#include "model/io/deploysubstitutions.h"
#include "model/validation/diagnosticcodes.h"

#include <QtTest>

using Stepwise::Model::Json;

class tst_DeploySubstitutions : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void substitutes_data();
    void substitutes();
};

void tst_DeploySubstitutions::substitutes_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("values");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("unresolved");

    QTest::newRow("whole string takes the value's type") << R"("${Timeout}")"
                                                         << R"({"Timeout": 30})"
                                                         << "30"
                                                         << "";
    QTest::newRow("inside text") << R"("wait ${Timeout} s, ${Timeout} again")"
                                 << R"({"Timeout": 30})"
                                 << R"("wait 30 s, 30 again")"
                                 << "";
    QTest::newRow("string value inside text") << R"("arn:${Partition}:sns")"
                                              << R"({"Partition": "aws-cn"})"
                                              << R"("arn:aws-cn:sns")"
                                              << "";
    QTest::newRow("missing name") << R"("${Topic}")"
                                  << "{}"
                                  << ""
                                  << "--sub Topic=VALUE";
    QTest::newRow("Ref") << R"({"Ref": "Table"})"
                         << R"({"Table": "Orders"})"
                         << R"("Orders")"
                         << "";
    QTest::newRow("Ref missing") << R"({"Ref": "Table"})"
                                 << "{}"
                                 << ""
                                 << R"({"Ref": "Table"})";
    QTest::newRow("GetAtt list") << R"({"Fn::GetAtt": ["Fn", "Arn"]})"
                                 << R"({"Fn.Arn": "arn:aws:lambda:::function:f"})"
                                 << R"("arn:aws:lambda:::function:f")"
                                 << "";
    QTest::newRow("GetAtt dotted") << R"({"Fn::GetAtt": "Fn.Arn"})"
                                   << R"({"Fn.Arn": "x"})"
                                   << R"("x")"
                                   << "";
    QTest::newRow("Sub with pseudo parameters")
        << R"({"Fn::Sub": "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}"})"
        << "{}"
        << R"("arn:aws:states:us-east-1:123456789012")"
        << "";
    QTest::newRow("pseudo parameter given") << R"({"Fn::Sub": "${AWS::Region}"})"
                                            << R"({"AWS::Region": "eu-west-1"})"
                                            << R"("eu-west-1")"
                                            << "";
    QTest::newRow("Sub with variables and a literal")
        << R"({"Fn::Sub": ["${!Keep}/${Name}", {"Name": {"Ref": "Table"}}]})"
        << R"({"Table": "T"})"
        << R"("${Keep}/T")"
        << "";
    QTest::newRow("Join") << R"({"Fn::Join": ["-", ["a", {"Ref": "B"}, 3]]})"
                          << R"({"B": "b"})"
                          << R"("a-b-3")"
                          << "";
    QTest::newRow("a function with no local meaning")
        << R"({"Fn::ImportValue": "Shared"})"
        << "{}"
        << ""
        << "CloudFormation's Fn::ImportValue is worked out when the template is deployed";
    QTest::newRow("paths and intrinsics are left alone")
        << R"x({"a.$": "$.x", "b.$": "States.Format('{}', $.y)", "c": "${not a name}"})x"
        << "{}"
        << R"x({"a.$": "$.x", "b.$": "States.Format('{}', $.y)", "c": "${not a name}"})x"
        << "";
}

void tst_DeploySubstitutions::substitutes()
{
    QFETCH(QString, value);
    QFETCH(QString, values);
    QFETCH(QString, expected);
    QFETCH(QString, unresolved);
    Json definition = Json::parse(R"({"StartAt": "P", "States": {"P": {"Type": "Pass",
        "Parameters": {"v": null}, "End": true}}})");
    definition["States"]["P"]["Parameters"]["v"] = Json::parse(value.toStdString());
    std::map<std::string, Json> given;
    const Json parsedValues = Json::parse(values.toStdString());
    for (auto it = parsedValues.begin(); it != parsedValues.end(); ++it)
        given[it.key()] = it.value();

    const auto result = Stepwise::Model::applyDeploySubstitutions(definition, given);

    if (unresolved.isEmpty()) {
        QVERIFY(result.unresolved.empty());
        QCOMPARE(definition["States"]["P"]["Parameters"]["v"], Json::parse(expected.toStdString()));
    } else {
        QCOMPARE(result.unresolved.size(), size_t(1));
        const auto &diagnostic = result.unresolved.front();
        QCOMPARE(diagnostic.code,
                 std::string(Stepwise::Model::DiagnosticCode::PlaceholderUnresolved));
        QVERIFY2(QString::fromStdString(diagnostic.message).contains(unresolved),
                 diagnostic.message.c_str());
        QCOMPARE(diagnostic.location.pointer, std::string("/States/P/Parameters/v"));
    }
}

QTEST_GUILESS_MAIN(tst_DeploySubstitutions)
#include "tst_deploysubstitutions.moc"
