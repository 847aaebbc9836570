#pragma once

#include "model/result.h"
#include "simulator/expr/expressioncontext.h"
#include "simulator/expr/failure.h"
#include "simulator/expr/jsonpath.h"

#include <optional>

namespace Stepwise::Sim {

// AWS's input and output processing steps (JSONPath query language), each implemented once,
// with AWS's error names and causes (cause = the detail after AWS's "An error occurred while
// executing the state ..." prefix, which the engine adds).
//
// The classes compile a field once (at load time); the free functions below compile and
// apply in one go for callers that don't cache.

// InputPath or OutputPath: absent -> "$" (the value itself), null -> {} (discard everything),
// otherwise a path selecting part of the value.
class InputOutputPath
{
  public:
    InputOutputPath(); // absent: identity
    // `field` is nullptr when the state has no such field.
    static Model::Result<InputOutputPath> compile(const Json *field);

    // `value` is what "$" means; ctx supplies "$$" and variables. Moves `value` through
    // untouched when the path is absent or "$". Failure: States.Runtime,
    // "Invalid path '<path>' : <reason>".
    Outcome<Json> apply(Json value, const ExpressionContext &ctx) const;

    bool isIdentity() const { return m_kind == Kind::Identity; }

  private:
    enum class Kind { Identity, Discard, Path };
    Kind m_kind = Kind::Identity;
    std::optional<JsonPath> m_path;
};

// ResultPath: absent -> "$" (the result replaces the input), null -> the input unchanged,
// otherwise a reference path where the result is written into (a copy of) the input,
// creating missing objects on the way.
class ResultPath
{
  public:
    ResultPath(); // absent: "$"
    static Model::Result<ResultPath> compile(const Json *field);

    // Failure: States.ResultPathMatchFailure when the input cannot hold the result there.
    // `growth` (a path other than "$" only) receives JsonPath::assign()'s growth.
    Outcome<Json> apply(Json stateInput, Json result, std::int64_t *growth = nullptr) const;

    bool replacesInput() const { return m_kind == Kind::Replace; }
    bool discardsResult() const { return m_kind == Kind::Discard; }
    // The path the result is written at (a path other than "$"), else nullptr.
    const JsonPath *path() const { return m_path ? &*m_path : nullptr; }

  private:
    enum class Kind { Replace, Discard, Path };
    Kind m_kind = Kind::Replace;
    std::optional<JsonPath> m_path;
};

// One-shot forms. `field` may be a value of type Json::value_t::discarded to mean "absent".
// A field that does not compile fails with States.Runtime and the parse error.
Outcome<Json> applyInputPath(const Json &stateInput, const Json &inputPathField,
                             const ExpressionContext &ctx);
Outcome<Json> applyResultPath(const Json &stateInput, const Json &result,
                              const Json &resultPathField);
Outcome<Json> applyOutputPath(const Json &value, const Json &outputPathField,
                              const ExpressionContext &ctx);

// A Json that means "this field is absent" for the one-shot forms.
const Json &absentField();

} // namespace Stepwise::Sim
