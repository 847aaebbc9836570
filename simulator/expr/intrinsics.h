#pragma once

#include "model/result.h"
#include "simulator/expr/expressioncontext.h"
#include "simulator/expr/failure.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace Stepwise::Sim {

namespace Detail {
struct IntrinsicAst;
}

// An intrinsic function call such as "States.Format('Hello {}', $.name)", parsed once to an
// AST (arguments: string, number, boolean and null literals, paths, nested calls) and
// evaluated with AWS's argument checks. Copies are cheap (the AST is shared).
class IntrinsicCall
{
  public:
    // Parses a call; the error names the 0-based offset (Location::offset) and the 1-based
    // column (Location::column) of the offending character.
    static Model::Result<IntrinsicCall> parse(std::string_view text);

    // A literal argument the function can never accept (States.MathAdd(1, '-1')), which AWS
    // refuses when the definition is created; the error names the argument's offset.
    std::optional<Model::Error> literalArgumentError() const;

    // Whether `text` looks like an intrinsic call (starts with "States.").
    static bool looksLikeCall(std::string_view text);

    const std::string &text() const;
    const std::string &functionName() const; // e.g. "States.Format"

    // The result, or a Failure (States.Runtime) naming the function and the bad argument.
    Outcome<Json> evaluate(const ExpressionContext &ctx) const;

  private:
    explicit IntrinsicCall(std::shared_ptr<const Detail::IntrinsicAst> ast);
    std::shared_ptr<const Detail::IntrinsicAst> m_ast;
};

} // namespace Stepwise::Sim
