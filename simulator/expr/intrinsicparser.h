#pragma once

#include "simulator/expr/intrinsicast.h"
#include "simulator/expr/jsonpathparser.h"

#include <optional>
#include <string_view>

namespace Stepwise::Sim::Detail {

// Parses "States.Name(arg, ...)" with nested calls; checks the function exists and its
// argument count. Returns nullptr and fills `error` on failure.
std::shared_ptr<const IntrinsicAst> parseIntrinsic(std::string_view text, ParseError &error);

// A literal argument (string, number, boolean, null) of a kind the function refuses, in the
// call or a nested one: such a call fails whatever the input, so definitions are refused.
std::optional<ParseError> checkLiteralArguments(const IntrinsicAst &ast);

} // namespace Stepwise::Sim::Detail
