#pragma once

#include "model/validation/expressionsyntax.h"

#include <memory>

namespace Stepwise::Sim {

// The validator's view of the simulator's expression parsers: a path or intrinsic call is
// accepted exactly when the engine could compile it.
std::unique_ptr<Model::ExpressionSyntax> makeExpressionSyntaxChecker();

} // namespace Stepwise::Sim
