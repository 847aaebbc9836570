#include "model/modeling/rules.h"

#include "model/commands/groupstatescommand.h"
#include "model/commands/transitionedit.h"

#include <algorithm>

namespace Stepwise::Model {

namespace {

// How a transition kind reads in a refusal.
const char *kindName(TransitionKind kind)
{
    switch (kind) {
    case TransitionKind::Next:
        return "a Next";
    case TransitionKind::Default:
        return "a Default";
    case TransitionKind::ChoiceRule:
        return "Choice rules";
    case TransitionKind::Catch:
        return "a Catch";
    }
    return "that transition";
}

} // namespace

Rules::Rules(const Workflow &workflow)
    : m_workflow(workflow)
{}

Error Rules::refusal(const std::string &message, StateId about) const
{
    Error error;
    error.message = message;
    if (about != 0 && m_workflow.contains(about))
        error.location.pointer = m_workflow.pointer(about);
    return error;
}

bool Rules::hasScope(ScopeId scope) const
{
    const std::vector<ScopeId> scopes = m_workflow.allScopes();
    return scope != 0 && std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

std::optional<Transition> Rules::transition(StateId from, TransitionKind kind, int index) const
{
    if (!m_workflow.contains(from))
        return std::nullopt;
    for (const Transition &t : m_workflow.transitions(from)) {
        if (t.kind == kind
            && (t.index == index || kind == TransitionKind::Next
                || kind == TransitionKind::Default))
            return t;
    }
    return std::nullopt;
}

Result<bool> Rules::canAddState(ScopeId scope, const std::string &name) const
{
    if (!hasScope(scope))
        return refusal("No such scope");
    if (name.empty())
        return refusal("A state needs a name");
    if (StateId existing = m_workflow.findState(scope, name))
        return refusal("Another state is already named \"" + name + "\"", existing);
    return true;
}

Result<bool> Rules::canContinueAfter(StateId id) const
{
    if (!m_workflow.contains(id))
        return refusal("No such state");
    const StateType type = m_workflow.type(id);
    // A Choice continues through its rules, which need a condition the user writes.
    if (type == StateType::Succeed || type == StateType::Fail || type == StateType::Choice)
        return refusal("A " + std::string(toString(type)) + " state has no Next", id);
    return true;
}

Result<bool> Rules::canHaveTransition(StateId from, TransitionKind kind) const
{
    if (!m_workflow.contains(from))
        return refusal("No such state");
    const StateType type = m_workflow.type(from);
    const TransitionKind effective = kind == TransitionKind::Next && type == StateType::Choice
                                         ? TransitionKind::ChoiceRule
                                         : kind;
    if (!TransitionEdit::allows(type, effective))
        return refusal(
            "A " + std::string(toString(type)) + " state cannot have " + kindName(effective), from);
    return true;
}

Result<bool> Rules::canConnect(StateId from, StateId to, TransitionKind kind) const
{
    if (!m_workflow.contains(from) || !m_workflow.contains(to))
        return refusal("No such state");
    if (m_workflow.scopeOf(from) != m_workflow.scopeOf(to))
        return refusal("A transition can only lead to a state of the same scope (\""
                           + m_workflow.name(to) + "\" is in another)",
                       from);
    if (Result<bool> has = canHaveTransition(from, kind); !has)
        return has;
    const Json body = m_workflow.stateJson(from);
    if (TransitionEdit::added(body, kind, m_workflow.name(to), m_workflow.queryLanguage(from))
        == body)
        return refusal("\"" + m_workflow.name(from) + "\" already leads to \"" + m_workflow.name(to)
                           + "\"",
                       from);
    return true;
}

Result<bool> Rules::canReconnect(StateId from, TransitionKind kind, int index, StateId to) const
{
    if (!m_workflow.contains(from) || !m_workflow.contains(to))
        return refusal("No such state");
    if (!transition(from, kind, index))
        return refusal("\"" + m_workflow.name(from) + "\" has no such transition", from);
    if (m_workflow.scopeOf(from) != m_workflow.scopeOf(to))
        return refusal("A transition can only lead to a state of the same scope (\""
                           + m_workflow.name(to) + "\" is in another)",
                       from);
    const Json body = m_workflow.stateJson(from);
    if (TransitionEdit::retargeted(body, kind, index, m_workflow.name(to)) == body)
        return refusal("\"" + m_workflow.name(from) + "\" already leads to \"" + m_workflow.name(to)
                           + "\"",
                       from);
    return true;
}

Result<bool> Rules::canDisconnect(StateId from, TransitionKind kind, int index) const
{
    if (!m_workflow.contains(from))
        return refusal("No such state");
    if (!transition(from, kind, index))
        return refusal("\"" + m_workflow.name(from) + "\" has no such transition", from);
    return true;
}

Result<bool> Rules::canInsertOnEdge(StateId from, TransitionKind kind, int index,
                                    StateType type) const
{
    if (type == StateType::Unknown)
        return refusal("Unknown state type");
    return canDisconnect(from, kind, index);
}

Result<bool> Rules::canDelete(const std::vector<StateId> &states) const
{
    if (states.empty())
        return refusal("Select the states to delete");
    for (StateId id : states) {
        if (!m_workflow.contains(id))
            return refusal("No such state");
    }
    return true;
}

Result<bool> Rules::canRename(StateId id, const std::string &name) const
{
    if (!m_workflow.contains(id))
        return refusal("No such state");
    if (name.empty())
        return refusal("A state needs a name", id);
    if (name == m_workflow.name(id))
        return refusal("The state is already named \"" + name + "\"", id);
    if (m_workflow.findState(m_workflow.scopeOf(id), name) != 0)
        return refusal("Another state is already named \"" + name + "\"", id);
    return true;
}

Result<bool> Rules::canSetStart(StateId id) const
{
    if (!m_workflow.contains(id))
        return refusal("No such state");
    const ScopeId scope = m_workflow.scopeOf(id);
    if (m_workflow.scopeFields(scope).contains("StartAt")
        && m_workflow.startAt(scope) == m_workflow.name(id))
        return refusal("\"" + m_workflow.name(id) + "\" is already the start", id);
    return true;
}

Result<bool> Rules::canGroup(const std::vector<StateId> &states) const
{
    const QString why = GroupStatesCommand::whyNot(m_workflow, states);
    if (!why.isEmpty())
        return refusal(why.toStdString(), states.empty() ? 0 : states.front());
    return true;
}

Result<bool> Rules::canMove(const std::map<StateId, std::optional<QPointF>> &positions) const
{
    if (positions.empty())
        return refusal("Nothing to move");
    for (const auto &entry : positions) {
        if (!m_workflow.contains(entry.first))
            return refusal("No such state");
    }
    return true;
}

Result<bool> Rules::canPaste(ScopeId scope, const Json &fragment) const
{
    if (!hasScope(scope))
        return refusal("No such scope");
    if (!fragment.is_object() || !fragment.contains("States") || !fragment["States"].is_object()
        || fragment["States"].empty())
        return refusal("Nothing to paste: the clipboard holds no states");
    return true;
}

Result<bool> Rules::canSetField(StateId id, const std::string &key) const
{
    if (!m_workflow.contains(id))
        return refusal("No such state");
    if (key.empty())
        return refusal("A field needs a name", id);
    return true;
}

Result<bool> Rules::canRetry(StateId id) const
{
    if (!m_workflow.contains(id))
        return refusal("No such state");
    const StateType type = m_workflow.type(id);
    if (!TransitionEdit::allows(type, TransitionKind::Catch))
        return refusal("A " + std::string(toString(type))
                           + " state cannot retry: only Task, Parallel and Map states do",
                       id);
    return true;
}

Result<bool> Rules::canSetDocumentField(const std::string &key) const
{
    if (key.empty() || key == "States")
        return refusal("Not a field of the definition: \"" + key + "\"");
    return true;
}

Result<bool> Rules::canReplaceDefinition(const Json &definition) const
{
    if (!definition.is_object())
        return refusal("An ASL definition must be an object");
    if (definition == m_workflow.toJson())
        return refusal("The definition is unchanged");
    return true;
}

} // namespace Stepwise::Model
