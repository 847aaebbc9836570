// Fields that read a value through a path at run time: each field with each kind of bad
// value fails as AWS words it (the rule of the field's family), and good values run.
#include "model/json/jsonreader.h"
#include "simulator/engine/compiledmachine.h"
#include "simulator/engine/execution.h"

#include <QtTest>

using namespace Stepwise;
using Model::Json;

namespace {

// A state machine whose only state reads `field` through "$.v".
std::string definitionFor(const QString &field)
{
    const std::string f = field.toStdString();
    const std::string items = R"("ItemsPath": "$.items", "ItemProcessor": {"StartAt": "P",
        "States": {"P": {"Type": "Pass", "End": true}}})";
    if (f == "TimeoutSecondsPath" || f == "HeartbeatSecondsPath")
        return R"({"StartAt": "S", "States": {"S": {"Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke", ")"
               + f + R"(": "$.v", "End": true}}})";
    if (f == "SecondsPath" || f == "TimestampPath")
        return R"({"StartAt": "S", "States": {"S": {"Type": "Wait", ")" + f
               + R"(": "$.v", "End": true}}})";
    if (f == "ErrorPath" || f == "CausePath")
        return R"({"StartAt": "S", "States": {"S": {"Type": "Fail", ")" + f + R"(": "$.v"}}})";
    if (f == "ItemsPath")
        return R"({"StartAt": "S", "States": {"S": {"Type": "Map", "ItemsPath": "$.v",
            "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
            "End": true}}})";
    if (f == "MaxItemsPath")
        return R"({"StartAt": "S", "States": {"S": {"Type": "Map", "ItemReader": {
            "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON",
            "MaxItemsPath": "$.v"}, "Parameters": {"Bucket": "b", "Key": "k"}},
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED",
            "ExecutionType": "STANDARD"}, "StartAt": "P", "States": {"P": {"Type": "Pass",
            "End": true}}}, "End": true}}})";
    if (f == "MaxItemsPerBatchPath" || f == "MaxInputBytesPerBatchPath")
        return R"({"StartAt": "S", "States": {"S": {"Type": "Map", "ItemBatcher": {")" + f
               + R"(": "$.v"}, "ItemsPath": "$.items", "ItemProcessor": {"ProcessorConfig":
            {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "P", "States":
            {"P": {"Type": "Pass", "End": true}}}, "End": true}}})";
    // MaxConcurrencyPath, ToleratedFailureCountPath, ToleratedFailurePercentagePath
    return R"({"StartAt": "S", "States": {"S": {"Type": "Map", ")" + f + R"(": "$.v", )" + items
           + R"(, "End": true}}})";
}

struct Outcome
{
    QString status;
    QString error;
    QString cause;
};

Outcome run(const QString &field, const Json &input)
{
    auto parsed = Model::readJson(definitionFor(field), {false});
    if (!parsed)
        qFatal("bad test definition for %s", qPrintable(field));
    auto machine = Sim::CompiledMachine::compile(parsed->value);
    if (!machine)
        qFatal("does not compile: %s", machine.error().message.c_str());
    Sim::ExecutionOptions options;
    options.startTimeMillis = 1700000000000;
    options.executionName = "test";
    Sim::Execution execution(machine.value(), input, options);
    const Sim::ExecutionStatus status = execution.run();
    Outcome out;
    out.status = status == Sim::ExecutionStatus::Succeeded  ? "SUCCEEDED"
                 : status == Sim::ExecutionStatus::TimedOut ? "TIMED_OUT"
                                                            : "FAILED";
    out.error = QString::fromStdString(execution.failure().error);
    out.cause = QString::fromStdString(execution.failure().cause);
    return out;
}

const QString prefix
    = "An error occurred while executing the state 'S' (entered at the event id #2). ";

// "$.v" as each kind of bad value, and its text in a cause.
struct BadValue
{
    const char *name;
    const char *json; // nullptr: the path selects nothing
    const char *text;
};

const BadValue typeErrors[] = {
    {"string", R"("abc")", "abc"},
    {"object", R"({})", "{}"},
    {"array", R"([1])", "[1]"},
    {"boolean", "true", "true"},
    {"null", "null", "null"},
    {"fraction", "1.5", "1.5"},
    {"fraction as text", R"("2.5")", "2.5"},
    {"beyond an int", "3000000000", "3000000000"},
};

// The state's input, as JSON text (test data columns hold text).
QByteArray inputWith(const char *json)
{
    Json input = {{"items", Json::array({1, 2})}};
    if (json)
        input["v"] = Json::parse(json);
    return QByteArray::fromStdString(input.dump());
}

} // namespace

class tst_PathValues : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void badValues_data();
    void badValues();
    void goodValuesRun_data();
    void goodValuesRun();
};

void tst_PathValues::badValues_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("cause");
    const QString missing = "Invalid path '$.v' : No results for path: $['v']";

    // Whole numbers: one wording for a value that is no int, each field's own below its
    // minimum.
    struct Integer
    {
        const char *field;
        const char *negative; // the cause for -1 (without the state prefix when Runtime)
        const char *zero;     // the cause for 0, or nullptr when 0 is valid
        const char *error;    // for negatives
    };
    const Integer integers[] = {
        {"MaxConcurrencyPath",
         "Expected non-negative integer for MaxConcurrency, got '-1' instead.", nullptr,
         "States.Runtime"},
        {"ToleratedFailureCountPath", "ToleratedFailureCount cannot be negative.", nullptr,
         "States.Runtime"},
        {"MaxItemsPath", "field MaxItems must be positive", nullptr, "States.ItemReaderFailed"},
        {"MaxItemsPerBatchPath",
         "Expected positive integer for MaxItemsPerBatch, got '-1' instead.",
         "Expected positive integer for MaxItemsPerBatch, got '0' instead.", "States.Runtime"},
        {"MaxInputBytesPerBatchPath",
         "Expected positive integer for MaxInputBytesPerBatch, got '-1' instead.",
         "Expected positive integer for MaxInputBytesPerBatch, got '0' instead.", "States.Runtime"},
        {"TimeoutSecondsPath", "Expected positive integer for TimeoutSeconds, got '-1' instead.",
         "Expected positive integer for TimeoutSeconds, got '0' instead.", "States.Runtime"},
        {"HeartbeatSecondsPath",
         "Expected positive integer for HeartbeatSeconds, got '-1' instead.",
         "Expected positive integer for HeartbeatSeconds, got '0' instead.", "States.Runtime"},
    };
    for (const Integer &i : integers) {
        const QString field = i.field;
        QTest::addRow("%s missing", i.field)
            << field << inputWith(nullptr) << "States.Runtime" << prefix + missing;
        for (const BadValue &v : typeErrors) {
            QTest::addRow("%s %s", i.field, v.name)
                << field << inputWith(v.json) << "States.Runtime"
                << prefix + "The " + field + " field refers to value \"" + v.text
                       + "\" which is not a valid integer: $.v";
        }
        const bool runtime = QString(i.error) == "States.Runtime";
        QTest::addRow("%s negative", i.field)
            << field << inputWith("-1") << i.error << (runtime ? prefix : QString()) + i.negative;
        QTest::addRow("%s negative as text", i.field)
            << field << inputWith(R"("-1")") << i.error
            << (runtime ? prefix : QString()) + i.negative;
        if (i.zero)
            QTest::addRow("%s zero", i.field)
                << field << inputWith("0") << i.error << prefix + i.zero;
    }

    // A percentage: a number from 0 to 100.
    const QString percentage = "ToleratedFailurePercentagePath";
    QTest::newRow("percentage missing")
        << percentage << inputWith(nullptr) << "States.Runtime" << prefix + missing;
    for (const char *bad : {R"("abc")", "{}", "true", "null"}) {
        const Json value = Json::parse(bad);
        QTest::addRow("percentage %s", bad)
            << percentage << inputWith(bad) << "States.Runtime"
            << prefix + "The ToleratedFailurePercentagePath field refers to value \""
                   + QString::fromStdString(value.is_string() ? value.get<std::string>()
                                                              : value.dump())
                   + "\" which is not a valid float: $.v";
    }
    for (const char *out : {"-0.5", "100.5", R"("101")"}) {
        QTest::addRow("percentage %s", out)
            << percentage << inputWith(out) << "States.Runtime"
            << prefix + "ToleratedFailurePercentage must be between 0 and 100.";
    }

    // Strings: ErrorPath and CausePath select a string.
    for (const char *field : {"ErrorPath", "CausePath"}) {
        QTest::addRow("%s missing", field)
            << QString(field) << inputWith(nullptr) << "States.Runtime" << prefix + missing;
        for (const BadValue &v : typeErrors) {
            if (QByteArray(v.json).startsWith('"'))
                continue; // a string is what they want
            QTest::addRow("%s %s", field, v.name)
                << QString(field) << inputWith(v.json) << "States.Runtime"
                << prefix + "The " + field + " field refers to value \"" + v.text
                       + "\" which is not a valid string: $.v";
        }
    }

    // A Wait's seconds: AWS's "parameter" wording, recorded.
    const QString seconds = "SecondsPath";
    QTest::newRow("seconds missing")
        << seconds << inputWith(nullptr) << "States.Runtime"
        << prefix + "The SecondsPath parameter does not reference an input value: $.v";
    for (const BadValue &v : typeErrors) {
        if (QByteArray(v.name) == "beyond an int")
            continue; // a long: too long a delay, below
        QTest::addRow("seconds %s", v.name)
            << seconds << inputWith(v.json) << "States.Runtime"
            << prefix
                   + "The SecondsPath parameter cannot be parsed as a long value: $.v == " + v.text;
    }
    QTest::newRow("seconds negative")
        << seconds << inputWith("-1") << "States.Runtime"
        << prefix + "The SecondsPath parameter references a negative value: $.v == -1";
    QTest::newRow("seconds beyond a long")
        << seconds << inputWith("10000000000000000000") << "States.Runtime"
        << prefix
               + "The SecondsPath parameter cannot be parsed as a long value: $.v == "
                 "10000000000000000000";
    QTest::newRow("seconds longer than a year")
        << seconds << inputWith("31536001") << "States.Runtime"
        << prefix + "Wait state delay is too long.";

    // A Wait's timestamp.
    const QString timestamp = "TimestampPath";
    QTest::newRow("timestamp missing")
        << timestamp << inputWith(nullptr) << "States.Runtime"
        << prefix + "The TimestampPath parameter does not reference an input value: $.v";
    for (const char *bad : {R"("2016-13-05T21:29:29Z")", R"("yesterday")", "42", "{}"}) {
        const Json value = Json::parse(bad);
        QTest::addRow("timestamp %s", bad)
            << timestamp << inputWith(bad) << "States.Runtime"
            << prefix
                   + "The TimestampPath parameter does not reference a valid ISO-8601 extended "
                     "offset date-time format string: $.v == "
                   + QString::fromStdString(value.is_string() ? value.get<std::string>()
                                                              : value.dump());
    }

    // The items of a Map.
    QTest::newRow("items missing")
        << "ItemsPath" << inputWith(nullptr) << "States.Runtime" << prefix + missing;
    for (const char *bad : {R"("abc")", R"({"a":1})", "true", "null", "1"}) {
        QTest::addRow("items %s", bad)
            << "ItemsPath" << inputWith(bad) << "States.Runtime"
            << prefix + "Map state input must be an array but was: " + bad;
    }
}

void tst_PathValues::badValues()
{
    QFETCH(QString, field);
    QFETCH(QByteArray, input);
    QFETCH(QString, error);
    QFETCH(QString, cause);
    const Outcome outcome = run(field, Json::parse(input.toStdString()));
    QCOMPARE(outcome.status, QStringLiteral("FAILED"));
    QCOMPARE(outcome.error, error);
    QCOMPARE(outcome.cause, cause);
}

void tst_PathValues::goodValuesRun_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("MaxConcurrencyPath 0") << "MaxConcurrencyPath" << QByteArray(R"(0)");
    QTest::newRow("MaxConcurrencyPath as text") << "MaxConcurrencyPath" << QByteArray(R"("2")");
    QTest::newRow("ToleratedFailureCountPath 0")
        << "ToleratedFailureCountPath" << QByteArray(R"(0)");
    QTest::newRow("ToleratedFailurePercentagePath 100")
        << "ToleratedFailurePercentagePath" << QByteArray(R"(100)");
    QTest::newRow("ToleratedFailurePercentagePath 12.5 as text")
        << "ToleratedFailurePercentagePath" << QByteArray(R"("12.5")");
    QTest::newRow("MaxItemsPerBatchPath 1") << "MaxItemsPerBatchPath" << QByteArray(R"(1)");
    QTest::newRow("MaxInputBytesPerBatchPath 262144")
        << "MaxInputBytesPerBatchPath" << QByteArray(R"(262144)");
    QTest::newRow("SecondsPath 0") << "SecondsPath" << QByteArray(R"(0)");
    QTest::newRow("TimestampPath") << "TimestampPath" << QByteArray(R"("2016-03-14T01:59:00Z")");
    QTest::newRow("ItemsPath") << "ItemsPath" << QByteArray("[1, 2]");
}

void tst_PathValues::goodValuesRun()
{
    QFETCH(QString, field);
    QFETCH(QByteArray, value);
    Json input = {{"items", Json::array({1, 2})}, {"v", Json::parse(value.toStdString())}};
    const Outcome outcome = run(field, input);
    QVERIFY2(outcome.status == "SUCCEEDED", qPrintable(outcome.error + ": " + outcome.cause));
}

QTEST_GUILESS_MAIN(tst_PathValues)
#include "tst_pathvalues.moc"
