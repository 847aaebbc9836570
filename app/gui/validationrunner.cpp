#include "app/gui/validationrunner.h"

#include "model/validation/expressionsyntax.h"
#include "model/validation/validator.h"
#include "simulator/expr/expressionsyntaxchecker.h"

namespace Stepwise::App {

std::vector<Model::Diagnostic> validateWorkflow(const Model::Workflow &workflow,
                                                const Model::SourceMap *sourceMap)
{
    // Paths, intrinsic functions and payload templates are checked as the engine reads them.
    static const std::unique_ptr<Model::ExpressionSyntax> expressions
        = Sim::makeExpressionSyntaxChecker();
    Model::ValidationOptions options;
    options.sourceMap = sourceMap;
    options.expressions = expressions.get();
    return Model::validateDefinition(workflow.toJson(), options);
}

} // namespace Stepwise::App
