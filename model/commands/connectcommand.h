#pragma once

#include "model/commands/setstatejsoncommand.h"

namespace Stepwise::Model {

// Adds a transition from one state to another of the same scope (see TransitionEdit::added:
// Next replaces End, Choice gets a rule, Catch a States.ALL catcher). Obsolete when the
// states are in different scopes or the state type cannot have that transition.
class ConnectCommand : public SetStateJsonCommand
{
  public:
    ConnectCommand(Document *document, StateId from, StateId to,
                   TransitionKind kind = TransitionKind::Next, QUndoCommand *parent = nullptr);
};

} // namespace Stepwise::Model
