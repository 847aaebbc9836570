#include "exprtesting.h"
#include "testdata.h"

#include "simulator/expr/jsonpath.h"

#include <QFile>

#include <QtTest>
#include <set>

using namespace Stepwise;
using Tests::Json;

// The RFC 9535 compliance suite (shared/conformance/jsonpath/cts.jsonl), where it agrees with
// Jayway JsonPath as AWS uses it. The cases where ASL differs are listed with the reason in
// tests/data/expressions/jsonpath_cts_skips.json; a listed case that starts agreeing fails
// the test, so the list stays exact.
class tst_JsonPathCts : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void agreesWithRfcWhereJaywayDoes_data();
    void agreesWithRfcWhereJaywayDoes();
};

namespace {

std::map<std::string, std::string> skips()
{
    std::map<std::string, std::string> out;
    if (const auto data
        = Tests::loadJson(Tests::testDataPath("expressions/jsonpath_cts_skips.json"))) {
        for (auto it = data->begin(); it != data->end(); ++it)
            out[it.key()] = it.value().get<std::string>();
    }
    return out;
}

// Whether our evaluation gives the suite's answer.
bool agrees(const Json &testCase, std::string *why)
{
    const std::string selector = testCase.at("selector").get<std::string>();
    const auto path = Sim::JsonPath::parse(selector);
    if (testCase.value("invalid_selector", false)) {
        if (path.ok())
            *why = "accepted an invalid selector";
        return !path.ok();
    }
    if (!path.ok()) {
        *why = "rejected: " + path.error().message;
        return false;
    }
    const Json &document = testCase.at("document");
    Sim::ExpressionContext ctx;
    ctx.input = &document;
    const auto selected = path->select(ctx);
    Json actual = Json::array();
    if (path->isDefinite()) {
        if (selected)
            actual.push_back(*selected);
    } else if (selected) {
        actual = *selected;
    }
    Json candidates = Json::array();
    if (testCase.contains("result"))
        candidates.push_back(testCase.at("result"));
    else
        candidates = testCase.at("results");
    for (const Json &expected : candidates) {
        if (expected == actual)
            return true;
    }
    *why = "got " + actual.dump() + ", expected " + candidates.at(0).dump();
    return false;
}

} // namespace

void tst_JsonPathCts::agreesWithRfcWhereJaywayDoes_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("skipReason");
    QFile file(Tests::sharedPath("conformance/jsonpath/cts.jsonl"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto skipped = skips();
    std::set<std::string> names;
    int count = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const Json testCase = Json::parse(line.toStdString());
        std::string name = testCase.at("name").get<std::string>();
        while (!names.insert(name).second)
            name += " (again)";
        const auto skip = skipped.find(name);
        QTest::newRow(name.c_str())
            << line << (skip == skipped.end() ? QString() : QString::fromStdString(skip->second));
        ++count;
    }
    QVERIFY(count > 700);
}

void tst_JsonPathCts::agreesWithRfcWhereJaywayDoes()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, skipReason);
    const Json testCase = Json::parse(line.toStdString());
    std::string why;
    const bool ok = agrees(testCase, &why);
    if (!skipReason.isEmpty()) {
        QVERIFY2(!ok, "listed as a difference but now agrees: remove it from the skip list");
        QSKIP(qPrintable("ASL differs: " + skipReason));
    }
    QVERIFY2(ok, why.c_str());
}

QTEST_GUILESS_MAIN(tst_JsonPathCts)
#include "tst_jsonpathcts.moc"
