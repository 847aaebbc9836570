// JSONata states as Step Functions runs them: Arguments, Output, Assign, Condition, Items,
// ItemSelector, Seconds, Timestamp, Error and Cause with "{% %}" anywhere in their values;
// $states.input/result/errorOutput/context where AWS makes them available; variables read
// with the values the state entered with and set when it exits, scoped to branches and
// iterations; States.QueryEvaluationError with AWS's causes, retried and caught.
#include "model/json/jsonreader.h"
#include "simulator/engine/compiledmachine.h"
#include "simulator/engine/execution.h"
#include "simulator/tasks/mockconfig.h"

#include <QtTest>

using namespace Stepwise;
using Model::Json;
using Sim::Execution;
using Sim::ExecutionStatus;

namespace {

Json parse(const QString &text)
{
    auto parsed = Model::readJson(text.toStdString(), {false});
    if (!parsed)
        qFatal("bad test JSON: %s", parsed.error().toString().c_str());
    return parsed->value;
}

struct Run
{
    QString status; // SUCCEEDED | FAILED | TIMED_OUT
    Json output;
    QString error, cause;
    QStringList events;
    QStringList scheduled; // each TaskScheduled's parameters
    QStringList roleArns;  // each Task/LambdaFunctionScheduled's taskCredentials.roleArn
    std::int64_t endMillis = 0;
};

// Runs `definition` on `input`; `mocks` ({"State": [responses...]}) answer the tasks.
Run run(const QString &definition, const QString &input, const QString &mocks = {})
{
    auto machine = Sim::CompiledMachine::compile(parse(definition));
    if (!machine)
        qFatal("definition does not compile: %s", machine.error().message.c_str());
    Sim::ExecutionOptions options;
    options.seed = 7;
    options.startTimeMillis = 1700000000000;
    options.executionName = "test";
    Execution execution(machine.value(), parse(input), options);
    if (!mocks.isEmpty()) {
        Json states = Json::object(), responses = Json::object();
        const Json given = parse(mocks);
        for (auto it = given.begin(); it != given.end(); ++it) {
            states[it.key()] = it.key() + "Mock";
            Json calls = Json::object();
            for (size_t i = 0; i < it.value().size(); ++i)
                calls[std::to_string(i)] = it.value()[i];
            responses[it.key() + "Mock"] = calls;
        }
        const Json config
            = {{"StateMachines", {{"StateMachine", {{"TestCases", {{"Case", states}}}}}}},
               {"MockedResponses", responses}};
        auto mockConfig = Sim::MockConfig::fromJson(config);
        if (!mockConfig || !mockConfig->selectTestCase("StateMachine", "Case"))
            qFatal("bad mocks");
        execution.addTaskExecutor(std::make_shared<Sim::MockTaskExecutor>(std::move(*mockConfig)));
    }
    execution.run();
    Run out;
    switch (execution.status()) {
    case ExecutionStatus::Succeeded:
        out.status = "SUCCEEDED";
        out.output = execution.output();
        break;
    case ExecutionStatus::TimedOut:
        out.status = "TIMED_OUT";
        break;
    default:
        out.status = "FAILED";
        out.error = QString::fromStdString(execution.failure().error);
        out.cause = QString::fromStdString(execution.failure().cause);
        break;
    }
    for (const auto &event : execution.history()) {
        out.events << QString::fromUtf8(event.typeName().data(),
                                        static_cast<int>(event.typeName().size()));
        for (const char *key :
             {"taskScheduledEventDetails", "lambdaFunctionScheduledEventDetails"}) {
            const Json details = event.toJson().value(key, Json::object());
            if (details.contains("taskCredentials"))
                out.roleArns << QString::fromStdString(
                    details["taskCredentials"].value("roleArn", ""));
        }
        if (event.type == Sim::HistoryEventType::TaskScheduled)
            out.scheduled << QString::fromStdString(
                event.toJson()["taskScheduledEventDetails"].value("parameters", ""));
    }
    out.endMillis = execution.nowMillis();
    return out;
}

QString machine(const QString &states, const QString &startAt = "A")
{
    return R"({"QueryLanguage": "JSONata", "StartAt": ")" + startAt + R"(", "States": )" + states
           + "}";
}

} // namespace

class tst_JsonataStates : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void outputs_data();
    void outputs();
    void failures_data();
    void failures();
    void queryErrorsAreRetriedAndCaught();
    void retriedTaskEvaluatesItsFieldsAgain_data();
    void retriedTaskEvaluatesItsFieldsAgain();
    void taskCredentialsNameTheirRole_data();
    void taskCredentialsNameTheirRole();
    void variablesReadEntryValuesAndStayInTheirScope();
    void waitReadsSecondsAndTimestamp();
    void assignHasAwsQuota();
    void compileRefusesJsonPathInsideJsonata_data();
    void compileRefusesJsonPathInsideJsonata();
};

// Each row: the machine, its input, task mocks, and the execution's output.
void tst_JsonataStates::outputs_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("mocks");
    QTest::addColumn<QString>("output");

    QTest::newRow("passWithoutOutputPassesItsInput")
        << machine(R"({"A": {"Type": "Pass", "End": true}})") << R"({"a": 1})"
        << ""
        << R"({"a": 1})";
    QTest::newRow("expressionsAtAnyDepthOtherStringsLiteral")
        << machine(R"({"A": {"Type": "Pass", "End": true, "Output": {
               "sum": "{% $states.input.a + 1 %}", "text": "$states.input.a",
               "list": [1, "{% $states.input.a * 10 %}", {"deep": "{%$states.input.a%}"}],
               "half": "{% x", "inner": "a {% 1 %} b"}}})")
        << R"({"a": 2})"
        << ""
        << R"({"sum": 3, "text": "$states.input.a", "list": [1, 20, {"deep": 2}],
               "half": "{% x", "inner": "a {% 1 %} b"})";
    QTest::newRow("wholeOutputIsOneExpression")
        << machine(R"({"A": {"Type": "Pass", "End": true, "Output": "{% $states.input.v %}"}})")
        << R"({"v": [1, 2]})"
        << ""
        << "[1, 2]";
    QTest::newRow("jsonataStateInsideAJsonPathMachine") << R"({"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Parameters": {"x.$": "$.v"}, "Next": "B"},
              "B": {"Type": "Pass", "QueryLanguage": "JSONata",
                    "Output": {"y": "{% $states.input.x * 2 %}"}, "End": true}}})"
                                                        << R"({"v": 21})"
                                                        << ""
                                                        << R"({"y": 42})";
    QTest::newRow("taskArgumentsAndResult")
        << machine(R"({"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "Arguments": {"FunctionName": "f", "Payload": {"n": "{% $states.input.n %}"}},
               "Output": {"got": "{% $states.result.Payload %}", "was": "{% $states.input.n %}"},
               "End": true}})")
        << R"({"n": 5})"
        << R"({"A": [{"Return": {"Payload": "five"}}]})"
        << R"({"got": "five", "was": 5})";
    QTest::newRow("taskWithoutOutputReturnsItsResult")
        << machine(R"({"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "Arguments": {"FunctionName": "f"}, "End": true}})")
        << "{}"
        << R"({"A": [{"Return": {"r": 1}}]})"
        << R"({"r": 1})";
    QTest::newRow("catchOutputReadsErrorOutput")
        << machine(R"({"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "Arguments": {"FunctionName": "f"}, "Next": "Done",
               "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done",
                          "Output": {"e": "{% $states.errorOutput.Error %}",
                                     "in": "{% $states.input %}"}}]},
               "Done": {"Type": "Pass", "End": true}})")
        << R"({"k": 1})"
        << R"({"A": [{"Throw": {"Error": "Boom", "Cause": "c"}}]})"
        << R"({"e": "Boom", "in": {"k": 1}})";
    QTest::newRow("catchWithoutOutputGivesTheErrorOutput")
        << machine(R"({"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "Arguments": {"FunctionName": "f"}, "End": true,
               "Catch": [{"ErrorEquals": ["Boom"], "Next": "Done"}]},
               "Done": {"Type": "Succeed"}})")
        << "{}"
        << R"({"A": [{"Throw": {"Error": "Boom", "Cause": "c"}}]})"
        << R"({"Error": "Boom", "Cause": "c"})";
    QTest::newRow("choiceRuleOutput") << machine(R"({"A": {"Type": "Choice", "Output": "default",
               "Choices": [{"Condition": "{% $states.input.n > 1 %}", "Next": "B",
                            "Output": {"big": "{% $states.input.n %}"}}], "Default": "B"},
               "B": {"Type": "Succeed"}})")
                                      << R"({"n": 3})"
                                      << ""
                                      << R"({"big": 3})";
    QTest::newRow("choiceDefaultUsesTheStateOutput")
        << machine(R"({"A": {"Type": "Choice", "Output": "default",
               "Choices": [{"Condition": "{% $states.input.n > 1 %}", "Next": "B",
                            "Output": "rule"}], "Default": "B"},
               "B": {"Type": "Succeed"}})")
        << R"({"n": 0})"
        << ""
        << R"("default")";
    QTest::newRow("choiceLiteralCondition") << machine(R"({"A": {"Type": "Choice",
               "Choices": [{"Condition": true, "Next": "B"}], "Default": "C"},
               "B": {"Type": "Pass", "Output": "b", "End": true},
               "C": {"Type": "Pass", "Output": "c", "End": true}})")
                                            << "{}"
                                            << ""
                                            << R"("b")";
    QTest::newRow("succeedOutput")
        << machine(R"({"A": {"Type": "Succeed", "Output": {"x": "{% $states.input.x %}"}}})")
        << R"({"x": "y", "z": 1})"
        << ""
        << R"({"x": "y"})";
    QTest::newRow("mapItemsAndItemSelector")
        << machine(R"({"A": {"Type": "Map", "Items": "{% $states.input.list %}",
               "ItemSelector": {"v": "{% $states.context.Map.Item.Value %}",
                                "i": "{% $states.context.Map.Item.Index %}",
                                "tag": "{% $states.input.tag %}"},
               "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "P",
                   "States": {"P": {"Type": "Pass",
                       "Output": "{% $states.input.tag & $string($states.input.v) %}",
                       "End": true}}},
               "Output": {"all": "{% $states.result %}"}, "End": true}})")
        << R"({"list": [10, 20], "tag": "t"})"
        << ""
        << R"({"all": ["t10", "t20"]})";
    QTest::newRow("mapLiteralItemsWithExpressions")
        << machine(R"({"A": {"Type": "Map", "Items": [1, "{% $states.input.x %}"],
               "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "P",
                   "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}})")
        << R"({"x": "two"})"
        << ""
        << R"([1, "two"])";
    QTest::newRow("mapOverItsInput")
        << machine(R"({"A": {"Type": "Map", "MaxConcurrency": "{% 1 %}",
               "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "P",
                   "States": {"P": {"Type": "Pass", "Output": "{% $states.input * 2 %}",
                                    "End": true}}}, "End": true}})")
        << "[1, 2, 3]"
        << ""
        << "[2, 4, 6]";
    QTest::newRow("parallelArgumentsAndResult")
        << machine(R"({"A": {"Type": "Parallel", "Arguments": {"n": "{% $states.input.n %}"},
               "Branches": [
                   {"StartAt": "X", "States": {"X": {"Type": "Pass",
                        "Output": "{% $states.input.n + 1 %}", "End": true}}},
                   {"StartAt": "Y", "States": {"Y": {"Type": "Pass", "End": true}}}],
               "Output": {"r": "{% $states.result %}"}, "End": true}})")
        << R"({"n": 1, "drop": true})"
        << ""
        << R"({"r": [2, {"n": 1}]})";
    QTest::newRow("failErrorAndCauseExpressions") << machine(R"({"A": {"Type": "Pass", "Next": "F"},
               "F": {"Type": "Fail", "Error": "{% $states.input.e %}",
                     "Cause": "{% 'because ' & $states.input.c %}"}})")
                                                  << R"({"e": "Bad", "c": "reasons"})"
                                                  << ""
                                                  << "";
    QTest::newRow("contextAndVirtualClock")
        << machine(R"({"A": {"Type": "Pass", "End": true, "Output": {
               "name": "{% $states.context.State.Name %}",
               "input": "{% $states.context.Execution.Input.k %}",
               "millis": "{% $millis() %}", "now": "{% $now() %}"}}})")
        << R"({"k": "v"})"
        << ""
        << R"({"name": "A", "input": "v", "millis": 1700000000000,
               "now": "2023-11-14T22:13:20.000Z"})";
}

void tst_JsonataStates::outputs()
{
    QFETCH(QString, definition);
    QFETCH(QString, input);
    QFETCH(QString, mocks);
    QFETCH(QString, output);
    const Run r = run(definition, input, mocks);
    if (output.isEmpty()) {
        // The Fail row: its Error and Cause.
        QCOMPARE(r.status, QString("FAILED"));
        QCOMPARE(r.error, QString("Bad"));
        QCOMPARE(r.cause, QString("because reasons"));
        return;
    }
    QVERIFY2(r.status == "SUCCEEDED", qPrintable(r.error + ": " + r.cause));
    QCOMPARE(QString::fromStdString(r.output.dump()), QString::fromStdString(parse(output).dump()));
}

// Each row: the machine, its input, and the QueryEvaluationError's cause (after AWS's
// "An error occurred while executing the state ..." prefix, which the rows include).
void tst_JsonataStates::failures_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("cause");

    const QString prefix = "An error occurred while executing the state 'A' (entered at the "
                           "event id #2). ";
    QTest::newRow("undefinedField")
        << machine(R"({"A": {"Type": "Pass", "Output": {"result": "{% $doesNotExist %}"},
                         "End": true}})")
        << "{}"
        << prefix
               + "The JSONata expression '$doesNotExist' specified for the field "
                 "'Output/result' returned nothing (undefined).";
    QTest::newRow("undefinedInsideAnArray")
        << machine(R"({"A": {"Type": "Pass", "Output": {"l": [1, "{% $states.input.no %}"]},
                         "End": true}})")
        << "{}"
        << prefix
               + "The JSONata expression '$states.input.no' specified for the field "
                 "'Output/l/1' returned nothing (undefined).";
    QTest::newRow("undefinedAssign")
        << machine(R"({"A": {"Type": "Pass", "Assign": {"result": "{% $doesNotExist %}"},
                         "End": true}})")
        << "{}"
        << prefix
               + "The JSONata expression '$doesNotExist' specified for the field "
                 "'Assign/result' returned nothing (undefined).";
    QTest::newRow("undefinedArguments")
        << machine(R"({"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                         "Arguments": "{% $doesNotExist %}", "End": true}})")
        << "{}"
        << prefix
               + "The JSONata expression '$doesNotExist' specified for the field 'Arguments' "
                 "returned nothing (undefined).";
    QTest::newRow("thrownError")
        << machine(R"({"A": {"Type": "Pass", "Output": {"r": "{% $nope(1) %}"}, "End": true}})")
        << "{}"
        << prefix
               + "The JSONata expression '$nope(1)' specified for the field 'Output/r' threw "
                 "an error during evaluation. T1006: Attempted to invoke a non-function";
    QTest::newRow("functionResult")
        << machine(R"({"A": {"Type": "Pass", "Output": "{% function($x){$x} %}",
                         "End": true}})")
        << "{}"
        << prefix
               + "The JSONata expression 'function($x){$x}' specified for the field 'Output' "
                 "returned an unsupported result type.";
    QTest::newRow("itemsNotAnArray")
        << machine(R"({"A": {"Type": "Map", "Items": "{% $states.input.x %}",
               "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass",
                   "End": true}}}, "End": true}})")
        << R"({"x": {"foo": "bar"}})"
        << prefix
               + "The JSONata expression '$states.input.x' specified for the field 'Items' "
                 "returned an unexpected result type. Expected 'array', but was 'object' for "
                 "value: {\"foo\":\"bar\"}";
    QTest::newRow("mapInputNotAnArray")
        << machine(R"({"A": {"Type": "Map",
               "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass",
                   "End": true}}}, "End": true}})")
        << R"("text")" << prefix + "Map state input must be an array but was: \"text\"";
    QTest::newRow("conditionNotBoolean")
        << machine(R"({"A": {"Type": "Choice", "Choices": [
               {"Condition": "{% $states.input.n %}", "Next": "B"}], "Default": "B"},
               "B": {"Type": "Succeed"}})")
        << R"({"n": 1})"
        << prefix
               + "The JSONata expression '$states.input.n' specified for the field 'Condition' "
                 "returned an unexpected result type. Expected 'boolean', but was 'number' for "
                 "value: 1";
    QTest::newRow("invalidTimestamp")
        << machine(R"({"A": {"Type": "Wait", "Timestamp": "{% $states.input.t %}",
                         "End": true}})")
        << R"({"t": "2016-12-05T21:29:29"})"
        << prefix
               + "The Timestamp field cannot be parsed as an ISO-8601 extended offset "
                 "date-time format string: 2016-12-05T21:29:29";
    QTest::newRow("resultNotAvailableToArguments")
        << machine(R"({"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                         "Arguments": {"r": "{% $states.result %}"}, "End": true}})")
        << "{}"
        << prefix
               + "The JSONata expression '$states.result' specified for the field "
                 "'Arguments/r' returned nothing (undefined).";
}

void tst_JsonataStates::failures()
{
    QFETCH(QString, definition);
    QFETCH(QString, input);
    QFETCH(QString, cause);
    const Run r = run(definition, input);
    QCOMPARE(r.status, QString("FAILED"));
    QCOMPARE(r.error, QString("States.QueryEvaluationError"));
    QCOMPARE(r.cause, cause);
    QVERIFY(r.events.contains("EvaluationFailed"));
}

void tst_JsonataStates::queryErrorsAreRetriedAndCaught()
{
    // Arguments fail on every attempt: two retries, then the Catch.
    const Run r = run(machine(R"({"A": {"Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke", "Arguments": "{% $nothing %}",
        "Retry": [{"ErrorEquals": ["States.QueryEvaluationError"], "MaxAttempts": 2,
                   "IntervalSeconds": 3, "BackoffRate": 1}],
        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B",
                   "Output": "{% $states.errorOutput.Error %}"}], "Next": "B"},
        "B": {"Type": "Succeed"}})"),
                      "{}");
    QCOMPARE(r.status, QString("SUCCEEDED"));
    QCOMPARE(QString::fromStdString(r.output.dump()), QString("\"States.QueryEvaluationError\""));
    QCOMPARE(r.events.count("EvaluationFailed"), 3);
    QCOMPARE(r.events.count("TaskScheduled"), 0);
    QCOMPARE(r.endMillis - 1700000000000, std::int64_t(6000));
}

void tst_JsonataStates::retriedTaskEvaluatesItsFieldsAgain_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<QStringList>("scheduled");
    // AWS's recorded TaskScheduled events of a retried Lambda task show the context object's
    // RetryCount counting up in the parameters: each attempt evaluates them again.
    const QString retry = R"("Retry": [{"ErrorEquals": ["Boom"], "MaxAttempts": 2}], "End": true)";
    QTest::newRow("jsonataArguments")
        << machine(R"({"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Arguments": {"FunctionName": "f", "Payload": {"n": "{% $states.input.n %}",
            "attempt": "{% $states.context.State.RetryCount %}"}}, )"
                   + retry + "}}")
        << QStringList{R"({"FunctionName":"f","Payload":{"n":4,"attempt":0}})",
                       R"({"FunctionName":"f","Payload":{"n":4,"attempt":1}})",
                       R"({"FunctionName":"f","Payload":{"n":4,"attempt":2}})"};
    QTest::newRow("jsonPathParameters")
        << QString(R"({"StartAt": "A", "States": {"A": {"Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f",
            "Payload": {"n.$": "$.n", "attempt.$": "$$.State.RetryCount"}}, )"
                   + retry + "}}}")
        << QStringList{R"({"FunctionName":"f","Payload":{"n":4,"attempt":0}})",
                       R"({"FunctionName":"f","Payload":{"n":4,"attempt":1}})",
                       R"({"FunctionName":"f","Payload":{"n":4,"attempt":2}})"};
}

void tst_JsonataStates::retriedTaskEvaluatesItsFieldsAgain()
{
    QFETCH(QString, definition);
    QFETCH(QStringList, scheduled);
    const Run r = run(definition, R"({"n": 4})",
                      R"({"A": [{"Throw": {"Error": "Boom", "Cause": "c"}},
                                {"Throw": {"Error": "Boom", "Cause": "c"}},
                                {"Return": {"Payload": "done"}}]})");
    QCOMPARE(r.status, QString("SUCCEEDED"));
    QCOMPARE(r.scheduled, scheduled);
    QCOMPARE(r.events.count("TaskStateEntered"), 1);
}

void tst_JsonataStates::taskCredentialsNameTheirRole_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QStringList>("roleArns");
    QTest::addColumn<QString>("cause");
    // As AWS records it: TaskScheduled (LambdaFunctionScheduled) carries
    // "taskCredentials": {"roleArn": ...} with the RoleArn as evaluated.
    const QString role = "arn:aws:iam::111111111111:role/trusted";
    const QString lambda = R"("Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Arguments": {"FunctionName": "f"}, "End": true, )";
    QTest::newRow("jsonataExpression") << machine(
        R"({"A": {)" + lambda + R"("Credentials": {"RoleArn": "{% $states.input.role %}"}}})")
                                       << "SUCCEEDED" << QStringList{role} << "";
    QTest::newRow("jsonataLiteral")
        << machine(R"({"A": {)" + lambda + R"("Credentials": {"RoleArn": ")" + role + R"("}}})")
        << "SUCCEEDED" << QStringList{role} << "";
    QTest::newRow("jsonataNotAString")
        << machine(R"({"A": {)" + lambda
                   + R"("Credentials": {"RoleArn": "{% $states.input.n %}"}}})")
        << "FAILED" << QStringList{}
        << "The JSONata expression '$states.input.n' specified for the field "
           "'Credentials/RoleArn' returned an unexpected result type. Expected 'string', but "
           "was 'number' for value: 4";
    QTest::newRow("jsonPathRoleArnPath")
        << QString(R"({"StartAt": "A", "States": {"A": {"Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"},
            "Credentials": {"RoleArn.$": "$.role"}, "End": true}}})")
        << "SUCCEEDED" << QStringList{role} << "";
    QTest::newRow("jsonPathLambdaFunctionLiteral")
        << QString(R"({"StartAt": "A", "States": {"A": {"Type": "Task",
            "Resource": "arn:aws:lambda:us-east-1:111111111111:function:f",
            "Credentials": {"RoleArn": ")"
                   + role + R"("}, "End": true}}})")
        << "SUCCEEDED" << QStringList{role} << "";
    QTest::newRow("noCredentials")
        << machine(R"({"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Arguments": {"FunctionName": "f"}, "End": true}})")
        << "SUCCEEDED" << QStringList{} << "";
}

void tst_JsonataStates::taskCredentialsNameTheirRole()
{
    QFETCH(QString, definition);
    QFETCH(QString, status);
    QFETCH(QStringList, roleArns);
    QFETCH(QString, cause);
    const Run r = run(definition, R"({"n": 4, "role": "arn:aws:iam::111111111111:role/trusted"})",
                      R"({"A": [{"Return": {"Payload": "done"}}]})");
    QCOMPARE(r.status, status);
    QCOMPARE(r.roleArns, roleArns);
    if (!cause.isEmpty())
        QVERIFY2(r.cause.endsWith(cause), qPrintable(r.cause));
}

void tst_JsonataStates::variablesReadEntryValuesAndStayInTheirScope()
{
    const Run r = run(machine(R"({
        "A": {"Type": "Pass", "Assign": {"x": 1, "y": "{% $states.input.y %}"}, "Next": "B"},
        "B": {"Type": "Pass", "Assign": {"x": "{% $x + 1 %}", "old": "{% $x %}"},
              "Output": {"seen": "{% $x %}"}, "Next": "P"},
        "P": {"Type": "Parallel", "Branches": [
            {"StartAt": "In", "States": {"In": {"Type": "Pass",
                "Assign": {"x": 100, "inner": true},
                "Output": {"outer": "{% $x %}", "y": "{% $y %}"}, "End": true}}}],
            "Next": "M"},
        "M": {"Type": "Map", "Items": [1],
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "D", "States": {"D": {"Type": "Pass",
                    "Output": "{% $exists($x) %}", "End": true}}},
            "Assign": {"parallel": "{% $states.input %}", "distributed": "{% $states.result %}"},
            "Next": "C"},
        "C": {"Type": "Pass", "End": true, "Output": {"x": "{% $x %}", "old": "{% $old %}",
              "inner": "{% $exists($inner) %}", "parallel": "{% $parallel %}",
              "distributed": "{% $distributed %}"}}})"),
                      R"({"y": "why"})");
    QVERIFY2(r.status == "SUCCEEDED", qPrintable(r.cause));
    QCOMPARE(QString::fromStdString(r.output.dump()),
             QString::fromStdString(parse(R"({"x": 2, "old": 1, "inner": false,
                 "parallel": [{"outer": 2, "y": "why"}], "distributed": [false]})")
                                        .dump()));
}

void tst_JsonataStates::waitReadsSecondsAndTimestamp()
{
    const Run r = run(machine(R"({
        "A": {"Type": "Wait", "Seconds": "{% $states.input.s %}", "Next": "B"},
        "B": {"Type": "Wait", "Timestamp": "{% $states.input.t %}", "End": true}})"),
                      R"({"s": 10, "t": "2023-11-14T22:15:00Z"})");
    QCOMPARE(r.status, QString("SUCCEEDED"));
    QCOMPARE(r.endMillis, std::int64_t(1700000100000));
}

void tst_JsonataStates::assignHasAwsQuota()
{
    // 300,000 characters in one Assign: over its 256 KiB; a Catch naming the error sees it.
    const Run r = run(machine(R"({"A": {"Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f"},
        "Assign": {"big": "{% $join($map([1..30000], function($v) {'0123456789'})) %}"},
        "Catch": [{"ErrorEquals": ["States.DataLimitExceeded"], "Next": "B",
                   "Output": "{% $states.errorOutput %}"}], "End": true},
        "B": {"Type": "Pass", "Output": {"e": "{% $states.input %}",
                                         "big": "{% $exists($big) %}"}, "End": true}})"),
                      "{}", R"({"A": [{"Return": {}}]})");
    QVERIFY2(r.status == "SUCCEEDED", qPrintable(r.cause));
    QCOMPARE(QString::fromStdString(r.output.dump()),
             QString::fromStdString(parse(R"({"e": {"Error": "States.DataLimitExceeded",
                 "Cause": "The state/task 'A' returned a result with a size exceeding the maximum number of bytes service limit."}, "big": false})")
                                        .dump()));
}

void tst_JsonataStates::compileRefusesJsonPathInsideJsonata_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<QString>("message");
    QTest::newRow("jsonPathStateInJsonataMachine")
        << machine(R"({"A": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}})")
        << "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine";
    QTest::newRow("unparsableExpression")
        << machine(R"({"A": {"Type": "Pass", "Output": {"x": "{% 1 + %}"}, "End": true}})")
        << "Invalid JSONata expression in Output/x";
}

void tst_JsonataStates::compileRefusesJsonPathInsideJsonata()
{
    QFETCH(QString, definition);
    QFETCH(QString, message);
    auto compiled = Sim::CompiledMachine::compile(parse(definition));
    QVERIFY(!compiled.ok());
    QVERIFY2(QString::fromStdString(compiled.error().message).startsWith(message),
             compiled.error().message.c_str());
}

QTEST_GUILESS_MAIN(tst_JsonataStates)
#include "tst_jsonatastates.moc"
