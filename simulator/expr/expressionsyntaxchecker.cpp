#include "simulator/expr/expressionsyntaxchecker.h"

#include "simulator/expr/intrinsics.h"
#include "simulator/expr/jsonata.h"
#include "simulator/expr/jsonpath.h"

namespace Stepwise::Sim {

namespace {

Model::ExpressionSyntax::SyntaxError toSyntaxError(const Model::Error &error)
{
    return {error.message, std::max(0, error.location.offset)};
}

class ExpressionSyntaxChecker final : public Model::ExpressionSyntax
{
  public:
    std::optional<SyntaxError> checkPath(std::string_view path, PathKind kind) const override
    {
        auto parsed = JsonPath::parse(path);
        if (!parsed)
            return toSyntaxError(parsed.error());
        if (kind == PathKind::ReferencePath && !parsed->isReferencePath()) {
            return SyntaxError{"A reference path must select a single node: only .key, "
                               "['key'] and [index] steps are allowed",
                               0};
        }
        return std::nullopt;
    }

    std::optional<SyntaxError> checkIntrinsic(std::string_view call) const override
    {
        auto parsed = IntrinsicCall::parse(call);
        if (!parsed)
            return toSyntaxError(parsed.error());
        if (auto problem = parsed->literalArgumentError())
            return toSyntaxError(*problem);
        return std::nullopt;
    }

    std::optional<SyntaxError> checkJsonata(std::string_view expression) const override
    {
        auto compiled = JsonataExpression::compile(expression);
        if (const auto *error = std::get_if<JsonataExpression::Error>(&compiled))
            return SyntaxError{error->describe(), std::max(0, error->offset)};
        return std::nullopt;
    }

    std::vector<std::string> jsonataVariables(std::string_view expression) const override
    {
        auto compiled = JsonataExpression::compile(expression);
        if (const auto *parsed = std::get_if<JsonataExpression>(&compiled))
            return parsed->variablesRead();
        return {};
    }
};

} // namespace

std::unique_ptr<Model::ExpressionSyntax> makeExpressionSyntaxChecker()
{
    return std::make_unique<ExpressionSyntaxChecker>();
}

} // namespace Stepwise::Sim
