#pragma once

// Reading and running the recorded AWS execution cases (shared/conformance/localstack) the way
// shared/conformance/run_cases.py does, in-process.
#include "conformancecompare.h"
#include "model/json/jsonreader.h"
#include "simulator/engine/compiledmachine.h"
#include "simulator/engine/execution.h"
#include "simulator/tasks/mockconfig.h"
#include "simulator/tasks/snsemulator.h"

#include <regex>
#include <set>
#include <string>

namespace Stepwise::Tests {

using Model::Json;

// run_cases.py's usable(): cases reproducible from their own data.
inline bool isUsableCase(const Json &c)
{
    static const std::set<std::string> inScope = {"base_io_processing",
                                                  "choice_operators",
                                                  "context_object",
                                                  "errors_retry_catch",
                                                  "intrinsic_functions",
                                                  "scenarios",
                                                  "variables_assign",
                                                  "states_error_output",
                                                  "service_integrations",
                                                  "local_mocking",
                                                  "comments",
                                                  "timeouts",
                                                  "intrinsic_functions_jsonata_equivalents",
                                                  "jsonata_arguments",
                                                  "jsonata_expressions",
                                                  "jsonata_output",
                                                  "jsonata_query_language"};
    static const std::set<std::string> externalEvents
        = {"TaskSucceeded",        "TaskFailed",
           "TaskTimedOut",         "TaskSubmitted",
           "MapRunStarted",        "LambdaFunctionSucceeded",
           "LambdaFunctionFailed", "LambdaFunctionTimedOut"};
    if (!c.is_object() || textField(c, "kind") != "execution"
        || !inScope.count(textField(c, "category")))
        return false;
    if (!c.contains("definition") || !c["definition"].is_object())
        return false;
    const Json &expected = c["expected"];
    const Json mocks = c.value("task_mocks", Json::array());
    const bool hasMocks = mocks.is_array() && !mocks.empty();
    if (boolField(expected, "history_ids_normalized", false) && hasMocks)
        return false;
    if (expected.contains("output") && expected["output"].is_string()) {
        static const std::regex placeholderOnly(R"(\w+EventDetails\.\w+)");
        if (std::regex_match(expected["output"].get<std::string>(), placeholderOnly))
            return false;
    }
    if (boolField(c, "input_time_dependent", false)
        || boolField(c, "definition_has_unresolved_fixture_values", false))
        return false;
    const Json source = c.value("source", Json::object());
    if (textField(source, "trust").rfind("aws-validated", 0) != 0)
        return false;
    const std::string status = textField(expected, "status");
    if (status != "SUCCEEDED" && status != "FAILED")
        return false;
    if (mocks.is_array()) {
        for (const Json &m : mocks) {
            if (!m.contains("response"))
                return false;
        }
    }
    if (boolField(c, "needs_task_mocks", false) && !hasMocks) {
        if (status == "SUCCEEDED")
            return false;
        for (const Json &e : c.value("history", Json::array())) {
            if (e.is_object() && externalEvents.count(textField(e, "type")))
                return false;
        }
    }
    return true;
}

// run_cases.py's mock_config(): the recorded service responses as a MockConfigFile.
inline Json mockConfigFor(const Json &c, const std::string &machineName)
{
    Json responses = Json::object();
    Json states = Json::object();
    for (const Json &m : c.value("task_mocks", Json::array())) {
        const Json &r = m["response"];
        const std::string name = m["state"].get<std::string>() + "Mock";
        states[m["state"].get<std::string>()] = name;
        Json &calls = responses[name];
        if (!calls.is_object())
            calls = Json::object();
        const std::string key = std::to_string(calls.size());
        if (r.contains("output")) {
            calls[key] = {{"Return", r["output"]}};
            continue;
        }
        Json cause = r.value("cause", Json());
        if (textField(r, "cause_encoding") == "json" && !cause.is_string() && !cause.is_null()) {
            // AWS writes a Lambda error's cause as compact JSON; others as json.dumps does.
            std::string text;
            if (textField(m, "kind") == "TaskScheduled")
                text = cause.dump(-1, ' ', false, Json::error_handler_t::replace);
            else
                pythonDumps(cause, text);
            cause = text;
        }
        std::string error
            = r.value("error", Json()).is_string() ? r["error"].get<std::string>() : std::string();
        if (error.empty())
            error = boolField(r, "timeout", false) ? "States.Timeout" : "States.TaskFailed";
        calls[key]
            = {{"Throw", {{"Error", error}, {"Cause", cause.is_string() ? cause : Json("")}}}};
    }
    return {{"StateMachines", {{machineName, {{"TestCases", {{"Conformance", states}}}}}}},
            {"MockedResponses", responses}};
}

struct CaseRun
{
    Json actual = Json::object(); // {"status", "output" | "error" + "cause"}
    std::vector<std::string> statesEntered;
    std::vector<Json> history; // as get-execution-history prints it
    std::string problem;       // the case could not be run at all
};

inline CaseRun runCase(const Json &c)
{
    CaseRun run;
    auto machine = Sim::CompiledMachine::compile(c["definition"]);
    if (!machine) {
        run.problem = "does not compile: " + machine.error().message;
        return run;
    }
    const Json context = c.value("run_context", Json::object());
    Sim::ExecutionOptions options;
    options.stateMachineArn = context.value("state_machine_arn", Json()).is_string()
                                  ? context["state_machine_arn"].get<std::string>()
                                  : "arn:aws:states:us-east-1:111111111111:stateMachine:sm";
    options.executionName = context.value("execution_name", Json()).is_string()
                                ? context["execution_name"].get<std::string>()
                                : "exec";
    options.recordHistory = true;
    // Cases recorded from an EXPRESS machine run as one.
    if (c.value("state_machine_type", "") == "EXPRESS")
        options.type = Model::StateMachineType::Express;
    Sim::Execution execution(machine.value(), c.value("input", Json::object()), options);
    const Json mocks = c.value("task_mocks", Json::array());
    if (mocks.is_array() && !mocks.empty()) {
        const std::string name
            = options.stateMachineArn.substr(options.stateMachineArn.rfind(':') + 1);
        auto config = Sim::MockConfig::fromJson(mockConfigFor(c, name));
        if (!config || !config->selectTestCase(name, "Conformance")) {
            run.problem = "mocks do not load";
            return run;
        }
        execution.addTaskExecutor(std::make_shared<Sim::MockTaskExecutor>(std::move(*config)));
    }
    execution.addTaskExecutor(std::make_shared<Sim::SnsEmulator>());
    execution.run();
    if (execution.status() == Sim::ExecutionStatus::Succeeded) {
        run.actual["status"] = "SUCCEEDED";
        run.actual["output"] = execution.output().dump();
    } else {
        run.actual["status"]
            = execution.status() == Sim::ExecutionStatus::TimedOut ? "TIMED_OUT" : "FAILED";
        run.actual["error"] = execution.hasError() ? Json(execution.failure().error) : Json();
        run.actual["cause"] = execution.hasCause() ? Json(execution.failure().cause) : Json();
    }
    for (const Sim::HistoryEvent &event : execution.history())
        run.history.push_back(event.toJson());
    for (const Sim::HistoryEvent &event : execution.history()) {
        if (Sim::isStateEntered(event.type))
            run.statesEntered.push_back(event.stateName());
    }
    return run;
}

} // namespace Stepwise::Tests
