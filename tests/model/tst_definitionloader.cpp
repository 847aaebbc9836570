// The one way definitions are read and checked (model/io/definitionloader.h): JSON and YAML
// give the same value and the same diagnostics, with positions, and no input can make the
// reader amplify itself (YAML aliases, deep nesting) into gigabytes or minutes.
#include "model/io/definitionloader.h"
#include "model/io/yamlconvert.h"
#include "model/validation/diagnosticcodes.h"
#include "testdata.h"

#include <QtTest>

#include <string>

using namespace Stepwise::Model;

namespace {

// A "billion laughs": ten anchors of ten aliases each, 10^9 values once expanded, 354 bytes.
std::string billionLaughs()
{
    std::string text = "a: &a [lol]\n";
    for (char level = 'b'; level <= 'j'; ++level) {
        text += std::string(1, level) + ": &" + level + " [";
        for (int i = 0; i < 10; ++i)
            text += std::string(i ? ",*" : "*") + char(level - 1);
        text += "]\n";
    }
    return text;
}

std::string nested(const std::string &open, const std::string &close, int depth)
{
    std::string text;
    for (int i = 0; i < depth; ++i)
        text += open;
    text += "1";
    for (int i = 0; i < depth; ++i)
        text += close;
    return text;
}

// Each line nests the previous anchor five levels deeper: 110 short lines stand for a value
// 550 levels deep, with few values (the bound on nesting is reached before the one on size):
// d102, on line 103, is the first past 512 levels (2 + 5 * 102 + 1).
std::string aliasedDepth(int levels)
{
    std::string text = "d0: &d0 [x]\n";
    for (int level = 1; level <= levels; ++level) {
        text += "d" + std::to_string(level) + ": &d" + std::to_string(level) + " [[[[[*d"
                + std::to_string(level - 1) + "]]]]]\n";
    }
    return text;
}

std::string manyKeys(int count, bool yaml)
{
    std::string text = yaml ? "" : "{";
    for (int i = 0; i < count; ++i) {
        const std::string key = "k" + std::to_string(i);
        text += yaml ? key + ": " + std::to_string(i) + "\n"
                     : (i ? "," : "") + ("\"" + key + "\": " + std::to_string(i));
    }
    return yaml ? text : text + "}";
}

const char *const kMachine = "StartAt: A\n"
                             "States:\n"
                             "  A:\n"
                             "    Type: Pass\n"
                             "    Next: Missing\n";

} // namespace

class tst_DefinitionLoader : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void amplifiersAreRefusedWithTheirLine_data();
    void amplifiersAreRefusedWithTheirLine();
    void plainContentIsNotLimited_data();
    void plainContentIsNotLimited();
    void anchorsWithinTheBoundsExpand();
    void yamlAndJsonGiveTheSameDiagnostics();
    void yamlAndJsonAgreeOnTheCorpus_data();
    void yamlAndJsonAgreeOnTheCorpus();
    void yamlDuplicateKeysAreReported();
    void unreadableFileIsOneDiagnostic();
};

void tst_DefinitionLoader::amplifiersAreRefusedWithTheirLine_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");

    const std::string laughs = billionLaughs();
    QVERIFY(laughs.size() < 400);
    // f is the first level past 100,000 aliased values; it is on line 6.
    QTest::newRow("yaml billion laughs")
        << QByteArray::fromStdString(laughs) << true << 6 << "YAML aliases expand the document";
    std::string bigString
        = "s: &s \"" + std::string(1 << 20, 'x') + "\"\nt: [*s, *s, *s, *s, *s]\n";
    QTest::newRow("yaml aliased huge string")
        << QByteArray::fromStdString(bigString) << true << 2 << "bytes of text";
    QTest::newRow("yaml alias inside its own anchor")
        << QByteArray("a: &a [1, *a]\n") << true << 1 << "inside the value of its own anchor";
    QTest::newRow("yaml nesting through aliases")
        << QByteArray::fromStdString(aliasedDepth(110)) << true << 103
        << "nest the document deeper than 512";
    QTest::newRow("yaml deep flow nesting")
        << QByteArray::fromStdString(nested("[", "]", 600)) << true << 1 << "nested too deeply";
    QTest::newRow("yaml very deep flow nesting")
        << QByteArray::fromStdString(nested("[", "]", 100000)) << true << 1 << "nested too deeply";
    QTest::newRow("json deep nesting")
        << QByteArray::fromStdString(nested("[", "]", 100000)) << false << 1 << "deeper than 512";
    // Text that is not UTF-8 is refused where its first bad byte is, as JSON text is.
    QTest::newRow("yaml invalid UTF-8 in a value (found by fuzz_yaml_reader_validator)")
        << QByteArray("StartAt: Pass\nStates:\n  Pass:\n    Type: Pa\xeess\n    End: true\n")
        << true << 4 << "invalid UTF-8";
    QTest::newRow("yaml overlong encoding")
        << QByteArray("Comment: \xc0\xaf\n") << true << 1 << "invalid UTF-8";
    QTest::newRow("yaml UTF-16 surrogate")
        << QByteArray("a: 1\nComment: x\xed\xa0\x80\n") << true << 2 << "invalid UTF-8";
    QTest::newRow("yaml truncated sequence at the end")
        << QByteArray("a: 1\nb: 2\nComment: \xf0\x9f\x98") << true << 3 << "invalid UTF-8";
    QTest::newRow("json invalid UTF-8 in a string")
        << QByteArray("{\"StartAt\": \"P\xee\"}") << false << 1 << "UTF-8";
}

void tst_DefinitionLoader::amplifiersAreRefusedWithTheirLine()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, yaml);
    QFETCH(int, line);
    QFETCH(QString, message);
    const CheckedDefinition checked
        = checkDefinitionText(std::string_view(text.constData(), size_t(text.size())),
                              yaml ? FileFormat::Yaml : FileFormat::Json, {}, "bomb");
    QVERIFY(!checked.readable);
    QCOMPARE(checked.diagnostics.size(), size_t(1));
    const Diagnostic &d = checked.diagnostics.front();
    const std::string_view code = yaml ? DiagnosticCode::YamlSyntax : DiagnosticCode::JsonSyntax;
    QCOMPARE(QString::fromStdString(d.code),
             QString::fromUtf8(code.data(), qsizetype(code.size())));
    QVERIFY2(QString::fromStdString(d.message).contains(message), d.message.c_str());
    QCOMPARE(d.location.line, line);
    QVERIFY(d.location.column > 0);
}

void tst_DefinitionLoader::plainContentIsNotLimited_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("yaml");
    QTest::addColumn<int>("members");
    const std::string huge(8 << 20, 'x');
    QTest::newRow("json 8 MB string")
        << QByteArray::fromStdString("{\"s\": \"" + huge + "\"}") << false << 1;
    QTest::newRow("yaml 8 MB string")
        << QByteArray::fromStdString("s: \"" + huge + "\"\n") << true << 1;
    QTest::newRow("json 200,000 keys")
        << QByteArray::fromStdString(manyKeys(200000, false)) << false << 200000;
    QTest::newRow("yaml 200,000 keys")
        << QByteArray::fromStdString(manyKeys(200000, true)) << true << 200000;
}

// What costs only what its text costs is read whole, as before: the limits are on expansion.
void tst_DefinitionLoader::plainContentIsNotLimited()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, yaml);
    QFETCH(int, members);
    const Result<ParsedJson> parsed
        = readDefinitionText(std::string_view(text.constData(), size_t(text.size())),
                             yaml ? FileFormat::Yaml : FileFormat::Json);
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().toString().c_str());
    QCOMPARE(int(parsed->value.size()), members);
}

void tst_DefinitionLoader::anchorsWithinTheBoundsExpand()
{
    const std::string text = "StartAt: A\n"
                             "States:\n"
                             "  A:\n"
                             "    Type: Pass\n"
                             "    Result: &r {a: [1, 2], b: x}\n"
                             "    Next: B\n"
                             "  B:\n"
                             "    Type: Pass\n"
                             "    Result: *r\n"
                             "    End: true\n";
    const CheckedDefinition checked = checkDefinitionText(text, FileFormat::Yaml, {});
    QVERIFY(checked.valid());
    const Json &states = checked.parsed.value["States"];
    QCOMPARE(states["B"]["Result"], states["A"]["Result"]);
    QCOMPARE(states["B"]["Result"]["a"][1].get<int>(), 2);
}

void tst_DefinitionLoader::yamlAndJsonGiveTheSameDiagnostics()
{
    const CheckedDefinition yaml = checkDefinitionText(kMachine, FileFormat::Yaml, {});
    const std::string json
        = R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Missing"}}})";
    const CheckedDefinition fromJson = checkDefinitionText(json, FileFormat::Json, {});
    QVERIFY(yaml.readable && fromJson.readable);
    QCOMPARE(yaml.diagnostics.size(), fromJson.diagnostics.size());
    QVERIFY(!yaml.diagnostics.empty());
    for (size_t i = 0; i < yaml.diagnostics.size(); ++i) {
        QCOMPARE(yaml.diagnostics[i].code, fromJson.diagnostics[i].code);
        QCOMPARE(yaml.diagnostics[i].message, fromJson.diagnostics[i].message);
        QCOMPARE(yaml.diagnostics[i].location.pointer, fromJson.diagnostics[i].location.pointer);
    }
    // YAML diagnostics point into the YAML text: "Next: Missing" is line 5.
    const Diagnostic &missing = yaml.diagnostics.front();
    QCOMPARE(missing.code, std::string(DiagnosticCode::NextTargetMissing));
    QCOMPARE(missing.location.line, 5);
    QCOMPARE(formatDiagnostic("m.yaml", missing).rfind("m.yaml:5:", 0), size_t(0));
}

void tst_DefinitionLoader::yamlAndJsonAgreeOnTheCorpus_data()
{
    QTest::addColumn<QString>("file");
    const QString root = Stepwise::Tests::sharedPath("corpus/");
    const QStringList files = Stepwise::Tests::filesUnder(root);
    QVERIFY2(files.size() > 600, "the shared corpus is missing");
    for (const QString &file : files)
        QTest::newRow(qPrintable(file.mid(root.size()))) << file;
}

// The same definition written as YAML gets the same verdict and the same findings, each at
// a line of the YAML text.
void tst_DefinitionLoader::yamlAndJsonAgreeOnTheCorpus()
{
    QFETCH(QString, file);
    const CheckedDefinition json = checkDefinitionFile(file.toStdString(), {});
    if (!json.readable)
        QSKIP("not JSON: nothing to write as YAML");
    const std::string yamlText = jsonToYaml(json.parsed.value);
    const CheckedDefinition yaml = checkDefinitionText(yamlText, FileFormat::Yaml, {});
    QVERIFY2(yaml.readable, yaml.readable ? "" : yaml.diagnostics.front().message.c_str());
    // Duplicate keys cannot survive the round trip through a value; compare the rest.
    QStringList fromJson;
    QStringList fromYaml;
    for (const Diagnostic &d : json.diagnostics) {
        if (d.code != DiagnosticCode::DuplicateKey)
            fromJson << QString::fromStdString(d.code + " " + d.location.pointer + " " + d.message);
    }
    for (const Diagnostic &d : yaml.diagnostics) {
        fromYaml << QString::fromStdString(d.code + " " + d.location.pointer + " " + d.message);
        QVERIFY2(d.location.line > 0, d.code.c_str());
    }
    if (size_t(fromJson.size()) == json.diagnostics.size()) {
        QCOMPARE(yaml.valid(), json.valid());
        // Document order can differ at a block mapping, which starts where its first key does.
        fromYaml.sort();
        fromJson.sort();
        QCOMPARE(fromYaml.join('\n'), fromJson.join('\n'));
    }
}

void tst_DefinitionLoader::yamlDuplicateKeysAreReported()
{
    const std::string text = "StartAt: A\n"
                             "States:\n"
                             "  A:\n"
                             "    Type: Pass\n"
                             "    End: true\n"
                             "    Type: Succeed\n";
    const CheckedDefinition checked = checkDefinitionText(text, FileFormat::Yaml, {});
    QVERIFY(checked.readable);
    QVERIFY(!checked.valid());
    QCOMPARE(checked.diagnostics.front().code, std::string(DiagnosticCode::DuplicateKey));
    QCOMPARE(checked.diagnostics.front().location.pointer, std::string("/States/A/Type"));
    // The first one holds the value, as in JSON.
    QCOMPARE(checked.parsed.value["States"]["A"]["Type"].get<std::string>(), std::string("Pass"));
}

void tst_DefinitionLoader::unreadableFileIsOneDiagnostic()
{
    const CheckedDefinition checked = checkDefinitionFile("/nonexistent/machine.yaml", {});
    QVERIFY(!checked.readable);
    QCOMPARE(checked.format, FileFormat::Yaml);
    QCOMPARE(checked.diagnostics.size(), size_t(1));
    QCOMPARE(checked.diagnostics.front().code, std::string(DiagnosticCode::FileUnreadable));
}

QTEST_GUILESS_MAIN(tst_DefinitionLoader)
#include "tst_definitionloader.moc"
