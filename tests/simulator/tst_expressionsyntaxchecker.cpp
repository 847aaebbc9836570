#include "simulator/expr/expressionsyntaxchecker.h"

#include <QtTest>

using namespace Stepwise;
using PathKind = Model::ExpressionSyntax::PathKind;

// The validator's syntax checks are the engine's parsers: what one accepts the other runs.
class tst_ExpressionSyntaxChecker : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void checksPaths_data();
    void checksPaths();
    void checksIntrinsics_data();
    void checksIntrinsics();
    void checksJsonata_data();
    void checksJsonata();
};

void tst_ExpressionSyntaxChecker::checksPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("reference");
    QTest::addColumn<int>("errorOffset"); // -1: accepted

    QTest::newRow("simple") << "$.a.b" << false << -1;
    QTest::newRow("context") << "$$.Execution.Input" << false << -1;
    QTest::newRow("variable") << "$var.items[0]" << false << -1;
    QTest::newRow("filter") << "$.a[?(@.x > 1)]" << false << -1;
    QTest::newRow("referenceSimple") << "$.a['b'][2]" << true << -1;
    QTest::newRow("referenceWildcard") << "$.a[*]" << true << 0;
    QTest::newRow("referenceFilter") << "$.a[?(@.x)]" << true << 0;
    QTest::newRow("badBracket") << "$.a[" << false << 4;
    QTest::newRow("noRoot") << "a.b" << false << 0;
    QTest::newRow("trailingGarbage") << "$.a)" << false << 3;
    // Accepted by AWS (Jayway), found in real definitions.
    QTest::newRow("dotBeforeIndex") << "$.[0]" << false << -1;
    QTest::newRow("dotBeforeIndexInside") << "$.Snapshots.[0].State" << false << -1;
    QTest::newRow("dotBeforeFilter") << "$.[?(@.OU > 0)]" << false << -1;
    QTest::newRow("filterUnquotedWord") << "$.Items[?(@.Name==Receipt)]" << false << -1;
    QTest::newRow("trailingSpace") << "$$.Execution.Name " << false << -1;
    QTest::newRow("scriptIndex") << "$.list[(@.length-1)]" << false << -1;
    QTest::newRow("referenceDotBeforeIndex") << "$.a.[1]" << true << -1;
}

void tst_ExpressionSyntaxChecker::checksPaths()
{
    QFETCH(QString, path);
    QFETCH(bool, reference);
    QFETCH(int, errorOffset);
    const auto checker = Sim::makeExpressionSyntaxChecker();
    const auto error = checker->checkPath(path.toStdString(),
                                          reference ? PathKind::ReferencePath : PathKind::Path);
    if (errorOffset < 0) {
        QVERIFY2(!error, error ? error->message.c_str() : "");
        return;
    }
    QVERIFY(error.has_value());
    QVERIFY(!error->message.empty());
    QCOMPARE(error->offset, errorOffset);
}

void tst_ExpressionSyntaxChecker::checksIntrinsics_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<int>("errorOffset");

    QTest::newRow("format") << "States.Format('{} {}', $.a, $$.b)" << -1;
    QTest::newRow("nested") << "States.Array(States.UUID(), States.MathAdd(1, 2))" << -1;
    QTest::newRow("unknown") << "States.Frobnicate()" << 0;
    QTest::newRow("arity") << "States.ArrayGetItem($.a)" << 0;
    QTest::newRow("badArgument") << "States.Array(1, ?)" << 16;
    QTest::newRow("badPathArgument") << "States.Array($.a[)" << 17;
    // localstack illegal_escapes: AWS rejects \" inside an intrinsic string.
    QTest::newRow("escapedDoubleQuote")
        << R"(States.StringToJson('{"text":"An \"escaped\" here"}'))" << 33;
    QTest::newRow("escapedDoubleQuoteFormat")
        << R"(States.Format('He said, \"Hello, {}!\"', 'Test'))" << 24;
}

void tst_ExpressionSyntaxChecker::checksIntrinsics()
{
    QFETCH(QString, call);
    QFETCH(int, errorOffset);
    const auto checker = Sim::makeExpressionSyntaxChecker();
    const auto error = checker->checkIntrinsic(call.toStdString());
    if (errorOffset < 0) {
        QVERIFY2(!error, error ? error->message.c_str() : "");
        return;
    }
    QVERIFY(error.has_value());
    QCOMPARE(error->offset, errorOffset);
}

QTEST_GUILESS_MAIN(tst_ExpressionSyntaxChecker)
#include "tst_expressionsyntaxchecker.moc"

void tst_ExpressionSyntaxChecker::checksJsonata_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("errorOffset"); // -1: accepted
    QTest::addColumn<QString>("code");

    QTest::newRow("path") << " $states.input.items[price > 10].name " << -1 << "";
    QTest::newRow("lambda") << "$map($states.input, function($v){ $v * 2 })" << -1 << "";
    QTest::newRow("awsFunction") << "$partition($states.input, 2)" << -1 << "";
    QTest::newRow("unclosedPredicate") << "$states.input[0" << 15 << "S0203";
    QTest::newRow("strayBracket") << "$states.input]" << 13 << "S0201";
    QTest::newRow("unterminatedString") << "'abc" << 4 << "S0101";
    QTest::newRow("coalescing") << "$x ?? 1" << 4 << "S0211";
    QTest::newRow("elvis") << "$x ?: 1" << 4 << "S0211";
}

void tst_ExpressionSyntaxChecker::checksJsonata()
{
    QFETCH(QString, expression);
    QFETCH(int, errorOffset);
    QFETCH(QString, code);
    const auto checker = Sim::makeExpressionSyntaxChecker();
    const auto error = checker->checkJsonata(expression.toStdString());
    if (errorOffset < 0) {
        QVERIFY2(!error, error ? error->message.c_str() : "");
        return;
    }
    QVERIFY(error.has_value());
    QVERIFY2(QString::fromStdString(error->message).startsWith(code), error->message.c_str());
    QCOMPARE(error->offset, errorOffset);
}
