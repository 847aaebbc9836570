#include "model/commands/insertonedgecommand.h"

#include "model/commands/addstatecommand.h"
#include "model/commands/reconnectcommand.h"
#include "model/commands/statesnapshot.h"

#include <QCoreApplication>

#include <algorithm>

namespace Stepwise::Model {

InsertOnEdgeCommand::InsertOnEdgeCommand(Document *document, StateId from, TransitionKind kind,
                                         int index, StateType type, std::optional<QPointF> position,
                                         QUndoCommand *parent)
    : QUndoCommand(parent)
{
    const Workflow &workflow = *document->workflow();
    const std::vector<Transition> transitions = workflow.transitions(from);
    auto edge = std::find_if(transitions.begin(), transitions.end(), [&](const Transition &t) {
        return t.kind == kind
               && (t.index == index || kind == TransitionKind::Next
                   || kind == TransitionKind::Default);
    });
    if (edge == transitions.end()) {
        setObsolete(true);
        return;
    }
    ScopeId scope = workflow.scopeOf(from);
    std::string name = workflow.uniqueName(scope, std::string(toString(type)));
    Json body = AddStateCommand::defaultBody(type);
    if (type == StateType::Choice)
        body["Default"] = edge->target;
    else if (!isTerminalType(type))
        body = JsonEdit::replaceKey(body, "End", "Next", edge->target);
    const std::vector<StateId> siblings = workflow.states(scope);
    int at = static_cast<int>(std::find(siblings.begin(), siblings.end(), from) - siblings.begin());
    m_add = new AddStateCommand(document, scope, name, body, position, at + 1, this);
    new ReconnectCommand(document, from, kind, index, name, this);
    setText(QCoreApplication::translate("Stepwise", "Insert %1 after %2")
                .arg(QString::fromStdString(name), QString::fromStdString(workflow.name(from))));
}

StateId InsertOnEdgeCommand::stateId() const
{
    return m_add ? m_add->stateId() : 0;
}

std::string InsertOnEdgeCommand::stateName() const
{
    return m_add ? m_add->name() : std::string();
}

void InsertOnEdgeCommand::redo()
{
    if (isObsolete())
        return;
    QUndoCommand::redo();
}

} // namespace Stepwise::Model
