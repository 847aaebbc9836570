#include "model/modeling/modeling.h"

#include "model/commands/addstatecommand.h"
#include "model/commands/connectcommand.h"
#include "model/commands/disconnectcommand.h"
#include "model/commands/insertonedgecommand.h"
#include "model/commands/movestatescommand.h"
#include "model/commands/pastecommand.h"
#include "model/commands/reconnectcommand.h"
#include "model/commands/removestatescommand.h"
#include "model/commands/renamestatecommand.h"
#include "model/commands/replacedocumentcommand.h"
#include "model/commands/setdocumentfieldcommand.h"
#include "model/commands/setfieldcommand.h"
#include "model/commands/setstartatcommand.h"
#include "model/commands/setstatejsoncommand.h"

#include <QCoreApplication>

#include <algorithm>

namespace Stepwise::Model {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Stepwise", text);
}

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

Error notApplied(const std::string &what)
{
    Error error;
    error.message = what;
    return error;
}

} // namespace

Modeling::Modeling(Document *document)
    : m_document(document)
{}

void Modeling::push(QUndoCommand *command)
{
    m_document->undoStack()->push(command);
}

// Commands that fail while redone are dropped by the stack (and deleted), so what they
// created is looked up by the name they were given, which works inside a macro too.

Result<StateId> Modeling::addState(ScopeId scope, StateType type, std::optional<QPointF> position)
{
    const Workflow &workflow = *m_document->workflow();
    const std::string name = workflow.uniqueName(scope, std::string(toString(type)));
    if (Result<bool> allowed = rules().canAddState(scope, name); !allowed)
        return allowed.error();
    push(
        new AddStateCommand(m_document, scope, name, AddStateCommand::defaultBody(type), position));
    if (StateId id = workflow.findState(scope, name))
        return id;
    return notApplied("The state could not be added");
}

Result<StateId> Modeling::addStateAfter(StateId after, StateType type, QPointF position)
{
    const Workflow &workflow = *m_document->workflow();
    if (!workflow.contains(after))
        return notApplied("No such state");
    const ScopeId scope = workflow.scopeOf(after);
    const std::string name = workflow.uniqueName(scope, std::string(toString(type)));
    if (Result<bool> allowed = rules().canAddState(scope, name); !allowed)
        return allowed.error();
    const bool joined = rules().canContinueAfter(after).ok();
    QUndoStack *stack = m_document->undoStack();
    stack->beginMacro(tr("Add %1 after %2")
                          .arg(QString::fromUtf8(toString(type).data()), qs(workflow.name(after))));
    push(
        new AddStateCommand(m_document, scope, name, AddStateCommand::defaultBody(type), position));
    const StateId added = workflow.findState(scope, name);
    if (added != 0 && joined && rules().canConnect(after, added, TransitionKind::Next))
        push(new ConnectCommand(m_document, after, added, TransitionKind::Next));
    stack->endMacro();
    if (added == 0)
        return notApplied("The state could not be added");
    return added;
}

Result<StateId> Modeling::insertOnEdge(StateId from, TransitionKind kind, int index, StateType type,
                                       std::optional<QPointF> position)
{
    if (Result<bool> allowed = rules().canInsertOnEdge(from, kind, index, type); !allowed)
        return allowed.error();
    const Workflow &workflow = *m_document->workflow();
    const ScopeId scope = workflow.scopeOf(from);
    auto *command = new InsertOnEdgeCommand(m_document, from, kind, index, type, position);
    const std::string name = command->stateName();
    push(command);
    if (StateId id = name.empty() ? 0 : workflow.findState(scope, name))
        return id;
    return notApplied("The state could not be inserted");
}

Result<bool> Modeling::connect(StateId from, StateId to, TransitionKind kind)
{
    if (Result<bool> allowed = rules().canConnect(from, to, kind); !allowed)
        return allowed;
    push(new ConnectCommand(m_document, from, to, kind));
    return true;
}

Result<bool> Modeling::reconnect(StateId from, TransitionKind kind, int index, StateId to)
{
    if (Result<bool> allowed = rules().canReconnect(from, kind, index, to); !allowed)
        return allowed;
    push(new ReconnectCommand(m_document, from, kind, index, m_document->workflow()->name(to)));
    return true;
}

Result<bool> Modeling::disconnect(StateId from, TransitionKind kind, int index)
{
    if (Result<bool> allowed = rules().canDisconnect(from, kind, index); !allowed)
        return allowed;
    push(new DisconnectCommand(m_document, from, kind, index));
    return true;
}

Result<bool> Modeling::move(const Positions &positions, bool nudge)
{
    if (Result<bool> allowed = rules().canMove(positions); !allowed)
        return allowed;
    push(new MoveStatesCommand(m_document, positions, nudge));
    return true;
}

Result<bool> Modeling::autoLayout()
{
    Positions positions;
    bool placed = false;
    for (StateId id : m_document->workflow()->allStates()) {
        positions[id] = std::nullopt;
        placed = placed || m_document->layout()->hasPosition(id);
    }
    if (Result<bool> allowed = rules().canMove(positions); !allowed)
        return allowed;
    if (!placed)
        return notApplied("Every state is already placed by auto-layout");
    auto *command = new MoveStatesCommand(m_document, positions);
    command->setText(tr("Auto-layout"));
    push(command);
    return true;
}

Result<bool> Modeling::remove(const std::vector<StateId> &states)
{
    if (Result<bool> allowed = rules().canDelete(states); !allowed)
        return allowed;
    push(new RemoveStatesCommand(m_document, states));
    return true;
}

Result<bool> Modeling::rename(StateId id, const std::string &name)
{
    if (Result<bool> allowed = rules().canRename(id, name); !allowed)
        return allowed;
    push(new RenameStateCommand(m_document, id, name));
    return true;
}

Result<bool> Modeling::setStart(StateId id)
{
    if (Result<bool> allowed = rules().canSetStart(id); !allowed)
        return allowed;
    push(new SetStartAtCommand(m_document, id));
    return true;
}

Result<StateId> Modeling::group(const std::vector<StateId> &states, Container container)
{
    if (Result<bool> allowed = rules().canGroup(states); !allowed)
        return allowed.error();
    const Workflow &workflow = *m_document->workflow();
    // The name GroupStatesCommand gives the container (the states are still there).
    const auto member = std::find_if(states.begin(), states.end(),
                                     [&](StateId id) { return workflow.contains(id); });
    const ScopeId scope = workflow.scopeOf(*member);
    const std::string name
        = workflow.uniqueName(scope, container == Container::Parallel ? "Parallel" : "Map");
    push(new GroupStatesCommand(m_document, states, container));
    if (StateId id = workflow.findState(scope, name))
        return id;
    return notApplied("The states could not be grouped");
}

Result<std::vector<StateId>> Modeling::paste(ScopeId scope, const Json &fragment,
                                             const std::map<std::string, QPointF> &positions)
{
    if (Result<bool> allowed = rules().canPaste(scope, fragment); !allowed)
        return allowed.error();
    auto *command = new PasteCommand(m_document, scope, fragment, positions);
    const std::vector<std::string> names = command->stateNames();
    push(command);
    std::vector<StateId> ids;
    for (const std::string &name : names) {
        if (StateId id = m_document->workflow()->findState(scope, name))
            ids.push_back(id);
    }
    if (ids.empty())
        return notApplied("Nothing was pasted");
    return ids;
}

Result<bool> Modeling::setField(StateId id, const std::string &key,
                                const std::optional<Json> &value, const std::string &mergeTag)
{
    if (Result<bool> allowed = rules().canSetField(id, key); !allowed)
        return allowed;
    const Workflow &workflow = *m_document->workflow();
    // Next and End exclude each other: setting one removes the other in the same step.
    const std::string other = key == "Next" ? "End" : key == "End" ? "Next" : std::string();
    if (value && !other.empty() && workflow.hasField(id, other)) {
        QUndoStack *stack = m_document->undoStack();
        stack->beginMacro(tr("Set %1 of %2").arg(qs(key), qs(workflow.name(id))));
        push(new SetFieldCommand(m_document, id, key, value));
        push(new SetFieldCommand(m_document, id, other, std::nullopt));
        stack->endMacro();
        return true;
    }
    auto *command = new SetFieldCommand(m_document, id, key, value);
    command->setMergeTag(mergeTag);
    push(command);
    return true;
}

Result<bool> Modeling::addRetrier(StateId id)
{
    if (Result<bool> allowed = rules().canRetry(id); !allowed)
        return allowed;
    Json retry = m_document->workflow()->field(id, "Retry");
    if (!retry.is_array())
        retry = Json::array();
    retry.push_back(Json{{"ErrorEquals", Json::array({"States.ALL"})},
                         {"IntervalSeconds", 1},
                         {"MaxAttempts", 3},
                         {"BackoffRate", 2}});
    push(new SetFieldCommand(m_document, id, "Retry", retry));
    return true;
}

Result<bool> Modeling::setStateJson(StateId id, const Json &body)
{
    if (!m_document->workflow()->contains(id))
        return notApplied("No such state");
    if (!body.is_object())
        return notApplied("A state must be an object");
    push(new SetStateJsonCommand(m_document, id, body));
    return true;
}

Result<bool> Modeling::setDocumentField(const std::string &key, const std::optional<Json> &value)
{
    if (Result<bool> allowed = rules().canSetDocumentField(key); !allowed)
        return allowed;
    push(new SetDocumentFieldCommand(m_document, key, value));
    return true;
}

Result<bool> Modeling::replaceDefinition(const Json &definition)
{
    if (Result<bool> allowed = rules().canReplaceDefinition(definition); !allowed)
        return allowed;
    push(new ReplaceDocumentCommand(m_document, definition));
    return true;
}

} // namespace Stepwise::Model
