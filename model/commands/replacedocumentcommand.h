#pragma once

#include "model/document.h"

#include <QUndoCommand>

namespace Stepwise::Model {

// Replaces the whole definition (the ASL text editor pushes this when its text parses).
// Workflow::load keeps the ids (and so the canvas positions and the selection) of states
// that keep their name and place. Obsolete when the definition is unchanged or not an object.
class ReplaceDocumentCommand : public QUndoCommand
{
  public:
    ReplaceDocumentCommand(Document *document, const Json &definition,
                           QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;

  private:
    Document *m_document;
    Json m_before;
    Json m_after;
};

} // namespace Stepwise::Model
