#pragma once

#include "model/commands/groupstatescommand.h"
#include "model/document.h"
#include "model/modeling/rules.h"

#include <QPointF>

#include <map>
#include <optional>
#include <string>
#include <vector>

class QUndoCommand;

namespace Stepwise::Model {

// The one way views edit a workflow (as diagram-js's Modeling): each operation asks Rules,
// then pushes the undoable command(s) onto the document's stack, and returns the ids it
// created, or an error saying why it was refused (nothing is pushed then). Cheap to make:
// it holds only the document.
class Modeling
{
  public:
    using Container = GroupStatesCommand::Container;
    using Positions = std::map<StateId, std::optional<QPointF>>;

    explicit Modeling(Document *document);

    Rules rules() const { return Rules(*m_document->workflow()); }

    // A new state of `type` with the fields to fill in, named after its type ("Wait 2").
    Result<StateId> addState(ScopeId scope, StateType type,
                             std::optional<QPointF> position = std::nullopt);
    // A new state below `after`, in its scope, joined by a Next when `after` can take one;
    // one undo step.
    Result<StateId> addStateAfter(StateId after, StateType type, QPointF position);
    // A new state in the middle of a transition: from -> new -> the old target.
    Result<StateId> insertOnEdge(StateId from, TransitionKind kind, int index, StateType type,
                                 std::optional<QPointF> position = std::nullopt);
    Result<bool> connect(StateId from, StateId to, TransitionKind kind = TransitionKind::Next);
    Result<bool> reconnect(StateId from, TransitionKind kind, int index, StateId to);
    Result<bool> disconnect(StateId from, TransitionKind kind, int index);
    // Canvas positions (nullopt: back to auto-layout). Nudges of the same states merge
    // into one undo step.
    Result<bool> move(const Positions &positions, bool nudge = false);
    // Every state back to auto-layout.
    Result<bool> autoLayout();
    Result<bool> remove(const std::vector<StateId> &states);
    Result<bool> rename(StateId id, const std::string &name);
    Result<bool> setStart(StateId id);
    // The new container's id.
    Result<StateId> group(const std::vector<StateId> &states, Container container);
    // The pasted states' ids, in the fragment's order.
    Result<std::vector<StateId>> paste(ScopeId scope, const Json &fragment,
                                       const std::map<std::string, QPointF> &positions = {});
    // Sets (nullopt: removes) one field of a state. Next and End exclude each other: setting
    // one removes the other in the same step. `mergeTag` as SetFieldCommand::setMergeTag.
    Result<bool> setField(StateId id, const std::string &key, const std::optional<Json> &value,
                          const std::string &mergeTag = std::string());
    // Appends a retrier for States.ALL (1 s, 3 attempts, backoff 2).
    Result<bool> addRetrier(StateId id);
    Result<bool> setStateJson(StateId id, const Json &body);
    // A top-level field of the definition (Comment, StartAt, TimeoutSeconds, ...).
    Result<bool> setDocumentField(const std::string &key, const std::optional<Json> &value);
    // The whole definition, as the text editor parsed it.
    Result<bool> replaceDefinition(const Json &definition);

  private:
    void push(QUndoCommand *command);

    Document *m_document;
};

} // namespace Stepwise::Model
