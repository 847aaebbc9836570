#pragma once

#include "model/json/json.h"

#include <random>

namespace Stepwise::Sim {

using Json = Model::Json;

// What the roots of an expression refer to while it is evaluated. The pointers are borrowed:
// they must outlive the evaluation. A null pointer behaves as an empty object.
struct ExpressionContext
{
    const Json *input = nullptr;       // "$": the effective input of the step being evaluated
    const Json *context = nullptr;     // "$$": the context object
    const Json *variables = nullptr;   // "$name": an object holding the visible variables
    std::mt19937_64 *random = nullptr; // States.MathRandom / States.UUID (seeded by the engine)

    // The same roots with "$" rebound to another document (e.g. OutputPath after ResultPath).
    ExpressionContext withInput(const Json &newInput) const
    {
        ExpressionContext copy = *this;
        copy.input = &newInput;
        return copy;
    }
};

} // namespace Stepwise::Sim
