#pragma once

#include "model/commands/setstatejsoncommand.h"

namespace Stepwise::Model {

// Points an existing transition (kind + rule/catcher index, as in Workflow::transitions)
// at another state of the same scope, named by `target`. Obsolete when nothing changes.
class ReconnectCommand : public SetStateJsonCommand
{
  public:
    ReconnectCommand(Document *document, StateId from, TransitionKind kind, int index,
                     const std::string &target, QUndoCommand *parent = nullptr);
};

} // namespace Stepwise::Model
