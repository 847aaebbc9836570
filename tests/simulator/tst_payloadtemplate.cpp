#include "exprtesting.h"

#include "simulator/expr/payloadtemplate.h"

#include <QtTest>

using namespace Stepwise;
using Tests::Json;

// Payload templates (Parameters, ResultSelector, ItemSelector): "key.$" fields.
class tst_PayloadTemplate : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void buildsPayloads_data();
    void buildsPayloads();
    void rejectsInvalidTemplatesNamingTheField_data();
    void rejectsInvalidTemplatesNamingTheField();
    void reportsMissingPathsAsAws();
    void constantTemplatesAreRecognised();
};

void tst_PayloadTemplate::buildsPayloads_data()
{
    QTest::addColumn<QString>("templ");
    QTest::addColumn<QString>("expected");

    QTest::newRow("pathAndLiteral") << R"({"a.$": "$.x", "b": "$.x"})"
                                    << R"({"a": 1, "b": "$.x"})";
    QTest::newRow("nestedObject") << R"({"o": {"deep.$": "$.y.z", "k": [1, {"i.$": "$.x"}]}})"
                                  << R"({"o": {"deep": "zz", "k": [1, {"i": 1}]}})";
    QTest::newRow("contextPath") << R"({"name.$": "$$.State.Name"})"
                                 << R"({"name": "S"})";
    QTest::newRow("variablePath") << R"({"v.$": "$count"})"
                                  << R"({"v": 7})";
    QTest::newRow("intrinsic") << R"j({"s.$": "States.Format('x={}', $.x)"})j"
                               << R"({"s": "x=1"})";
    QTest::newRow("indefinitePathGivesList") << R"({"all.$": "$.list[*].id"})"
                                             << R"({"all": [1, 2]})";
    QTest::newRow("indefinitePathNoMatch") << R"({"none.$": "$.list[?(@.id > 5)]"})"
                                           << R"({"none": []})";
    QTest::newRow("wholeInput")
        << R"({"in.$": "$"})"
        << R"({"in": {"x": 1, "y": {"z": "zz"}, "list": [{"id": 1}, {"id": 2}]}})";
    QTest::newRow("scalarTemplate") << R"("just text")"
                                    << R"("just text")";
    QTest::newRow("arrayTemplate") << R"([{"a.$": "$.x"}, 2])"
                                   << R"([{"a": 1}, 2])";
    QTest::newRow("keyIsOnlyDotDollar") << R"({".$": "kept"})"
                                        << R"({".$": "kept"})";
    // Fields reading overlapping parts of the input each get the whole value.
    QTest::newRow("nodeAndItsChild") << R"({"a.$": "$.y", "b.$": "$.y.z"})"
                                     << R"({"a": {"z": "zz"}, "b": "zz"})";
    QTest::newRow("samePathTwice") << R"({"a.$": "$.y", "o": {"b.$": "$.y"}})"
                                   << R"({"a": {"z": "zz"}, "o": {"b": {"z": "zz"}}})";
    QTest::newRow("negativeIndexMeetsIndex") << R"({"a.$": "$.list[-1]", "b.$": "$.list[1].id"})"
                                             << R"({"a": {"id": 2}, "b": 2})";
    QTest::newRow("pathAndIntrinsicOnIt")
        << R"j({"a.$": "$.y", "n.$": "States.JsonToString($.y)"})j"
        << R"({"a": {"z": "zz"}, "n": "{\"z\":\"zz\"}"})";
    QTest::newRow("sameKeyTwice") << R"({"y": 1, "y.$": "$.y", "x.$": "$.x"})"
                                  << R"({"y": {"z": "zz"}, "x": 1})";
}

void tst_PayloadTemplate::buildsPayloads()
{
    QFETCH(QString, templ);
    QFETCH(QString, expected);
    const Json input = {{"x", 1}, {"y", {{"z", "zz"}}}, {"list", {{{"id", 1}}, {{"id", 2}}}}};
    const Json context = {{"State", {{"Name", "S"}}}};
    const Json variables = {{"count", 7}};
    Sim::ExpressionContext ctx;
    ctx.input = &input;
    ctx.context = &context;
    ctx.variables = &variables;
    const auto compiled = Sim::PayloadTemplate::compile(Json::parse(templ.toStdString()));
    QVERIFY2(compiled.ok(), compiled.ok() ? "" : compiled.error().message.c_str());
    const auto built = compiled->evaluate(ctx);
    QVERIFY2(built.ok(), built.ok() ? "" : built.failure().cause.c_str());
    QCOMPARE(QString::fromStdString(built.value().dump()),
             QString::fromStdString(Json::parse(expected.toStdString()).dump()));
    // Consuming the input (what the engine does when nothing reads it later) builds the same.
    Json consumable = input;
    const auto consumed = compiled->evaluateConsuming(ctx.withInput(consumable), consumable);
    QVERIFY2(consumed.ok(), consumed.ok() ? "" : consumed.failure().cause.c_str());
    QCOMPARE(QString::fromStdString(consumed.value().dump()),
             QString::fromStdString(built.value().dump()));
}

void tst_PayloadTemplate::rejectsInvalidTemplatesNamingTheField_data()
{
    QTest::addColumn<QString>("templ");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("notAPath") << R"({"a.$": "x"})"
                              << "/a.$"
                              << "'a.$' must be a valid JSONPath";
    QTest::newRow("notAString") << R"({"a.$": 3})"
                                << "/a.$"
                                << "must be a valid";
    QTest::newRow("badIntrinsic") << R"j({"o": {"b.$": "States.Nope()"}})j"
                                  << "/o/b.$"
                                  << "Unknown intrinsic";
    QTest::newRow("inArray") << R"({"l": [0, {"c/d.$": "$["}]})"
                             << "/l/1/c~1d.$"
                             << "must be a valid";
}

void tst_PayloadTemplate::rejectsInvalidTemplatesNamingTheField()
{
    QFETCH(QString, templ);
    QFETCH(QString, pointer);
    QFETCH(QString, messagePart);
    const auto compiled = Sim::PayloadTemplate::compile(Json::parse(templ.toStdString()));
    QVERIFY(!compiled.ok());
    QCOMPARE(QString::fromStdString(compiled.error().location.pointer), pointer);
    QVERIFY2(QString::fromStdString(compiled.error().message).contains(messagePart),
             compiled.error().message.c_str());
}

void tst_PayloadTemplate::reportsMissingPathsAsAws()
{
    // AWS's wording, e.g. "The JSONPath '$.application.address' specified for the field
    // 'address.$' could not be found in the input '{"flagged":false}'".
    const Json input = {{"flagged", false}};
    Sim::ExpressionContext ctx;
    ctx.input = &input;
    const auto compiled
        = Sim::PayloadTemplate::compile(Json::parse(R"({"address.$": "$.application.address"})"));
    QVERIFY(compiled.ok());
    const auto built = compiled->evaluate(ctx);
    QVERIFY(!built.ok());
    QCOMPARE(built.failure().error, std::string("States.Runtime"));
    QCOMPARE(built.failure().cause,
             std::string("The JSONPath '$.application.address' specified for the field "
                         "'address.$' could not be found in the input '{\"flagged\":false}'"));
    // A consuming evaluation takes nothing from the input before every field evaluated.
    const auto consuming = Sim::PayloadTemplate::compile(
        Json::parse(R"({"kept.$": "$.flagged", "address.$": "$.application.address"})"));
    QVERIFY(consuming.ok());
    Json consumable = input;
    const auto failed = consuming->evaluateConsuming(ctx.withInput(consumable), consumable);
    QVERIFY(!failed.ok());
    QVERIFY2(failed.failure().cause.find("in the input '{\"flagged\":false}'") != std::string::npos,
             failed.failure().cause.c_str());
    QVERIFY(consumable == input);
}

void tst_PayloadTemplate::constantTemplatesAreRecognised()
{
    QVERIFY(Sim::PayloadTemplate::compile(Json::parse(R"({"a": [1, {"b": 2}]})"))->isConstant());
    QVERIFY(
        !Sim::PayloadTemplate::compile(Json::parse(R"({"a": [1, {"b.$": "$"}]})"))->isConstant());
}

QTEST_GUILESS_MAIN(tst_PayloadTemplate)
#include "tst_payloadtemplate.moc"
