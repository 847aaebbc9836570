#pragma once

namespace Stepwise::Model {

// QUndoCommand::id() values of the commands that merge with their successor.
enum class CommandId : int {
    SetField = 1001,
    MoveStates = 1002,
};

} // namespace Stepwise::Model
