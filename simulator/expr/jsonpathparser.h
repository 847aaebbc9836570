#pragma once

#include "model/result.h"
#include "simulator/expr/jsonpathast.h"

#include <memory>
#include <string>
#include <string_view>

namespace Stepwise::Sim::Detail {

struct ParseError
{
    std::string message;
    int offset = 0; // 0-based, inside the parsed text

    // The error as the model reports it: the column is 1-based within the expression.
    Model::Error toModelError() const
    {
        Model::Error error;
        error.message = message;
        error.location.offset = offset;
        error.location.column = offset + 1;
        return error;
    }
};

// Parses a complete ASL JSONPath ("$...", "$$...", "$name..."). Returns nullptr and fills
// `error` when the text is not a path.
std::shared_ptr<const PathAst> parseJsonPath(std::string_view text, ParseError &error);

} // namespace Stepwise::Sim::Detail
