#include "model/commands/setfieldcommand.h"

#include "model/commands/commandids.h"

#include <QCoreApplication>

namespace Stepwise::Model {

SetFieldCommand::SetFieldCommand(Document *document, StateId id, const std::string &key,
                                 std::optional<Json> value, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_state(*document->workflow(), id)
    , m_key(key)
    , m_after(std::move(value))
{
    const Workflow &workflow = *document->workflow();
    if (workflow.hasField(id, key))
        m_before = workflow.field(id, key);
    m_bodyBefore = workflow.stateJson(id);
    QString name = QString::fromStdString(workflow.name(id));
    QString field = QString::fromStdString(key);
    setText(m_after
                ? QCoreApplication::translate("Stepwise", "Change %1 of %2").arg(field, name)
                : QCoreApplication::translate("Stepwise", "Remove %1 from %2").arg(field, name));
}

int SetFieldCommand::id() const
{
    return m_mergeTag == "-" ? -1 : static_cast<int>(CommandId::SetField);
}

bool SetFieldCommand::mergeWith(const QUndoCommand *other)
{
    auto next = static_cast<const SetFieldCommand *>(other);
    if (!(next->m_state == m_state) || next->m_key != m_key || next->m_mergeTag != m_mergeTag)
        return false;
    m_after = next->m_after;
    setText(next->text());
    setObsolete(m_after == m_before);
    return true;
}

void SetFieldCommand::apply(const std::optional<Json> &value, const Json &bodyBefore)
{
    Workflow &workflow = *m_document->workflow();
    StateId id = m_state.resolve(workflow);
    if (id == 0)
        return;
    if (value) {
        // Putting back a removed field: restore the whole body so it returns to its place.
        if (!workflow.hasField(id, m_key) && !bodyBefore.is_null())
            workflow.setStateJson(id, bodyBefore);
        else
            workflow.setField(id, m_key, *value);
    } else {
        workflow.removeField(id, m_key);
    }
}

void SetFieldCommand::redo()
{
    if (m_after == m_before) {
        setObsolete(true);
        return;
    }
    apply(m_after, Json());
}

void SetFieldCommand::undo()
{
    apply(m_before, m_bodyBefore);
}

} // namespace Stepwise::Model
