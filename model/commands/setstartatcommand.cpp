#include "model/commands/setstartatcommand.h"

#include <QCoreApplication>

namespace Stepwise::Model {

SetStartAtCommand::SetStartAtCommand(Document *document, StateId id, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_scope(*document->workflow(), document->workflow()->scopeOf(id))
    , m_before(document->workflow()->startAt(document->workflow()->scopeOf(id)))
    , m_hadStartAt(
          document->workflow()->scopeFields(document->workflow()->scopeOf(id)).contains("StartAt"))
    , m_after(document->workflow()->name(id))
{
    setText(QCoreApplication::translate("Stepwise", "Set %1 as start")
                .arg(QString::fromStdString(m_after)));
}

void SetStartAtCommand::redo()
{
    ScopeId scope = m_scope.resolve(*m_document->workflow());
    if (scope == 0 || (m_hadStartAt && m_before == m_after)) {
        setObsolete(true);
        return;
    }
    m_document->workflow()->setScopeField(scope, "StartAt", m_after);
}

void SetStartAtCommand::undo()
{
    ScopeId scope = m_scope.resolve(*m_document->workflow());
    if (scope == 0)
        return;
    if (m_hadStartAt)
        m_document->workflow()->setScopeField(scope, "StartAt", m_before);
    else
        m_document->workflow()->removeScopeField(scope, "StartAt");
}

} // namespace Stepwise::Model
