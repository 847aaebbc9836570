#pragma once

#include "model/commands/stateref.h"
#include "model/document.h"

#include <QUndoCommand>

namespace Stepwise::Model {

// Makes a state the first of its scope (StartAt). Obsolete when it already is.
class SetStartAtCommand : public QUndoCommand
{
  public:
    SetStartAtCommand(Document *document, StateId id, QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;

  private:
    Document *m_document;
    ScopeRef m_scope;
    std::string m_before;
    bool m_hadStartAt;
    std::string m_after;
};

} // namespace Stepwise::Model
