#pragma once

#include "model/commands/stateref.h"
#include "model/document.h"

#include <QPointF>
#include <QUndoCommand>

#include <map>
#include <optional>
#include <vector>

namespace Stepwise::Model {

// Sets the canvas positions of states in the Layout: one command per drag (the view moves
// its items while dragging and pushes this on release). A position of nullopt hands the
// state back to auto-layout. Keyboard nudges (nudge = true) of the same states merge.
// Obsolete when nothing moves.
class MoveStatesCommand : public QUndoCommand
{
  public:
    MoveStatesCommand(Document *document,
                      const std::map<StateId, std::optional<QPointF>> &positions,
                      bool nudge = false, QUndoCommand *parent = nullptr);

    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;
    void undo() override;
    void redo() override;

  private:
    struct Move
    {
        StateRef state;
        std::optional<QPointF> before;
        std::optional<QPointF> after;
    };
    void apply(bool forward);

    Document *m_document;
    std::vector<Move> m_moves;
    bool m_nudge;
};

} // namespace Stepwise::Model
