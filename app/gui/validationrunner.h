#pragma once

#include "model/asl/workflow.h"
#include "model/validation/diagnostic.h"

#include <vector>

namespace Stepwise::Model {
class SourceMap;
}

namespace Stepwise::App {

// Validates the document as AWS would, with line/column from the ASL text when its source
// map matches the model (null: pointers only).
std::vector<Model::Diagnostic> validateWorkflow(const Model::Workflow &workflow,
                                                const Model::SourceMap *sourceMap);

} // namespace Stepwise::App
