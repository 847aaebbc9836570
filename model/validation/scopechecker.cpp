#include "model/validation/scopechecker.h"

#include "model/json/jsonpointer.h"
#include "model/validation/diagnosticcodes.h"
#include "model/validation/objectfieldchecks.h"
#include "model/validation/statechecker.h"
#include "model/validation/validationcontext.h"
#include "model/validation/valuechecks.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

namespace Stepwise::Model {

namespace {

std::string scopeName(ScopeKind kind)
{
    switch (kind) {
    case ScopeKind::Document:
        return "The state machine";
    case ScopeKind::Branch:
        return "The branch";
    case ScopeKind::ItemProcessor:
        return "The item processor";
    case ScopeKind::Iterator:
        return "The iterator";
    }
    return "The scope";
}

bool allowedScopeField(const std::string &key, ScopeKind kind)
{
    if (key == "StartAt" || key == "States" || key == "Comment")
        return true;
    if (kind == ScopeKind::Document)
        return key == "Version" || key == "TimeoutSeconds" || key == "QueryLanguage";
    // AWS still accepts ProcessorConfig in the legacy Iterator.
    if (kind == ScopeKind::ItemProcessor || kind == ScopeKind::Iterator)
        return key == "ProcessorConfig";
    return false;
}

void checkEnum(ValidationContext &context, const Json &object, const std::string &pointer,
               const char *key, std::initializer_list<std::string_view> values)
{
    if (!object.contains(key))
        return;
    const Json &value = object[key];
    std::string at = appendPointer(pointer, key);
    if (context.isPlaceholder(value))
        return;
    if (!value.is_string()) {
        context.error(DiagnosticCode::FieldType, at, std::string(key) + " must be a string");
        return;
    }
    for (std::string_view allowed : values) {
        if (value.get_ref<const std::string &>() == allowed)
            return;
    }
    std::string list;
    for (std::string_view allowed : values)
        list += (list.empty() ? "" : ", ") + std::string(allowed);
    context.error(DiagnosticCode::FieldRange, at,
                  std::string(key) + " must be one of " + list + ", not '"
                      + value.get<std::string>() + "'");
}

} // namespace

void ScopeChecker::checkDocument(const Json &definition)
{
    if (!definition.is_object()) {
        m_context.error(DiagnosticCode::DefinitionNotObject, "",
                        "A state machine definition must be a JSON object");
        return;
    }
    if (definition.contains("QueryLanguage")) {
        checkEnum(m_context, definition, "", "QueryLanguage", {"JSONPath", "JSONata"});
        const Json &language = definition["QueryLanguage"];
        if (language.is_string())
            m_documentLanguage
                = queryLanguageFromString(language.get<std::string>(), QueryLanguage::JsonPath);
    }
    if (definition.contains("Version") && !definition["Version"].is_string())
        m_context.error(DiagnosticCode::FieldType, "/Version", "Version must be a string");
    if (definition.contains("TimeoutSeconds")) {
        const Json &timeout = definition["TimeoutSeconds"];
        if (!m_context.isPlaceholder(timeout)) {
            if (!isIntegerValue(timeout))
                m_context.error(DiagnosticCode::FieldType, "/TimeoutSeconds",
                                "TimeoutSeconds must be an integer");
            else if (timeout.get<double>() < 1 || timeout.get<double>() > 99999999)
                m_context.error(DiagnosticCode::FieldRange, "/TimeoutSeconds",
                                "TimeoutSeconds must be between 1 and 99999999");
        }
    }
    m_machineLanguage = m_documentLanguage;
    checkScope(definition, "", ScopeKind::Document, m_documentLanguage);
}

void ScopeChecker::checkScopeFields(const Json &scope, const std::string &pointer, ScopeKind kind,
                                    QueryLanguage language)
{
    for (auto it = scope.begin(); it != scope.end(); ++it) {
        if (!allowedScopeField(it.key(), kind)) {
            m_context.error(DiagnosticCode::FieldUnknown, appendPointer(pointer, it.key()),
                            scopeName(kind) + " does not accept the field '" + it.key() + "'",
                            true);
        }
    }
    if (scope.contains("Comment") && !scope["Comment"].is_string())
        m_context.error(DiagnosticCode::FieldType, appendPointer(pointer, "Comment"),
                        "Comment must be a string");
    if (kind == ScopeKind::Document || kind == ScopeKind::Branch
        || !scope.contains("ProcessorConfig"))
        return;
    const Json &config = scope["ProcessorConfig"];
    std::string at = appendPointer(pointer, "ProcessorConfig");
    if (!checkObjectFields(m_context, ObjectKind::ProcessorConfig, config, at, language))
        return;
    if (config.value("Mode", Json()) == "DISTRIBUTED" && !config.contains("ExecutionType"))
        m_context.error(DiagnosticCode::FieldRequired, at,
                        "A DISTRIBUTED ProcessorConfig needs an ExecutionType (STANDARD or "
                        "EXPRESS)");
}

void ScopeChecker::checkScope(const Json &scope, const std::string &pointer, ScopeKind kind,
                              QueryLanguage language)
{
    if (!scope.is_object()) {
        m_context.error(DiagnosticCode::FieldType, pointer,
                        scopeName(kind) + " must be a JSON object");
        return;
    }
    checkScopeFields(scope, pointer, kind, language);

    const std::string statesPointer = appendPointer(pointer, "States");
    const Json *states = nullptr;
    if (!scope.contains("States")) {
        m_context.error(DiagnosticCode::StatesMissing, pointer, scopeName(kind) + " has no States");
    } else if (!scope["States"].is_object()) {
        m_context.error(DiagnosticCode::StatesMissing, statesPointer,
                        "States must be an object of states by name");
    } else if (scope["States"].empty()) {
        m_context.error(DiagnosticCode::StatesMissing, statesPointer,
                        scopeName(kind) + " has no states in States");
    } else {
        states = &scope["States"];
    }

    std::string startAt;
    bool hasStartAt = false;
    if (!scope.contains("StartAt")) {
        m_context.error(DiagnosticCode::StartAtMissing, pointer,
                        scopeName(kind) + " has no StartAt");
    } else if (!scope["StartAt"].is_string()) {
        m_context.error(DiagnosticCode::StartAtMissing, appendPointer(pointer, "StartAt"),
                        "StartAt must be the name of a state (a string)");
    } else {
        startAt = scope["StartAt"].get<std::string>();
        hasStartAt = true;
    }
    if (!states)
        return;

    // A distributed Map runs its processor as a child state machine: its states may
    // choose JSONPath even when the parent machine is JSONata.
    const QueryLanguage savedMachineLanguage = m_machineLanguage;
    if ((kind == ScopeKind::ItemProcessor || kind == ScopeKind::Iterator)
        && scope.contains("ProcessorConfig") && scope["ProcessorConfig"].is_object()
        && scope["ProcessorConfig"].value("Mode", Json()) == "DISTRIBUTED")
        m_machineLanguage = QueryLanguage::JsonPath;
    StateChecker checker(m_context, *this);
    std::map<std::string, StateSummary> summaries;
    std::vector<std::string> order;
    for (auto it = states->begin(); it != states->end(); ++it) {
        const std::string &name = it.key();
        std::string statePointer = appendPointer(statesPointer, name);
        if (utf8Length(name) > 80) {
            m_context.error(DiagnosticCode::StateNameTooLong, statePointer,
                            "The state name " + quoteName(name.substr(0, 40))
                                + "... is longer than 80 characters",
                            true);
        }
        if (name.empty()) {
            m_context.error(DiagnosticCode::FieldRange, statePointer,
                            "A state name cannot be empty", true);
        }
        auto [known, inserted] = m_names.emplace(name, statePointer);
        if (!inserted) {
            m_context.error(DiagnosticCode::StateNameDuplicate, statePointer,
                            "A state named " + quoteName(name) + " already exists at "
                                + known->second
                                + "; state names are unique in the whole "
                                  "state machine",
                            true);
        }
        summaries[name] = checker.check(name, it.value(), statePointer, language);
        order.push_back(name);
    }
    m_machineLanguage = savedMachineLanguage;

    if (hasStartAt && !states->contains(startAt)) {
        m_context.error(DiagnosticCode::StartAtTargetMissing, appendPointer(pointer, "StartAt"),
                        "StartAt names " + quoteName(startAt) + ", which is not a state of "
                            + (kind == ScopeKind::Document ? "the state machine" : "this scope"));
    }
    for (const std::string &name : order) {
        for (const Edge &edge : summaries[name].edges) {
            if (!states->contains(edge.target)) {
                m_context.error(DiagnosticCode::NextTargetMissing, edge.pointer,
                                "State " + quoteName(name) + " goes to " + quoteName(edge.target)
                                    + ", which is not a state of the same scope");
            }
        }
    }
    // AWS refuses a scope none of whose states ends the execution (MISSING_END_STATE,
    // "Workflow has no terminal state"), and then reports nothing about reachability.
    const bool anyTerminal = std::any_of(order.begin(), order.end(), [&](const std::string &name) {
        return summaries[name].terminal;
    });
    // A state with neither a transition nor an end (NEXT_OR_END_MISSING), or going to a
    // state that does not exist (NEXT_TARGET_MISSING), is already refused: whether it was
    // meant to end the scope is unknown, so no more is said.
    const bool everyStateLeads
        = std::all_of(order.begin(), order.end(), [&](const std::string &name) {
              const StateSummary &summary = summaries[name];
              return summary.terminal
                     || (!summary.edges.empty()
                         && std::all_of(
                             summary.edges.begin(), summary.edges.end(),
                             [&](const Edge &edge) { return states->contains(edge.target); }));
          });
    if (!order.empty() && !anyTerminal && everyStateLeads) {
        m_context.error(DiagnosticCode::NoTerminalState, statesPointer,
                        scopeName(kind)
                            + " has no terminal state: no state has \"End\": true or is a "
                              "Succeed or Fail state");
        return;
    }
    if (!hasStartAt || !states->contains(startAt))
        return;

    // Reachability from StartAt, then which states can still reach an end.
    std::set<std::string> reached = {startAt};
    std::deque<std::string> queue = {startAt};
    while (!queue.empty()) {
        std::string current = queue.front();
        queue.pop_front();
        for (const Edge &edge : summaries[current].edges) {
            if (states->contains(edge.target) && reached.insert(edge.target).second)
                queue.push_back(edge.target);
        }
    }
    std::map<std::string, std::vector<std::string>> incoming;
    std::set<std::string> ending;
    for (const std::string &name : order) {
        bool dangling = false;
        for (const Edge &edge : summaries[name].edges) {
            incoming[edge.target].push_back(name);
            dangling = dangling || !states->contains(edge.target);
        }
        // A dangling transition is already an error; don't add a warning about it.
        if ((summaries[name].terminal || dangling) && ending.insert(name).second)
            queue.push_back(name);
    }
    while (!queue.empty()) {
        std::string current = queue.front();
        queue.pop_front();
        for (const std::string &from : incoming[current]) {
            if (ending.insert(from).second)
                queue.push_back(from);
        }
    }
    for (const std::string &name : order) {
        std::string statePointer = appendPointer(statesPointer, name);
        if (!reached.count(name)) {
            // AWS refuses it too (MISSING_TRANSITION_TARGET: State "B" is not reachable).
            m_context.error(DiagnosticCode::UnreachableState, statePointer,
                            "State " + quoteName(name)
                                + " is not reachable: no StartAt, Next, Default or Catch "
                                  "leads to it");
        } else if (!ending.count(name)) {
            m_context.warning(DiagnosticCode::NoTerminalPath, statePointer,
                              "From state " + quoteName(name)
                                  + " no path leads to an end (End, Succeed or Fail)");
        }
    }
}

} // namespace Stepwise::Model
