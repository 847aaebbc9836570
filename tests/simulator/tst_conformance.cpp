// The recorded AWS executions (shared/conformance/localstack/executions), JSONPath and JSONata
// states alike, run in-process and compared with compare.py's rules; the states entered must match
// too. Cases that still differ are listed with the reason in data/conformance_known_failures.txt
// (expected failures: fixing one makes the test report an unexpected pass).
#include "conformancecases.h"
#include "conformancecompare.h"
#include "testdata.h"

#include <QFile>
#include <QtTest>

#include <algorithm>
#include <map>

using namespace Stepwise;
using Stepwise::Model::Json;

class tst_Conformance : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void initTestCase();
    void executionMatchesAws_data();
    void executionMatchesAws();
    void passRateMeetsTarget();
    void historyMatchesAws_data();
    void historyMatchesAws();

  private:
    std::map<QString, QString> m_known; // case -> reason
    int m_run = 0;
    int m_passed = 0;
};

void tst_Conformance::initTestCase()
{
    QFile file(
        QStringLiteral(STEPWISE_SOURCE_DIR "/tests/simulator/data/conformance_known_failures.txt"));
    QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const int tab = line.indexOf('\t');
        QVERIFY2(tab > 0, qPrintable("a known failure needs a reason: " + line));
        m_known[line.left(tab)] = line.mid(tab + 1).trimmed();
    }
}

void tst_Conformance::executionMatchesAws_data()
{
    QTest::addColumn<QString>("file");
    const QString root = Tests::sharedPath("conformance/localstack/executions");
    const QStringList files = Tests::filesUnder(root);
    QVERIFY2(files.size() > 800, "the shared conformance cases are missing");
    int usable = 0;
    for (const QString &file : files) {
        auto parsed = Model::readJsonFile(file.toStdString(), {false});
        if (!parsed || !Tests::isUsableCase(parsed->value))
            continue;
        ++usable;
        const QString name = QDir(root).relativeFilePath(file);
        QTest::newRow(qPrintable(name)) << file;
    }
    QVERIFY(usable > 600);
}

void tst_Conformance::executionMatchesAws()
{
    QFETCH(QString, file);
    const QString name
        = QDir(Tests::sharedPath("conformance/localstack/executions")).relativeFilePath(file);
    auto parsed = Model::readJsonFile(file.toStdString(), {false});
    QVERIFY(parsed.ok());
    const Json &testCase = parsed->value;
    Tests::CaseRun run = Tests::runCase(testCase);
    std::string why = run.problem;
    bool ok = why.empty() && Tests::compareExecution(testCase, run.actual, why);
    if (ok) {
        // Concurrent branches interleave as they like: compare those as multisets.
        const Json expected = testCase.value("expected_states_entered", Json());
        if (expected.is_array()) {
            std::vector<std::string> want;
            for (const Json &n : expected)
                want.push_back(n.get<std::string>());
            std::vector<std::string> got = run.statesEntered;
            const bool concurrent
                = testCase["definition"].dump().find("\"Parallel\"") != std::string::npos
                  || testCase["definition"].dump().find("\"Map\"") != std::string::npos;
            if (concurrent) {
                std::sort(want.begin(), want.end());
                std::sort(got.begin(), got.end());
            }
            if (want != got) {
                ok = false;
                why = "states entered differ: " + expected.dump().substr(0, 200);
            }
        }
    }
    ++m_run;
    if (ok)
        ++m_passed;
    auto known = m_known.find(name);
    if (known != m_known.end()) {
        if (ok) {
            qWarning("%s now passes: remove it from conformance_known_failures.txt",
                     qPrintable(name));
            return;
        }
        QEXPECT_FAIL("", qPrintable(known->second), Continue);
    }
    QVERIFY2(ok, why.c_str());
}

void tst_Conformance::passRateMeetsTarget()
{
    QVERIFY(m_run > 0);
    const double rate = 100.0 * m_passed / m_run;
    qInfo("conformance: %d/%d passed (%.1f%%)", m_passed, m_run, rate);
    QVERIFY2(rate >= 95.0, qPrintable(QString("pass rate %1% is below 95%").arg(rate)));
}

// The recorded history of each case: the same event types, ids, previousEventId chain and
// details members, in order. (Map and Parallel cases included: each event of a branch or
// iteration chains to the one before it there, and the recorded branches happen to run in
// the order the seeded scheduler picks.)
void tst_Conformance::historyMatchesAws_data()
{
    QTest::addColumn<QString>("file");
    const QString root = Tests::sharedPath("conformance/localstack/executions");
    int rows = 0;
    for (const QString &file : Tests::filesUnder(root)) {
        auto parsed = Model::readJsonFile(file.toStdString(), {false});
        if (!parsed || !Tests::isUsableCase(parsed->value))
            continue;
        const Json &c = parsed->value;
        if (!c.contains("history") || !c["history"].is_array() || c["history"].empty())
            continue;
        QTest::newRow(qPrintable(QDir(root).relativeFilePath(file))) << file;
        ++rows;
    }
    QVERIFY(rows > 200);
}

void tst_Conformance::historyMatchesAws()
{
    QFETCH(QString, file);
    const QString name
        = QDir(Tests::sharedPath("conformance/localstack/executions")).relativeFilePath(file);
    auto parsed = Model::readJsonFile(file.toStdString(), {false});
    QVERIFY(parsed.ok());
    Tests::CaseRun run = Tests::runCase(parsed->value);
    QVERIFY2(run.problem.empty(), run.problem.c_str());
    auto shape = [](const Json &event) {
        std::string text = Tests::textField(event, "type") + " #" + event.value("id", Json()).dump()
                           + " <- " + event.value("previousEventId", Json()).dump();
        for (auto it = event.begin(); it != event.end(); ++it) {
            if (it.key().size() > 7 && it.key().compare(it.key().size() - 7, 7, "Details") == 0)
                text += " " + it.key();
        }
        return text;
    };
    std::vector<std::string> expected, actual;
    for (const Json &event : parsed->value["history"])
        expected.push_back(shape(event));
    for (const Json &event : run.history)
        actual.push_back(shape(event));
    std::string why;
    for (size_t i = 0; i < std::max(expected.size(), actual.size()); ++i) {
        const std::string e = i < expected.size() ? expected[i] : "(none)";
        const std::string a = i < actual.size() ? actual[i] : "(none)";
        if (e != a) {
            why = "event " + std::to_string(i + 1) + ": expected " + e + ", got " + a;
            break;
        }
    }
    auto known = m_known.find("history:" + name);
    if (known != m_known.end()) {
        if (why.empty()) {
            qWarning("history of %s now matches: remove it from the known failures",
                     qPrintable(name));
            return;
        }
        QEXPECT_FAIL("", qPrintable(known->second), Continue);
    }
    QVERIFY2(why.empty(), why.c_str());
}

QTEST_GUILESS_MAIN(tst_Conformance)
#include "tst_conformance.moc"
