#include "app/gui/validationrunner.h"

#include "app/common/definitioncheck.h"
#include "model/validation/validator.h"

namespace Stepwise::App {

std::vector<Model::Diagnostic> validateWorkflow(const Model::Workflow &workflow,
                                                const Model::SourceMap *sourceMap)
{
    // The options stepwise-cli validate and run use: paths, intrinsic functions and payload
    // templates are checked by the simulator's own parsers.
    Model::ValidationOptions options = validationOptions();
    options.sourceMap = sourceMap;
    return Model::validateDefinition(workflow.toJson(), options);
}

} // namespace Stepwise::App
