#pragma once

#include "model/json/json.h"
#include "model/result.h"
#include "simulator/expr/expressioncontext.h"
#include "simulator/expr/failure.h"
#include "simulator/expr/jsonatatemplate.h"
#include "simulator/expr/jsonpath.h"
#include "simulator/expr/payloadtemplate.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace Stepwise::Sim {

// One Choice rule (JSONPath mode), compiled once: a boolean combination of comparisons of
// a Variable path against a literal or another path.
class ChoiceRule
{
  public:
    enum class Op {
        And,
        Or,
        Not,
        Equals,
        LessThan,
        GreaterThan,
        LessThanEquals,
        GreaterThanEquals,
        StringMatches,
        IsNull,
        IsPresent,
        IsNumeric,
        IsString,
        IsBoolean,
        IsTimestamp,
    };
    enum class Kind { None, String, Numeric, Boolean, Timestamp };

    // Compiles a rule object; `topLevel` rules carry Next (and Assign).
    static Model::Result<ChoiceRule> compile(const Model::Json &rule, const std::string &pointer);

    // True when the rule matches; a failure when a path cannot be evaluated as AWS requires.
    Outcome<bool> evaluate(const ExpressionContext &ctx) const;

    std::string next;   // only on top-level rules
    int nextIndex = -1; // resolved by the machine compiler
    std::shared_ptr<PayloadTemplate> assign;
    // JSONata rules: the Condition, and the Output and Assign used when it holds.
    std::optional<JsonataTemplate> condition, output, jsonataAssign;

  private:
    Outcome<bool> compare(const ExpressionContext &ctx) const;

    Op m_op = Op::Equals;
    Kind m_kind = Kind::None;
    std::shared_ptr<JsonPath> m_variable;
    std::shared_ptr<JsonPath> m_valuePath; // the *Path variants
    Model::Json m_value;                   // the literal operand
    std::string m_pattern;                 // StringMatches
    std::vector<ChoiceRule> m_children;
};

} // namespace Stepwise::Sim
