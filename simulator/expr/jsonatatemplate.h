#pragma once

#include "model/result.h"
#include "simulator/expr/failure.h"
#include "simulator/expr/jsonata.h"
#include "simulator/expr/jsonatascope.h"

#include <memory>
#include <string>

namespace Stepwise::Sim {

namespace Detail {
struct JsonataNode;
}

// A JSONata-mode field as written (Arguments, Output, Assign, Items, Condition, Seconds...):
// any JSON value in which every string of the form "{% expression %}", at any depth of
// objects and arrays, is a JSONata expression and every other value a literal. Compiled
// once; each evaluation builds the value. Failures are States.QueryEvaluationError worded
// as Step Functions words them, naming the field as "Output/result/0":
//   The JSONata expression '<e>' specified for the field '<f>' returned nothing (undefined).
//   The JSONata expression '<e>' specified for the field '<f>' threw an error during
//   evaluation. <code>: <message>
//   The JSONata expression '<e>' specified for the field '<f>' returned an unsupported
//   result type.
// (without the "An error occurred while executing the state ..." prefix the engine adds).
class JsonataTemplate
{
  public:
    JsonataTemplate();

    // `field` names the value's root ("Output", "Catch" rules' "Output" too). The error's
    // Location::pointer is the JSON pointer of the offending string inside the value.
    static Model::Result<JsonataTemplate> compile(const Json &value, const std::string &field);

    // Whether `text` is a JSONata expression string ("{% ... %}").
    static bool isExpression(const std::string &text);

    Outcome<Json> evaluate(const JsonataScope &scope) const;

    // The value is one expression ("{% ... %}" as the whole field): its text, else empty.
    const std::string &expressionText() const;
    // Whether the value holds no expression at all.
    bool isConstant() const;
    const std::string &field() const { return m_field; }

  private:
    std::shared_ptr<const Detail::JsonataNode> m_root;
    std::string m_field;
};

// The failure Step Functions reports when a field's value has the wrong type:
//   The JSONata expression '<e>' specified for the field '<f>' returned an unexpected result
//   type. Expected '<expected>', but was '<actual>' for value: <value as JSON>
Failure jsonataTypeFailure(const JsonataTemplate &field, const std::string &expected,
                           const Json &value);
// JSONata's name of a JSON value's type: null, boolean, number, string, array, object.
std::string jsonataTypeName(const Json &value);

} // namespace Stepwise::Sim
