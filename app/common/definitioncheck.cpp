#include "app/common/definitioncheck.h"

#include "model/validation/expressionsyntax.h"
#include "simulator/expr/expressionsyntaxchecker.h"

#include <memory>

namespace Stepwise::App {

Model::ValidationOptions validationOptions(Model::StateMachineType type)
{
    // The checker is stateless: one for the whole process.
    static const std::unique_ptr<Model::ExpressionSyntax> expressions
        = Sim::makeExpressionSyntaxChecker();
    Model::ValidationOptions options;
    options.type = type;
    options.expressions = expressions.get();
    return options;
}

Model::CheckedDefinition checkDefinitionFile(const std::string &path, Model::StateMachineType type)
{
    return Model::checkDefinitionFile(path, validationOptions(type));
}

} // namespace Stepwise::App
