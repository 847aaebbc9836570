#pragma once

#include "model/commands/setstatejsoncommand.h"

namespace Stepwise::Model {

// Deletes one transition (an edge on the canvas): Next becomes End, a Default, rule or
// catcher is removed.
class DisconnectCommand : public SetStateJsonCommand
{
  public:
    DisconnectCommand(Document *document, StateId from, TransitionKind kind, int index,
                      QUndoCommand *parent = nullptr);
};

} // namespace Stepwise::Model
