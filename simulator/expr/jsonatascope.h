#pragma once

#include "simulator/expr/jsonata.h"

#include <cstdint>
#include <optional>
#include <random>

namespace Stepwise::Sim {

// What a JSONata field of a state sees while it is evaluated: $states (the parts AWS makes
// available to that field), the workflow's variables, the virtual clock and the engine's
// seeded random numbers. Every pointer is borrowed for the evaluation.
struct JsonataScope
{
    JsonataExpression::States states;
    const Json *variables = nullptr; // an object: each member is bound as $name
    std::optional<std::int64_t> nowMillis;
    std::mt19937_64 *random = nullptr;

    JsonataExpression::Options options() const
    {
        JsonataExpression::Options out;
        out.states = states;
        out.nowMillis = nowMillis;
        out.random = random;
        if (variables && variables->is_object()) {
            out.bindings.reserve(variables->size());
            for (auto it = variables->begin(); it != variables->end(); ++it)
                out.bindings.push_back({it.key(), &it.value()});
        }
        return out;
    }
};

} // namespace Stepwise::Sim
