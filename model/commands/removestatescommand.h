#pragma once

#include "model/commands/statesnapshot.h"
#include "model/document.h"

#include <QUndoCommand>

#include <vector>

namespace Stepwise::Model {

// Deletes states (with everything nested in them). Transitions into a deleted state are
// bridged to its successor when it has a single Next, as Workflow Studio does; otherwise a
// Next becomes End and rules, catchers or a Default pointing at it are removed. Undo puts
// back the states, their positions and every edited predecessor exactly as written.
class RemoveStatesCommand : public QUndoCommand
{
  public:
    RemoveStatesCommand(Document *document, const std::vector<StateId> &states,
                        QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;

  private:
    struct ScopeStart
    {
        ScopeRef scope;
        std::string startAt;
    };
    struct EditedState
    {
        StateRef state;
        Json before;
    };

    Document *m_document;
    std::vector<StateRef> m_targets;
    std::vector<StateSnapshot> m_snapshots; // in ascending written order per scope
    std::vector<EditedState> m_edited;
    std::vector<ScopeStart> m_starts;
};

} // namespace Stepwise::Model
