#pragma once

#include "model/json/json.h"
#include "model/validation/diagnostic.h"
#include "model/validation/validator.h"

#include <string>
#include <string_view>
#include <vector>

namespace Stepwise::Model {

// Collects the diagnostics of one validation run and knows the options it runs with.
// Private to model/validation.
class ValidationContext
{
  public:
    explicit ValidationContext(const ValidationOptions &options)
        : m_options(options)
    {}

    const ValidationOptions &options() const { return m_options; }

    // `pointer` names the offending value; atKey points line/column at the member's key
    // instead (for fields that should not be there at all).
    void error(std::string_view code, const std::string &pointer, std::string message,
               bool atKey = false);
    void warning(std::string_view code, const std::string &pointer, std::string message);
    // An error at one character of the string value at `pointer` (see
    // Diagnostic::characterInValue).
    void errorInString(std::string_view code, const std::string &pointer, std::string message,
                       int characterInValue);

    // A string holding a ${Placeholder}, or a CloudFormation {"Fn::Sub": ...} / {"Ref": ...},
    // that SAM/CDK/CloudFormation substitute before AWS sees the definition.
    bool isPlaceholder(const Json &value) const;

    // The diagnostics in document order.
    std::vector<Diagnostic> take();

  private:
    void add(std::string_view code, Severity severity, const std::string &pointer,
             std::string message, bool atKey);

    const ValidationOptions &m_options;
    std::vector<Diagnostic> m_diagnostics;
};

// "state 'Name'" for messages.
std::string quoteName(std::string_view text);

} // namespace Stepwise::Model
