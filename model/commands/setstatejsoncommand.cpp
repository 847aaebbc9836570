#include "model/commands/setstatejsoncommand.h"

#include <QCoreApplication>

namespace Stepwise::Model {

SetStateJsonCommand::SetStateJsonCommand(Document *document, StateId id, const Json &body,
                                         QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_state(*document->workflow(), id)
    , m_before(document->workflow()->stateJson(id))
    , m_after(body)
{
    setText(QCoreApplication::translate("Stepwise", "Edit %1")
                .arg(QString::fromStdString(document->workflow()->name(id))));
}

void SetStateJsonCommand::redo()
{
    StateId id = m_state.resolve(*m_document->workflow());
    if (id == 0 || m_before == m_after) {
        setObsolete(true);
        return;
    }
    m_document->workflow()->setStateJson(id, m_after);
}

void SetStateJsonCommand::undo()
{
    if (StateId id = m_state.resolve(*m_document->workflow()))
        m_document->workflow()->setStateJson(id, m_before);
}

} // namespace Stepwise::Model
