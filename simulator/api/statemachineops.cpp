// CreateStateMachine, DescribeStateMachine, ListStateMachines, UpdateStateMachine,
// DeleteStateMachine, DescribeStateMachineForExecution.
#include "simulator/api/arn.h"
#include "simulator/api/paging.h"
#include "simulator/api/requestreader.h"
#include "simulator/api/service.h"

#include "model/json/jsonreader.h"

#include <algorithm>

namespace Stepwise::Api {

using Model::Json;

namespace {

Json describeMachine(const StateMachineRecord &m, bool withData)
{
    Json out
        = {{"stateMachineArn", m.arn},
           {"name", m.name},
           {"status", "ACTIVE"},
           {"definition", withData ? m.definition : std::string()},
           {"roleArn", m.roleArn},
           {"type", m.type},
           {"creationDate", epochSeconds(m.creationMillis)},
           {"loggingConfiguration", m.loggingConfiguration.empty()
                                        ? Json{{"level", "OFF"}, {"includeExecutionData", false}}
                                        : m.loggingConfiguration}};
    if (!m.tracingConfiguration.empty())
        out["tracingConfiguration"] = m.tracingConfiguration;
    else
        out["tracingConfiguration"] = {{"enabled", false}};
    if (!m.revisionId.empty())
        out["revisionId"] = m.revisionId;
    if (m.version > 0 && !m.description.empty())
        out["description"] = m.description;
    return out;
}

std::optional<ApiError> checkRole(RequestReader &reader, const std::string &roleArn)
{
    if (reader.error())
        return reader.error();
    if (roleArn.rfind("arn:", 0) != 0 || std::count(roleArn.begin(), roleArn.end(), ':') < 5)
        return ApiError{"InvalidArn", "Invalid Arn: '" + roleArn + "'"};
    return std::nullopt;
}

} // namespace

std::variant<std::shared_ptr<const Sim::CompiledMachine>, ApiError>
Service::compiled(const StateMachineRecord &machine)
{
    const std::string key = machine.arn + "#" + machine.revisionId;
    {
        std::lock_guard lock(m_mutex);
        if (auto it = m_compiled.find(key); it != m_compiled.end())
            return it->second;
    }
    auto parsed = Model::readJson(machine.definition, {false});
    if (!parsed)
        return ApiError{"InvalidDefinition", parsed.error().message};
    auto result = Sim::CompiledMachine::compile(parsed->value);
    if (!result)
        return ApiError{"InvalidDefinition", result.error().message};
    std::lock_guard lock(m_mutex);
    m_compiled[key] = result.value();
    return result.value();
}

ApiReply Service::createStateMachine(const Json &input)
{
    RequestReader reader(input);
    const std::string name = reader.string("name", true, 1, 80);
    const std::string definition = reader.string("definition", true, 1, 1048576);
    const std::string roleArn = reader.string("roleArn", true, 1, 256);
    std::string type = reader.enumeration("type", "STANDARD|EXPRESS");
    const bool publish = reader.boolean("publish");
    const std::string versionDescription = reader.string("versionDescription", false, 0, 256);
    if (auto error = checkRole(reader, roleArn))
        return *error;
    if (type.empty())
        type = "STANDARD";
    if (!isValidName(name))
        return ApiError{"InvalidName", "Invalid Name: '" + name + "'"};
    if (!publish && !versionDescription.empty()) {
        return validationError("Version description can only be set when publish is true");
    }
    if (auto error = checkDefinition(definition, type))
        return *error;

    const std::int64_t now = wallMillis();
    StateMachineRecord machine;
    machine.arn = arnFor("stateMachine", name);
    machine.name = name;
    machine.definition = definition;
    machine.roleArn = roleArn;
    machine.type = type;
    machine.loggingConfiguration = reader.member("loggingConfiguration");
    machine.tracingConfiguration = reader.member("tracingConfiguration");
    if (machine.loggingConfiguration.is_null())
        machine.loggingConfiguration = Json::object();
    if (machine.tracingConfiguration.is_null())
        machine.tracingConfiguration = Json::object();
    machine.creationMillis = machine.updateMillis = now;
    machine.revisionId = newRevisionId();

    std::lock_guard lock(m_mutex);
    if (auto it = m_machines.find(machine.arn); it != m_machines.end()) {
        // Idempotent when nothing differs, as AWS.
        const StateMachineRecord &existing = it->second;
        if (existing.definition == definition && existing.roleArn == roleArn
            && existing.type == type && !publish)
            return Json{{"stateMachineArn", existing.arn},
                        {"creationDate", epochSeconds(existing.creationMillis)}};
        return ApiError{"StateMachineAlreadyExists",
                        "State Machine Already Exists: '" + machine.arn + "'"};
    }
    Json out = {{"stateMachineArn", machine.arn},
                {"creationDate", epochSeconds(machine.creationMillis)}};
    if (publish) {
        StateMachineRecord version = machine;
        version.version = machine.lastVersion = 1;
        version.machineArn = machine.arn;
        version.arn = machine.arn + ":1";
        version.description = versionDescription;
        if (!m_store->put("version", version.arn, version.toJson()))
            return ApiError{"InternalFailure", m_store->lastError(), 500};
        out["stateMachineVersionArn"] = version.arn;
        m_machines[version.arn] = version;
    }
    if (!m_store->put("stateMachine", machine.arn, machine.toJson()))
        return ApiError{"InternalFailure", m_store->lastError(), 500};
    const Json &tags = reader.member("tags");
    if (tags.is_array() && !tags.empty()) {
        Json map = Json::object();
        for (const Json &tag : tags)
            if (tag.is_object())
                map[tag.value("key", "")] = tag.value("value", "");
        m_tags[machine.arn] = map;
        m_store->put("tags", "tags:" + machine.arn, {{"arn", machine.arn}, {"tags", map}});
    }
    m_machines[machine.arn] = std::move(machine);
    return out;
}

std::variant<StateMachineRecord, ApiError> Service::resolveMachine(const std::string &arnText,
                                                                   std::string &aliasArn)
{
    if (auto error = checkArn(arnText, "stateMachine"))
        return *error;
    std::lock_guard lock(m_mutex);
    if (auto it = m_machines.find(arnText); it != m_machines.end())
        return it->second;
    if (auto alias = m_aliases.find(arnText); alias != m_aliases.end()) {
        // Route by weight: the first version takes its share of a draw.
        const Json &routes = alias->second.routingConfiguration;
        int draw = int(m_counter++ % 100);
        for (const Json &route : routes) {
            const int weight = route.value("weight", 0);
            if (draw < weight || &route == &routes.back()) {
                auto version = m_machines.find(route.value("stateMachineVersionArn", ""));
                if (version == m_machines.end())
                    break;
                aliasArn = arnText;
                return version->second;
            }
            draw -= weight;
        }
    }
    return ApiError{"StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arnText + "'"};
}

ApiReply Service::describeStateMachine(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("stateMachineArn", true, 1, 256);
    const std::string included = reader.enumeration("includedData", "ALL_DATA|METADATA_ONLY");
    if (reader.error())
        return *reader.error();
    if (auto error = checkArn(arn, "stateMachine"))
        return *error;
    std::lock_guard lock(m_mutex);
    auto it = m_machines.find(arn);
    if (it == m_machines.end()) {
        return ApiError{"StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'"};
    }
    return describeMachine(it->second, included != "METADATA_ONLY");
}

ApiReply Service::listStateMachines(const Json &input)
{
    RequestReader reader(input);
    std::vector<const StateMachineRecord *> machines;
    std::lock_guard lock(m_mutex);
    for (const auto &[arn, machine] : m_machines)
        if (machine.version == 0)
            machines.push_back(&machine);
    return pagedList(reader, machines, "stateMachines", [](const auto &item) -> Json {
        return {{"stateMachineArn", item.arn},
                {"name", item.name},
                {"type", item.type},
                {"creationDate", epochSeconds(item.creationMillis)}};
    });
}

ApiReply Service::updateStateMachine(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("stateMachineArn", true, 1, 256);
    const std::string definition = reader.string("definition", false, 1, 1048576);
    const std::string roleArn = reader.string("roleArn", false, 1, 256);
    const bool publish = reader.boolean("publish");
    const std::string versionDescription = reader.string("versionDescription", false, 0, 256);
    if (reader.error())
        return *reader.error();
    if (auto error = checkArn(arn, "stateMachine"))
        return *error;
    if (!reader.has("definition") && !reader.has("roleArn") && !reader.has("loggingConfiguration")
        && !reader.has("tracingConfiguration") && !publish) {
        return ApiError{"MissingRequiredParameter",
                        "Either the definition, the role ARN, the LoggingConfiguration, or the "
                        "TracingConfiguration must be specified"};
    }
    if (!roleArn.empty())
        if (auto error = checkRole(reader, roleArn))
            return *error;
    StateMachineRecord machine;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_machines.find(arn);
        if (it == m_machines.end() || it->second.version > 0) {
            return ApiError{"StateMachineDoesNotExist",
                            "State Machine Does Not Exist: '" + arn + "'"};
        }
        machine = it->second;
    }
    if (!definition.empty())
        if (auto error = checkDefinition(definition, machine.type))
            return *error;
    const bool changed = (!definition.empty() && definition != machine.definition)
                         || (!roleArn.empty() && roleArn != machine.roleArn)
                         || reader.has("loggingConfiguration")
                         || reader.has("tracingConfiguration");
    if (!definition.empty())
        machine.definition = definition;
    if (!roleArn.empty())
        machine.roleArn = roleArn;
    if (reader.has("loggingConfiguration"))
        machine.loggingConfiguration = reader.member("loggingConfiguration");
    if (reader.has("tracingConfiguration"))
        machine.tracingConfiguration = reader.member("tracingConfiguration");
    const std::int64_t now = wallMillis();
    if (changed) {
        machine.updateMillis = now;
        machine.revisionId = newRevisionId();
    }
    Json out
        = {{"updateDate", epochSeconds(machine.updateMillis)}, {"revisionId", machine.revisionId}};
    std::lock_guard lock(m_mutex);
    if (publish) {
        StateMachineRecord version = machine;
        version.version = ++machine.lastVersion;
        version.machineArn = machine.arn;
        version.arn = machine.arn + ":" + std::to_string(version.version);
        version.description = versionDescription;
        version.creationMillis = now;
        m_store->put("version", version.arn, version.toJson());
        out["stateMachineVersionArn"] = version.arn;
        m_machines[version.arn] = version;
    }
    if (!m_store->put("stateMachine", machine.arn, machine.toJson()))
        return ApiError{"InternalFailure", m_store->lastError(), 500};
    m_machines[machine.arn] = machine;
    return out;
}

ApiReply Service::deleteStateMachine(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("stateMachineArn", true, 1, 256);
    if (reader.error())
        return *reader.error();
    if (auto error = checkArn(arn, "stateMachine"))
        return *error;
    if (Arn::parse(arn)->qualifier.size() > 0) {
        return validationError("Invalid State Machine Arn: '" + arn
                               + "'. Use DeleteStateMachineVersion or DeleteStateMachineAlias.");
    }
    std::lock_guard lock(m_mutex);
    // Versions and aliases go with the machine; its executions stay readable, as on AWS.
    for (auto it = m_machines.begin(); it != m_machines.end();) {
        if (it->first == arn || it->second.machineArn == arn) {
            m_store->remove(it->first);
            it = m_machines.erase(it);
        } else {
            ++it;
        }
    }
    for (auto it = m_aliases.begin(); it != m_aliases.end();) {
        if (it->second.machineArn == arn) {
            m_store->remove(it->first);
            it = m_aliases.erase(it);
        } else {
            ++it;
        }
    }
    m_tags.erase(arn);
    m_store->remove("tags:" + arn);
    return Json::object();
}

ApiReply Service::describeStateMachineForExecution(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("executionArn", true, 1, 256);
    if (reader.error())
        return *reader.error();
    if (auto error = checkArn(arn, nullptr))
        return *error;
    auto record = findExecution(arn, nullptr);
    if (!record)
        return ApiError{"ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'"};
    const std::string name = Arn::parse(record->machineArn)->name;
    Json out = {
        {"stateMachineArn", record->versionArn.empty() ? record->machineArn : record->versionArn},
        {"name", name},
        {"definition", record->definition},
        {"roleArn", record->roleArn},
        {"updateDate", epochSeconds(record->machineUpdateMillis)},
        {"loggingConfiguration", {{"level", "OFF"}, {"includeExecutionData", false}}},
        {"tracingConfiguration", {{"enabled", false}}}};
    if (!record->revisionId.empty())
        out["revisionId"] = record->revisionId;
    return out;
}

} // namespace Stepwise::Api
