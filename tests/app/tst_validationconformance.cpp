// The validator against shared data written by others: the asl-validator package's own
// definitions, real-world definitions that run on AWS, definitions AWS rejected (recorded by
// LocalStack), and the fixtures of statelint, asl-validator and
// amazon-states-language-service. Where we knowingly differ, the case is listed with its
// reason in tests/model/data/validator-disagreements.tsv; any other difference fails, and so
// does a listed case that no longer differs.
#include "model/json/jsonreader.h"
#include "model/validation/validator.h"
#include "simulator/expr/expressionsyntaxchecker.h"
#include "testdata.h"

#include <QFile>
#include <QtTest>

#include <map>
#include <set>

using namespace Stepwise::Model;

namespace {

struct Disagreement
{
    std::set<std::string> codes; // the errors that explain it; empty: we accept it
    QString reason;
};

const std::map<QString, Disagreement> &disagreements()
{
    static const std::map<QString, Disagreement> table = [] {
        std::map<QString, Disagreement> out;
        QFile file(
            QStringLiteral(STEPWISE_SOURCE_DIR "/tests/model/data/validator-disagreements.tsv"));
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
            return out;
        while (!file.atEnd()) {
            QString line = QString::fromUtf8(file.readLine()).trimmed();
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            QStringList fields = line.split('\t');
            Disagreement entry;
            if (fields.value(1) != "-") {
                for (const QString &code : fields.value(1).split(','))
                    entry.codes.insert(code.trimmed().toStdString());
            }
            entry.reason = fields.value(2);
            out[fields.value(0)] = entry;
        }
        return out;
    }();
    return table;
}

struct Verdict
{
    bool readable = true;
    bool valid = false;
    std::set<std::string> errorCodes;
    QString summary;
};

Verdict validateText(const QByteArray &text, StateMachineType type = StateMachineType::Standard)
{
    Verdict verdict;
    auto parsed = readJson(std::string_view(text.constData(), size_t(text.size())));
    if (!parsed.ok()) {
        verdict.readable = false;
        verdict.summary = QString::fromStdString(parsed.error().toString());
        return verdict;
    }
    // As `stepwise-cli validate` does: expressions are checked by the simulator's parsers.
    static const std::unique_ptr<ExpressionSyntax> expressions
        = Stepwise::Sim::makeExpressionSyntaxChecker();
    ValidationOptions options;
    options.sourceMap = &parsed->sourceMap;
    options.duplicateKeys = &parsed->duplicateKeys;
    options.type = type;
    options.expressions = expressions.get();
    std::vector<Diagnostic> diagnostics = validateDefinition(parsed->value, options);
    verdict.valid = !hasErrors(diagnostics);
    QStringList parts;
    for (const Diagnostic &d : diagnostics) {
        if (d.severity != Severity::Error)
            continue;
        verdict.errorCodes.insert(d.code);
        parts << QString::fromStdString(d.code + " " + d.location.pointer + ": " + d.message);
    }
    verdict.summary = parts.join(QStringLiteral("; "));
    return verdict;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Compares our verdict with the expected one, allowing only listed disagreements.
void compareVerdict(const QString &caseId, const Verdict &ours, bool expectedValid)
{
    QVERIFY2(ours.readable, qPrintable(ours.summary));
    auto listed = disagreements().find(caseId);
    if (ours.valid == expectedValid) {
        QVERIFY2(listed == disagreements().end(),
                 qPrintable(caseId + " agrees now: remove it from the disagreement list"));
        return;
    }
    QVERIFY2(listed != disagreements().end(),
             qPrintable(QStringLiteral("expected %1, got %2: %3")
                            .arg(expectedValid ? "valid" : "invalid",
                                 ours.valid ? "valid" : "invalid", ours.summary)));
    if (!ours.valid) {
        for (const std::string &code : ours.errorCodes) {
            QVERIFY2(listed->second.codes.count(code),
                     qPrintable(QString::fromStdString(code)
                                + " is not among the listed codes: " + ours.summary));
        }
    } else {
        QVERIFY2(listed->second.codes.empty(), "listed with codes but we accept it");
    }
}

QString relativeTo(const QString &base, const QString &path)
{
    return QDir(base).relativeFilePath(path);
}

} // namespace

class tst_ValidationConformance : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void aslValidatorCorpusVerdicts_data();
    void aslValidatorCorpusVerdicts();
    void realWorldDefinitionsHaveNoErrors_data();
    void realWorldDefinitionsHaveNoErrors();
    void localstackTestsCorpusFigures();
    void awsExecutedDefinitionsHaveNoErrors_data();
    void awsExecutedDefinitionsHaveNoErrors();
    void awsRejectionsAreRejected_data();
    void awsRejectionsAreRejected();
    void awsRejectionRate();
    void linterFixturesAgreeWhereTheyReflectAws_data();
    void linterFixturesAgreeWhereTheyReflectAws();
    void disagreementsHaveReasons();

  private:
    struct AwsCase
    {
        QString id;
        Json definition;
        StateMachineType type = StateMachineType::Standard;
        bool rejected = true;
    };
    std::vector<AwsCase> awsCases() const;
};

void tst_ValidationConformance::aslValidatorCorpusVerdicts_data()
{
    QTest::addColumn<QString>("path");
    const QString corpus = Stepwise::Tests::sharedPath(QStringLiteral("corpus"));
    const QStringList files = Stepwise::Tests::filesUnder(corpus + "/asl-validator-tests");
    QVERIFY(files.size() >= 100);
    for (const QString &file : files)
        QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
}

void tst_ValidationConformance::aslValidatorCorpusVerdicts()
{
    QFETCH(QString, path);
    // "src____tests____definitions__valid-map.asl.json": the part after the last "__".
    QString name = QFileInfo(path).fileName().section(QStringLiteral("__"), -1);
    QVERIFY(name.startsWith("valid-") || name.startsWith("invalid-"));
    const QString id = relativeTo(Stepwise::Tests::sharedPath("corpus"), path);
    compareVerdict(id, validateText(readFile(path)), name.startsWith("valid-"));
}

void tst_ValidationConformance::realWorldDefinitionsHaveNoErrors_data()
{
    QTest::addColumn<QString>("path");
    const QStringList files
        = Stepwise::Tests::filesUnder(Stepwise::Tests::sharedPath("corpus/real-world"));
    QVERIFY(files.size() >= 150);
    for (const QString &file : files)
        QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
}

void tst_ValidationConformance::realWorldDefinitionsHaveNoErrors()
{
    QFETCH(QString, path);
    const QString id = relativeTo(Stepwise::Tests::sharedPath("corpus"), path);
    compareVerdict(id, validateText(readFile(path)), true);
}

void tst_ValidationConformance::localstackTestsCorpusFigures()
{
    const QStringList files
        = Stepwise::Tests::filesUnder(Stepwise::Tests::sharedPath("corpus/localstack-tests"));
    QVERIFY(files.size() >= 300);
    int invalid = 0;
    std::map<std::string, int> codes;
    QStringList rejected;
    for (const QString &file : files) {
        Verdict verdict = validateText(readFile(file));
        QVERIFY2(verdict.readable, qPrintable(file));
        if (verdict.valid)
            continue;
        ++invalid;
        rejected << QFileInfo(file).fileName() + ": " + verdict.summary.left(160);
        for (const std::string &code : verdict.errorCodes)
            ++codes[code];
    }
    QStringList byCode;
    for (const auto &[code, count] : codes)
        byCode << QString::fromStdString(code) + "=" + QString::number(count);
    qInfo("localstack-tests: %lld files, %d valid, %d invalid; files per error code: %s",
          qint64(files.size()), int(files.size()) - invalid, invalid,
          qPrintable(byCode.join(", ")));
    for (const QString &line : rejected)
        qInfo("  rejected %s", qPrintable(line));
    // The corpus holds a few deliberately invalid machines; most ran on AWS.
    QVERIFY(invalid * 5 < files.size());
}

void tst_ValidationConformance::awsExecutedDefinitionsHaveNoErrors_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QByteArray>("definition");
    QTest::addColumn<bool>("express");
    const QString dir = Stepwise::Tests::sharedPath("conformance/localstack/executions");
    int rows = 0;
    for (const QString &file : Stepwise::Tests::filesUnder(dir)) {
        auto parsed = readJson(readFile(file).toStdString());
        QVERIFY2(parsed.ok(), qPrintable(file));
        const Json &record = parsed->value;
        // AWS ran these definitions, so it accepted them; fixtures it never saw are left out.
        if (!record.contains("definition") || !record["definition"].is_object()
            || record.value("definition_has_unresolved_fixture_values", false)
            || record.value("source", Json::object()).value("trust", "") != "aws-validated")
            continue;
        const QString id = "localstack-executions/" + relativeTo(dir, file);
        QTest::newRow(qPrintable(id))
            << id << QByteArray::fromStdString(record["definition"].dump(1))
            << (record.value("state_machine_type", "") == "EXPRESS");
        ++rows;
    }
    QVERIFY(rows >= 500);
}

void tst_ValidationConformance::awsExecutedDefinitionsHaveNoErrors()
{
    QFETCH(QString, id);
    QFETCH(QByteArray, definition);
    QFETCH(bool, express);
    compareVerdict(
        id,
        validateText(definition, express ? StateMachineType::Express : StateMachineType::Standard),
        true);
}

std::vector<tst_ValidationConformance::AwsCase> tst_ValidationConformance::awsCases() const
{
    std::vector<AwsCase> out;
    const QString dir = Stepwise::Tests::sharedPath("conformance/localstack/validation");
    for (const QString &file : Stepwise::Tests::filesUnder(dir)) {
        auto parsed = readJson(readFile(file).toStdString());
        if (!parsed.ok())
            continue;
        const Json &record = parsed->value;
        const Json &expected = record.value("expected", Json::object());
        const std::string kind = record.value("validation_kind", "");
        // Only answers about the definition itself: not logging, versioning or start errors.
        bool definitionCase
            = (kind == "create_rejected" && expected.value("error_code", "") == "InvalidDefinition")
              || kind == "validate";
        if (!definitionCase || !record.contains("definition") || record["definition"].is_null())
            continue;
        AwsCase awsCase;
        awsCase.id = "localstack-validation/" + relativeTo(dir, file);
        awsCase.definition = record["definition"];
        const Json &request = record.value("request", Json::object());
        if (request.value("type", "") == "EXPRESS")
            awsCase.type = StateMachineType::Express;
        awsCase.rejected = expected.value("result", "") == "FAIL";
        out.push_back(std::move(awsCase));
    }
    return out;
}

void tst_ValidationConformance::awsRejectionsAreRejected_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QByteArray>("definition");
    QTest::addColumn<bool>("express");
    QTest::addColumn<bool>("rejected");
    const std::vector<AwsCase> cases = awsCases();
    QVERIFY(cases.size() >= 100);
    for (const AwsCase &c : cases) {
        QTest::newRow(qPrintable(c.id)) << c.id << QByteArray::fromStdString(c.definition.dump(1))
                                        << (c.type == StateMachineType::Express) << c.rejected;
    }
}

void tst_ValidationConformance::awsRejectionsAreRejected()
{
    QFETCH(QString, id);
    QFETCH(QByteArray, definition);
    QFETCH(bool, express);
    QFETCH(bool, rejected);
    Verdict ours = validateText(definition,
                                express ? StateMachineType::Express : StateMachineType::Standard);
    compareVerdict(id, ours, !rejected);
}

void tst_ValidationConformance::awsRejectionRate()
{
    int rejections = 0;
    int caught = 0;
    for (const AwsCase &c : awsCases()) {
        if (!c.rejected)
            continue;
        ++rejections;
        Verdict ours = validateText(QByteArray::fromStdString(c.definition.dump()), c.type);
        caught += ours.valid ? 0 : 1;
    }
    qInfo("localstack validation: %d of %d AWS rejections rejected (%.1f%%)", caught, rejections,
          100.0 * caught / std::max(1, rejections));
    QVERIFY(rejections > 0);
    QVERIFY(caught * 10 >= rejections * 9);
}

void tst_ValidationConformance::linterFixturesAgreeWhereTheyReflectAws_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QByteArray>("definition");
    QTest::addColumn<bool>("expectedValid");
    const QString base = Stepwise::Tests::sharedPath("conformance/validators");
    int rows = 0;
    for (const char *linter : {"statelint", "asl-validator", "amazon-states-language-service"}) {
        for (const QString &file : Stepwise::Tests::filesUnder(base + "/" + linter)) {
            auto parsed = readJson(readFile(file).toStdString());
            QVERIFY2(parsed.ok(), qPrintable(file));
            const Json &fixture = parsed->value;
            // Fixtures whose expectation the linter's own tests never state are left out.
            if (!fixture.contains("expected_valid") || !fixture["expected_valid"].is_boolean())
                continue;
            // The raw text keeps duplicate keys; some raw texts are not JSON (template
            // literals of the linter's test code), then the parsed definition stands.
            QByteArray text;
            if (fixture.contains("definition_raw") && fixture["definition_raw"].is_string()) {
                text = QByteArray::fromStdString(fixture["definition_raw"].get<std::string>());
                // Raw texts come from TypeScript template literals, where \$ stands for $.
                if (!readJson(text.toStdString()).ok())
                    text.replace("\\$", "$");
            }
            if (text.isEmpty() || !readJson(text.toStdString()).ok())
                text = QByteArray::fromStdString(fixture["definition"].dump(1));
            const QString id = "validators/" + relativeTo(base, file);
            QTest::newRow(qPrintable(id)) << id << text << fixture["expected_valid"].get<bool>();
            ++rows;
        }
    }
    QVERIFY(rows >= 200);
}

void tst_ValidationConformance::linterFixturesAgreeWhereTheyReflectAws()
{
    QFETCH(QString, id);
    QFETCH(QByteArray, definition);
    QFETCH(bool, expectedValid);
    compareVerdict(id, validateText(definition), expectedValid);
}

void tst_ValidationConformance::disagreementsHaveReasons()
{
    QVERIFY(!disagreements().empty());
    for (const auto &[id, entry] : disagreements())
        QVERIFY2(entry.reason.size() > 20, qPrintable(id + " needs a reason"));
}

QTEST_GUILESS_MAIN(tst_ValidationConformance)
#include "tst_validationconformance.moc"
