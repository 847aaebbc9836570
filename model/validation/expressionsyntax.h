#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Stepwise::Model {

// The syntax of ASL expressions, checked by the simulator's parsers (the same ones that
// run them) without the model depending on the simulator: the application passes an
// implementation to the validator.
class ExpressionSyntax
{
  public:
    enum class PathKind {
        Path,          // InputPath, OutputPath, ItemsPath, "key.$" values: any JSONPath
        ReferencePath, // ResultPath, Choice Variable, *Path operands: a single node, no filters
    };

    struct SyntaxError
    {
        std::string message;
        int offset = 0; // 0-based position inside the expression
    };

    virtual ~ExpressionSyntax() = default;

    // A JSONPath (with $$ context and $variable forms) as ASL accepts it.
    virtual std::optional<SyntaxError> checkPath(std::string_view path, PathKind kind) const = 0;
    // An intrinsic function call such as States.Format('{}', $.x).
    virtual std::optional<SyntaxError> checkIntrinsic(std::string_view call) const = 0;
    // A JSONata expression (the text between {% and %}).
    virtual std::optional<SyntaxError> checkJsonata(std::string_view expression) const = 0;
    // The variables a JSONata expression reads from outside itself, without '$' (none when
    // it does not parse).
    virtual std::vector<std::string> jsonataVariables(std::string_view expression) const = 0;
};

} // namespace Stepwise::Model
