#pragma once

#include "model/document.h"

#include <QPointF>
#include <QUndoCommand>

#include <map>
#include <string>
#include <vector>

namespace Stepwise::Model {

// Pastes an ASL fragment ({"States": {...}}, as copied from a canvas) into a scope. States
// whose name is taken get a unique one and transitions inside the fragment follow the
// renames; a Next leading out of the fragment to a state this scope lacks becomes End.
// `positions` (by the fragment's names) place the pasted states.
class PasteCommand : public QUndoCommand
{
  public:
    PasteCommand(Document *document, ScopeId scope, const Json &fragment,
                 const std::map<std::string, QPointF> &positions = {},
                 QUndoCommand *parent = nullptr);

    // The pasted states' ids after redo(), in the fragment's order.
    std::vector<StateId> stateIds() const;
    // The names they get (taken ones made unique), in the same order.
    std::vector<std::string> stateNames() const;
};

} // namespace Stepwise::Model
