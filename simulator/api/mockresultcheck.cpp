#include "simulator/api/mockresultcheck.h"

#include "simulator/api/mockedoperation.h"
#include "simulator/api/mockshapevalidator.h"
#include "simulator/api/servicemodels.h"

#include <cstdio>

namespace Stepwise::Api {

using Model::Json;

std::optional<ApiError> checkMockResult(ServiceModels &models, const Json &state, const Json &mock,
                                        const Json *result)
{
    FieldValidationMode mode = FieldValidationMode::Strict;
    if (auto given = mock.find("fieldValidationMode"); given != mock.end()) {
        if (!given->is_string())
            return ApiError{"SerializationException",
                            "Member 'fieldValidationMode' must be a string."};
        const std::string text = given->get<std::string>();
        auto parsed = fieldValidationMode(text);
        if (!parsed) {
            return validationError("1 validation error detected: Value '" + text
                                   + "' at 'mock.fieldValidationMode' failed to satisfy "
                                     "constraint: Member must satisfy enum value set: [STRICT, "
                                     "PRESENT, NONE]");
        }
        mode = *parsed;
    }
    if (!result || mode == FieldValidationMode::None || !state.is_object()
        || state.value("Type", "") != "Task")
        return std::nullopt;
    const auto resource = state.find("Resource");
    if (resource == state.end() || !resource->is_string())
        return std::nullopt;
    const auto operation = mockedOperation(resource->get<std::string>());
    if (!operation)
        return std::nullopt;
    const auto model = models.model(operation->service);
    const std::string what = operation->service + " " + operation->operation;
    if (!model) {
        if (models.firstReport(operation->service))
            std::fprintf(stderr,
                         "stepwise endpoint: no service model for '%s' in %s: TestState takes "
                         "its mocked results unchecked\n",
                         operation->service.c_str(), models.directory().c_str());
        return std::nullopt;
    }
    const MockShapeValidator validator(*model, mode);
    if (!validator.knows(operation->operation)) {
        if (models.firstReport(what))
            std::fprintf(stderr,
                         "stepwise endpoint: the %s model has no output shape for %s: TestState "
                         "takes its mocked results unchecked\n",
                         operation->service.c_str(), operation->operation.c_str());
        return std::nullopt;
    }
    if (auto problem = validator.validate(operation->operation, *result, operation->jsonMembers))
        return validationError(*problem);
    return std::nullopt;
}

} // namespace Stepwise::Api
