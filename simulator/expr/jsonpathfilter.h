#pragma once

#include "simulator/expr/expressioncontext.h"
#include "simulator/expr/jsonpathast.h"

namespace Stepwise::Sim::Detail {

// Whether `current` ("@") passes a filter, compared as Jayway does: "42" == 42, a missing
// value equals nothing, < and > only between two numbers or two strings.
bool filterAccepts(const FilterNode &filter, const Json &current, const ExpressionContext &ctx);

} // namespace Stepwise::Sim::Detail
