#include "views/mainwindow/validationrunner.h"

#include "model/validation/validator.h"

namespace Stepwise::Views {

std::vector<Model::Diagnostic> validateWorkflow(const Model::Workflow &workflow,
                                                const Model::SourceMap *sourceMap)
{
    Model::ValidationOptions options;
    options.sourceMap = sourceMap;
    return Model::validateDefinition(workflow.toJson(), options);
}

} // namespace Stepwise::Views
