#pragma once

#include "model/commands/stateref.h"
#include "model/document.h"

#include <QUndoCommand>

#include <optional>

namespace Stepwise::Model {

// Sets one field of a state, or removes it (value = nullopt). Consecutive edits of the same
// field of the same state merge into one undo step, so typing in the inspector undoes as a
// whole; an edit that ends where it started disappears from the stack.
class SetFieldCommand : public QUndoCommand
{
  public:
    SetFieldCommand(Document *document, StateId id, const std::string &key,
                    std::optional<Json> value, QUndoCommand *parent = nullptr);

    // Which edits merge: by default every later edit of the same field; with a tag, only
    // edits carrying the same tag (typing in one input of a form); "-" never merges (adding,
    // removing or moving an item of a list is a step of its own).
    void setMergeTag(const std::string &tag) { m_mergeTag = tag; }

    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;
    void undo() override;
    void redo() override;

  private:
    void apply(const std::optional<Json> &value, const Json &bodyBefore);

    Document *m_document;
    StateRef m_state;
    std::string m_key;
    std::optional<Json> m_before;
    std::optional<Json> m_after;
    Json m_bodyBefore; // restores the key's written position when undoing a removal
    std::string m_mergeTag;
};

} // namespace Stepwise::Model
