#pragma once

#include "model/json/json.h"

#include <string>

namespace Stepwise::Model {

class ValidationContext;

// Checks a Task's (or ItemReader's, ResultWriter's) Resource: an ARN, a service
// integration AWS knows, and one an Express machine may use. Private to model/validation.
void checkResource(ValidationContext &context, const Json &value, const std::string &pointer);

} // namespace Stepwise::Model
