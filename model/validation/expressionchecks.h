#pragma once

#include "model/json/json.h"
#include "model/validation/expressionsyntax.h"

#include <string>
#include <string_view>

namespace Stepwise::Model {

class ValidationContext;

// Checks the expressions a definition holds: paths, payload templates ("key.$"), intrinsic
// function calls and {% JSONata %} strings. Uses the options' ExpressionSyntax when given,
// basic shape checks otherwise. Private to model/validation.
class ExpressionChecks
{
  public:
    explicit ExpressionChecks(ValidationContext &context)
        : m_context(context)
    {}

    // A path-valued field: a string (null when allowNull). `field` names it in messages.
    void checkPath(const Json &value, const std::string &pointer, ExpressionSyntax::PathKind kind,
                   bool allowNull, std::string_view field);
    // ErrorPath / CausePath style: a reference path or an intrinsic function call that
    // returns a string.
    void checkPathOrIntrinsic(const Json &value, const std::string &pointer,
                              std::string_view field);
    // A JSONPath-mode template: every "key.$" value must be a path or an intrinsic call.
    void checkPayloadTemplate(const Json &value, const std::string &pointer);
    // A JSONata-mode value: strings of the form {% ... %} are parsed as JSONata.
    void checkJsonataTemplate(const Json &value, const std::string &pointer);
    // A field that must be a {% JSONata %} string (Condition, Items...).
    void checkJsonataString(const Json &value, const std::string &pointer, std::string_view field);
    // One JSONata-or-literal string: {% %}-shaped text must parse.
    void checkJsonataText(const std::string &text, const std::string &pointer);

  private:
    void checkPathText(const std::string &text, const std::string &pointer,
                       ExpressionSyntax::PathKind kind, std::string_view field);
    void checkIntrinsicText(const std::string &text, const std::string &pointer);
    void checkTemplateValue(const std::string &key, const Json &value, const std::string &pointer);

    ValidationContext &m_context;
};

} // namespace Stepwise::Model
