#pragma once

#include "model/result.h"
#include "simulator/expr/expressioncontext.h"
#include "simulator/expr/failure.h"

#include <memory>

namespace Stepwise::Sim {

namespace Detail {
struct TemplateNode;
}

// A payload template (Parameters, ResultSelector, ItemSelector, ...): a JSON value whose
// "key.$" fields hold a path ("$.x"), a context path ("$$.x"), a variable path ("$x") or an
// intrinsic call; nested objects and arrays recurse. Every expression is parsed by
// compile(); evaluate() only walks the compiled tree.
class PayloadTemplate
{
  public:
    PayloadTemplate();

    // The error's Location::pointer is the JSON pointer of the offending field inside the
    // template, its message names the field and the problem.
    static Model::Result<PayloadTemplate> compile(const Json &templ);

    // The built value; a path that selects nothing fails as AWS does: States.Runtime,
    // "The JSONPath '$.x' specified for the field 'y.$' could not be found in the input '...'".
    Outcome<Json> evaluate(const ExpressionContext &ctx) const;

    // As evaluate(), with "$" being `consumable`, a document the caller needs no more (it
    // is then left in an unspecified state): a field whose value is a "$" node that no other
    // expression of the template reads takes that node by move instead of copying it. Nothing
    // moves unless the whole template evaluated (a failure's cause shows the input intact).
    // `taken`, when given, receives how many nodes moved and the size of the built value's
    // JSON text with each of them counted as null (see jsonTextSize()).
    struct Taken
    {
        std::size_t nodes = 0;
        std::size_t sizeWithoutThem = 0;
    };
    Outcome<Json> evaluateConsuming(const ExpressionContext &ctx, Json &consumable,
                                    Taken *taken = nullptr) const;

    // Whether the template holds no expression at all (evaluate() returns a constant).
    bool isConstant() const;

  private:
    std::shared_ptr<const Detail::TemplateNode> m_root;
};

} // namespace Stepwise::Sim
