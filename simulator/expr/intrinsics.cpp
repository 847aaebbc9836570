#include "simulator/expr/intrinsics.h"

#include "simulator/expr/intrinsicfunctions.h"
#include "simulator/expr/intrinsicparser.h"

namespace Stepwise::Sim {

namespace {

Outcome<Json> evaluateCall(const Detail::IntrinsicAst &call, const ExpressionContext &ctx)
{
    // Functions that only read their first argument take it in place when a path locates
    // it: States.ArrayLength($) on a large array copies nothing.
    const Json *first = nullptr;
    if (Detail::readsFirstArgumentOnly(call.function) && !call.args.empty()
        && call.args[0].kind == Detail::IntrinsicArg::Kind::Path)
        first = call.args[0].path->locate(ctx);
    std::vector<Json> args;
    args.reserve(call.args.size());
    for (const Detail::IntrinsicArg &arg : call.args) {
        if (first && args.empty()) {
            args.emplace_back();
            continue;
        }
        switch (arg.kind) {
        case Detail::IntrinsicArg::Kind::Literal:
            args.push_back(arg.literal);
            break;
        case Detail::IntrinsicArg::Kind::Path: {
            auto value = arg.path->evaluate(ctx);
            if (!value) {
                return Failure{Detail::intrinsicErrorName,
                               "The JsonPath argument '" + arg.path->text() + "' of " + call.name
                                   + " could not be found: " + value.failure().cause};
            }
            args.push_back(std::move(value).value());
            break;
        }
        case Detail::IntrinsicArg::Kind::Call: {
            auto value = evaluateCall(*arg.call, ctx);
            if (!value)
                return value;
            args.push_back(std::move(value).value());
            break;
        }
        }
    }
    return Detail::callIntrinsic(call, args, ctx, first);
}

} // namespace

IntrinsicCall::IntrinsicCall(std::shared_ptr<const Detail::IntrinsicAst> ast)
    : m_ast(std::move(ast))
{}

Model::Result<IntrinsicCall> IntrinsicCall::parse(std::string_view text)
{
    Detail::ParseError error;
    auto ast = Detail::parseIntrinsic(text, error);
    if (!ast)
        return error.toModelError();
    return IntrinsicCall(std::move(ast));
}

std::optional<Model::Error> IntrinsicCall::literalArgumentError() const
{
    if (auto problem = Detail::checkLiteralArguments(*m_ast))
        return problem->toModelError();
    return std::nullopt;
}

bool IntrinsicCall::looksLikeCall(std::string_view text)
{
    size_t i = 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
        ++i;
    return text.substr(i, 7) == "States.";
}

const std::string &IntrinsicCall::text() const
{
    return m_ast->text;
}

const std::string &IntrinsicCall::functionName() const
{
    return m_ast->name;
}

Outcome<Json> IntrinsicCall::evaluate(const ExpressionContext &ctx) const
{
    return evaluateCall(*m_ast, ctx);
}

} // namespace Stepwise::Sim
