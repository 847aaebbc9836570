#include "model/validation/variablechecker.h"

#include "model/json/jsonpointer.h"
#include "model/validation/diagnosticcodes.h"
#include "model/validation/expressionsyntax.h"
#include "model/validation/validationcontext.h"
#include "model/validation/valuechecks.h"

#include <cctype>
#include <deque>
#include <map>

namespace Stepwise::Model {

namespace {

bool isNameChar(char c, bool first)
{
    const unsigned char u = static_cast<unsigned char>(c);
    return std::isalpha(u) || c == '_' || (!first && (std::isdigit(u) || c == '-'));
}

// The variables a JSONPath-mode value reads: "$name..." as a path, or $name among an
// intrinsic's arguments (outside its quoted strings). "$", "$.x" and "$$" read none.
void pathVariables(const std::string &text, std::set<std::string> &out)
{
    bool quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' && quoted) {
            ++i;
            continue;
        }
        if (c == '\'') {
            quoted = !quoted;
            continue;
        }
        if (quoted || c != '$' || (i > 0 && (text[i - 1] == '$' || isNameChar(text[i - 1], false))))
            continue;
        if (i + 1 >= text.size() || !isNameChar(text[i + 1], true))
            continue;
        size_t end = i + 1;
        while (end < text.size() && isNameChar(text[end], end == i + 1))
            ++end;
        out.insert(text.substr(i + 1, end - i - 1));
        i = end - 1;
    }
}

// The names a state may assign: its Assign, its Choice rules' and its Catch rules'.
void assignedNames(const Json &body, std::set<std::string> &out)
{
    auto add = [&](const Json &holder) {
        if (!holder.is_object())
            return;
        auto assign = holder.find("Assign");
        if (assign == holder.end() || !assign->is_object())
            return;
        for (auto it = assign->begin(); it != assign->end(); ++it) {
            std::string name = it.key();
            // JSONPath writes "name.$" for a value read from a path.
            if (name.size() > 2 && name.compare(name.size() - 2, 2, ".$") == 0)
                name.resize(name.size() - 2);
            out.insert(name);
        }
    };
    add(body);
    for (const char *list : {"Choices", "Catch"}) {
        auto rules = body.find(list);
        if (rules != body.end() && rules->is_array()) {
            for (const Json &rule : *rules)
                add(rule);
        }
    }
}

std::vector<std::string> successors(const Json &body)
{
    std::vector<std::string> out;
    for (const char *key : {"Next", "Default"}) {
        auto it = body.find(key);
        if (it != body.end() && it->is_string())
            out.push_back(it->get<std::string>());
    }
    for (const char *list : {"Choices", "Catch"}) {
        auto rules = body.find(list);
        if (rules == body.end() || !rules->is_array())
            continue;
        for (const Json &rule : *rules) {
            if (!rule.is_object())
                continue;
            auto next = rule.find("Next");
            if (next != rule.end() && next->is_string())
                out.push_back(next->get<std::string>());
        }
    }
    return out;
}

// Every Assign of a scope's states (the names a nested scope may see).
void scopeAssigns(const Json &states, std::set<std::string> &out)
{
    for (auto it = states.begin(); it != states.end(); ++it) {
        if (it.value().is_object())
            assignedNames(it.value(), out);
    }
}

bool endsWith(const std::string &text, const char *suffix)
{
    const size_t n = std::char_traits<char>::length(suffix);
    return text.size() >= n && text.compare(text.size() - n, n, suffix) == 0;
}

} // namespace

void VariableChecker::checkDocument(const Json &definition)
{
    if (!definition.is_object())
        return;
    const QueryLanguage language = queryLanguageFromString(
        definition.value("QueryLanguage", std::string("JSONPath")), QueryLanguage::JsonPath);
    checkScope(definition, "", language, {});
}

void VariableChecker::checkScope(const Json &scope, const std::string &pointer,
                                 QueryLanguage language, const Names &visible)
{
    auto states = scope.find("States");
    auto startAt = scope.find("StartAt");
    if (states == scope.end() || !states->is_object() || startAt == scope.end()
        || !startAt->is_string() || !states->contains(startAt->get<std::string>()))
        return;
    // What may be assigned when each state is entered: the union over every way to it.
    std::map<std::string, Names> entry;
    std::deque<std::string> pending{startAt->get<std::string>()};
    entry[pending.front()] = visible;
    while (!pending.empty()) {
        const std::string name = pending.front();
        pending.pop_front();
        const Json &body = (*states)[name];
        if (!body.is_object())
            continue;
        Names leaving = entry[name];
        assignedNames(body, leaving);
        for (const std::string &next : successors(body)) {
            if (!states->contains(next))
                continue;
            auto [at, fresh] = entry.try_emplace(next);
            const size_t before = at->second.size();
            at->second.insert(leaving.begin(), leaving.end());
            if (fresh || at->second.size() != before)
                pending.push_back(next);
        }
    }
    Names ownAssigns;
    scopeAssigns(*states, ownAssigns);
    const std::string statesPointer = appendPointer(pointer, "States");
    for (auto it = states->begin(); it != states->end(); ++it) {
        const Json &body = it.value();
        auto reached = entry.find(it.key());
        if (!body.is_object() || reached == entry.end())
            continue; // unreachable states are an error of their own
        const std::string statePointer = appendPointer(statesPointer, it.key());
        QueryLanguage stateLanguage = language;
        if (auto ql = body.find("QueryLanguage"); ql != body.end() && ql->is_string())
            stateLanguage = queryLanguageFromString(ql->get<std::string>(), language);
        checkReads(it.key(), body, statePointer, stateLanguage, reached->second);

        // Branches and iterations read the variables of the scopes around them.
        Names inner = reached->second;
        inner.insert(visible.begin(), visible.end());
        inner.insert(ownAssigns.begin(), ownAssigns.end());
        if (auto branches = body.find("Branches"); branches != body.end() && branches->is_array()) {
            for (size_t i = 0; i < branches->size(); ++i) {
                checkScope((*branches)[i],
                           appendPointer(appendPointer(statePointer, "Branches"), i), stateLanguage,
                           inner);
            }
        }
        for (const char *key : {"ItemProcessor", "Iterator"}) {
            auto processor = body.find(key);
            if (processor == body.end() || !processor->is_object())
                continue;
            auto config = processor->find("ProcessorConfig");
            const bool distributed = config != processor->end() && config->is_object()
                                     && config->value("Mode", Json()) == "DISTRIBUTED";
            // A distributed Map's children are executions of their own: no outer variables.
            checkScope(*processor, appendPointer(statePointer, key), stateLanguage,
                       distributed ? Names() : inner);
        }
    }
}

void VariableChecker::checkReads(const std::string &state, const Json &body,
                                 const std::string &pointer, QueryLanguage language,
                                 const Names &assigned)
{
    std::set<std::pair<std::string, std::string>> reads; // (pointer, name)
    collectReads(body, pointer, language, true, reads);
    for (const auto &[at, name] : reads) {
        if (name == "states" || assigned.count(name))
            continue;
        std::string field = at.size() > pointer.size() ? at.substr(pointer.size() + 1) : "";
        m_context.warning(DiagnosticCode::VariableNotAssigned, at,
                          "State " + quoteName(state) + " reads $" + name + " in " + field
                              + ", but no state before it assigns $" + name
                              + ": the read finds nothing");
    }
}

void VariableChecker::collectReads(const Json &value, const std::string &pointer,
                                   QueryLanguage language, bool topLevel,
                                   std::set<std::pair<std::string, std::string>> &out) const
{
    const ExpressionSyntax *syntax = m_context.options().expressions;
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            const std::string &key = it.key();
            // Nested scopes are checked with their own states.
            if (topLevel && (key == "Branches" || key == "ItemProcessor" || key == "Iterator"))
                continue;
            const std::string at = appendPointer(pointer, key);
            if (it.value().is_string() && language == QueryLanguage::JsonPath) {
                const bool expression = endsWith(key, ".$")
                                        || (endsWith(key, "Path") && key != "ResultPath")
                                        || key == "Variable";
                if (expression) {
                    std::set<std::string> names;
                    pathVariables(it.value().get<std::string>(), names);
                    for (const std::string &name : names)
                        out.emplace(at, name);
                }
                continue;
            }
            collectReads(it.value(), at, language, false, out);
        }
        return;
    }
    if (value.is_array()) {
        for (size_t i = 0; i < value.size(); ++i)
            collectReads(value[i], appendPointer(pointer, i), language, false, out);
        return;
    }
    if (language == QueryLanguage::Jsonata && syntax && value.is_string()
        && isJsonataExpression(value.get_ref<const std::string &>())) {
        for (const std::string &name :
             syntax->jsonataVariables(jsonataBody(value.get_ref<const std::string &>())))
            out.emplace(pointer, name);
    }
}

} // namespace Stepwise::Model
