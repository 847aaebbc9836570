#pragma once

#include "model/asl/statetype.h"
#include "model/json/json.h"

#include <string>
#include <unordered_map>

namespace Stepwise::Model {

class ValidationContext;

enum class ScopeKind { Document, Branch, ItemProcessor, Iterator };

// Checks a state machine, a Parallel branch or a Map processor: its own fields, StartAt,
// each state (through StateChecker), that transitions stay inside the scope, and the
// reachability warnings. Nested scopes come back here through StateChecker.
// Private to model/validation.
class ScopeChecker
{
  public:
    explicit ScopeChecker(ValidationContext &context)
        : m_context(context)
    {}

    void checkDocument(const Json &definition);
    // `language` is the query language states of this scope inherit.
    void checkScope(const Json &scope, const std::string &pointer, ScopeKind kind,
                    QueryLanguage language);

    // The language of the machine the current scope belongs to: the document's, or
    // JSONPath inside a distributed Map's processor (a child state machine of its own).
    QueryLanguage machineLanguage() const { return m_machineLanguage; }

  private:
    void checkScopeFields(const Json &scope, const std::string &pointer, ScopeKind kind,
                          QueryLanguage language);

    ValidationContext &m_context;
    QueryLanguage m_documentLanguage = QueryLanguage::JsonPath;
    QueryLanguage m_machineLanguage = QueryLanguage::JsonPath;
    // Every state name seen so far in the whole machine, with where it was first defined.
    std::unordered_map<std::string, std::string> m_names;
};

} // namespace Stepwise::Model
