#pragma once

#include "simulator/expr/jsonpathast.h"

#include <memory>
#include <string>
#include <string_view>

namespace Stepwise::Sim::Detail {

struct ParseError
{
    std::string message;
    int offset = 0; // 0-based, inside the parsed text
};

// Parses a complete ASL JSONPath ("$...", "$$...", "$name..."). Returns nullptr and fills
// `error` when the text is not a path.
std::shared_ptr<const PathAst> parseJsonPath(std::string_view text, ParseError &error);

} // namespace Stepwise::Sim::Detail
