#include "model/json/jsonreader.h"
#include "model/json/jsonwriter.h"

#include <QtTest>

using namespace Stepwise::Model;

class tst_JsonReader : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void rejectsMalformedTextNamingTheSpot_data();
    void rejectsMalformedTextNamingTheSpot();
    void keepsKeyOrderAndValues();
    void locatesEveryValueByPointer();
    void reportsDuplicateKeysKeepingTheFirst();
    void refusesExcessiveNestingWithoutCrashing();
    void canonicalTextIsStable();
};

void tst_JsonReader::rejectsMalformedTextNamingTheSpot_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("empty") << QByteArray("") << 1 << 1 << "empty";
    QTest::newRow("missingComma") << QByteArray("{\n  \"a\": 1\n  \"b\": 2\n}") << 3 << 3
                                  << "expected ',' or '}'";
    QTest::newRow("trailingComma") << QByteArray("[1, 2,]") << 1 << 7 << "expected a JSON value";
    QTest::newRow("unterminatedString")
        << QByteArray("{\"a\": \"abc") << 1 << 11 << "unterminated string";
    QTest::newRow("badEscape") << QByteArray("\"\\x\"") << 1 << 3 << "invalid escape";
    QTest::newRow("leadingZero") << QByteArray("[01]") << 1 << 3 << "expected ',' or ']'";
    QTest::newRow("garbageAfter") << QByteArray("{} {}") << 1 << 4 << "after the end";
    QTest::newRow("badLiteral") << QByteArray("[tru]") << 1 << 2 << "invalid literal";
    QTest::newRow("invalidUtf8") << QByteArray("\"\xff\"") << 1 << 2 << "UTF-8";
    QTest::newRow("loneSurrogate") << QByteArray("\"\\ud800\"") << 1 << 8 << "surrogate";
    QTest::newRow("hugeNumber") << QByteArray("1e999") << 1 << 6 << "out of range";
    QTest::newRow("singleQuotes") << QByteArray("{'a': 1}") << 1 << 2 << "string key";
}

void tst_JsonReader::rejectsMalformedTextNamingTheSpot()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, messagePart);

    auto result = readJson(std::string_view(text.constData(), text.size()));
    QVERIFY(!result.ok());
    QVERIFY2(QString::fromStdString(result.error().message).contains(messagePart),
             result.error().message.c_str());
    QCOMPARE(result.error().location.line, line);
    QCOMPARE(result.error().location.column, column);
}

void tst_JsonReader::keepsKeyOrderAndValues()
{
    auto result
        = readJson(R"({"z": 1, "a": [true, null, -0.5, 18446744073709551615], "m": "é\u00e9"})");
    QVERIFY(result.ok());
    const Json &value = result->value;
    std::vector<std::string> keys;
    for (auto it = value.begin(); it != value.end(); ++it)
        keys.push_back(it.key());
    QCOMPARE(keys, (std::vector<std::string>{"z", "a", "m"}));
    QCOMPARE(value["a"][2].get<double>(), -0.5);
    QCOMPARE(value["a"][3].get<std::uint64_t>(), UINT64_MAX);
    QCOMPARE(value["m"].get<std::string>(), std::string("éé"));
}

void tst_JsonReader::locatesEveryValueByPointer()
{
    auto result = readJson("{\n  \"States\": {\n    \"A/B\": {\"Type\": \"Pass\"}\n  }\n}");
    QVERIFY(result.ok());
    Location at = result->sourceMap.locate("/States/A~1B/Type");
    QCOMPARE(at.line, 3);
    QCOMPARE(at.column, 21);
    Location key = result->sourceMap.locateKey("/States/A~1B");
    QCOMPARE(key.line, 3);
    QCOMPARE(key.column, 5);
    // A pointer to something absent resolves to its nearest existing ancestor.
    Location missing = result->sourceMap.locate("/States/A~1B/Next");
    QCOMPARE(missing.line, 3);
    QCOMPARE(missing.pointer, std::string("/States/A~1B/Next"));
}

void tst_JsonReader::reportsDuplicateKeysKeepingTheFirst()
{
    auto result = readJson("{\"a\": 1,\n \"a\": 2}");
    QVERIFY(result.ok());
    QCOMPARE(result->value["a"].get<int>(), 1);
    QCOMPARE(result->duplicateKeys.size(), size_t(1));
    QCOMPARE(result->duplicateKeys[0].pointer, std::string("/a"));
    QCOMPARE(result->duplicateKeys[0].line, 2);
}

void tst_JsonReader::refusesExcessiveNestingWithoutCrashing()
{
    std::string deep(100000, '[');
    auto result = readJson(deep);
    QVERIFY(!result.ok());
    QVERIFY(QString::fromStdString(result.error().message).contains("nested deeper"));
}

void tst_JsonReader::canonicalTextIsStable()
{
    auto first = readJson(R"({"b":{"y":[1,2.5,"x"],"x":{}},"a":[]})");
    QVERIFY(first.ok());
    std::string text = toCanonicalText(first->value);
    auto second = readJson(text);
    QVERIFY(second.ok());
    QCOMPARE(toCanonicalText(second->value), text);
    QVERIFY(text.find("\"b\": {\n    \"y\": [") != std::string::npos);
}

QTEST_GUILESS_MAIN(tst_JsonReader)
#include "tst_jsonreader.moc"
