// PublishStateMachineVersion, ListStateMachineVersions, DeleteStateMachineVersion and the
// aliases: Create/Describe/List/Update/DeleteStateMachineAlias.
#include "simulator/api/arn.h"
#include "simulator/api/paging.h"
#include "simulator/api/requestreader.h"
#include "simulator/api/service.h"

#include <algorithm>
#include <set>

namespace Stepwise::Api {

using Model::Json;

namespace {

ApiError notFound(const std::string &arn)
{
    return {"ResourceNotFound", "Resource not found: '" + arn + "'"};
}

bool isVersionQualifier(const std::string &qualifier)
{
    return !qualifier.empty() && std::all_of(qualifier.begin(), qualifier.end(), [](char c) {
        return std::isdigit(c);
    });
}

} // namespace

ApiReply Service::publishStateMachineVersion(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("stateMachineArn", true, 1, 256);
    const std::string revisionId = reader.string("revisionId", false);
    const std::string description = reader.string("description", false, 0, 256);
    if (reader.error())
        return *reader.error();
    if (auto error = checkArn(arn, "stateMachine"))
        return *error;
    std::lock_guard lock(m_mutex);
    auto it = m_machines.find(arn);
    if (it == m_machines.end() || it->second.version > 0) {
        return ApiError{"StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'"};
    }
    StateMachineRecord &machine = it->second;
    if (!revisionId.empty() && revisionId != machine.revisionId) {
        return ApiError{"ConflictException",
                        "Failed to publish the State Machine version for revision " + revisionId
                            + ". The current State Machine revision is " + machine.revisionId
                            + "."};
    }
    // Publishing an unchanged revision again gives back the version that has it, as AWS.
    if (machine.lastVersion > 0) {
        auto latest = m_machines.find(arn + ":" + std::to_string(machine.lastVersion));
        if (latest != m_machines.end() && latest->second.revisionId == machine.revisionId) {
            return Json{{"creationDate", epochSeconds(latest->second.creationMillis)},
                        {"stateMachineVersionArn", latest->second.arn}};
        }
    }
    StateMachineRecord version = machine;
    version.version = ++machine.lastVersion;
    version.machineArn = machine.arn;
    version.arn = machine.arn + ":" + std::to_string(version.version);
    version.description = description;
    version.creationMillis = wallMillis();
    if (!m_store->put("version", version.arn, version.toJson())
        || !m_store->put("stateMachine", machine.arn, machine.toJson()))
        return ApiError{"InternalFailure", m_store->lastError(), 500};
    Json out = {{"creationDate", epochSeconds(version.creationMillis)},
                {"stateMachineVersionArn", version.arn}};
    m_machines[version.arn] = std::move(version);
    return out;
}

ApiReply Service::listStateMachineVersions(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("stateMachineArn", true, 1, 256);
    if (reader.error())
        return *reader.error();
    if (auto error = checkArn(arn, "stateMachine"))
        return *error;
    std::vector<const StateMachineRecord *> versions;
    std::lock_guard lock(m_mutex);
    for (const auto &[key, record] : m_machines)
        if (record.machineArn == arn)
            versions.push_back(&record);
    // Newest first.
    std::sort(versions.begin(), versions.end(),
              [](auto *a, auto *b) { return a->version > b->version; });
    return pagedList(reader, versions, "stateMachineVersions", [](const auto &item) -> Json {
        return {{"stateMachineVersionArn", item.arn},
                {"creationDate", epochSeconds(item.creationMillis)}};
    });
}

ApiReply Service::deleteStateMachineVersion(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("stateMachineVersionArn", true, 1, 2000);
    if (reader.error())
        return *reader.error();
    if (auto error = checkArn(arn, "stateMachine"))
        return *error;
    if (!isVersionQualifier(Arn::parse(arn)->qualifier))
        return validationError("Invalid State Machine Version Arn: '" + arn + "'");
    std::lock_guard lock(m_mutex);
    std::vector<std::string> referencing;
    for (const auto &[aliasArn, alias] : m_aliases)
        for (const Json &route : alias.routingConfiguration)
            if (route.value("stateMachineVersionArn", "") == arn)
                referencing.push_back(aliasArn);
    if (!referencing.empty()) {
        std::string list;
        for (const std::string &a : referencing)
            list += (list.empty() ? "" : ", ") + a;
        return ApiError{"ConflictException",
                        "Version to be deleted must not be referenced by an alias. Current list "
                        "of aliases referencing this version: ["
                            + list + "]"};
    }
    if (m_machines.erase(arn))
        m_store->remove(arn);
    return Json::object();
}

std::optional<ApiError> Service::checkRouting(const Json &routing, const std::string &machineArn)
{
    if (!routing.is_array() || routing.empty() || routing.size() > 2) {
        return validationError("1 validation error detected: Value at 'routingConfiguration' "
                               "failed to satisfy constraint: Member must have length less than "
                               "or equal to 2 and greater than or equal to 1");
    }
    int total = 0;
    std::set<std::string> seen;
    for (const Json &route : routing) {
        const std::string versionArn = route.value("stateMachineVersionArn", "");
        const Json &weight = route.contains("weight") ? route["weight"] : Json();
        if (!weight.is_number_integer() || weight.get<int>() < 0 || weight.get<int>() > 100)
            return validationError("Routing weight must be an integer between 0 and 100");
        total += weight.get<int>();
        auto arn = Arn::parse(versionArn);
        if (!arn || !isVersionQualifier(arn->qualifier))
            return ApiError{"InvalidArn", "Invalid Arn: '" + versionArn + "'"};
        if (!machineArn.empty() && arn->unqualified() != machineArn) {
            return validationError(
                "Routing configuration must contain state machine version ARNs for the same "
                "state machine");
        }
        if (!seen.insert(versionArn).second)
            return validationError("Routing configuration must contain distinct versions");
        if (!m_machines.count(versionArn))
            return notFound(versionArn);
    }
    if (total != 100)
        return validationError("Sum of routing configuration weights must be equal to 100.");
    return std::nullopt;
}

ApiReply Service::createStateMachineAlias(const Json &input)
{
    RequestReader reader(input);
    const std::string name = reader.string("name", true, 1, 80);
    const std::string description = reader.string("description", false, 0, 256);
    const Json routing = reader.member("routingConfiguration");
    if (!reader.has("routingConfiguration"))
        reader.string("routingConfiguration", true);
    if (reader.error())
        return *reader.error();
    if (!isValidName(name) || isVersionQualifier(name))
        return ApiError{"InvalidName", "Invalid Name: '" + name + "'"};
    std::lock_guard lock(m_mutex);
    auto first = routing.is_array() && !routing.empty()
                     ? Arn::parse(routing[0].value("stateMachineVersionArn", ""))
                     : std::nullopt;
    if (auto error = checkRouting(routing, first ? first->unqualified() : std::string()))
        return *error;
    AliasRecord alias;
    alias.machineArn = first->unqualified();
    alias.arn = alias.machineArn + ":" + name;
    alias.name = name;
    alias.description = description;
    alias.routingConfiguration = routing;
    alias.creationMillis = alias.updateMillis = wallMillis();
    if (auto existing = m_aliases.find(alias.arn); existing != m_aliases.end()) {
        if (existing->second.routingConfiguration == routing
            && existing->second.description == description)
            return Json{{"stateMachineAliasArn", alias.arn},
                        {"creationDate", epochSeconds(existing->second.creationMillis)}};
        return ApiError{"ConflictException",
                        "Failed to create alias because an alias with the same name and a "
                        "different routing configuration already exists."};
    }
    if (!m_store->put("alias", alias.arn, alias.toJson()))
        return ApiError{"InternalFailure", m_store->lastError(), 500};
    Json out = {{"stateMachineAliasArn", alias.arn},
                {"creationDate", epochSeconds(alias.creationMillis)}};
    m_aliases[alias.arn] = std::move(alias);
    return out;
}

ApiReply Service::describeStateMachineAlias(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("stateMachineAliasArn", true, 1, 256);
    if (reader.error())
        return *reader.error();
    if (auto error = checkArn(arn, "stateMachine"))
        return *error;
    std::lock_guard lock(m_mutex);
    auto it = m_aliases.find(arn);
    if (it == m_aliases.end())
        return notFound(arn);
    const AliasRecord &a = it->second;
    Json out = {{"stateMachineAliasArn", a.arn},
                {"name", a.name},
                {"routingConfiguration", a.routingConfiguration},
                {"creationDate", epochSeconds(a.creationMillis)},
                {"updateDate", epochSeconds(a.updateMillis)}};
    if (!a.description.empty())
        out["description"] = a.description;
    return out;
}

ApiReply Service::listStateMachineAliases(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("stateMachineArn", true, 1, 256);
    if (reader.error())
        return *reader.error();
    if (auto error = checkArn(arn, "stateMachine"))
        return *error;
    std::vector<const AliasRecord *> aliases;
    std::lock_guard lock(m_mutex);
    if (!m_machines.count(arn)) {
        return ApiError{"StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'"};
    }
    for (const auto &[key, alias] : m_aliases)
        if (alias.machineArn == arn)
            aliases.push_back(&alias);
    return pagedList(reader, aliases, "stateMachineAliases", [](const auto &item) -> Json {
        return {{"stateMachineAliasArn", item.arn},
                {"creationDate", epochSeconds(item.creationMillis)}};
    });
}

ApiReply Service::updateStateMachineAlias(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("stateMachineAliasArn", true, 1, 256);
    const std::string description = reader.string("description", false, 0, 256);
    if (reader.error())
        return *reader.error();
    if (auto error = checkArn(arn, "stateMachine"))
        return *error;
    if (!reader.has("description") && !reader.has("routingConfiguration"))
        return validationError("Either the description or the RoutingConfiguration must be "
                               "specified");
    std::lock_guard lock(m_mutex);
    auto it = m_aliases.find(arn);
    if (it == m_aliases.end())
        return notFound(arn);
    AliasRecord alias = it->second;
    if (reader.has("routingConfiguration")) {
        if (auto error = checkRouting(reader.member("routingConfiguration"), alias.machineArn))
            return *error;
        alias.routingConfiguration = reader.member("routingConfiguration");
    }
    if (reader.has("description"))
        alias.description = description;
    alias.updateMillis = wallMillis();
    if (!m_store->put("alias", alias.arn, alias.toJson()))
        return ApiError{"InternalFailure", m_store->lastError(), 500};
    it->second = alias;
    return Json{{"updateDate", epochSeconds(alias.updateMillis)}};
}

ApiReply Service::deleteStateMachineAlias(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("stateMachineAliasArn", true, 1, 256);
    if (reader.error())
        return *reader.error();
    if (auto error = checkArn(arn, "stateMachine"))
        return *error;
    std::lock_guard lock(m_mutex);
    if (!m_aliases.erase(arn))
        return notFound(arn);
    m_store->remove(arn);
    return Json::object();
}

} // namespace Stepwise::Api
