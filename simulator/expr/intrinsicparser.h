#pragma once

#include "simulator/expr/intrinsicast.h"
#include "simulator/expr/jsonpathparser.h"

#include <string_view>

namespace Stepwise::Sim::Detail {

// Parses "States.Name(arg, ...)" with nested calls; checks the function exists and its
// argument count. Returns nullptr and fills `error` on failure.
std::shared_ptr<const IntrinsicAst> parseIntrinsic(std::string_view text, ParseError &error);

} // namespace Stepwise::Sim::Detail
