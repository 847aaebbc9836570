#include "model/commands/renamestatecommand.h"

#include <QCoreApplication>

namespace Stepwise::Model {

RenameStateCommand::RenameStateCommand(Document *document, StateId id, const std::string &newName,
                                       QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_scope(*document->workflow(), document->workflow()->scopeOf(id))
    , m_oldName(document->workflow()->name(id))
    , m_newName(newName)
{
    setText(QCoreApplication::translate("Stepwise", "Rename %1 to %2")
                .arg(QString::fromStdString(m_oldName), QString::fromStdString(m_newName)));
}

void RenameStateCommand::rename(const std::string &from, const std::string &to)
{
    Workflow &workflow = *m_document->workflow();
    ScopeId scope = m_scope.resolve(workflow);
    StateId id = workflow.findState(scope, from);
    if (id == 0 || !workflow.renameState(id, to).ok() || from == to)
        setObsolete(true);
}

void RenameStateCommand::redo()
{
    rename(m_oldName, m_newName);
}

void RenameStateCommand::undo()
{
    rename(m_newName, m_oldName);
}

} // namespace Stepwise::Model
