#pragma once

#include "model/document.h"

#include <QPointF>
#include <QUndoCommand>

#include <optional>

namespace Stepwise::Model {

class AddStateCommand;

// Inserts a new state of `type` into an existing transition (kind + index, as in
// Workflow::transitions) of `from`: from -> new -> old target. The new state is written
// right after `from`. Obsolete when the transition does not exist.
class InsertOnEdgeCommand : public QUndoCommand
{
  public:
    InsertOnEdgeCommand(Document *document, StateId from, TransitionKind kind, int index,
                        StateType type, std::optional<QPointF> position = std::nullopt,
                        QUndoCommand *parent = nullptr);

    // The inserted state's id after redo().
    StateId stateId() const;
    // The name the new state gets ("" when the transition does not exist).
    std::string stateName() const;

    void redo() override;

  private:
    AddStateCommand *m_add = nullptr;
};

} // namespace Stepwise::Model
