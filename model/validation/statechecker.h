#pragma once

#include "model/asl/statetype.h"
#include "model/json/json.h"
#include "model/validation/expressionchecks.h"

#include <string>
#include <vector>

namespace Stepwise::Model {

class ScopeChecker;
class ValidationContext;
struct FieldInfo;

// A transition written in a state: the target name and where it is written.
struct Edge
{
    std::string target;
    std::string pointer;
};

// What the scope needs to know about a checked state.
struct StateSummary
{
    std::vector<Edge> edges;
    bool terminal = false; // End: true, Succeed or Fail
};

// Checks one state: its Type, every field against the field catalogue (state type and
// query language), value types and ranges, the per-type rules, and nested scopes through
// the ScopeChecker. Private to model/validation.
class StateChecker
{
  public:
    StateChecker(ValidationContext &context, ScopeChecker &scopes);

    StateSummary check(const std::string &name, const Json &body, const std::string &pointer,
                       QueryLanguage inherited);

  private:
    QueryLanguage checkQueryLanguage(const Json &body, const std::string &pointer,
                                     QueryLanguage inherited);
    void checkField(const FieldInfo &field, const Json &value, const std::string &pointer,
                    QueryLanguage language, StateSummary &summary);
    void checkInteger(const Json &value, const std::string &pointer, std::string_view field,
                      long long minimum, long long maximum, QueryLanguage language);
    void checkFlow(const Json &body, const std::string &pointer, StateType type,
                   StateSummary &summary);
    void checkTypeRules(const Json &body, const std::string &pointer, StateType type);
    void checkExclusive(const Json &body, const std::string &pointer, std::string_view a,
                        std::string_view b);
    void checkCredentials(const Json &value, const std::string &pointer, QueryLanguage language);
    void checkAssign(const Json &value, const std::string &pointer, QueryLanguage language);

    ValidationContext &m_context;
    ScopeChecker &m_scopes;
    ExpressionChecks m_expressions;
};

} // namespace Stepwise::Model
