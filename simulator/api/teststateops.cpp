// TestState: one state (or one state of a whole machine) run alone, as AWS's TestState API.
#include "simulator/api/mockresultcheck.h"
#include "simulator/api/requestreader.h"
#include "simulator/api/service.h"

#include "model/json/jsonreader.h"
#include "simulator/engine/teststate.h"

#include <set>

namespace Stepwise::Api {

using Model::Json;

namespace {

std::string text(const Json &value)
{
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// A JSON member given as text (input, variables, context, mock result).
std::variant<Json, ApiError> parseMember(RequestReader &reader, const char *name,
                                         const char *errorType, Json fallback)
{
    if (!reader.has(name))
        return fallback;
    const std::string raw = reader.string(name, false, 0, 262144);
    if (reader.error())
        return *reader.error();
    auto parsed = Model::readJson(raw, {false});
    if (!parsed) {
        return ApiError{errorType,
                        std::string("Invalid ") + name + ": '" + parsed.error().message + "'"};
    }
    return std::move(parsed->value);
}

// The account in an ARN ("arn:aws:iam::111111111111:role/x"), empty when there is none.
std::string arnAccount(const std::string &arn)
{
    std::size_t pos = 0;
    for (int field = 0; field < 4; ++field) {
        pos = arn.find(':', pos);
        if (pos == std::string::npos)
            return {};
        ++pos;
    }
    const std::size_t end = arn.find(':', pos);
    return end == std::string::npos ? std::string() : arn.substr(pos, end - pos);
}

const std::string unsupportedContainer
    = "TestState API does not support Map or Parallel states. Supported state types include: "
      "[Task, Wait, Pass, Succeed, Fail, Choice]";

// The request's mock and stateConfiguration checked as AWS checks them against the state.
std::optional<ApiError> readConfiguration(RequestReader &reader, bool revealSecrets,
                                          ServiceModels &models, Sim::TestStateRequest &request)
{
    const Json &state = request.definition;
    const std::string type = state.value("Type", Json("")).is_string()
                                 ? state["Type"].get<std::string>()
                                 : std::string();
    const Json &mock = reader.member("mock");
    const bool mocked
        = mock.is_object() && (mock.contains("result") || mock.contains("errorOutput"));
    if (mock.is_object()) {
        if (mock.contains("result") && mock.contains("errorOutput"))
            return validationError("A test mock should have only one of the following fields: "
                                   "[result, errorOutput].");
        if (mock.contains("result")) {
            if (!mock["result"].is_string())
                return ApiError{"SerializationException", "Member 'result' must be a string."};
            auto result = Model::readJson(mock["result"].get<std::string>(), {false});
            if (!result)
                return validationError("Mocked result must be valid JSON");
            request.mockResult = std::move(result->value);
            if (auto error = checkMockResult(models, state, mock, &*request.mockResult))
                return error;
        } else if (mock.contains("errorOutput")) {
            const Json &e = mock["errorOutput"];
            if (!e.is_object())
                return ApiError{"SerializationException",
                                "Member 'errorOutput' must be an object."};
            request.mockError = Sim::Failure{e.value("error", ""), e.value("cause", "")};
        }
    }
    if (revealSecrets && mocked)
        return validationError(
            "TestState does not support RevealSecrets when a mock is specified.");
    const Json &configuration = reader.member("stateConfiguration");
    if (configuration.is_object()) {
        auto count = [&](const char *key, int &out) -> std::optional<ApiError> {
            if (!configuration.contains(key))
                return std::nullopt;
            const Json &value = configuration[key];
            if (!value.is_number_integer() || value.get<std::int64_t>() < 0
                || value.get<std::int64_t>() > INT32_MAX)
                return validationError(std::string("stateConfiguration.") + key
                                       + " must be a non-negative integer");
            out = value.get<int>();
            return std::nullopt;
        };
        if (auto error = count("retrierRetryCount", request.retrierRetryCount))
            return error;
        if (configuration.contains("retrierRetryCount") && !state.contains("Retry"))
            return validationError("retrierRetryCount is set, but the state has no Retry");
        if (auto error = count("mapIterationFailureCount", request.mapIterationFailureCount))
            return error;
        if (configuration.contains("mapIterationFailureCount")) {
            if (!mocked)
                return validationError("TestState does not support MapIterationFailureCount "
                                       "when a mock is not specified.");
            if (type != "Map")
                return validationError("mapIterationFailureCount applies to a Map state only");
        }
        if (configuration.contains("mapItemReaderData")) {
            const Json &data = configuration["mapItemReaderData"];
            if (!data.is_string())
                return ApiError{"SerializationException",
                                "Member 'mapItemReaderData' must be a string."};
            auto items = Model::readJson(data.get<std::string>(), {false});
            if (!items)
                return validationError("Map item reader data must be valid JSON");
            request.mapItemReaderData = std::move(items->value);
        }
        if (configuration.contains("errorCausedByState")) {
            const Json &name = configuration["errorCausedByState"];
            if (!name.is_string())
                return ApiError{"SerializationException",
                                "Member 'errorCausedByState' must be a string."};
            const std::string text = name.get<std::string>();
            if (text.empty() || text.size() > 80)
                return validationError("stateConfiguration.errorCausedByState must be 1 to 80 "
                                       "characters long");
            // It names the child of the Map or Parallel whose error is mocked.
            if (type == "Map" || type == "Parallel") {
                bool found = false;
                for (const char *key : {"ItemProcessor", "Iterator"})
                    if (auto it = state.find(key); it != state.end())
                        found = found || Sim::findTestedState(*it, text).has_value();
                if (auto it = state.find("Branches"); it != state.end() && it->is_array())
                    for (const Json &branch : *it)
                        found = found || Sim::findTestedState(branch, text).has_value();
                if (!found)
                    return validationError("errorCausedByState '" + text
                                           + "' is not a state of the " + type + " state");
            }
        }
    }
    if (type == "Map" || type == "Parallel") {
        // Their children do not run: the mock is the state's result (or its error).
        if (!mocked)
            return ApiError{"InvalidDefinition", unsupportedContainer};
        if (request.mockResult) {
            if (!request.mockResult->is_array())
                return validationError("Mocked result must be an array.");
            const Json branches = state.value("Branches", Json::array());
            if (type == "Parallel" && branches.is_array()
                && request.mockResult->size() != branches.size())
                return validationError("Mocked result must contain the same number of items as "
                                       "number of Parallel branches.");
            if (type == "Map"
                && static_cast<std::size_t>(request.mapIterationFailureCount)
                       > request.mockResult->size())
                return validationError("Map iteration failure count must be less than or equal "
                                       "to the number of Map iterations");
        }
    }
    return std::nullopt;
}

} // namespace

ApiReply Service::testState(const Json &input)
{
    RequestReader reader(input);
    const std::string definition = reader.string("definition", true, 1, 1048576);
    const std::string level = reader.enumeration("inspectionLevel", "INFO|DEBUG|TRACE");
    const std::string stateName = reader.string("stateName", false, 1, 80);
    const std::string roleArn = reader.string("roleArn", false, 1, 256);
    const bool revealSecrets = reader.boolean("revealSecrets");
    if (reader.error())
        return *reader.error();
    auto parsedDefinition = Model::readJson(definition, {false});
    if (!parsedDefinition || !parsedDefinition->value.is_object()) {
        return ApiError{"InvalidDefinition",
                        "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: "
                            + (parsedDefinition ? std::string("not an object")
                                                : parsedDefinition.error().message)
                            + "'"};
    }
    Sim::TestStateRequest request;
    const Json &document = parsedDefinition->value;
    if (document.contains("States")) {
        // A whole machine: the state named by stateName (or StartAt) is tested.
        if (auto error = checkDefinition(definition, "STANDARD"))
            return *error;
        const std::string name = stateName.empty() ? document.value("StartAt", "") : stateName;
        auto state = Sim::findTestedState(document, name);
        if (!state)
            return validationError("State '" + name + "' does not exist in the definition");
        request.definition = std::move(*state);
        request.stateName = name;
    } else {
        request.definition = document;
        if (!stateName.empty())
            request.stateName = stateName;
        // Checked as the machine that runs it, as AWS does ("/States/StateName/...").
        const Json machine = Sim::testStateMachine(document, request.stateName);
        if (auto error = checkDefinition(text(machine), "STANDARD"))
            return *error;
    }
    if (!request.definition.is_object())
        return validationError("The state definition must be a JSON object");
    auto stateInput = parseMember(reader, "input", "InvalidExecutionInput", Json::object());
    if (auto *error = std::get_if<ApiError>(&stateInput))
        return *error;
    request.input = std::get<Json>(stateInput);
    auto variables = parseMember(reader, "variables", "ValidationException", Json::object());
    if (auto *error = std::get_if<ApiError>(&variables))
        return *error;
    request.variables = std::get<Json>(variables);
    if (reader.has("context")) {
        auto context = parseMember(reader, "context", "ValidationException", Json::object());
        if (auto *error = std::get_if<ApiError>(&context))
            return *error;
        request.context = std::get<Json>(context);
    }
    if (auto error = readConfiguration(reader, revealSecrets, *m_serviceModels, request))
        return *error;
    // The context object: an express execution of a machine in the role's account.
    std::string account = arnAccount(roleArn);
    if (account.empty())
        account = m_options.account;
    request.stateMachineArn
        = "arn:aws:states:" + m_options.region + ":" + account + ":stateMachine:TestState";
    request.roleArn = roleArn;
    auto result = Sim::testState(request);
    if (!result) {
        return ApiError{"InvalidDefinition",
                        "Invalid State Machine Definition: '" + result.error().message + "'"};
    }
    Json out = {{"status", result->status}};
    if (result->status == "SUCCEEDED" || result->status == "CAUGHT_ERROR")
        out["output"] = text(result->output);
    if (result->error)
        out["error"] = *result->error;
    if (result->cause)
        out["cause"] = *result->cause;
    if (!result->nextState.empty())
        out["nextState"] = result->nextState;
    if (level == "DEBUG" || level == "TRACE") {
        Json data = Json::object();
        // AWS gives each stage's data as JSON text; the Map's limits and errorDetails are
        // typed members.
        static const std::set<std::string> typed
            = {"errorDetails", "maxConcurrency", "toleratedFailureCount",
               "toleratedFailurePercentage"};
        for (auto it = result->inspectionData.begin(); it != result->inspectionData.end(); ++it)
            data[it.key()] = typed.count(it.key()) ? *it : Json(text(*it));
        out["inspectionData"] = data;
    }
    return out;
}

} // namespace Stepwise::Api
