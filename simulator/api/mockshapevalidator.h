#pragma once

#include "model/json/json.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>

namespace Stepwise::Api {

// TestState's mock.fieldValidationMode: STRICT (the default) also requires the shape's
// required fields; PRESENT checks only the fields given; NONE checks nothing.
enum class FieldValidationMode { Strict, Present, None };

std::optional<FieldValidationMode> fieldValidationMode(const std::string &text);

// Checks a mocked Task result against the output shape of the API operation it stands for,
// as AWS's TestState does. Field names are matched as Step Functions spells them (first letter
// upper case); fields the shape does not know are accepted, as AWS accepts them. Gives the
// first problem as AWS words it ("Mock result schema validation error: Field 'EventId' must be
// a string"), or nullopt when the result conforms.
class MockShapeValidator
{
  public:
    // `model` is a whole service model (service-2.json).
    MockShapeValidator(const nlohmann::json &model, FieldValidationMode mode);

    // Whether the model has `operation` with an output shape to check against.
    bool knows(const std::string &operation) const;
    // `jsonMembers`: top-level members given as any JSON instead of their API type.
    std::optional<std::string> validate(const std::string &operation, const Model::Json &result,
                                        const std::set<std::string> &jsonMembers = {}) const;

  private:
    const nlohmann::json *shape(const std::string &name) const;
    const nlohmann::json *outputShape(const std::string &operation) const;
    std::optional<std::string> check(const Model::Json &value, const nlohmann::json &shape,
                                     const std::string &field,
                                     const std::set<std::string> *jsonMembers) const;
    std::optional<std::string> checkStructure(const Model::Json &value, const nlohmann::json &shape,
                                              const std::set<std::string> *jsonMembers) const;

    const nlohmann::json &m_model;
    FieldValidationMode m_mode;
};

} // namespace Stepwise::Api
