#pragma once

#include "model/io/definitionloader.h"
#include "model/validation/validator.h"

#include <string>

namespace Stepwise::App {

// The validation every front end (stepwise-cli validate and run, the designer) applies: AWS's
// rules with the simulator's own parsers checking paths and intrinsic functions.
Model::ValidationOptions validationOptions(Model::StateMachineType type
                                           = Model::StateMachineType::Standard);

// Reads and checks a definition file with those options (model/io/definitionloader.h).
Model::CheckedDefinition checkDefinitionFile(const std::string &path,
                                             Model::StateMachineType type
                                             = Model::StateMachineType::Standard);

} // namespace Stepwise::App
