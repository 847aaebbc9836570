#pragma once

#include "simulator/expr/expressioncontext.h"
#include "simulator/expr/failure.h"
#include "simulator/expr/intrinsicast.h"

#include <vector>

namespace Stepwise::Sim::Detail {

// The error name AWS reports when an intrinsic function rejects its arguments at run time.
inline constexpr const char *intrinsicErrorName = "States.Runtime";

// Runs one intrinsic function on already evaluated arguments (moved from).
Outcome<Json> callIntrinsic(const IntrinsicAst &call, std::vector<Json> &args,
                            const ExpressionContext &ctx);

} // namespace Stepwise::Sim::Detail
