#pragma once

#include "model/commands/stateref.h"
#include "model/document.h"

#include <QUndoCommand>

namespace Stepwise::Model {

// Renames a state and every reference to it in its scope. Obsolete when the name is
// unchanged, empty or already taken.
class RenameStateCommand : public QUndoCommand
{
  public:
    RenameStateCommand(Document *document, StateId id, const std::string &newName,
                       QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;

  private:
    void rename(const std::string &from, const std::string &to);

    Document *m_document;
    ScopeRef m_scope;
    std::string m_oldName;
    std::string m_newName;
};

} // namespace Stepwise::Model
