#include "app/cli/commands.h"

#include "app/common/definitioncheck.h"
#include "model/io/deploysubstitutions.h"
#include "model/json/jsonreader.h"
#include "simulator/engine/compiledmachine.h"
#include "simulator/engine/execution.h"
#include "simulator/engine/executionstatusname.h"
#include "simulator/tasks/mockconfig.h"
#include "simulator/tasks/snsemulator.h"
#include "simulator/tasks/sqsemulator.h"

#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <thread>

namespace Stepwise::App {

namespace {

using Model::Json;

struct RunArguments
{
    std::string definition;
    std::string input = "{}";
    std::string mocks;
    std::string testCase;
    bool history = false;
    bool realtime = false;
    bool json = false;
    std::uint64_t seed = 0;
    std::string executionName;
    std::string stateMachineArn;
    std::string s3Dir;
    Model::StateMachineType type = Model::StateMachineType::Standard;
    // --sub NAME=VALUE, in order; --subs FILE.
    std::vector<std::string> substitutions;
    std::string substitutionsFile;
    bool noPayloadLimit = false;
};

int usageError(const std::string &message)
{
    std::fprintf(stderr, "run: %s\n", message.c_str());
    std::fprintf(stderr,
                 "usage: stepwise-cli run DEF [--input JSON|@file] [--mocks FILE --test-case "
                 "NAME] [--history] [--seed N] [--realtime] [--execution-name NAME] "
                 "[--state-machine-arn ARN] [--s3-dir DIR] [--type standard|express] "
                 "[--sub NAME=VALUE]... [--subs FILE] [--no-payload-limit] "
                 "[--format text|json]\n");
    return 2;
}

std::optional<std::string> parseArguments(const Arguments &args, RunArguments &out)
{
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        auto value = [&](std::string &into) -> bool {
            if (i + 1 >= args.size())
                return false;
            into = args[++i];
            return true;
        };
        bool ok = true;
        if (arg == "--input") {
            ok = value(out.input);
        } else if (arg == "--mocks") {
            ok = value(out.mocks);
        } else if (arg == "--test-case") {
            ok = value(out.testCase);
        } else if (arg == "--history") {
            out.history = true;
        } else if (arg == "--realtime") {
            out.realtime = true;
        } else if (arg == "--execution-name") {
            ok = value(out.executionName);
        } else if (arg == "--state-machine-arn") {
            ok = value(out.stateMachineArn);
        } else if (arg == "--s3-dir") {
            ok = value(out.s3Dir);
        } else if (arg == "--seed") {
            std::string text;
            ok = value(text);
            if (ok) {
                try {
                    size_t used = 0;
                    out.seed = std::stoull(text, &used);
                    ok = used == text.size();
                } catch (const std::exception &) {
                    ok = false;
                }
            }
            if (!ok)
                return "--seed takes a non-negative integer";
        } else if (arg == "--sub") {
            std::string pair;
            ok = value(pair);
            if (ok && (pair.find('=') == std::string::npos || pair.front() == '='))
                return "--sub takes NAME=VALUE";
            out.substitutions.push_back(pair);
        } else if (arg == "--subs") {
            ok = value(out.substitutionsFile);
        } else if (arg == "--no-payload-limit") {
            out.noPayloadLimit = true;
        } else if (arg == "--type") {
            std::string type;
            ok = value(type);
            if (ok && type != "standard" && type != "express")
                return "--type is standard or express";
            out.type = type == "express" ? Model::StateMachineType::Express
                                         : Model::StateMachineType::Standard;
        } else if (arg == "--format") {
            std::string format;
            ok = value(format);
            if (ok && format != "text" && format != "json")
                return "--format is text or json";
            out.json = format == "json";
        } else if (arg.rfind("--", 0) == 0) {
            return "unknown option " + arg;
        } else if (out.definition.empty()) {
            out.definition = arg;
        } else {
            return "unexpected argument " + arg;
        }
        if (!ok)
            return arg + " needs a value";
    }
    if (out.definition.empty())
        return "no definition file given";
    if (!out.mocks.empty() && out.testCase.empty())
        return "--mocks needs --test-case";
    if (out.mocks.empty() && !out.testCase.empty())
        return "--test-case needs --mocks";
    return std::nullopt;
}

Model::Result<Json> readValue(const std::string &textOrFile)
{
    if (!textOrFile.empty() && textOrFile[0] == '@') {
        auto parsed = Model::readJsonFile(textOrFile.substr(1), {false});
        if (!parsed)
            return parsed.error();
        return std::move(parsed->value);
    }
    auto parsed = Model::readJson(textOrFile, {false});
    if (!parsed)
        return parsed.error();
    return std::move(parsed->value);
}

// The values of --subs FILE, then of each --sub NAME=VALUE (a later one wins).
Model::Result<std::map<std::string, Json>> substitutionValues(const RunArguments &run)
{
    std::map<std::string, Json> values;
    if (!run.substitutionsFile.empty()) {
        auto parsed = Model::readJsonFile(run.substitutionsFile, {false});
        if (!parsed)
            return parsed.error();
        if (!parsed->value.is_object()) {
            Model::Error error;
            error.message = "--subs " + run.substitutionsFile
                            + ": the file must hold one JSON object {\"NAME\": VALUE, ...}";
            return error;
        }
        for (auto it = parsed->value.begin(); it != parsed->value.end(); ++it)
            values[it.key()] = it.value();
    }
    for (const std::string &pair : run.substitutions) {
        const size_t equals = pair.find('=');
        const std::string text = pair.substr(equals + 1);
        auto asJson = Model::readJson(text, {false});
        values[pair.substr(0, equals)] = asJson ? std::move(asJson->value) : Json(text);
    }
    return values;
}

} // namespace

int runRunCommand(const Arguments &args)
{
    RunArguments run;
    if (auto problem = parseArguments(args, run))
        return usageError(*problem);

    // The same reading and checking as `validate`: a definition it calls wrong is not run, and
    // the refusal prints what validate would print.
    const Model::CheckedDefinition definition = checkDefinitionFile(run.definition, run.type);
    if (!definition.valid()) {
        for (const Model::Diagnostic &d : definition.diagnostics)
            std::fprintf(stderr, "%s\n", Model::formatDiagnostic(run.definition, d).c_str());
        return 2;
    }
    Json runnable = definition.parsed.value;
    auto values = substitutionValues(run);
    if (!values) {
        std::fprintf(stderr, "run: %s\n", values.error().toString().c_str());
        return 2;
    }
    const Model::DeploySubstitutionResult substituted
        = Model::applyDeploySubstitutions(runnable, *values, &definition.parsed.sourceMap);
    if (substituted.substituted > 0) {
        // The values given stand where the placeholders were: check them as validate would.
        Model::ValidationOptions options = validationOptions(run.type);
        options.sourceMap = &definition.parsed.sourceMap;
        const auto diagnostics = Model::validateDefinition(runnable, options);
        if (Model::hasErrors(diagnostics)) {
            for (const Model::Diagnostic &d : diagnostics)
                std::fprintf(stderr, "%s\n", Model::formatDiagnostic(run.definition, d).c_str());
            return 2;
        }
    }
    auto machine = Sim::CompiledMachine::compile(runnable);
    if (!machine) {
        // A placeholder where the engine needs a real value (a Resource, Seconds...): say so,
        // and how to give it one.
        const std::string &at = machine.error().location.pointer;
        bool named = false;
        for (const Model::Diagnostic &d : substituted.unresolved) {
            const std::string &p = d.location.pointer;
            if (p == at || p.rfind(at + "/", 0) == 0 || at.rfind(p + "/", 0) == 0) {
                std::fprintf(stderr, "%s\n", Model::formatDiagnostic(run.definition, d).c_str());
                named = true;
            }
        }
        if (named)
            return 2;
        Model::Error error = machine.error();
        Model::Location located = definition.parsed.sourceMap.locate(error.location.pointer);
        error.location = located;
        error.location.file = run.definition;
        std::fprintf(stderr, "%s\n", error.toString().c_str());
        return 2;
    }
    if (!substituted.unresolved.empty()) {
        std::fprintf(
            stderr,
            "note: %zu deploy-time placeholder(s) without a value run as written "
            "(--sub NAME=VALUE gives one); the first: %s\n",
            substituted.unresolved.size(),
            Model::formatDiagnostic(run.definition, substituted.unresolved.front()).c_str());
    }
    auto input = readValue(run.input);
    if (!input) {
        std::fprintf(stderr, "run: --input: %s\n", input.error().toString().c_str());
        return 2;
    }

    Sim::ExecutionOptions options;
    if (!run.stateMachineArn.empty())
        options.stateMachineArn = run.stateMachineArn;
    options.executionName = run.executionName;
    options.seed = run.seed;
    options.recordHistory = run.history;
    options.s3Root = run.s3Dir;
    options.type = run.type;
    if (run.noPayloadLimit)
        options.maxPayloadBytes = 0;
    Sim::Execution execution(machine.value(), std::move(input.value()), options);

    if (!run.mocks.empty()) {
        auto mockJson = readValue("@" + run.mocks);
        if (!mockJson) {
            std::fprintf(stderr, "run: --mocks: %s\n", mockJson.error().toString().c_str());
            return 2;
        }
        auto config = Sim::MockConfig::fromJson(mockJson.value());
        if (!config) {
            std::fprintf(stderr, "run: --mocks: %s\n", config.error().toString().c_str());
            return 2;
        }
        const std::string arn = options.stateMachineArn;
        const std::string machineName = arn.substr(arn.rfind(':') + 1);
        auto selected = config->selectTestCase(machineName, run.testCase);
        if (!selected)
            selected = config->selectTestCase(run.testCase);
        if (!selected) {
            std::fprintf(stderr, "run: --mocks: %s\n", selected.error().message.c_str());
            return 2;
        }
        execution.addTaskExecutor(std::make_shared<Sim::MockTaskExecutor>(std::move(*config)));
    }
    execution.addTaskExecutor(std::make_shared<Sim::SnsEmulator>());
    execution.addTaskExecutor(std::make_shared<Sim::SqsEmulator>());

    if (run.realtime) {
        // Pace the virtual clock with the wall clock: a Wait of 10 s takes 10 s.
        const auto wallStart = std::chrono::steady_clock::now();
        const std::int64_t virtualStart = execution.nowMillis();
        while (execution.step()) {
            const auto due
                = wallStart + std::chrono::milliseconds(execution.nowMillis() - virtualStart);
            std::this_thread::sleep_until(due);
        }
    } else {
        execution.run();
    }

    const Sim::ExecutionStatus status = execution.status();
    for (const std::string &state : execution.unansweredCallbacks()) {
        std::fprintf(stderr,
                     "run: note: state '%s' waited for its task token, which nothing sends in a "
                     "local run; mock its result with --mocks FILE --test-case NAME\n",
                     state.c_str());
    }
    const bool succeeded = status == Sim::ExecutionStatus::Succeeded;
    if (run.json) {
        Json out = Json::object();
        out["status"] = Sim::executionStatusName(status);
        if (succeeded) {
            out["output"] = execution.output().dump();
        } else {
            out["error"] = execution.hasError() ? Json(execution.failure().error) : Json();
            out["cause"] = execution.hasCause() ? Json(execution.failure().cause) : Json();
        }
        if (run.history) {
            Json events = Json::array();
            for (const auto &event : execution.history())
                events.push_back(event.toJson());
            out["history"] = std::move(events);
        }
        std::printf("%s\n", out.dump(-1, ' ', false, Json::error_handler_t::replace).c_str());
    } else {
        if (run.history) {
            Json events = Json::array();
            for (const auto &event : execution.history())
                events.push_back(event.toJson());
            std::printf("%s\n", Json{{"events", events}}
                                    .dump(4, ' ', false, Json::error_handler_t::replace)
                                    .c_str());
        }
        if (succeeded) {
            std::printf(
                "%s\n",
                execution.output().dump(-1, ' ', false, Json::error_handler_t::replace).c_str());
        } else {
            std::printf("%s\n", Sim::executionStatusName(status));
            if (execution.hasError())
                std::printf("error: %s\n", execution.failure().error.c_str());
            if (execution.hasCause())
                std::printf("cause: %s\n", execution.failure().cause.c_str());
        }
    }
    return succeeded ? 0 : 1;
}

} // namespace Stepwise::App
