// TestState: one state (or one state of a whole machine) run alone, as AWS's TestState API.
#include "simulator/api/mockresultcheck.h"
#include "simulator/api/requestreader.h"
#include "simulator/api/service.h"
#include "simulator/api/teststateerrors.h"

#include "model/json/jsonreader.h"
#include "simulator/engine/teststate.h"

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

// The state called `name` anywhere in a machine: its top level, a Map's ItemProcessor (or
// Iterator) or a Parallel's branches.
const Json *findState(const Json &machine, const std::string &name)
{
    auto found = machine.find("States");
    if (found == machine.end() || !found->is_object())
        return nullptr;
    const Json &states = *found;
    if (auto it = states.find(name); it != states.end())
        return &*it;
    for (const Json &state : states) {
        if (!state.is_object())
            continue;
        for (const char *key : {"ItemProcessor", "Iterator"})
            if (state.contains(key))
                if (const Json *found = findState(state[key], name))
                    return found;
        for (const Json &branch : state.value("Branches", Json::array()))
            if (const Json *found = findState(branch, name))
                return found;
    }
    return nullptr;
}

} // namespace

ApiReply Service::testState(const Json &input)
{
    RequestReader reader(input);
    const std::string definition = reader.string("definition", true, 1, 1048576);
    const std::string level = reader.enumeration("inspectionLevel", "INFO|DEBUG|TRACE");
    const std::string stateName = reader.string("stateName", false, 1, 80);
    reader.string("roleArn", false, 1, 256);
    reader.boolean("revealSecrets");
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
        const Json *state = findState(document, name);
        if (!state)
            return validationError("State '" + name + "' does not exist in the definition");
        request.definition = *state;
        request.stateName = name;
    } else {
        request.definition = document;
        if (!stateName.empty())
            request.stateName = stateName;
    }
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
    const Json &mock = reader.member("mock");
    if (mock.is_object()) {
        if (mock.contains("result") && mock.contains("errorOutput"))
            return validationError("A mock can have a result or an errorOutput, not both");
        if (mock.contains("result")) {
            if (!mock["result"].is_string())
                return ApiError{"SerializationException", "Member 'result' must be a string."};
            auto result = Model::readJson(mock["result"].get<std::string>(), {false});
            if (!result)
                return validationError("Mock result is not valid JSON: " + result.error().message);
            request.mockResult = std::move(result->value);
            if (auto error
                = checkMockResult(*m_serviceModels, request.definition, mock, &*request.mockResult))
                return *error;
        } else if (mock.contains("errorOutput")) {
            const Json &e = mock["errorOutput"];
            request.mockError = Sim::Failure{e.value("error", ""), e.value("cause", "")};
        }
    }
    const Json &configuration = reader.member("stateConfiguration");
    int retryCount = 0;
    if (configuration.is_object() && configuration.contains("retrierRetryCount")) {
        if (!configuration["retrierRetryCount"].is_number_integer()
            || configuration["retrierRetryCount"].get<int>() < 0)
            return validationError("stateConfiguration.retrierRetryCount must be a "
                                   "non-negative integer");
        retryCount = configuration["retrierRetryCount"].get<int>();
        if (!request.definition.contains("Retry"))
            return validationError("retrierRetryCount is set, but the state has no Retry");
    }
    // The state runs once: what its retriers and catchers would do is answered below.
    const Json state = request.definition;
    if (!state.is_object())
        return validationError("The state definition must be a JSON object");
    request.definition.erase("Retry");
    request.definition.erase("Catch");
    auto result = Sim::testState(request);
    if (!result) {
        return ApiError{"InvalidDefinition",
                        "Invalid State Machine Definition: '" + result.error().message + "'"};
    }
    Json errorDetails;
    if (result->status == "FAILED" && result->error) {
        const TestStateFailure failure = resolveTestStateFailure(
            state, request.input, *result->error, result->cause.value_or(""), retryCount);
        result->status = failure.status;
        if (!failure.nextState.empty())
            result->nextState = failure.nextState;
        if (failure.output)
            result->output = *failure.output;
        if (!failure.errorDetails.empty())
            errorDetails = failure.errorDetails;
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
        for (auto it = result->inspectionData.begin(); it != result->inspectionData.end(); ++it)
            data[it.key()] = text(*it); // AWS gives each stage as JSON text
        if (!errorDetails.is_null())
            data["errorDetails"] = errorDetails;
        out["inspectionData"] = data;
    }
    return out;
}

} // namespace Stepwise::Api
