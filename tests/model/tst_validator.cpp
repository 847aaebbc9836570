#include "model/asl/fieldcatalog.h"
#include "model/json/jsonpointer.h"
#include "model/json/jsonreader.h"
#include "model/validation/diagnosticcodes.h"
#include "model/validation/expressionsyntax.h"
#include "model/validation/validator.h"
#include "testdata.h"

#include <QFile>
#include <QtTest>

#include <set>

using namespace Stepwise::Model;

namespace {

// Stands in for the simulator's JSONata parser so the model's own test can show that a
// parse error becomes JSONATA_INVALID at the right place: it refuses unbalanced brackets.
class BracketCheckingSyntax : public ExpressionSyntax
{
  public:
    std::optional<SyntaxError> checkPath(std::string_view, PathKind) const override
    {
        return std::nullopt;
    }
    std::optional<SyntaxError> checkIntrinsic(std::string_view) const override
    {
        return std::nullopt;
    }
    std::optional<SyntaxError> checkJsonata(std::string_view expression) const override
    {
        int depth = 0;
        for (char c : expression) {
            depth += (c == '(') - (c == ')');
            if (depth < 0)
                return SyntaxError{"unexpected ')'", 0};
        }
        if (depth != 0)
            return SyntaxError{"expected ')'", int(expression.size())};
        return std::nullopt;
    }
    std::vector<std::string> jsonataVariables(std::string_view) const override { return {}; }
};

struct Outcome
{
    bool readable = true;
    std::vector<Diagnostic> diagnostics;
};

Outcome validateText(const QByteArray &text, const ExpressionSyntax *expressions = nullptr)
{
    Outcome outcome;
    auto parsed = readJson(std::string_view(text.constData(), size_t(text.size())));
    if (!parsed.ok()) {
        outcome.readable = false;
        Diagnostic syntax;
        syntax.code = std::string(DiagnosticCode::JsonSyntax);
        syntax.location = parsed.error().location;
        outcome.diagnostics.push_back(syntax);
        return outcome;
    }
    ValidationOptions options;
    options.sourceMap = &parsed->sourceMap;
    options.duplicateKeys = &parsed->duplicateKeys;
    options.expressions = expressions;
    outcome.diagnostics = validateDefinition(parsed->value, options);
    return outcome;
}

QString describe(const std::vector<Diagnostic> &diagnostics)
{
    QStringList parts;
    for (const Diagnostic &d : diagnostics)
        parts << QString::fromStdString(d.code + " at '" + d.location.pointer + "': " + d.message);
    return parts.join(QStringLiteral("; "));
}

// The validator's fixtures live beside the model tests.
QString modelDataPath(const QString &relative)
{
    return QStringLiteral(STEPWISE_SOURCE_DIR "/tests/model/data/") + relative;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace

class tst_Validator : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void eachCodeHasAFixtureProducingExactlyIt_data();
    void eachCodeHasAFixtureProducingExactlyIt();
    void everyFixtureAndCodeIsCatalogued();
    void everyCodeIsDocumented();
    void acceptsWhatAwsAccepts_data();
    void acceptsWhatAwsAccepts();
    void rejectsWhatAwsRejects_data();
    void rejectsWhatAwsRejects();
    void fieldCatalogueDecidesWhereFieldsBelong_data();
    void fieldCatalogueDecidesWhereFieldsBelong();
    void fieldsForAStateFollowTheCatalogue();
    void diagnosticsNameTheStateAndItsLine();
    void expressTypeRefusesCallbacks();
};

void tst_Validator::eachCodeHasAFixtureProducingExactlyIt_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("pointer");
    QFile table(modelDataPath(QStringLiteral("invalid/expected.tsv")));
    QVERIFY(table.open(QIODevice::ReadOnly | QIODevice::Text));
    std::map<std::string, QString> pointers;
    while (!table.atEnd()) {
        QString line = QString::fromUtf8(table.readLine()).chopped(1);
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        QStringList fields = line.split('\t');
        pointers[fields.value(0).toStdString()] = fields.value(1);
    }
    for (const DiagnosticCodeInfo &info : diagnosticCatalogue()) {
        std::string code(info.code);
        QVERIFY2(pointers.count(code), ("no expected pointer for " + code).c_str());
        QTest::newRow(code.c_str()) << QString::fromStdString(code) << pointers[code];
    }
}

void tst_Validator::eachCodeHasAFixtureProducingExactlyIt()
{
    QFETCH(QString, code);
    QFETCH(QString, pointer);
    QByteArray text = readFile(modelDataPath("invalid/" + code + ".asl.json"));
    QVERIFY2(!text.isEmpty(), "fixture missing");
    BracketCheckingSyntax jsonata;
    // JSONata syntax needs a parser; every other rule is the model's own.
    Outcome outcome = validateText(text, code == "JSONATA_INVALID" ? &jsonata : nullptr);

    std::set<std::string> codes;
    for (const Diagnostic &d : outcome.diagnostics)
        codes.insert(d.code);
    QVERIFY2(codes == std::set<std::string>{code.toStdString()},
             qPrintable(describe(outcome.diagnostics)));
    const DiagnosticCodeInfo *info = findDiagnosticCode(code.toStdString());
    bool found = false;
    for (const Diagnostic &d : outcome.diagnostics) {
        if (d.location.pointer != pointer.toStdString())
            continue;
        found = true;
        // A diagnostic inside a state names that state.
        std::vector<std::string> tokens = splitPointer(d.location.pointer);
        std::string state;
        for (size_t i = 0; i + 1 < tokens.size(); ++i) {
            if (tokens[i] == "States")
                state = tokens[i + 1];
        }
        if (!state.empty())
            QVERIFY2(d.message.find("'" + state + "'") != std::string::npos, d.message.c_str());
        QVERIFY(d.location.line > 0);
        QVERIFY(d.location.column > 0);
        if (outcome.readable)
            QVERIFY(d.severity == info->severity);
    }
    QVERIFY2(found, qPrintable("expected at '" + pointer + "': " + describe(outcome.diagnostics)));
}

void tst_Validator::everyFixtureAndCodeIsCatalogued()
{
    QDir dir(modelDataPath(QStringLiteral("invalid")));
    const QStringList fixtures = dir.entryList({QStringLiteral("*.asl.json")}, QDir::Files);
    QCOMPARE(size_t(fixtures.size()), diagnosticCatalogue().size());
    std::set<std::string_view> seen;
    for (const DiagnosticCodeInfo &info : diagnosticCatalogue()) {
        QVERIFY2(seen.insert(info.code).second, "code listed twice");
        QVERIFY(!info.summary.empty());
    }
    for (const QString &file : fixtures) {
        QString code = file.chopped(int(qstrlen(".asl.json")));
        QVERIFY2(findDiagnosticCode(code.toStdString()), qPrintable(file));
    }
}

void tst_Validator::everyCodeIsDocumented()
{
    QByteArray doc = readFile(QStringLiteral(STEPWISE_SOURCE_DIR "/docs/diagnostics.md"));
    QVERIFY(!doc.isEmpty());
    for (const DiagnosticCodeInfo &info : diagnosticCatalogue()) {
        QByteArray entry = "`" + QByteArray(info.code.data(), qsizetype(info.code.size())) + "`";
        QVERIFY2(doc.contains(entry), entry.constData());
    }
}

void tst_Validator::acceptsWhatAwsAccepts_data()
{
    QTest::addColumn<QByteArray>("definition");
    auto row = [](const char *name, const char *states, const char *top = "") {
        QTest::newRow(name) << (QByteArray("{") + top + R"j("StartAt": "A", "States": )j" + states
                                + "}");
    };
    row("samPlaceholderResource",
        R"j({"A": {"Type": "Task", "Resource": "${FnArn}", "End": true}})j");
    row("cloudFormationSubResource",
        R"j({"A": {"Type": "Task", "Resource": {"Fn::Sub": "arn:${AWS::Partition}:states:::lambda:invoke"}, "End": true}})j");
    row("placeholderTimeout",
        R"j({"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": "${Timeout}", "End": true}})j");
    row("retryWithEveryField",
        R"j({"A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST", "End": true,
            "Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 2, "MaxAttempts": 0,
                       "BackoffRate": 1.5, "MaxDelaySeconds": 10, "JitterStrategy": "FULL", "Comment": "c"},
                      {"ErrorEquals": ["States.ALL"]}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B", "ResultPath": "$.error", "Comment": "c"}]},
           "B": {"Type": "Fail", "ErrorPath": "$.error.Error", "CausePath": "States.Format('{}', $.x)"
}
})j");
    row("jsonataWaitAndTask",
        R"j({"A": {"Type": "Wait", "Seconds": "{% $states.input.delay %}", "Next": "T"},
            "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"Payload": "{% $states.input %}"},
                  "Output": "{% $states.result %}", "Assign": {"count": "{% 1 %}"}, "TimeoutSeconds": "{% 30 %}",
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Output": {"e": "{% $states.errorOutput %}"}, "Next": "F"}],
                  "End": true},
            "F": {"Type": "Fail", "Error": "{% 'E' %}", "Cause": "literal"}})j",
        R"j("QueryLanguage": "JSONata", )j");
    row("jsonataChoice",
        R"j({"A": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.x > 1 %}", "Next": "B", "Assign": {"y": 1}}], "Default": "B"},
            "B": {"Type": "Succeed", "Output": "{% $y %}"}})j",
        R"j("QueryLanguage": "JSONata", )j");
    row("jsonPathChoiceEveryShape",
        R"j({"A": {"Type": "Choice", "Choices": [
              {"And": [{"Variable": "$.a", "IsPresent": true}, {"Not": {"Variable": "$.a", "StringMatches": "x*"}}], "Next": "B"},
              {"Variable": "$$.Execution.Input.n", "NumericGreaterThanEqualsPath": "$.limit", "Next": "B", "Assign": {"v.$": "$.a"}},
              {"Variable": "$.t", "TimestampLessThan": "2024-01-01T00:00:00.5+01:00", "Next": "B"},
              {"Variable": "$.b", "BooleanEquals": false, "Next": "B"}]},
            "B": {"Type": "Succeed"}})j");
    row("distributedMapEveryField",
        R"j({"A": {"Type": "Map", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "MaxItems": 10},
                  "Parameters": {"Bucket.$": "$.bucket", "Key": "k"}},
                  "ItemBatcher": {"MaxItemsPerBatch": 5, "BatchInput": {"x.$": "$.x"}},
                  "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "b", "Prefix": "p"}},
                  "ItemSelector": {"item.$": "$$.Map.Item.Value"}, "MaxConcurrency": 100,
                  "ToleratedFailurePercentage": 5.5, "ToleratedFailureCount": 3, "Label": "run_1",
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                                    "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}},
                  "ResultPath": null, "End": true}})j");
    row("distributedChildMayUseJsonPath",
        R"j({"A": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
              "StartAt": "I", "States": {"I": {"Type": "Pass", "QueryLanguage": "JSONPath", "Parameters": {"a.$": "$.b"}, "End": true}}},
              "End": true}})j",
        R"j("QueryLanguage": "JSONata", )j");
    row("inlineMapIterator",
        R"j({"A": {"Type": "Map", "ItemsPath": "$.items", "Iterator": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "Parameters": {"x.$": "$$.Map.Item.Value"}, "MaxConcurrency": 0, "End": true}})j");
    row("parallelWithCredentials",
        R"j({"A": {"Type": "Parallel", "Branches": [{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Credentials": {"RoleArn.$": "$.role"}, "HeartbeatSecondsPath": "$.hb", "End": true}}}], "ResultSelector": {"r.$": "$[0]"}, "End": true}})j");
    row("topLevelFields",
        R"j({"A": {"Type": "Pass", "Result": {"x": [1]}, "ResultPath": "$.out", "End": true}})j",
        R"j("Comment": "c", "Version": "1.0", "TimeoutSeconds": 60, )j");
    row("jaywayPaths",
        R"j({"A": {"Type": "Pass", "Parameters": {"a.$": "$.[0]", "b.$": "$..name", "c.$": "$.list[?(@.x > 1)]", "d.$": "$['key with space']"}, "End": true}})j");
}

void tst_Validator::acceptsWhatAwsAccepts()
{
    QFETCH(QByteArray, definition);
    Outcome outcome = validateText(definition);
    QVERIFY(outcome.readable);
    QVERIFY2(outcome.diagnostics.empty(), qPrintable(describe(outcome.diagnostics)));
}

void tst_Validator::rejectsWhatAwsRejects_data()
{
    QTest::addColumn<QByteArray>("states");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("pointer");
    auto row = [](const char *name, const char *states, const char *code, const char *pointer) {
        QTest::newRow(name) << QByteArray(states) << code << pointer;
    };
    row("assignReservedStates",
        R"j({"A": {"Type": "Pass", "Assign": {"states": 1}, "End": true}})j",
        "VARIABLE_NAME_INVALID", "/States/A/Assign/states");
    row("catchWithoutNext",
        R"j({"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Catch": [{"ErrorEquals": ["States.ALL"]}], "End": true}})j",
        "FIELD_REQUIRED", "/States/A/Catch/0");
    row("catchTargetInOtherScope",
        R"j({"A": {"Type": "Parallel", "Branches": [{"StartAt": "T", "States": {"T": {"Type": "Pass", "Next": "A"}}}], "End": true}})j",
        "NEXT_TARGET_MISSING", "/States/A/Branches/0/States/T/Next");
    row("backoffBelowOne",
        R"j({"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [{"ErrorEquals": ["X"], "BackoffRate": 0.5}], "End": true}})j",
        "FIELD_RANGE", "/States/A/Retry/0/BackoffRate");
    row("jitterUnknown",
        R"j({"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [{"ErrorEquals": ["X"], "JitterStrategy": "SOME"}], "End": true}})j",
        "FIELD_RANGE", "/States/A/Retry/0/JitterStrategy");
    row("heartbeatNotBelowTimeout",
        R"j({"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 10, "HeartbeatSeconds": 10, "End": true}})j",
        "FIELD_RANGE", "/States/A/HeartbeatSeconds");
    row("credentialsWithoutRole",
        R"j({"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Credentials": {}, "End": true}})j",
        "FIELD_REQUIRED", "/States/A/Credentials");
    row("resultPathIntoContext", R"j({"A": {"Type": "Pass", "ResultPath": "$$.x", "End": true}})j",
        "PATH_INVALID", "/States/A/ResultPath");
    row("variableWithWildcard",
        R"j({"A": {"Type": "Choice", "Choices": [{"Variable": "$.a[*]", "IsPresent": true, "Next": "B"}]}, "B": {"Type": "Succeed"}})j",
        "PATH_INVALID", "/States/A/Choices/0/Variable");
    row("errorPathNotString",
        R"j({"A": {"Type": "Fail", "ErrorPath": "States.MathAdd(1, 2)"
}
})j",
        "INTRINSIC_INVALID", "/States/A/ErrorPath");
    row("illegalIntrinsicEscape",
        R"j({"A": {"Type": "Pass", "Parameters": {"p.$": "States.Format('say \\\"hi\\\"')"
    }
    , "End" : true
    }
    })j",
        "INTRINSIC_INVALID", "/States/A/Parameters/p.$");
    row("templateKeyTwice",
        R"j({"A": {"Type": "Pass", "Parameters": {"a": 1, "a.$": "$.a"}, "End": true}})j",
        "DUPLICATE_KEY", "/States/A/Parameters/a.$");
    row("itemsPathNull",
        R"j({"A": {"Type": "Map", "ItemsPath": null, "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}})j",
        "FIELD_TYPE", "/States/A/ItemsPath");
    row("distributedWithoutExecutionType",
        R"j({"A": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}})j",
        "FIELD_REQUIRED", "/States/A/ItemProcessor/ProcessorConfig");
    row("labelTooLong",
        R"j({"A": {"Type": "Map", "Label": "12345678901234567890123456789012345678901", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}})j",
        "LABEL_INVALID", "/States/A/Label");
    row("lambdaArnWithEmptyQualifier",
        R"j({"A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f:", "End": true}})j",
        "RESOURCE_INVALID", "/States/A/Resource");
    row("choiceTakesNoEnd",
        R"j({"A": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true, "Next": "B"}], "End": true}, "B": {"Type": "Succeed"}})j",
        "FIELD_NOT_ALLOWED", "/States/A/End");
    row("readerInputTypeUnknown",
        R"j({"A": {"Type": "Map", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "XML"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}})j",
        "FIELD_RANGE", "/States/A/ItemReader/ReaderConfig/InputType");
    row("batcherCountAndPath",
        R"j({"A": {"Type": "Map", "ItemBatcher": {"MaxItemsPerBatch": 2, "MaxItemsPerBatchPath": "$.n"},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}})j",
        "FIELD_CONFLICT", "/States/A/ItemBatcher/MaxItemsPerBatchPath");
    row("catcherResultPathInJsonata",
        R"j({"A": {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke",
              "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.e", "Next": "B"}], "End": true}, "B": {"Type": "Succeed"}})j",
        "FIELD_QUERY_LANGUAGE", "/States/A/Catch/0/ResultPath");
    row("writerConfigWithoutOutputType",
        R"j({"A": {"Type": "Map", "ResultWriter": {"WriterConfig": {"Transformation": "NONE"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}})j",
        "FIELD_REQUIRED", "/States/A/ResultWriter/WriterConfig");
    row("emptyBranches", R"j({"A": {"Type": "Parallel", "Branches": [], "End": true}})j",
        "FIELD_RANGE", "/States/A/Branches");
    row("emptyChoices",
        R"j({"A": {"Type": "Choice", "Choices": [], "Default": "B"}, "B": {"Type": "Succeed"}})j",
        "FIELD_RANGE", "/States/A/Choices");
}

void tst_Validator::rejectsWhatAwsRejects()
{
    QFETCH(QByteArray, states);
    QFETCH(QString, code);
    QFETCH(QString, pointer);
    Outcome outcome = validateText(R"j({"StartAt": "A", "States": )j" + states + "}");
    QVERIFY(outcome.readable);
    bool found = false;
    for (const Diagnostic &d : outcome.diagnostics) {
        found = found
                || (d.code == code.toStdString() && d.location.pointer == pointer.toStdString());
    }
    QVERIFY2(found, qPrintable(describe(outcome.diagnostics)));
    QVERIFY(hasErrors(outcome.diagnostics));
}

void tst_Validator::fieldCatalogueDecidesWhereFieldsBelong_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("expectedCode"); // empty: the field is accepted there
    for (const FieldInfo &field : stateFieldCatalog()) {
        // Type and QueryLanguage shape the state itself; every state has them.
        if (field.name == "Type" || field.name == "QueryLanguage")
            continue;
        for (StateType type : allStateTypes) {
            for (QueryLanguage language : {QueryLanguage::JsonPath, QueryLanguage::Jsonata}) {
                QString expected;
                if (!field.appliesTo(type))
                    expected = QStringLiteral("FIELD_NOT_ALLOWED");
                else if (!field.allowedIn(language))
                    expected = QStringLiteral("FIELD_QUERY_LANGUAGE");
                std::string name = std::string(field.name) + "/" + std::string(toString(type)) + "/"
                                   + std::string(toString(language));
                QTest::newRow(name.c_str())
                    << QString::fromUtf8(field.name.data(), qsizetype(field.name.size()))
                    << QString::fromUtf8(toString(type).data())
                    << QString::fromUtf8(toString(language).data()) << expected;
            }
        }
    }
}

void tst_Validator::fieldCatalogueDecidesWhereFieldsBelong()
{
    QFETCH(QString, field);
    QFETCH(QString, type);
    QFETCH(QString, language);
    QFETCH(QString, expectedCode);
    Json state = Json::object();
    state["Type"] = type.toStdString();
    state["QueryLanguage"] = language.toStdString();
    state[field.toStdString()] = nullptr;
    Json definition
        = {{"QueryLanguage", language.toStdString()}, {"StartAt", "S"}, {"States", {{"S", state}}}};
    std::string pointer = appendPointer("/States/S", field.toStdString());
    std::set<std::string> placement;
    for (const Diagnostic &d : validateDefinition(definition)) {
        if (d.location.pointer == pointer
            && (d.code == "FIELD_NOT_ALLOWED" || d.code == "FIELD_QUERY_LANGUAGE"
                || d.code == "FIELD_UNKNOWN"))
            placement.insert(d.code);
    }
    std::set<std::string> expected;
    if (!expectedCode.isEmpty())
        expected.insert(expectedCode.toStdString());
    QVERIFY(placement == expected);
}

void tst_Validator::fieldsForAStateFollowTheCatalogue()
{
    auto names = [](StateType type, QueryLanguage language) {
        std::set<std::string_view> out;
        for (const FieldInfo *field : fieldsFor(type, language))
            out.insert(field->name);
        return out;
    };
    auto jsonataTask = names(StateType::Task, QueryLanguage::Jsonata);
    QVERIFY(jsonataTask.count("Arguments") && jsonataTask.count("Output"));
    QVERIFY(!jsonataTask.count("Parameters") && !jsonataTask.count("ResultPath"));
    auto jsonPathMap = names(StateType::Map, QueryLanguage::JsonPath);
    QVERIFY(jsonPathMap.count("ItemsPath") && jsonPathMap.count("ItemSelector"));
    QVERIFY(!jsonPathMap.count("Items") && jsonPathMap.count("Next"));
    auto fail = names(StateType::Fail, QueryLanguage::JsonPath);
    QVERIFY(fail.count("ErrorPath") && !fail.count("Next") && !fail.count("OutputPath"));
    QVERIFY(findChoiceOperator("NumericLessThanEqualsPath")->operand == OperandKind::Path);
    QVERIFY(findObjectField(ObjectKind::Retrier, "JitterStrategy")->values == "FULL NONE");
}

void tst_Validator::diagnosticsNameTheStateAndItsLine()
{
    Outcome outcome = validateText("{\n  \"StartAt\": \"Fetch\",\n  \"States\": {\n"
                                   "    \"Fetch\": {\n      \"Type\": \"Pass\",\n"
                                   "      \"Next\": \"Gone\"\n    }\n  }\n}\n");
    QCOMPARE(outcome.diagnostics.size(), size_t(1));
    const Diagnostic &d = outcome.diagnostics.front();
    QCOMPARE(d.code, std::string("NEXT_TARGET_MISSING"));
    QVERIFY(d.message.find("'Fetch'") != std::string::npos);
    QVERIFY(d.message.find("'Gone'") != std::string::npos);
    QCOMPARE(d.location.pointer, std::string("/States/Fetch/Next"));
    QCOMPARE(d.location.line, 6);
    QCOMPARE(d.location.column, 15);
}

void tst_Validator::expressTypeRefusesCallbacks()
{
    Json definition = Json::parse(
        R"j({"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Next": "B"},
            "B": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:work", "End": true}}})j");
    QVERIFY(!hasErrors(validateDefinition(definition)));
    ValidationOptions express;
    express.type = StateMachineType::Express;
    std::vector<Diagnostic> diagnostics = validateDefinition(definition, express);
    QCOMPARE(diagnostics.size(), size_t(2));
    QCOMPARE(diagnostics[0].code, std::string("RESOURCE_UNSUPPORTED"));
    QCOMPARE(diagnostics[0].location.pointer, std::string("/States/A/Resource"));
    QCOMPARE(diagnostics[1].location.pointer, std::string("/States/B/Resource"));
}

QTEST_GUILESS_MAIN(tst_Validator)
#include "tst_validator.moc"
