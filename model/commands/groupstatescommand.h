#pragma once

#include "model/commands/statesnapshot.h"
#include "model/document.h"

#include <QUndoCommand>

#include <vector>

namespace Stepwise::Model {

// Moves a connected run of states of one scope into a new Parallel (one branch) or Map
// (its item processor), as Workflow Studio's "Group into" does. Transitions into the run's
// entry state lead to the new container instead (StartAt too); the run's Next into the rest
// of the scope becomes the container's Next and End inside. Undo puts every state, edited
// predecessor and position back as written.
class GroupStatesCommand : public QUndoCommand
{
  public:
    enum class Container { Parallel, Map };

    GroupStatesCommand(Document *document, const std::vector<StateId> &states, Container container,
                       QUndoCommand *parent = nullptr);

    // Why the states cannot be grouped (empty when they can).
    static QString whyNot(const Workflow &workflow, const std::vector<StateId> &states);
    // The container's name once redone.
    const std::string &containerName() const { return m_name; }

    void undo() override;
    void redo() override;

  private:
    struct EditedState
    {
        StateRef state;
        Json before;
    };

    Document *m_document;
    Container m_container;
    std::vector<StateRef> m_targets;
    ScopeRef m_scope;
    std::string m_name;
    std::vector<StateSnapshot> m_snapshots;
    std::vector<EditedState> m_edited;
    std::string m_startBefore;
    bool m_startChanged = false;
    StateRef m_created;
};

} // namespace Stepwise::Model
