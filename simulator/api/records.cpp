#include "simulator/api/records.h"

#include <chrono>

namespace Stepwise::Api {

using Model::Json;

namespace {

std::string text(const Json &json, const char *key)
{
    auto it = json.find(key);
    return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t number(const Json &json, const char *key)
{
    auto it = json.find(key);
    return it != json.end() && it->is_number() ? it->get<std::int64_t>() : 0;
}

std::optional<std::string> optionalText(const Json &json, const char *key)
{
    auto it = json.find(key);
    if (it == json.end() || !it->is_string())
        return std::nullopt;
    return it->get<std::string>();
}

Json value(const Json &json, const char *key, Json fallback)
{
    auto it = json.find(key);
    return it == json.end() ? fallback : *it;
}

} // namespace

std::int64_t wallMillis()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Json StateMachineRecord::toJson() const
{
    return {{"arn", arn},
            {"name", name},
            {"definition", definition},
            {"roleArn", roleArn},
            {"type", type},
            {"description", description},
            {"revisionId", revisionId},
            {"loggingConfiguration", loggingConfiguration},
            {"tracingConfiguration", tracingConfiguration},
            {"creationMillis", creationMillis},
            {"updateMillis", updateMillis},
            {"machineArn", machineArn},
            {"version", version},
            {"lastVersion", lastVersion}};
}

StateMachineRecord StateMachineRecord::fromJson(const Json &json)
{
    StateMachineRecord r;
    r.arn = text(json, "arn");
    r.name = text(json, "name");
    r.definition = text(json, "definition");
    r.roleArn = text(json, "roleArn");
    r.type = text(json, "type");
    r.description = text(json, "description");
    r.revisionId = text(json, "revisionId");
    r.loggingConfiguration = value(json, "loggingConfiguration", Json::object());
    r.tracingConfiguration = value(json, "tracingConfiguration", Json::object());
    r.creationMillis = number(json, "creationMillis");
    r.updateMillis = number(json, "updateMillis");
    r.machineArn = text(json, "machineArn");
    r.version = int(number(json, "version"));
    r.lastVersion = int(number(json, "lastVersion"));
    return r;
}

Json AliasRecord::toJson() const
{
    return {{"arn", arn},
            {"machineArn", machineArn},
            {"name", name},
            {"description", description},
            {"routingConfiguration", routingConfiguration},
            {"creationMillis", creationMillis},
            {"updateMillis", updateMillis}};
}

AliasRecord AliasRecord::fromJson(const Json &json)
{
    AliasRecord r;
    r.arn = text(json, "arn");
    r.machineArn = text(json, "machineArn");
    r.name = text(json, "name");
    r.description = text(json, "description");
    r.routingConfiguration = value(json, "routingConfiguration", Json::array());
    r.creationMillis = number(json, "creationMillis");
    r.updateMillis = number(json, "updateMillis");
    return r;
}

Json ActivityRecord::toJson() const
{
    return {{"arn", arn}, {"name", name}, {"creationMillis", creationMillis}};
}

ActivityRecord ActivityRecord::fromJson(const Json &json)
{
    return {text(json, "arn"), text(json, "name"), number(json, "creationMillis")};
}

Json ExecutionRecord::toJson() const
{
    Json out = {{"arn", arn},
                {"machineArn", machineArn},
                {"versionArn", versionArn},
                {"aliasArn", aliasArn},
                {"name", name},
                {"type", type},
                {"status", status},
                {"input", input},
                {"traceHeader", traceHeader},
                {"startMillis", startMillis},
                {"stopMillis", stopMillis},
                {"seed", seed},
                {"redriveCount", redriveCount},
                {"redriveMillis", redriveMillis},
                {"definition", definition},
                {"roleArn", roleArn},
                {"machineUpdateMillis", machineUpdateMillis},
                {"revisionId", revisionId},
                {"testCase", testCase},
                {"redrivePoint", redrivePoint}};
    if (output)
        out["output"] = *output;
    if (error)
        out["error"] = *error;
    if (cause)
        out["cause"] = *cause;
    return out;
}

ExecutionRecord ExecutionRecord::fromJson(const Json &json)
{
    ExecutionRecord r;
    r.arn = text(json, "arn");
    r.machineArn = text(json, "machineArn");
    r.versionArn = text(json, "versionArn");
    r.aliasArn = text(json, "aliasArn");
    r.name = text(json, "name");
    r.type = text(json, "type");
    r.status = text(json, "status");
    r.input = text(json, "input");
    r.output = optionalText(json, "output");
    r.error = optionalText(json, "error");
    r.cause = optionalText(json, "cause");
    r.traceHeader = text(json, "traceHeader");
    r.startMillis = number(json, "startMillis");
    r.stopMillis = number(json, "stopMillis");
    auto seed = json.find("seed");
    r.seed = seed != json.end() && seed->is_number() ? seed->get<std::uint64_t>() : 0;
    r.redriveCount = int(number(json, "redriveCount"));
    r.redriveMillis = number(json, "redriveMillis");
    r.definition = text(json, "definition");
    r.roleArn = text(json, "roleArn");
    r.machineUpdateMillis = number(json, "machineUpdateMillis");
    r.revisionId = text(json, "revisionId");
    r.testCase = text(json, "testCase");
    r.redrivePoint = json.value("redrivePoint", Json());
    return r;
}

} // namespace Stepwise::Api
