#pragma once

#include "model/asl/statetype.h"
#include "model/json/json.h"
#include "model/validation/expressionchecks.h"
#include "model/validation/statechecker.h"

#include <string>
#include <vector>

namespace Stepwise::Model {

class ValidationContext;

// Checks Retry and Catch arrays: each entry's fields and ranges, ErrorEquals non-empty
// strings, States.ALL alone and in the last entry. Private to model/validation.
class ErrorHandlerChecker
{
  public:
    explicit ErrorHandlerChecker(ValidationContext &context);

    void checkRetriers(const Json &retriers, const std::string &pointer, QueryLanguage language);
    // Adds each catcher's Next to `edges`.
    void checkCatchers(const Json &catchers, const std::string &pointer, QueryLanguage language,
                       std::vector<Edge> &edges);

  private:
    // Returns whether the entry catches States.ALL.
    bool checkErrorEquals(const Json &entry, const std::string &pointer);
    void checkStatesAllLast(const std::string &pointer, const std::vector<bool> &catchesAll,
                            const char *what);
    void checkInteger(const Json &entry, const std::string &pointer, const char *field,
                      long long minimum, long long maximum);

    ValidationContext &m_context;
    ExpressionChecks m_expressions;
};

} // namespace Stepwise::Model
