#include "model/commands/replacedocumentcommand.h"

#include <QCoreApplication>

namespace Stepwise::Model {

ReplaceDocumentCommand::ReplaceDocumentCommand(Document *document, const Json &definition,
                                               QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_before(document->workflow()->toJson())
    , m_after(definition)
{
    setText(QCoreApplication::translate("Stepwise", "Edit definition text"));
}

void ReplaceDocumentCommand::redo()
{
    if (!m_after.is_object() || m_after == m_before) {
        setObsolete(true);
        return;
    }
    m_document->workflow()->load(m_after);
}

void ReplaceDocumentCommand::undo()
{
    m_document->workflow()->load(m_before);
}

} // namespace Stepwise::Model
