#pragma once

#include "model/json/json.h"
#include "model/validation/diagnostic.h"

#include <vector>

namespace Stepwise::Model {

enum class StateMachineType { Standard, Express };

class ExpressionSyntax;
class SourceMap;

struct ValidationOptions
{
    // Checks expression syntax when given; structural rules are checked either way.
    const ExpressionSyntax *expressions = nullptr;
    // Fills line/column of each diagnostic when the definition came from text.
    const SourceMap *sourceMap = nullptr;
    // Accept ${Placeholder} substitutions as SAM/CDK users write them: a string holding
    // one is taken to be valid wherever AWS would see the substituted value.
    bool allowPlaceholders = true;
    // Keys the reader saw twice (ParsedJson::duplicateKeys); AWS rejects such documents.
    const std::vector<Location> *duplicateKeys = nullptr;
    // Express machines refuse .sync, .waitForTaskToken and activities.
    StateMachineType type = StateMachineType::Standard;
};

// Checks an ASL definition as AWS does (CreateStateMachine / ValidateStateMachineDefinition),
// plus warnings AWS does not give (unreachable states, no way to a terminal state).
// Diagnostics come in document order.
std::vector<Diagnostic> validateDefinition(const Json &definition,
                                           const ValidationOptions &options = {});

bool hasErrors(const std::vector<Diagnostic> &diagnostics);

} // namespace Stepwise::Model
