#pragma once

#include "model/asl/statetype.h"
#include "model/json/json.h"
#include "model/validation/expressionchecks.h"
#include "model/validation/statechecker.h"

#include <string>
#include <vector>

namespace Stepwise::Model {

class ValidationContext;

// Checks a Choice state's rules: in JSONPath one operator per rule with a Variable (or
// And/Or/Not nesting), operands of the operator's type; in JSONata a Condition. Only
// top-level rules carry Next. Private to model/validation.
class ChoiceRuleChecker
{
  public:
    explicit ChoiceRuleChecker(ValidationContext &context);

    // Adds each rule's Next to `edges`.
    void checkChoices(const Json &choices, const std::string &pointer, QueryLanguage language,
                      std::vector<Edge> &edges);

  private:
    void checkJsonPathRule(const Json &rule, const std::string &pointer, bool topLevel, int depth);
    void checkJsonataRule(const Json &rule, const std::string &pointer);
    void checkOperand(const std::string &op, const Json &value, const std::string &pointer);

    ValidationContext &m_context;
    ExpressionChecks m_expressions;
};

} // namespace Stepwise::Model
