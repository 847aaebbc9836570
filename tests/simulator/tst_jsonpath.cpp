#include "exprtesting.h"
#include "testdata.h"

#include "simulator/expr/jsonpath.h"

#include <QtTest>

using namespace Stepwise;
using Tests::Json;

// ASL JSONPath as AWS evaluates it (Jayway semantics).
class tst_JsonPath : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void selectsAsJayway_data();
    void selectsAsJayway();
    void explainsMissingValuesAsAws_data();
    void explainsMissingValuesAsAws();
    void rejectsMalformedPathsNamingThePosition_data();
    void rejectsMalformedPathsNamingThePosition();
    void classifiesPaths_data();
    void classifiesPaths();
    void locatesWithoutCopying();
};

namespace {

const char *store = R"({
  "store": {
    "book": [
      {"category": "reference", "author": "Nigel Rees", "title": "Sayings", "price": 8.95},
      {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword", "price": 12.99},
      {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick",
       "isbn": "0-553-21311-3", "price": 8.99},
      {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord",
       "isbn": "0-395-19395-8", "price": 22.99}
    ],
    "bicycle": {"color": "red", "price": 19.95}
  },
  "expensive": 10,
  "n": [1, 2, 3, 4, 5],
  "mixed": [{"v": 42}, {"v": "42"}, {"v": null}, {"w": 1}],
  "weird key": {"a.b": 1, "it's": 2, "say \\\"hi\"": 3}
})";

} // namespace

void tst_JsonPath::selectsAsJayway_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected"); // JSON; "absent" when nothing is selected

    QTest::newRow("root") << "$"
                          << "";
    QTest::newRow("dotKey") << "$.expensive"
                            << "10";
    QTest::newRow("nestedKeys") << "$.store.bicycle.color"
                                << R"("red")";
    QTest::newRow("bracketKey") << "$['store']['bicycle']['price']"
                                << "19.95";
    QTest::newRow("doubleQuotedKey") << R"($["expensive"])"
                                     << "10";
    QTest::newRow("keyWithDotAndQuote") << R"($['weird key']['it\'s'])"
                                        << "2";
    // Recorded on AWS: an escaped quote other than the delimiter keeps its backslash.
    QTest::newRow("keyWithEscapedOtherQuote") << R"($['weird key']['say \"hi"'])"
                                              << "3";
    QTest::newRow("keyWithDot") << "$['weird key']['a.b']"
                                << "1";
    QTest::newRow("index") << "$.n[0]"
                           << "1";
    QTest::newRow("negativeIndex") << "$.n[-1]"
                                   << "5";
    QTest::newRow("indexOutOfRange") << "$.n[9]"
                                     << "absent";
    QTest::newRow("missingKey") << "$.nope"
                                << "absent";
    QTest::newRow("missingParent") << "$.nope.deeper"
                                   << "absent";
    QTest::newRow("indexUnion") << "$.n[0,2]"
                                << "[1,3]";
    QTest::newRow("slice") << "$.n[1:3]"
                           << "[2,3]";
    QTest::newRow("sliceFrom") << "$.n[3:]"
                               << "[4,5]";
    QTest::newRow("sliceTo") << "$.n[:2]"
                             << "[1,2]";
    QTest::newRow("sliceNegative") << "$.n[-2:]"
                                   << "[4,5]";
    QTest::newRow("sliceStepIgnored") << "$.n[0:4:2]"
                                      << "[1,2,3,4]";
    QTest::newRow("sliceEmpty") << "$.n[3:1]"
                                << "[]";
    QTest::newRow("wildcardArray")
        << "$.store.book[*].author"
        << R"(["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"])";
    QTest::newRow("wildcardObjectKeepsOrder") << "$.store.bicycle.*"
                                              << R"(["red",19.95])";
    QTest::newRow("wildcardBracket") << "$.n[*]"
                                     << "[1,2,3,4,5]";
    QTest::newRow("wildcardOnMissing") << "$.nope[*]"
                                       << "[]";
    QTest::newRow("deepScan") << "$..price"
                              << "[8.95,12.99,8.99,22.99,19.95]";
    QTest::newRow("deepScanIndex") << "$..book[2].title"
                                   << R"(["Moby Dick"])";
    QTest::newRow("propertyUnionMerges") << "$.store.bicycle['color','price']"
                                         << R"([{"color":"red","price":19.95}])";
    QTest::newRow("filterLess") << "$.store.book[?(@.price < 10)].title"
                                << R"(["Sayings","Moby Dick"])";
    QTest::newRow("filterExists") << "$.store.book[?(@.isbn)].title"
                                  << R"(["Moby Dick","The Lord"])";
    QTest::newRow("filterNotExists") << "$.store.book[?(!@.isbn)].title"
                                     << R"(["Sayings","Sword"])";
    QTest::newRow("filterAndOr")
        << "$.store.book[?(@.category == 'fiction' && (@.price < 9 || @.price > 20))].title"
        << R"(["Moby Dick","The Lord"])";
    QTest::newRow("filterRootReference") << "$.store.book[?(@.price > $.expensive)].title"
                                         << R"(["Sword","The Lord"])";
    QTest::newRow("filterRegex") << "$.store.book[?(@.author =~ /.*melville/i)].title"
                                 << R"(["Moby Dick"])";
    QTest::newRow("filterRegexWholeString") << "$.store.book[?(@.author =~ /Melville/)].title"
                                            << "[]";
    QTest::newRow("filterIn") << "$.store.book[?(@.title in ['Sword', 'The Lord'])].price"
                              << "[12.99,22.99]";
    QTest::newRow("filterNin") << "$.n[?(@ nin [1, 2, 3])]"
                               << "[4,5]";
    QTest::newRow("filterNumberEqualsNumericString") << "$.mixed[?(@.v == 42)].v"
                                                     << R"([42,"42"])";
    QTest::newRow("filterStringEqualsNumber") << "$.mixed[?(@.v == '42')].v"
                                              << R"([42,"42"])";
    QTest::newRow("filterNull") << "$.mixed[?(@.v == null)]"
                                << R"([{"v":null}])";
    QTest::newRow("filterMissingNotEqual") << "$.mixed[?(@.v != 42)]"
                                           << R"([{"v":null},{"w":1}])";
    QTest::newRow("filterCurrent") << "$.n[?(@ >= 4)]"
                                   << "[4,5]";
    QTest::newRow("filterSize") << "$.store.book[?(@.author size 10)].author"
                                << R"(["Nigel Rees"])";
    QTest::newRow("deepScanFilter") << "$..[?(@.color)].price"
                                    << "[19.95]";
    QTest::newRow("length") << "$.n.length()"
                            << "5";
    QTest::newRow("lengthOfObject") << "$.store.bicycle.length()"
                                    << "2";
    QTest::newRow("contextRoot") << "$$.Execution.Name"
                                 << R"("exec-1")";
    QTest::newRow("contextWhole") << "$$.Map.Item.Index"
                                  << "3";
    QTest::newRow("variable") << "$greeting"
                              << R"("hello")";
    QTest::newRow("variableField") << "$order.items[1]"
                                   << R"("b")";
    QTest::newRow("variableFilter") << "$order.items[?(@ == 'a')]"
                                    << R"(["a"])";
    QTest::newRow("missingVariable") << "$nope"
                                     << "absent";
    // Forms Jayway (and so AWS) accepts that real definitions use.
    QTest::newRow("dotBeforeIndex") << "$.n.[0]"
                                    << "1";
    QTest::newRow("dotBeforeIndexAtRoot") << "$.store.book.[1].title"
                                          << R"("Sword")";
    QTest::newRow("dotBeforeFilter") << "$.n.[?(@ > 3)]"
                                     << "[4,5]";
    QTest::newRow("scriptIndexLast") << "$.n[(@.length-1)]"
                                     << "5";
    QTest::newRow("scriptIndexFromEnd") << "$.store.book[(@.length - 2)].title"
                                        << R"("Moby Dick")";
    QTest::newRow("filterUnquotedWord") << "$.store.book[?(@.category==reference)].title"
                                        << R"(["Sayings"])";
    QTest::newRow("filterUnquotedWordNoMatch") << "$.store.book[?(@.category==Fiction)].title"
                                               << "[]";
    QTest::newRow("trailingSpace") << "$$.Execution.Name "
                                   << R"("exec-1")";
}

void tst_JsonPath::selectsAsJayway()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    const Json document = Json::parse(store);
    const Json context = {{"Execution", {{"Name", "exec-1"}}}, {"Map", {{"Item", {{"Index", 3}}}}}};
    const Json variables = {{"greeting", "hello"}, {"order", {{"items", {"a", "b"}}}}};
    Sim::ExpressionContext ctx;
    ctx.input = &document;
    ctx.context = &context;
    ctx.variables = &variables;

    const auto parsed = Sim::JsonPath::parse(path.toStdString());
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
    const auto selected = parsed->select(ctx);
    if (expected == "absent") {
        QVERIFY2(!selected, selected ? selected->dump().c_str() : "");
        return;
    }
    QVERIFY(selected.has_value());
    const Json want = expected.isEmpty() ? document : Json::parse(expected.toStdString());
    QCOMPARE(QString::fromStdString(selected->dump()), QString::fromStdString(want.dump()));
}

void tst_JsonPath::explainsMissingValuesAsAws_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("cause");

    // Recorded: localstack scenarios/base_scenarios.catch_states_runtime (OutputPath).
    QTest::newRow("missingParent") << "$.no.such.result.path"
                                   << "{}"
                                   << "Invalid path '$.no.such.result.path' : Missing property "
                                      "in path $['no']";
    QTest::newRow("missingLeaf") << "$.a.b"
                                 << R"({"a": {}})"
                                 << "Invalid path '$.a.b' : No results for path: $['a']['b']";
    QTest::newRow("indexOutOfRange") << "$.a[3]"
                                     << R"({"a": [1]})"
                                     << "Invalid path '$.a[3]' : No results for path: $['a'][3]";
    QTest::newRow("keyOnString")
        << "$.a.b"
        << R"({"a": "text"})"
        << "Invalid path '$.a.b' : Expected to find an object with property ['b'] in path "
           "$['a'] but found 'java.lang.String'. This is not a json object according to the "
           "JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider'.";
}

void tst_JsonPath::explainsMissingValuesAsAws()
{
    QFETCH(QString, path);
    QFETCH(QString, input);
    QFETCH(QString, cause);
    const Json document = Json::parse(input.toStdString());
    Sim::ExpressionContext ctx;
    ctx.input = &document;
    const auto parsed = Sim::JsonPath::parse(path.toStdString());
    QVERIFY(parsed.ok());
    const auto outcome = parsed->evaluate(ctx);
    QVERIFY(!outcome.ok());
    QCOMPARE(QString::fromStdString(outcome.failure().error), QString("States.Runtime"));
    QCOMPARE(QString::fromStdString(outcome.failure().cause), cause);
}

void tst_JsonPath::rejectsMalformedPathsNamingThePosition_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("column");

    QTest::newRow("empty") << "" << 1;
    QTest::newRow("noDollar") << "a.b" << 1;
    QTest::newRow("trailingDot") << "$.a." << 4;
    QTest::newRow("unclosedBracket") << "$.a[0" << 6;
    QTest::newRow("unclosedQuote") << "$['a]" << 3;
    QTest::newRow("badIndex") << "$.a[x]" << 5;
    QTest::newRow("hugeIndex") << "$.a[99999999999999999999999]" << 5;
    QTest::newRow("unclosedFilter") << "$.a[?(@.b == 1]" << 15;
    QTest::newRow("badRegex") << "$.a[?(@.b =~ /(/)]" << 14;
    QTest::newRow("unknownFunction") << "$.a.max()" << 5;
    QTest::newRow("functionNotLast") << "$.a.length().b" << 13;
    QTest::newRow("garbageAfter") << "$.a b" << 4;
    QTest::newRow("atOutsideFilter") << "@.a" << 1;
    QTest::newRow("scriptIndexOtherScript") << "$.a[(@.size-1)]" << 5;
    QTest::newRow("scriptIndexLength") << "$.a[(@.length)]" << 5;
    QTest::newRow("leadingSpaceAfterGarbage") << "$.a  x " << 4;
    QTest::newRow("deepFilter") << "$[?(" + QString("(").repeated(500) + "@.a"
                                       + QString(")").repeated(500) + ")]"
                                << 0;
}

void tst_JsonPath::rejectsMalformedPathsNamingThePosition()
{
    QFETCH(QString, path);
    QFETCH(int, column);
    const auto parsed = Sim::JsonPath::parse(path.toStdString());
    QVERIFY(!parsed.ok());
    QVERIFY(!parsed.error().message.empty());
    if (column > 0)
        QCOMPARE(parsed.error().location.column, column);
}

void tst_JsonPath::classifiesPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("definite");
    QTest::addColumn<bool>("reference");

    QTest::newRow("root") << "$" << true << true;
    QTest::newRow("keys") << "$.a['b'][0]" << true << true;
    QTest::newRow("length") << "$.a.length()" << true << false;
    QTest::newRow("wildcard") << "$.a[*]" << false << false;
    QTest::newRow("slice") << "$.a[1:]" << false << false;
    QTest::newRow("union") << "$.a[0,1]" << false << false;
    QTest::newRow("deepScan") << "$..a" << false << false;
    QTest::newRow("filter") << "$.a[?(@.b)]" << false << false;
}

void tst_JsonPath::classifiesPaths()
{
    QFETCH(QString, path);
    QFETCH(bool, definite);
    QFETCH(bool, reference);
    const auto parsed = Sim::JsonPath::parse(path.toStdString());
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->isDefinite(), definite);
    QCOMPARE(parsed->isReferencePath(), reference);
    QCOMPARE(parsed->text(), path.toStdString());
}

void tst_JsonPath::locatesWithoutCopying()
{
    const Json document = Json::parse(store);
    Sim::ExpressionContext ctx;
    ctx.input = &document;
    const auto parsed = Sim::JsonPath::parse("$.store.book[1]");
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->locate(ctx), &document["store"]["book"][1]);
    std::string why;
    const auto missing = Sim::JsonPath::parse("$.store.nope");
    QVERIFY(missing->locate(ctx, &why) == nullptr);
    QCOMPARE(why, std::string("No results for path: $['store']['nope']"));
}

QTEST_GUILESS_MAIN(tst_JsonPath)
#include "tst_jsonpath.moc"
