#include "model/asl/workflow.h"

#include "model/json/jsonpointer.h"

#include <algorithm>

namespace Stepwise::Model {

namespace {

const char *const kStates = "States";

bool isScopeObject(const Json &value)
{
    return value.is_object() && value.contains(kStates) && value[kStates].is_object();
}

// The slots of a state body that hold nested scopes, with their pointers.
std::vector<std::string> scopeSlots(const Json &body)
{
    std::vector<std::string> slots;
    if (!body.is_object())
        return slots;
    for (auto it = body.begin(); it != body.end(); ++it) {
        const std::string &key = it.key();
        if (key == "Branches" && it.value().is_array()) {
            for (size_t i = 0; i < it.value().size(); ++i) {
                if (isScopeObject(it.value()[i]))
                    slots.push_back(appendPointer("/Branches", i));
            }
        } else if ((key == "ItemProcessor" || key == "Iterator") && isScopeObject(it.value())) {
            slots.push_back("/" + key);
        }
    }
    return slots;
}

bool isStructuralKey(const std::string &key)
{
    return key == "Branches" || key == "ItemProcessor" || key == "Iterator";
}

} // namespace

Workflow::Workflow(QObject *parent)
    : QObject(parent)
{
    Json empty = {{"StartAt", ""}, {"States", Json::object()}};
    m_rootScope = createScope(0, std::string(), empty, nullptr, std::string());
}

Workflow::~Workflow() = default;

Result<bool> Workflow::load(const Json &definition)
{
    IdHints hints;
    collectHints(m_rootScope, std::string(), hints);
    destroyScope(m_rootScope);
    Result<bool> result = true;
    if (definition.is_object()) {
        m_rootScope = createScope(0, std::string(), definition, &hints, std::string());
    } else {
        Error error;
        error.message = "an ASL definition must be a JSON object";
        result = error;
        m_rootScope = createScope(0, std::string(), Json::object(), nullptr, std::string());
    }
    Q_EMIT modelReset();
    return result;
}

ScopeId Workflow::createScope(StateId owner, const std::string &slot, const Json &scopeJson,
                              const IdHints *hints, const std::string &hintPrefix)
{
    ScopeId id = m_nextId++;
    Scope scope;
    scope.owner = owner;
    scope.slot = slot;
    scope.fields = scopeJson;
    scope.hasStates = isScopeObject(scopeJson);
    m_scopes.emplace(id, std::move(scope));
    if (m_scopes[id].hasStates) {
        Json states = scopeJson[kStates];
        m_scopes[id].fields[kStates] = Json::object();
        for (auto it = states.begin(); it != states.end(); ++it) {
            StateId child = createState(id, it.key(), it.value(), hints, hintPrefix);
            m_scopes[id].order.push_back(child);
        }
    }
    return id;
}

StateId Workflow::createState(ScopeId scope, const std::string &name, const Json &body,
                              const IdHints *hints, const std::string &hintPrefix)
{
    std::string statePointer = appendPointer(hintPrefix + "/States", name);
    StateId id = 0;
    if (hints) {
        auto hint = hints->find(statePointer);
        if (hint != hints->end() && m_states.count(hint->second) == 0)
            id = hint->second;
    }
    if (id == 0)
        id = m_nextId++;
    State state;
    state.scope = scope;
    state.name = name;
    state.body = body;
    m_states.emplace(id, std::move(state));
    attachChildScopes(id, hints, statePointer);
    return id;
}

void Workflow::attachChildScopes(StateId id, const IdHints *hints, const std::string &hintPrefix)
{
    for (const std::string &slot : scopeSlots(m_states[id].body)) {
        Json::json_pointer ptr(slot);
        Json scopeValue = m_states[id].body[ptr];
        m_states[id].body[ptr] = nullptr;
        ScopeId child = createScope(id, slot, scopeValue, hints, hintPrefix + slot);
        m_states[id].children.push_back(child);
    }
}

void Workflow::destroyState(StateId id)
{
    auto it = m_states.find(id);
    if (it == m_states.end())
        return;
    std::vector<ScopeId> children = it->second.children;
    for (ScopeId child : children)
        destroyScope(child);
    m_states.erase(id);
}

void Workflow::destroyScope(ScopeId id)
{
    auto it = m_scopes.find(id);
    if (it == m_scopes.end())
        return;
    std::vector<StateId> order = it->second.order;
    for (StateId state : order)
        destroyState(state);
    m_scopes.erase(id);
}

void Workflow::collectHints(ScopeId scope, const std::string &prefix, IdHints &hints) const
{
    auto it = m_scopes.find(scope);
    if (it == m_scopes.end())
        return;
    for (StateId id : it->second.order) {
        const State &state = m_states.at(id);
        std::string statePointer = appendPointer(prefix + "/States", state.name);
        hints[statePointer] = id;
        for (ScopeId child : state.children)
            collectHints(child, statePointer + m_scopes.at(child).slot, hints);
    }
}

Json Workflow::scopeJson(ScopeId scope) const
{
    const Scope &s = m_scopes.at(scope);
    Json out = s.fields;
    if (s.hasStates) {
        Json states = Json::object();
        for (StateId id : s.order)
            states[m_states.at(id).name] = stateJson(id);
        out[kStates] = std::move(states);
    }
    return out;
}

Json Workflow::toJson() const
{
    return scopeJson(m_rootScope);
}

Json Workflow::scopeFields(ScopeId scope) const
{
    auto it = m_scopes.find(scope);
    if (it == m_scopes.end())
        return Json();
    Json fields = it->second.fields;
    if (it->second.hasStates)
        fields.erase(kStates);
    return fields;
}

std::string Workflow::startAt(ScopeId scope) const
{
    auto it = m_scopes.find(scope);
    if (it == m_scopes.end())
        return {};
    const Json &fields = it->second.fields;
    if (fields.is_object() && fields.contains("StartAt") && fields["StartAt"].is_string())
        return fields["StartAt"].get<std::string>();
    return {};
}

std::vector<StateId> Workflow::states(ScopeId scope) const
{
    auto it = m_scopes.find(scope);
    return it == m_scopes.end() ? std::vector<StateId>() : it->second.order;
}

StateId Workflow::ownerOf(ScopeId scope) const
{
    auto it = m_scopes.find(scope);
    return it == m_scopes.end() ? 0 : it->second.owner;
}

std::string Workflow::scopePointer(ScopeId scope) const
{
    auto it = m_scopes.find(scope);
    if (it == m_scopes.end() || it->second.owner == 0)
        return {};
    return pointer(it->second.owner) + it->second.slot;
}

std::string Workflow::scopeTitle(ScopeId scope) const
{
    auto it = m_scopes.find(scope);
    if (it == m_scopes.end() || it->second.owner == 0)
        return {};
    const std::string &slot = it->second.slot;
    if (slot.rfind("/Branches/", 0) == 0)
        return "Branch " + std::to_string(std::stoi(slot.substr(10)) + 1);
    if (slot == "/ItemProcessor")
        return "Item processor";
    return "Iterator";
}

void Workflow::collectScopes(ScopeId scope, std::vector<ScopeId> &out) const
{
    out.push_back(scope);
    for (StateId id : m_scopes.at(scope).order) {
        for (ScopeId child : m_states.at(id).children)
            collectScopes(child, out);
    }
}

std::vector<ScopeId> Workflow::allScopes() const
{
    std::vector<ScopeId> out;
    collectScopes(m_rootScope, out);
    return out;
}

std::vector<StateId> Workflow::allStates() const
{
    std::vector<StateId> out;
    for (ScopeId scope : allScopes()) {
        const auto &order = m_scopes.at(scope).order;
        out.insert(out.end(), order.begin(), order.end());
    }
    return out;
}

ScopeId Workflow::scopeOf(StateId id) const
{
    auto it = m_states.find(id);
    return it == m_states.end() ? 0 : it->second.scope;
}

std::vector<ScopeId> Workflow::childScopes(StateId id) const
{
    auto it = m_states.find(id);
    return it == m_states.end() ? std::vector<ScopeId>() : it->second.children;
}

std::string Workflow::name(StateId id) const
{
    auto it = m_states.find(id);
    return it == m_states.end() ? std::string() : it->second.name;
}

StateType Workflow::type(StateId id) const
{
    auto it = m_states.find(id);
    if (it == m_states.end() || !it->second.body.is_object())
        return StateType::Unknown;
    const Json &body = it->second.body;
    auto type = body.find("Type");
    if (type == body.end() || !type->is_string())
        return StateType::Unknown;
    return stateTypeFromString(type->get<std::string>());
}

Json Workflow::stateJson(StateId id) const
{
    auto it = m_states.find(id);
    if (it == m_states.end())
        return Json();
    Json out = it->second.body;
    for (ScopeId child : it->second.children)
        out[Json::json_pointer(m_scopes.at(child).slot)] = scopeJson(child);
    return out;
}

Json Workflow::field(StateId id, const std::string &key) const
{
    auto it = m_states.find(id);
    if (it == m_states.end() || !it->second.body.is_object() || !it->second.body.contains(key))
        return Json();
    if (isStructuralKey(key) && !it->second.children.empty())
        return stateJson(id)[key];
    return it->second.body[key];
}

bool Workflow::hasField(StateId id, const std::string &key) const
{
    auto it = m_states.find(id);
    return it != m_states.end() && it->second.body.is_object() && it->second.body.contains(key);
}

std::string Workflow::pointer(StateId id) const
{
    auto it = m_states.find(id);
    if (it == m_states.end())
        return {};
    return appendPointer(scopePointer(it->second.scope) + "/States", it->second.name);
}

StateId Workflow::findState(ScopeId scope, const std::string &stateName) const
{
    auto it = m_scopes.find(scope);
    if (it == m_scopes.end())
        return 0;
    for (StateId id : it->second.order) {
        if (m_states.at(id).name == stateName)
            return id;
    }
    return 0;
}

StateId Workflow::stateAtPointer(const std::string &ptr) const
{
    std::vector<std::string> tokens = splitPointer(ptr);
    ScopeId scope = m_rootScope;
    StateId found = 0;
    size_t i = 0;
    while (i + 1 < tokens.size() && tokens[i] == kStates) {
        StateId id = findState(scope, tokens[i + 1]);
        if (id == 0)
            break;
        found = id;
        i += 2;
        // Descend into a nested scope when the pointer continues into one.
        std::string rest;
        ScopeId next = 0;
        for (ScopeId child : m_states.at(id).children) {
            const std::string &slot = m_scopes.at(child).slot;
            std::vector<std::string> slotTokens = splitPointer(slot);
            if (i + slotTokens.size() <= tokens.size()
                && std::equal(slotTokens.begin(), slotTokens.end(), tokens.begin() + i)) {
                next = child;
                i += slotTokens.size();
                break;
            }
        }
        if (next == 0)
            break;
        scope = next;
    }
    return found;
}

std::vector<Transition> Workflow::transitions(StateId id) const
{
    std::vector<Transition> out;
    auto it = m_states.find(id);
    if (it == m_states.end() || !it->second.body.is_object())
        return out;
    const Json &body = it->second.body;
    ScopeId scope = it->second.scope;
    auto add = [&](TransitionKind kind, int index, const Json &target, std::string label) {
        if (!target.is_string())
            return;
        Transition t;
        t.kind = kind;
        t.index = index;
        t.target = target.get<std::string>();
        t.targetId = findState(scope, t.target);
        t.label = std::move(label);
        out.push_back(std::move(t));
    };
    if (body.contains("Choices") && body["Choices"].is_array()) {
        const Json &choices = body["Choices"];
        for (size_t i = 0; i < choices.size(); ++i) {
            if (choices[i].is_object() && choices[i].contains("Next"))
                add(TransitionKind::ChoiceRule, static_cast<int>(i), choices[i]["Next"],
                    describeChoiceRule(choices[i]));
        }
    }
    if (body.contains("Default"))
        add(TransitionKind::Default, -1, body["Default"], "Default");
    if (body.contains("Next"))
        add(TransitionKind::Next, -1, body["Next"], std::string());
    if (body.contains("Catch") && body["Catch"].is_array()) {
        const Json &catchers = body["Catch"];
        for (size_t i = 0; i < catchers.size(); ++i) {
            const Json &catcher = catchers[i];
            if (!catcher.is_object() || !catcher.contains("Next"))
                continue;
            std::string label;
            if (catcher.contains("ErrorEquals") && catcher["ErrorEquals"].is_array()) {
                for (const Json &error : catcher["ErrorEquals"]) {
                    if (!label.empty())
                        label += ", ";
                    label += error.is_string() ? error.get<std::string>() : error.dump();
                }
            }
            add(TransitionKind::Catch, static_cast<int>(i), catcher["Next"], label);
        }
    }
    return out;
}

QueryLanguage Workflow::queryLanguage(StateId id) const
{
    QueryLanguage fallback = QueryLanguage::JsonPath;
    const Json &root = m_scopes.at(m_rootScope).fields;
    if (root.is_object() && root.contains("QueryLanguage") && root["QueryLanguage"].is_string())
        fallback = queryLanguageFromString(root["QueryLanguage"].get<std::string>(), fallback);
    StateId current = id;
    while (current != 0) {
        auto it = m_states.find(current);
        if (it == m_states.end())
            break;
        const Json &body = it->second.body;
        if (body.is_object() && body.contains("QueryLanguage") && body["QueryLanguage"].is_string())
            return queryLanguageFromString(body["QueryLanguage"].get<std::string>(), fallback);
        current = ownerOf(it->second.scope);
    }
    return fallback;
}

Json Workflow::documentFields() const
{
    return scopeFields(m_rootScope);
}

std::string Workflow::uniqueName(ScopeId scope, const std::string &base) const
{
    if (findState(scope, base) == 0)
        return base;
    for (int n = 2;; ++n) {
        std::string candidate = base + " " + std::to_string(n);
        if (findState(scope, candidate) == 0)
            return candidate;
    }
}

Result<StateId> Workflow::addState(ScopeId scope, const std::string &stateName, const Json &body,
                                   int index)
{
    auto it = m_scopes.find(scope);
    if (it == m_scopes.end())
        return Error{"no such scope", {}};
    if (stateName.empty())
        return Error{"a state name cannot be empty", {}};
    if (findState(scope, stateName) != 0)
        return Error{"a state named '" + stateName + "' already exists here", {}};
    if (!it->second.hasStates) {
        it->second.hasStates = true;
        it->second.fields[kStates] = Json::object();
    }
    StateId id = createState(scope, stateName, body, nullptr, std::string());
    auto &order = m_scopes[scope].order;
    if (index < 0 || index > static_cast<int>(order.size()))
        order.push_back(id);
    else
        order.insert(order.begin() + index, id);
    Q_EMIT stateAdded(id);
    return id;
}

bool Workflow::removeState(StateId id)
{
    auto it = m_states.find(id);
    if (it == m_states.end())
        return false;
    ScopeId scope = it->second.scope;
    auto &order = m_scopes[scope].order;
    order.erase(std::remove(order.begin(), order.end(), id), order.end());
    destroyState(id);
    Q_EMIT stateRemoved(id, scope);
    return true;
}

Result<bool> Workflow::renameState(StateId id, const std::string &newName)
{
    auto it = m_states.find(id);
    if (it == m_states.end())
        return Error{"no such state", {}};
    if (newName.empty())
        return Error{"a state name cannot be empty", {}};
    std::string oldName = it->second.name;
    if (oldName == newName)
        return true;
    ScopeId scope = it->second.scope;
    if (findState(scope, newName) != 0)
        return Error{"a state named '" + newName + "' already exists here", {}};
    it->second.name = newName;

    auto retarget = [&](Json &holder, const char *key) {
        if (holder.is_object() && holder.contains(key) && holder[key] == oldName)
            holder[key] = newName;
    };
    Scope &s = m_scopes[scope];
    retarget(s.fields, "StartAt");
    for (StateId other : s.order) {
        Json &body = m_states[other].body;
        retarget(body, "Next");
        retarget(body, "Default");
        for (const char *list : {"Choices", "Catch"}) {
            if (body.is_object() && body.contains(list) && body[list].is_array()) {
                for (Json &entry : body[list])
                    retarget(entry, "Next");
            }
        }
    }
    Q_EMIT stateRenamed(id, QString::fromStdString(oldName), QString::fromStdString(newName));
    return true;
}

bool Workflow::setStateJson(StateId id, const Json &body)
{
    auto it = m_states.find(id);
    if (it == m_states.end())
        return false;
    IdHints hints;
    std::string prefix = pointer(id);
    for (ScopeId child : it->second.children)
        collectHints(child, prefix + m_scopes.at(child).slot, hints);
    std::vector<ScopeId> children = it->second.children;
    for (ScopeId child : children)
        destroyScope(child);
    m_states[id].children.clear();
    m_states[id].body = body;
    attachChildScopes(id, &hints, prefix);
    Q_EMIT stateChanged(id);
    return true;
}

bool Workflow::setField(StateId id, const std::string &key, const Json &value)
{
    auto it = m_states.find(id);
    if (it == m_states.end())
        return false;
    if (isStructuralKey(key)) {
        Json body = stateJson(id);
        body[key] = value;
        return setStateJson(id, body);
    }
    if (!it->second.body.is_object())
        it->second.body = Json::object();
    it->second.body[key] = value;
    Q_EMIT stateChanged(id);
    return true;
}

bool Workflow::removeField(StateId id, const std::string &key)
{
    auto it = m_states.find(id);
    if (it == m_states.end() || !it->second.body.is_object() || !it->second.body.contains(key))
        return false;
    if (isStructuralKey(key)) {
        Json body = stateJson(id);
        body.erase(key);
        return setStateJson(id, body);
    }
    it->second.body.erase(key);
    Q_EMIT stateChanged(id);
    return true;
}

bool Workflow::moveState(StateId id, int index)
{
    auto it = m_states.find(id);
    if (it == m_states.end())
        return false;
    auto &order = m_scopes[it->second.scope].order;
    order.erase(std::remove(order.begin(), order.end(), id), order.end());
    if (index < 0 || index > static_cast<int>(order.size()))
        order.push_back(id);
    else
        order.insert(order.begin() + index, id);
    Q_EMIT stateMoved(id);
    return true;
}

bool Workflow::setScopeField(ScopeId scope, const std::string &key, const Json &value)
{
    auto it = m_scopes.find(scope);
    if (it == m_scopes.end() || key == kStates)
        return false;
    it->second.fields[key] = value;
    Q_EMIT scopeChanged(scope);
    return true;
}

bool Workflow::removeScopeField(ScopeId scope, const std::string &key)
{
    auto it = m_scopes.find(scope);
    if (it == m_scopes.end() || key == kStates || !it->second.fields.contains(key))
        return false;
    it->second.fields.erase(key);
    Q_EMIT scopeChanged(scope);
    return true;
}

namespace {

std::string valueText(const Json &value)
{
    if (value.is_string())
        return "\"" + value.get<std::string>() + "\"";
    return value.dump();
}

struct OperatorText
{
    const char *name;
    const char *symbol;
};

const OperatorText kOperators[] = {
    {"StringEquals", "=="},
    {"StringEqualsPath", "=="},
    {"StringLessThan", "<"},
    {"StringLessThanPath", "<"},
    {"StringGreaterThan", ">"},
    {"StringGreaterThanPath", ">"},
    {"StringLessThanEquals", "<="},
    {"StringLessThanEqualsPath", "<="},
    {"StringGreaterThanEquals", ">="},
    {"StringGreaterThanEqualsPath", ">="},
    {"StringMatches", "matches"},
    {"NumericEquals", "=="},
    {"NumericEqualsPath", "=="},
    {"NumericLessThan", "<"},
    {"NumericLessThanPath", "<"},
    {"NumericGreaterThan", ">"},
    {"NumericGreaterThanPath", ">"},
    {"NumericLessThanEquals", "<="},
    {"NumericLessThanEqualsPath", "<="},
    {"NumericGreaterThanEquals", ">="},
    {"NumericGreaterThanEqualsPath", ">="},
    {"BooleanEquals", "=="},
    {"BooleanEqualsPath", "=="},
    {"TimestampEquals", "=="},
    {"TimestampEqualsPath", "=="},
    {"TimestampLessThan", "<"},
    {"TimestampLessThanPath", "<"},
    {"TimestampGreaterThan", ">"},
    {"TimestampGreaterThanPath", ">"},
    {"TimestampLessThanEquals", "<="},
    {"TimestampLessThanEqualsPath", "<="},
    {"TimestampGreaterThanEquals", ">="},
    {"TimestampGreaterThanEqualsPath", ">="},
    {"IsNull", "is null"},
    {"IsPresent", "is present"},
    {"IsNumeric", "is numeric"},
    {"IsString", "is string"},
    {"IsBoolean", "is boolean"},
    {"IsTimestamp", "is timestamp"},
};

} // namespace

std::string describeChoiceRule(const Json &rule)
{
    if (!rule.is_object())
        return {};
    if (rule.contains("Condition") && rule["Condition"].is_string()) {
        std::string text = rule["Condition"].get<std::string>();
        if (text.size() >= 4 && text.rfind("{%", 0) == 0 && text.substr(text.size() - 2) == "%}")
            text = text.substr(2, text.size() - 4);
        size_t first = text.find_first_not_of(' ');
        size_t last = text.find_last_not_of(' ');
        return first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
    }
    if (rule.contains("Not"))
        return "not (" + describeChoiceRule(rule["Not"]) + ")";
    for (const char *combinator : {"And", "Or"}) {
        if (rule.contains(combinator) && rule[combinator].is_array()) {
            std::string text;
            for (const Json &inner : rule[combinator]) {
                if (!text.empty())
                    text += combinator[0] == 'A' ? " and " : " or ";
                text += describeChoiceRule(inner);
            }
            return text;
        }
    }
    std::string variable = rule.contains("Variable") && rule["Variable"].is_string()
                               ? rule["Variable"].get<std::string>()
                               : std::string("?");
    for (const OperatorText &op : kOperators) {
        if (!rule.contains(op.name))
            continue;
        const Json &operand = rule[op.name];
        std::string name = op.name;
        bool unary = name.rfind("Is", 0) == 0;
        if (unary)
            return variable + (operand == true ? " is " : " is not ")
                   + std::string(op.symbol).substr(3);
        bool isPath = name.size() > 4 && name.substr(name.size() - 4) == "Path";
        std::string rhs
            = isPath && operand.is_string() ? operand.get<std::string>() : valueText(operand);
        return variable + " " + op.symbol + " " + rhs;
    }
    return variable;
}

} // namespace Stepwise::Model
