#pragma once

#include "simulator/expr/expressioncontext.h"
#include "simulator/expr/failure.h"
#include "simulator/expr/intrinsicast.h"

#include <vector>

namespace Stepwise::Sim::Detail {

// The error name AWS reports when an intrinsic function rejects its arguments at run time.
inline constexpr const char *intrinsicErrorName = "States.Runtime";

// Whether the function only reads its first argument (callIntrinsic() then accepts it by
// reference).
bool readsFirstArgumentOnly(IntrinsicFunction function);

// Runs one intrinsic function on already evaluated arguments (moved from). `first`, when
// given, stands for args[0] (for functions that only read it): a value the caller borrows.
Outcome<Json> callIntrinsic(const IntrinsicAst &call, std::vector<Json> &args,
                            const ExpressionContext &ctx, const Json *first = nullptr);

} // namespace Stepwise::Sim::Detail
