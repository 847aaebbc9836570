#pragma once

#include "model/asl/statetype.h"
#include "model/json/json.h"

#include <set>
#include <string>

namespace Stepwise::Model {

class ValidationContext;

// Warns (AWS accepts the definition) about a variable a state reads — $name in a JSONata
// expression, a path or an intrinsic's arguments — that no state assigns on any way to it
// in its scope, nor any Assign of an enclosing scope (a distributed Map's children see no
// outer variable). At run time such a read finds nothing. Private to model/validation.
class VariableChecker
{
  public:
    explicit VariableChecker(ValidationContext &context)
        : m_context(context)
    {}

    void checkDocument(const Json &definition);

  private:
    using Names = std::set<std::string>;

    // `visible`: the variables the enclosing scopes may have set.
    void checkScope(const Json &scope, const std::string &pointer, QueryLanguage language,
                    const Names &visible);
    void checkReads(const std::string &state, const Json &body, const std::string &pointer,
                    QueryLanguage language, const Names &assigned);
    void collectReads(const Json &value, const std::string &pointer, QueryLanguage language,
                      bool topLevel, std::set<std::pair<std::string, std::string>> &out) const;

    ValidationContext &m_context;
};

} // namespace Stepwise::Model
