#pragma once

#include "model/asl/workflow.h"
#include "model/result.h"

#include <QPointF>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace Stepwise::Model {

// What a user may do to a workflow, answered before any edit is made (as diagram-js's
// Rules): each check is ok, or an error saying why not and naming the state it is about.
// Modeling asks these before pushing a command; views may ask to enable a menu entry.
class Rules
{
  public:
    explicit Rules(const Workflow &workflow);

    // A new state named `name` in `scope`.
    Result<bool> canAddState(ScopeId scope, const std::string &name) const;
    // Whether the state's type has transitions of that kind (a Next on a Choice is a rule).
    Result<bool> canHaveTransition(StateId from, TransitionKind kind) const;
    // Whether a state may take a Next to a state added after it.
    Result<bool> canContinueAfter(StateId id) const;
    // A new transition from `from` to `to` (Next on a Choice adds a rule). Both in one
    // scope, a kind the state type has, and a change (not a Next it already has).
    Result<bool> canConnect(StateId from, StateId to, TransitionKind kind) const;
    // The existing transition (kind, index as in Workflow::transitions) leading to `to`.
    Result<bool> canReconnect(StateId from, TransitionKind kind, int index, StateId to) const;
    Result<bool> canDisconnect(StateId from, TransitionKind kind, int index) const;
    Result<bool> canInsertOnEdge(StateId from, TransitionKind kind, int index,
                                 StateType type) const;
    Result<bool> canDelete(const std::vector<StateId> &states) const;
    // A new, unique, non-empty name for the state.
    Result<bool> canRename(StateId id, const std::string &name) const;
    Result<bool> canSetStart(StateId id) const;
    // One connected run of states of one scope, entered at one state and left by at most
    // one Next (GroupStatesCommand's plan).
    Result<bool> canGroup(const std::vector<StateId> &states) const;
    Result<bool> canMove(const std::map<StateId, std::optional<QPointF>> &positions) const;
    // A fragment {"States": {...}} with at least one state, into an existing scope.
    Result<bool> canPaste(ScopeId scope, const Json &fragment) const;
    Result<bool> canSetField(StateId id, const std::string &key) const;
    // Retry belongs to the states that catch errors: Task, Parallel, Map.
    Result<bool> canRetry(StateId id) const;
    Result<bool> canSetDocumentField(const std::string &key) const;
    // A whole new definition (the text editor's): an object that differs from the current.
    Result<bool> canReplaceDefinition(const Json &definition) const;

    // The transition (kind, index) of `from`, if it has it. Next and Default have one each,
    // so their index is not compared.
    std::optional<Transition> transition(StateId from, TransitionKind kind, int index) const;

  private:
    bool hasScope(ScopeId scope) const;
    Error refusal(const std::string &message, StateId about = 0) const;

    const Workflow &m_workflow;
};

} // namespace Stepwise::Model
