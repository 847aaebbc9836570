#pragma once

#include "model/document.h"

#include <QUndoCommand>

#include <optional>

namespace Stepwise::Model {

// Sets or removes (nullopt) one top-level field of the definition: Comment, StartAt,
// TimeoutSeconds, Version, QueryLanguage. Consecutive edits of the same field merge into
// one undo step (typing); an edit that ends where it started disappears from the stack.
class SetDocumentFieldCommand : public QUndoCommand
{
  public:
    SetDocumentFieldCommand(Document *document, const std::string &key, std::optional<Json> value,
                            QUndoCommand *parent = nullptr);

    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;
    void undo() override;
    void redo() override;

  private:
    void apply(const std::optional<Json> &value);

    Document *m_document;
    std::string m_key;
    std::optional<Json> m_before;
    std::optional<Json> m_after;
};

} // namespace Stepwise::Model
