// stepwise-cli as scripts and CI use it: the real executable, its exit codes and output.
#include "clirunner.h"
#include "model/json/json.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using Stepwise::Model::Json;

namespace {

using Run = Stepwise::Tests::CliRun;
using Stepwise::Tests::runCli;

QString fixture(const QString &code)
{
    return QStringLiteral(STEPWISE_SOURCE_DIR "/tests/model/data/invalid/") + code + ".asl.json";
}

QString example()
{
    return QStringLiteral(STEPWISE_SOURCE_DIR "/resources/examples/timer.asl.json");
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &text)
{
    QString path = dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(text);
    return path;
}

} // namespace

class tst_Cli : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void validateExitCodes_data();
    void validateExitCodes();
    void validateTextLooksLikeACompiler();
    void validateJsonIsOneObjectPerFile();
    void validateReportsMalformedJsonWithPosition();
    void validateRefusesBadOptions();
    void validateReadsYaml();
    void fmtChecksAndRewrites();
    void fmtRefusesMalformedJson();
    void helpListsEveryOption_data();
    void helpListsEveryOption();
    void versionAndTopLevelHelp();
    void aliasBombIsRefusedQuickly_data();
    void aliasBombIsRefusedQuickly();
};

void tst_Cli::validateExitCodes_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("validExample") << QStringList{example()} << 0;
    QTest::newRow("warningsOnly") << QStringList{fixture("NO_TERMINAL_PATH")} << 0;
    QTest::newRow("unreachableIsAnError") << QStringList{fixture("UNREACHABLE_STATE")} << 1;
    QTest::newRow("invalid") << QStringList{fixture("NEXT_TARGET_MISSING")} << 1;
    QTest::newRow("validThenInvalid") << QStringList{example(), fixture("FIELD_CONFLICT")} << 1;
    QTest::newRow("malformed") << QStringList{fixture("JSON_SYNTAX")} << 2;
    QTest::newRow("unreadableWinsOverInvalid")
        << QStringList{fixture("FIELD_TYPE"), QStringLiteral("/nonexistent/x.asl.json")} << 2;
}

void tst_Cli::validateExitCodes()
{
    QFETCH(QStringList, files);
    QFETCH(int, exitCode);
    Run run = runCli(QStringList{"validate"} + files);
    QCOMPARE(run.exitCode, exitCode);
}

void tst_Cli::validateTextLooksLikeACompiler()
{
    const QString file = fixture("NEXT_TARGET_MISSING");
    Run run = runCli({"validate", file});
    QCOMPARE(run.exitCode, 1);
    QStringList lines = run.out.split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    // file:line:col: error CODE: message
    QRegularExpression shape("^(.+):(\\d+):(\\d+): error NEXT_TARGET_MISSING: (.+)$");
    QRegularExpressionMatch match = shape.match(lines.first());
    QVERIFY2(match.hasMatch(), qPrintable(lines.first()));
    QCOMPARE(match.captured(1), file);
    QCOMPARE(match.captured(2).toInt(), 7);
    QVERIFY(match.captured(4).contains("'Nowhere'"));

    Run warning = runCli({"validate", fixture("NO_TERMINAL_PATH")});
    QVERIFY(warning.out.contains(": warning NO_TERMINAL_PATH: "));
    QVERIFY(runCli({"validate", example()}).out.isEmpty());
}

void tst_Cli::validateJsonIsOneObjectPerFile()
{
    Run run
        = runCli({"validate", "--format", "json", example(), fixture("CHOICE_RULE_OPERAND_TYPE")});
    QCOMPARE(run.exitCode, 1);
    QStringList lines = run.out.split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    Json first = Json::parse(lines[0].toStdString());
    QCOMPARE(first["file"].get<std::string>(), example().toStdString());
    QCOMPARE(first["valid"].get<bool>(), true);
    QVERIFY(first["diagnostics"].empty());
    Json second = Json::parse(lines[1].toStdString());
    QCOMPARE(second["valid"].get<bool>(), false);
    QCOMPARE(second["diagnostics"].size(), size_t(1));
    const Json &d = second["diagnostics"][0];
    QCOMPARE(d["code"].get<std::string>(), std::string("CHOICE_RULE_OPERAND_TYPE"));
    QCOMPARE(d["severity"].get<std::string>(), std::string("error"));
    QCOMPARE(d["pointer"].get<std::string>(), std::string("/States/A/Choices/0/NumericEquals"));
    QVERIFY(d["line"].get<int>() > 1);
    QVERIFY(d["column"].get<int>() > 1);
    QVERIFY(!d["message"].get<std::string>().empty());
}

void tst_Cli::validateReportsMalformedJsonWithPosition()
{
    QTemporaryDir dir;
    QString file
        = writeFile(dir, "broken.asl.json", "{\n  \"StartAt\": \"A\",\n  \"States\": [1,]\n}");
    Run text = runCli({"validate", file});
    QCOMPARE(text.exitCode, 2);
    QVERIFY2(text.out.startsWith(file + ":3:16: error JSON_SYNTAX: "), qPrintable(text.out));

    Run json = runCli({"validate", "--format", "json", file});
    QCOMPARE(json.exitCode, 2);
    Json report = Json::parse(json.out.toStdString());
    QCOMPARE(report["valid"].get<bool>(), false);
    QCOMPARE(report["diagnostics"][0]["code"].get<std::string>(), std::string("JSON_SYNTAX"));
    QCOMPARE(report["diagnostics"][0]["line"].get<int>(), 3);
    QCOMPARE(report["diagnostics"][0]["column"].get<int>(), 16);

    Run missing = runCli({"validate", "--format", "json", dir.filePath("absent.json")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.out.contains("FILE_UNREADABLE"));
}

void tst_Cli::validateRefusesBadOptions()
{
    QCOMPARE(runCli({"validate"}).exitCode, 2);
    QCOMPARE(runCli({"validate", "--format", "xml", example()}).exitCode, 2);
    QCOMPARE(runCli({"validate", "--strict", example()}).exitCode, 2);
    Run express = runCli({"validate", "--type", "express", fixture("NEXT_AND_END")});
    QCOMPARE(express.exitCode, 1);
}

void tst_Cli::validateReadsYaml()
{
    QTemporaryDir dir;
    QString valid = writeFile(dir, "ok.asl.yaml",
                              "StartAt: Wait\nStates:\n  Wait:\n    Type: Wait\n"
                              "    SecondsPath: $.timer_seconds\n    End: true\n");
    QCOMPARE(runCli({"validate", valid}).exitCode, 0);
    QString invalid = writeFile(dir, "bad.yml", "StartAt: A\nStates:\n  A:\n    Type: Pass\n");
    Run run = runCli({"validate", invalid});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains("error NEXT_OR_END_MISSING") && run.out.contains("[/States/A]"),
             qPrintable(run.out));
    QString broken = writeFile(dir, "broken.yaml", "StartAt: [\n");
    Run unreadable = runCli({"validate", broken});
    QCOMPARE(unreadable.exitCode, 2);
    QVERIFY(unreadable.out.contains("YAML_SYNTAX"));
}

void tst_Cli::fmtChecksAndRewrites()
{
    QTemporaryDir dir;
    const QByteArray messy = R"({"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}})";
    QString file = writeFile(dir, "messy.asl.json", messy);
    Run check = runCli({"fmt", file, "--check"});
    QCOMPARE(check.exitCode, 1);
    QVERIFY(check.out.contains("not canonically formatted"));

    QCOMPARE(runCli({"fmt", file}).exitCode, 0);
    QFile rewritten(file);
    QVERIFY(rewritten.open(QIODevice::ReadOnly));
    QByteArray text = rewritten.readAll();
    QVERIFY(text != messy);
    // Same document, keys in the order written.
    QCOMPARE(Json::parse(text.toStdString()), Json::parse(messy.toStdString()));
    QVERIFY(text.indexOf("\"StartAt\"") < text.indexOf("\"States\""));
    QCOMPARE(runCli({"fmt", file, "--check"}).exitCode, 0);
    QCOMPARE(runCli({"validate", file}).exitCode, 0);
}

void tst_Cli::fmtRefusesMalformedJson()
{
    QTemporaryDir dir;
    QByteArray broken = "{\"StartAt\": }";
    QString file = writeFile(dir, "broken.asl.json", broken);
    Run run = runCli({"fmt", file});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(":1:"));
    QFile untouched(file);
    QVERIFY(untouched.open(QIODevice::ReadOnly));
    QCOMPARE(untouched.readAll(), broken);
}

void tst_Cli::helpListsEveryOption_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("options");
    QTest::newRow("validate") << "validate" << QStringList{"--format", "--type", "--help"};
    QTest::newRow("fmt") << "fmt" << QStringList{"--check", "--help"};
    QTest::newRow("run")
        << "run"
        << QStringList{
               "--input", "--mocks",    "--test-case",      "--history",           "--format",
               "--seed",  "--realtime", "--execution-name", "--state-machine-arn", "--s3-dir",
               "--help"};
}

// `COMMAND --help`, `COMMAND -h` and `help COMMAND` print the same text to stdout, exit 0,
// and name every option the command accepts.
void tst_Cli::helpListsEveryOption()
{
    QFETCH(QString, command);
    QFETCH(QStringList, options);
    const Run help = runCli({command, "--help"});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.err.isEmpty());
    QVERIFY2(help.out.startsWith("usage: stepwise-cli " + command), qPrintable(help.out));
    QVERIFY(help.out.contains("exit status"));
    for (const QString &option : options)
        QVERIFY2(help.out.contains(option), qPrintable(command + " --help lacks " + option));
    QCOMPARE(runCli({command, "-h"}).out, help.out);
    QCOMPARE(runCli({"help", command}).out, help.out);
    // Help wins over whatever else is on the line, even arguments that would be wrong.
    const Run mixed = runCli({command, "--no-such-option", "--help"});
    QCOMPARE(mixed.exitCode, 0);
    QCOMPARE(mixed.out, help.out);
}

void tst_Cli::versionAndTopLevelHelp()
{
    const Run version = runCli({"--version"});
    QCOMPARE(version.exitCode, 0);
    QVERIFY2(
        QRegularExpression("^stepwise-cli \\d+\\.\\d+\\.\\d+\n$").match(version.out).hasMatch(),
        qPrintable(version.out));
    QCOMPARE(runCli({"-V"}).out, version.out);
    const Run help = runCli({"--help"});
    QCOMPARE(help.exitCode, 0);
    for (const char *command : {"validate", "fmt", "run", "--version", "--help"})
        QVERIFY2(help.out.contains(command), command);
    QCOMPARE(runCli({"help"}).out, help.out);
    // No command: the same text, to stderr, as a usage error.
    const Run none = runCli({});
    QCOMPARE(none.exitCode, 2);
    QCOMPARE(none.err, help.out);
    QCOMPARE(runCli({"frobnicate"}).exitCode, 2);
}

void tst_Cli::aliasBombIsRefusedQuickly_data()
{
    QTest::addColumn<QString>("command");
    QTest::newRow("validate") << "validate";
    QTest::newRow("run") << "run";
}

// A few hundred bytes of nested YAML aliases stand for 10^9 values: both commands refuse the
// file at once, naming the line, instead of expanding it.
void tst_Cli::aliasBombIsRefusedQuickly()
{
    QFETCH(QString, command);
    QTemporaryDir dir;
    QByteArray bomb = "a: &a [lol]\n";
    for (char level = 'b'; level <= 'j'; ++level) {
        bomb += QByteArray(1, level) + ": &" + level + " [";
        for (int i = 0; i < 10; ++i)
            bomb += (i ? ",*" : "*") + QByteArray(1, char(level - 1));
        bomb += "]\n";
    }
    QVERIFY(bomb.size() < 400);
    const QString file = writeFile(dir, "bomb.yaml", bomb);
    const Run run = runCli({command, file});
    QCOMPARE(run.exitCode, 2);
    const QString printed = command == "run" ? run.err : run.out;
    QVERIFY2(printed.startsWith(file + ":6:")
                 && printed.contains("error YAML_SYNTAX: YAML aliases"),
             qPrintable(printed));
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
