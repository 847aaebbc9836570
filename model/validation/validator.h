#pragma once

#include "model/json/json.h"
#include "model/validation/diagnostic.h"

#include <vector>

namespace Stepwise::Model {

class ExpressionSyntax;
class SourceMap;

struct ValidationOptions
{
    // Checks expression syntax when given; structural rules are checked either way.
    const ExpressionSyntax *expressions = nullptr;
    // Fills line/column of each diagnostic when the definition came from text.
    const SourceMap *sourceMap = nullptr;
    // Accept ${Placeholder} substitutions as SAM/CDK users write them.
    bool allowPlaceholders = true;
};

// Checks an ASL definition as AWS does (CreateStateMachine / ValidateStateMachineDefinition),
// plus warnings AWS does not give (unreachable states, no way to a terminal state).
// Diagnostics come in document order.
std::vector<Diagnostic> validateDefinition(const Json &definition,
                                           const ValidationOptions &options = {});

bool hasErrors(const std::vector<Diagnostic> &diagnostics);

} // namespace Stepwise::Model
