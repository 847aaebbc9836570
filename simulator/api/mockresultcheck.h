#pragma once

#include "model/json/json.h"
#include "simulator/api/apierror.h"

#include <optional>

namespace Stepwise::Api {

class ServiceModels;

// TestState's mock.fieldValidationMode: a mocked result of a Task that calls an AWS API is
// checked against that API's output shape (see MockShapeValidator) before the state runs.
// `result` is the parsed mock.result, or nullptr when the mock has none. When the service's
// model is not in `models`, the result is taken unchecked and the server's log says so once.
std::optional<ApiError> checkMockResult(ServiceModels &models, const Model::Json &state,
                                        const Model::Json &mock, const Model::Json *result);

} // namespace Stepwise::Api
