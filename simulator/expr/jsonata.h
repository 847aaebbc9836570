#pragma once

#include "model/json/json.h"
#include "model/result.h"
#include "simulator/expr/failure.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace Stepwise::Sim {

using Json = Model::Json;

namespace Jsonata {
struct Node;
}

// A JSONata 2.0.6 expression (the text between {% and %}), parsed once to an immutable tree
// and evaluated any number of times, from any thread. Copies are cheap (the tree is shared).
// As in Step Functions: no $eval; `??` and `?:` do not parse; $partition, $range, $hash,
// $random([seed]), $uuid and $parse are built in.
class JsonataExpression
{
  public:
    // A JSONata error: its code (S0201, T2001, D3001, U1001...), jsonata's message, and the
    // 0-based offset of the offending character (-1 when unknown).
    struct Error
    {
        std::string code;
        std::string message;
        int offset = -1;
        // "T2001: The left side of the + operator must evaluate to a number", as Step
        // Functions words the cause of States.QueryEvaluationError after its prefix.
        std::string describe() const { return code + ": " + message; }
    };

    struct Binding
    {
        std::string name;            // without '$', e.g. "states"
        const Json *value = nullptr; // borrowed for the evaluation
    };

    // Step Functions' $states: each part borrowed, absent (undefined) when null.
    struct States
    {
        const Json *input = nullptr;
        const Json *result = nullptr;
        const Json *errorOutput = nullptr;
        const Json *context = nullptr;
    };

    struct Options
    {
        std::vector<Binding> bindings;
        // Bound as $states (no copy of its parts) when set.
        std::optional<States> states;
        std::optional<std::int64_t> nowMillis;  // $now/$millis (the virtual clock); unset: system
        std::mt19937_64 *random = nullptr;      // $random()/$uuid()/$shuffle; unset: seeded here
        int maxDepth = 600;                     // nesting of evaluations before U1001
        std::chrono::milliseconds timeLimit{0}; // U1002 after this; 0: none
    };

    // The result of an evaluation: a JSON value, nothing (undefined), or an error.
    struct Evaluation
    {
        std::optional<Json> value; // nullopt: undefined (when error is unset)
        std::optional<Error> error;
        bool function = false; // the result was a function (its value reads as "")
    };

    // Parses; the error's Location::offset is the 0-based offset of the offending character.
    static Model::Result<JsonataExpression> parse(std::string_view text);
    // The same, with JSONata's error code.
    static std::variant<JsonataExpression, Error> compile(std::string_view text);

    const std::string &text() const;

    // The variables the expression reads from outside ($name, without '$'): neither bound
    // inside it (`:=`, lambda parameters, `@$v`, `#$i`), nor a built-in function, nor $ or $$.
    std::vector<std::string> variablesRead() const;

    // Evaluates with `input` as the context ($); a null pointer evaluates with no input.
    Evaluation run(const Json *input, const Options &options) const;
    // The result as ASL fields need it: a failure (States.QueryEvaluationError, the cause
    // "<code>: <message>") or the value, nullopt when the expression yields nothing.
    Outcome<std::optional<Json>> evaluate(const Json *input, const Options &options) const;

  private:
    struct Compiled;
    explicit JsonataExpression(std::shared_ptr<const Compiled> compiled);
    std::shared_ptr<const Compiled> m_compiled;
};

} // namespace Stepwise::Sim
