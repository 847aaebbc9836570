#include "exprtesting.h"
#include "testdata.h"

#include "simulator/expr/intrinsics.h"

#include <QtTest>

#include <set>

using namespace Stepwise;
using Tests::Json;

// Intrinsic functions against recorded AWS executions (localstack/intrinsic_functions) and
// aws-local-stepfunctions' expectations, each a single Pass state evaluated directly.
class tst_Intrinsics : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void matchesRecordedExecutions_data();
    void matchesRecordedExecutions();
    void rejectsMalformedCallsNamingThePosition_data();
    void rejectsMalformedCallsNamingThePosition();
    void evaluatesLiteralCalls_data();
    void evaluatesLiteralCalls();
    void randomAndUuidFollowTheSeededGenerator();
};

namespace {

// Cases left out on purpose, with the reason (tests/data/expressions/intrinsics_skips.json).
std::map<std::string, std::string> skips()
{
    std::map<std::string, std::string> out;
    const auto data = Tests::loadJson(Tests::testDataPath("expressions/intrinsics_skips.json"));
    if (data) {
        for (auto it = data->begin(); it != data->end(); ++it)
            out[it.key()] = it.value().get<std::string>();
    }
    return out;
}

} // namespace

void tst_Intrinsics::matchesRecordedExecutions_data()
{
    QTest::addColumn<QString>("file");
    const auto skipped = skips();
    QStringList files = Tests::filesUnder(
        Tests::sharedPath("conformance/localstack/executions/intrinsic_functions"));
    files << Tests::filesUnder(
        Tests::sharedPath("conformance/aws-local-stepfunctions/intrinsic_functions"));
    int rows = 0;
    for (const QString &file : files) {
        const QString name
            = QFileInfo(file).dir().dirName() + "/" + QFileInfo(file).completeBaseName();
        if (skipped.count(name.toStdString()))
            continue;
        QTest::newRow(qPrintable(name)) << file;
        ++rows;
    }
    QVERIFY(rows > 150);
}

void tst_Intrinsics::matchesRecordedExecutions()
{
    QFETCH(QString, file);
    const auto testCase = Tests::loadJson(file);
    QVERIFY(testCase);
    std::string stateName;
    const Json *state = Tests::singlePassState(testCase->at("definition"), &stateName);
    QVERIFY2(state, "not a single Pass state");
    const Json input = testCase->value("input", Json::object());
    const Json context = Tests::contextObject(*testCase, input, stateName);
    const auto run = Tests::runPassState(*state, input, context);
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
        if (expected.contains("cause")) {
            QCOMPARE(QString::fromStdString(run.cause),
                     QString::fromStdString(expected.at("cause").get<std::string>()));
        }
    }
}

void tst_Intrinsics::rejectsMalformedCallsNamingThePosition_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("unknownFunction") << "States.Nope(1)" << 1 << "Unknown intrinsic";
    QTest::newRow("missingParen") << "States.Array(1, 2" << 18 << "Missing ')'";
    QTest::newRow("tooFewArgs") << "States.MathAdd(1)" << 1 << "takes 2";
    QTest::newRow("tooManyArgs") << "States.UUID(1)" << 1 << "takes 0";
    QTest::newRow("unterminatedString") << "States.Format('abc)" << 15 << "Unterminated";
    QTest::newRow("badPath") << "States.Array($.a[)" << 18 << "path";
    QTest::newRow("garbageArgument") << "States.Array(abc)" << 14 << "Invalid argument";
    QTest::newRow("trailingText") << "States.UUID() x" << 15 << "after the function";
    QTest::newRow("doubleQuotedString")
        << R"(States.JsonMerge("x", $.b, false))" << 18 << "Invalid argument";
    // localstack illegal_escapes (AWS-validated): \" is not an escape in an intrinsic string.
    QTest::newRow("escapedDoubleQuote")
        << R"(States.StringToJson('{"text":"An \"escaped\" here"}'))" << 34 << "escape";
    QTest::newRow("wrongArgumentCount") << "States.StringToJson(false, ' - ')" << 1 << "takes 1";
    QTest::newRow("notACall") << "Format('x')" << 1 << "Unknown intrinsic";
    QTest::newRow("nestedBad") << "States.Array(States.Nope())" << 14 << "Unknown intrinsic";
    QTest::newRow("deepNesting") << QString("States.Array(").repeated(200)
                                        + QString(")").repeated(200)
                                 << 0 << "nested too deeply";
}

void tst_Intrinsics::rejectsMalformedCallsNamingThePosition()
{
    QFETCH(QString, text);
    QFETCH(int, column);
    QFETCH(QString, messagePart);
    const auto call = Sim::IntrinsicCall::parse(text.toStdString());
    QVERIFY(!call.ok());
    QVERIFY2(QString::fromStdString(call.error().message).contains(messagePart),
             call.error().message.c_str());
    if (column > 0)
        QCOMPARE(call.error().location.column, column);
}

void tst_Intrinsics::evaluatesLiteralCalls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // JSON, or "!" + error name

    QTest::newRow("formatEscapes") << R"(States.Format('a\{b\}c\\ {} \'q\'', 'x'))"
                                   << "{}"
                                   << R"("a{b}c\\ x 'q'")";
    QTest::newRow("formatNumberAndNull") << "States.Format('{}-{}-{}', 1.5, null, true)"
                                         << "{}"
                                         << R"("1.5-null-true")";
    QTest::newRow("formatPathTemplate") << "States.Format($.t, $.v)"
                                        << R"({"t": "<{}>", "v": 3})"
                                        << R"("<3>")";
    QTest::newRow("formatCountMismatch") << "States.Format('{}', 1, 2)"
                                         << "{}"
                                         << "!States.Runtime";
    QTest::newRow("nested") << "States.ArrayLength(States.Array(1, 2, States.Array()))"
                            << "{}"
                            << "3";
    QTest::newRow("hashSha256")
        << "States.Hash('abc', 'SHA-256')"
        << "{}"
        << R"("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")";
    QTest::newRow("hashMd5") << "States.Hash('', 'MD5')"
                             << "{}"
                             << R"("d41d8cd98f00b204e9800998ecf8427e")";
    QTest::newRow("hashUnknown") << "States.Hash('', 'SHA-3')"
                                 << "{}"
                                 << "!States.Runtime";
    QTest::newRow("base64RoundTrip") << "States.Base64Decode(States.Base64Encode('Hello, world'))"
                                     << "{}"
                                     << R"("Hello, world")";
    QTest::newRow("base64Invalid") << "States.Base64Decode('***')"
                                   << "{}"
                                   << "!States.Runtime";
    QTest::newRow("rangeDescending") << "States.ArrayRange(5, 1, -2)"
                                     << "{}"
                                     << "[5,3,1]";
    QTest::newRow("rangeTooBig") << "States.ArrayRange(1, 2000, 1)"
                                 << "{}"
                                 << "!States.Runtime";
    QTest::newRow("partition") << "States.ArrayPartition($.a, 2)"
                               << R"({"a": [1,2,3,4,5]})"
                               << "[[1,2],[3,4],[5]]";
    QTest::newRow("unique") << "States.ArrayUnique($.a)"
                            << R"({"a": [1,"1",1,{"x":1},{"x":1}]})"
                            << R"([1,"1",{"x":1}])";
    QTest::newRow("mergeShallow") << "States.JsonMerge($.a, $.b, false)"
                                  << R"({"a": {"x": {"y": 1}, "k": 1}, "b": {"x": {"z": 2}}})"
                                  << R"({"x":{"z":2},"k":1})";
    QTest::newRow("mathAddNegative") << "States.MathAdd($.v, -3)"
                                     << R"({"v": 10})"
                                     << "7";
    QTest::newRow("split") << "States.StringSplit('a,b,,c', ',')"
                           << "{}"
                           << R"(["a","b","c"])";
    QTest::newRow("stringToJson") << R"(States.StringToJson($.s))"
                                  << R"({"s": "{\"a\":[1]}"})"
                                  << R"({"a":[1]})";
    QTest::newRow("jsonToString") << "States.JsonToString($.o)"
                                  << R"({"o": {"b": 1, "a": [true]}})"
                                  << R"("{\"b\":1,\"a\":[true]}")";
    QTest::newRow("contextArgument") << "States.Format('{}', $$.State.Name)"
                                     << "{}"
                                     << R"("S")";
    QTest::newRow("missingPathArgument") << "States.Array($.nope)"
                                         << "{}"
                                         << "!States.Runtime";
    QTest::newRow("getItemOutOfRange") << "States.ArrayGetItem($.a, 9)"
                                       << R"({"a": [1]})"
                                       << "null";
}

void tst_Intrinsics::evaluatesLiteralCalls()
{
    QFETCH(QString, text);
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const auto call = Sim::IntrinsicCall::parse(text.toStdString());
    QVERIFY2(call.ok(), call.ok() ? "" : call.error().message.c_str());
    const Json document = Json::parse(input.toStdString());
    const Json context = {{"State", {{"Name", "S"}}}};
    std::mt19937_64 random(1);
    Sim::ExpressionContext ctx;
    ctx.input = &document;
    ctx.context = &context;
    ctx.random = &random;
    const auto result = call->evaluate(ctx);
    if (expected.startsWith('!')) {
        QVERIFY(!result.ok());
        QCOMPARE(QString::fromStdString(result.failure().error), expected.mid(1));
        QVERIFY(result.failure().cause.find(call->functionName()) != std::string::npos);
    } else {
        QVERIFY2(result.ok(), result.ok() ? "" : result.failure().cause.c_str());
        QCOMPARE(QString::fromStdString(result.value().dump()),
                 QString::fromStdString(Json::parse(expected.toStdString()).dump()));
    }
}

void tst_Intrinsics::randomAndUuidFollowTheSeededGenerator()
{
    const auto random = Sim::IntrinsicCall::parse("States.MathRandom(1, 4)");
    const auto seeded = Sim::IntrinsicCall::parse("States.MathRandom(0, 1000000, 7)");
    const auto uuid = Sim::IntrinsicCall::parse("States.UUID()");
    QVERIFY(random.ok() && seeded.ok() && uuid.ok());
    std::set<long long> seen;
    std::set<std::string> uuids;
    std::mt19937_64 engineA(5), engineB(5);
    Sim::ExpressionContext a, b;
    a.random = &engineA;
    b.random = &engineB;
    for (int i = 0; i < 200; ++i) {
        const auto value = random->evaluate(a);
        QVERIFY(value.ok());
        QCOMPARE(value.value(), random->evaluate(b).value());
        const long long n = value.value().get<long long>();
        QVERIFY(n >= 1 && n < 4);
        seen.insert(n);
        const auto id = uuid->evaluate(a);
        QCOMPARE(id.value(), uuid->evaluate(b).value());
        const std::string text = id.value().get<std::string>();
        QCOMPARE(text.size(), size_t(36));
        QCOMPARE(text[14], '4');
        QVERIFY(std::string("89ab").find(text[19]) != std::string::npos);
        uuids.insert(text);
    }
    QCOMPARE(seen.size(), size_t(3));
    QCOMPARE(uuids.size(), size_t(200));
    // An explicit seed gives the same number whatever the execution's generator.
    QCOMPARE(seeded->evaluate(a).value(), seeded->evaluate(b).value());
    std::mt19937_64 other(99);
    Sim::ExpressionContext c;
    c.random = &other;
    QCOMPARE(seeded->evaluate(c).value(), seeded->evaluate(a).value());
}

QTEST_GUILESS_MAIN(tst_Intrinsics)
#include "tst_intrinsics.moc"
