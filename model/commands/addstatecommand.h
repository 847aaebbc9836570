#pragma once

#include "model/commands/stateref.h"
#include "model/document.h"

#include <QPointF>
#include <QUndoCommand>

#include <optional>

namespace Stepwise::Model {

// Adds one state (its body may hold nested scopes) to a scope, optionally at a canvas
// position. Obsolete when the name is taken or the scope is gone.
class AddStateCommand : public QUndoCommand
{
  public:
    AddStateCommand(Document *document, ScopeId scope, const std::string &name, const Json &body,
                    std::optional<QPointF> position = std::nullopt, int index = -1,
                    QUndoCommand *parent = nullptr);

    // A new state of `type` with the fields a user must fill in ("Seconds": 10, a Task
    // resource, a Choice rule placeholder...), ending the workflow.
    static Json defaultBody(StateType type);

    // The id of the added state after redo(), 0 before or when it failed.
    StateId stateId() const { return m_added; }
    const std::string &name() const { return m_name; }

    void undo() override;
    void redo() override;

  private:
    Document *m_document;
    ScopeRef m_scope;
    std::string m_name;
    Json m_body;
    std::optional<QPointF> m_position;
    int m_index;
    StateId m_added = 0;
    StateRef m_ref;
};

} // namespace Stepwise::Model
