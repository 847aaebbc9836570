// `stepwise-cli run` and `stepwise-cli validate` read and check definitions the same way: on
// every file of the shared corpus, run refuses (exit 2, validate's own lines on stderr)
// exactly what validate calls an error, and runs everything else that the engine can run.
#include "clirunner.h"
#include "model/json/json.h"
#include "testdata.h"

#include <QtTest>

#include <map>

using Stepwise::Model::Json;
using Stepwise::Tests::CliRun;
using Stepwise::Tests::runCli;

class tst_RunValidateAgreement : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void initTestCase();
    void runRefusesWhatValidateRejects_data();
    void runRefusesWhatValidateRejects();

  private:
    struct Verdict
    {
        bool valid = false;
        QStringList lines; // validate's text output for the file
    };
    QStringList m_files;
    std::map<QString, Verdict> m_verdicts;
};

void tst_RunValidateAgreement::initTestCase()
{
    m_files = Stepwise::Tests::filesUnder(Stepwise::Tests::sharedPath("corpus"));
    QVERIFY2(m_files.size() > 600, "the shared corpus is missing");
    // One validate process for all files in each format: verdicts from JSON, lines from text.
    const CliRun json = runCli(QStringList{"validate", "--format", "json"} + m_files);
    const CliRun text = runCli(QStringList{"validate"} + m_files);
    QVERIFY(json.exitCode >= 0 && text.exitCode >= 0);
    for (const QString &line : json.out.split('\n', Qt::SkipEmptyParts)) {
        const Json report = Json::parse(line.toStdString());
        m_verdicts[QString::fromStdString(report["file"].get<std::string>())].valid
            = report["valid"].get<bool>();
    }
    QCOMPARE(m_verdicts.size(), size_t(m_files.size()));
    for (const QString &line : text.out.split('\n', Qt::SkipEmptyParts)) {
        const QString file = line.left(line.indexOf(QStringLiteral(".json:")) + 5);
        QVERIFY2(m_verdicts.count(file), qPrintable(line));
        m_verdicts[file].lines << line;
    }
}

void tst_RunValidateAgreement::runRefusesWhatValidateRejects_data()
{
    QTest::addColumn<QString>("file");
    const QString root = Stepwise::Tests::sharedPath("corpus/");
    for (const QString &file : Stepwise::Tests::filesUnder(root))
        QTest::newRow(qPrintable(file.mid(root.size()))) << file;
}

void tst_RunValidateAgreement::runRefusesWhatValidateRejects()
{
    QFETCH(QString, file);
    const Verdict &verdict = m_verdicts[file];
    const CliRun run = runCli({"run", file, "--format", "json"});
    if (!verdict.valid) {
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.err.split('\n', Qt::SkipEmptyParts), verdict.lines);
        QVERIFY(run.out.isEmpty());
        return;
    }
    if (run.exitCode == 2) {
        // Valid, but not runnable as written: a deploy-time placeholder (${Name}, Ref,
        // Fn::GetAtt left for SAM/CDK to fill in) stands where the engine needs a real value.
        // Each line names the place and the --sub that gives it a value.
        const QStringList lines = run.err.split('\n', Qt::SkipEmptyParts);
        QVERIFY(!lines.isEmpty());
        for (const QString &line : lines) {
            QVERIFY2(line.startsWith(file + ":"), qPrintable(line));
            QVERIFY2(line.contains(": error PLACEHOLDER_UNRESOLVED: ") && line.contains("--sub "),
                     qPrintable(line));
        }
        QVERIFY(run.out.isEmpty());
        return;
    }
    // Valid: the execution runs and ends (succeeded, failed or timed out), whatever it does.
    QVERIFY2(run.exitCode == 0 || run.exitCode == 1, qPrintable(run.err));
    const Json result = Json::parse(run.out.trimmed().toStdString(), nullptr, false);
    QVERIFY2(result.is_object() && result.contains("status"), qPrintable(run.out));
}

QTEST_GUILESS_MAIN(tst_RunValidateAgreement)
#include "tst_runvalidateagreement.moc"
