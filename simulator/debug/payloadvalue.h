#pragma once

#include "model/json/json.h"

namespace Stepwise::Sim {

// A history payload as a value: AWS and the engine give payloads as JSON text; text that is
// not JSON (a truncated payload) stays the string it is.
Model::Json payloadValue(const Model::Json &payload);

} // namespace Stepwise::Sim
