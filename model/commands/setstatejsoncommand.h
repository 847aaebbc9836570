#pragma once

#include "model/commands/stateref.h"
#include "model/document.h"

#include <QUndoCommand>

namespace Stepwise::Model {

// Replaces every field of a state (keeping its name and id); nested scopes are rebuilt.
class SetStateJsonCommand : public QUndoCommand
{
  public:
    SetStateJsonCommand(Document *document, StateId id, const Json &body,
                        QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;

  private:
    Document *m_document;
    StateRef m_state;
    Json m_before;
    Json m_after;
};

} // namespace Stepwise::Model
