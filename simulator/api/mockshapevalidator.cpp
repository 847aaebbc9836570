#include "simulator/api/mockshapevalidator.h"

#include <cmath>

namespace Stepwise::Api {

using Model::Json;

namespace {

const char *prefix = "Mock result schema validation error: ";

std::string fieldError(const std::string &field, const std::string &problem)
{
    return prefix + ("Field '" + field + "' ") + problem;
}

// Step Functions gives every API member with its first letter upper case
// (StartExecution's executionArn is ExecutionArn).
std::string sfnCased(std::string name)
{
    if (!name.empty() && name[0] >= 'a' && name[0] <= 'z')
        name[0] = char(name[0] - 'a' + 'A');
    return name;
}

std::size_t codePoints(const std::string &text)
{
    std::size_t count = 0;
    for (unsigned char c : text)
        count += (c & 0xC0) != 0x80;
    return count;
}

std::optional<std::string> checkLength(const std::string &text, const nlohmann::json &shape,
                                       const std::string &field)
{
    const std::size_t length = codePoints(text);
    if (auto min = shape.find("min");
        min != shape.end() && min->is_number() && double(length) < min->get<double>())
        return fieldError(field, "is smaller than the minimum length");
    if (auto max = shape.find("max");
        max != shape.end() && max->is_number() && double(length) > max->get<double>())
        return fieldError(field, "exceeds the maximum length");
    return std::nullopt;
}

// -1, 0 or 1 as `value` is below, at or above `bound`; whole numbers compare exactly.
int compare(const Json &value, const nlohmann::json &bound)
{
    if (value.is_number_integer() && bound.is_number_integer() && !value.is_number_unsigned()
        && !bound.is_number_unsigned()) {
        const auto a = value.get<std::int64_t>();
        const auto b = bound.get<std::int64_t>();
        return a < b ? -1 : a > b;
    }
    const double a = value.get<double>();
    const double b = bound.get<double>();
    return a < b ? -1 : a > b;
}

std::optional<std::string> checkRange(const Json &value, const nlohmann::json &shape,
                                      const std::string &field)
{
    if (auto min = shape.find("min");
        min != shape.end() && min->is_number() && compare(value, *min) < 0)
        return fieldError(field, "is less than the minimum value");
    if (auto max = shape.find("max");
        max != shape.end() && max->is_number() && compare(value, *max) > 0)
        return fieldError(field, "exceeds the maximum value");
    return std::nullopt;
}

} // namespace

std::optional<FieldValidationMode> fieldValidationMode(const std::string &text)
{
    if (text == "STRICT")
        return FieldValidationMode::Strict;
    if (text == "PRESENT")
        return FieldValidationMode::Present;
    if (text == "NONE")
        return FieldValidationMode::None;
    return std::nullopt;
}

MockShapeValidator::MockShapeValidator(const nlohmann::json &model, FieldValidationMode mode)
    : m_model(model)
    , m_mode(mode)
{}

const nlohmann::json *MockShapeValidator::shape(const std::string &name) const
{
    auto shapes = m_model.find("shapes");
    if (shapes == m_model.end() || !shapes->is_object())
        return nullptr;
    auto found = shapes->find(name);
    return found != shapes->end() && found->is_object() ? &*found : nullptr;
}

const nlohmann::json *MockShapeValidator::outputShape(const std::string &operation) const
{
    auto operations = m_model.find("operations");
    if (operations == m_model.end() || !operations->is_object())
        return nullptr;
    auto found = operations->find(operation);
    if (found == operations->end() || !found->is_object())
        return nullptr;
    auto output = found->find("output");
    if (output == found->end() || !output->is_object() || !output->contains("shape")
        || !(*output)["shape"].is_string())
        return nullptr;
    return shape((*output)["shape"].get<std::string>());
}

bool MockShapeValidator::knows(const std::string &operation) const
{
    return outputShape(operation) != nullptr;
}

std::optional<std::string>
MockShapeValidator::validate(const std::string &operation, const Json &result,
                             const std::set<std::string> &jsonMembers) const
{
    if (m_mode == FieldValidationMode::None)
        return std::nullopt;
    const nlohmann::json *output = outputShape(operation);
    if (!output)
        return std::nullopt;
    if (!result.is_object())
        return std::string(prefix) + "The mocked result must be a JSON object";
    return checkStructure(result, *output, &jsonMembers);
}

std::optional<std::string>
MockShapeValidator::checkStructure(const Json &value, const nlohmann::json &structure,
                                   const std::set<std::string> *jsonMembers) const
{
    static const nlohmann::json none = nlohmann::json::object();
    auto membersIt = structure.find("members");
    const nlohmann::json &members
        = membersIt != structure.end() && membersIt->is_object() ? *membersIt : none;
    if (m_mode == FieldValidationMode::Strict) {
        for (const auto &required : structure.value("required", nlohmann::json::array())) {
            if (!required.is_string())
                continue;
            const std::string name = sfnCased(required.get<std::string>());
            auto present = value.find(name);
            if (present == value.end() || present->is_null())
                return prefix + ("Required field '" + name + "' is missing");
        }
    }
    for (auto it = value.begin(); it != value.end(); ++it) {
        if (it->is_null() || (jsonMembers && jsonMembers->count(it.key())))
            continue; // a null field stands for one left out
        const nlohmann::json *memberShape = nullptr;
        for (auto member = members.begin(); member != members.end() && !memberShape; ++member)
            if (sfnCased(member.key()) == it.key() && member->is_object()
                && member->contains("shape") && (*member)["shape"].is_string())
                memberShape = shape((*member)["shape"].get<std::string>());
        if (!memberShape)
            continue; // a field the model does not know: AWS accepts it
        if (auto problem = check(*it, *memberShape, it.key(), nullptr))
            return problem;
    }
    return std::nullopt;
}

std::optional<std::string> MockShapeValidator::check(const Json &value,
                                                     const nlohmann::json &shapeDefinition,
                                                     const std::string &field,
                                                     const std::set<std::string> *jsonMembers) const
{
    if (value.is_null())
        return std::nullopt;
    if (shapeDefinition.value("document", false))
        return std::nullopt; // a document: any JSON
    const std::string type = shapeDefinition.value("type", "");
    auto inner = [&](const char *key) -> const nlohmann::json * {
        auto ref = shapeDefinition.find(key);
        if (ref == shapeDefinition.end() || !ref->is_object() || !ref->contains("shape")
            || !(*ref)["shape"].is_string())
            return nullptr;
        return shape((*ref)["shape"].get<std::string>());
    };
    if (type == "structure") {
        if (!value.is_object())
            return fieldError(field, "must be an object");
        return checkStructure(value, shapeDefinition, jsonMembers);
    }
    if (type == "list") {
        if (!value.is_array())
            return fieldError(field, "must be an array");
        if (const nlohmann::json *item = inner("member"))
            for (const Json &element : value)
                if (auto problem = check(element, *item, field, nullptr))
                    return problem;
        return std::nullopt;
    }
    if (type == "map") {
        if (!value.is_object())
            return fieldError(field, "must be an object");
        if (const nlohmann::json *entry = inner("value"))
            for (const Json &element : value)
                if (auto problem = check(element, *entry, field, nullptr))
                    return problem;
        return std::nullopt;
    }
    if (type == "string" || type == "blob") {
        if (!value.is_string())
            return fieldError(field, "must be a string");
        const std::string text = value.get<std::string>();
        if (auto values = shapeDefinition.find("enum");
            values != shapeDefinition.end() && values->is_array()) {
            bool known = false;
            for (const auto &allowed : *values)
                known = known || (allowed.is_string() && allowed.get<std::string>() == text);
            if (!known)
                return fieldError(field, "is not an expected value");
        }
        return checkLength(text, shapeDefinition, field);
    }
    if (type == "timestamp") {
        if (!value.is_string())
            return fieldError(field, "must be a string");
        return std::nullopt;
    }
    if (type == "integer" || type == "long") {
        if (!value.is_number())
            return fieldError(field, "must be a number");
        if (value.is_number_float()) {
            const double number = value.get<double>();
            if (!std::isfinite(number) || std::floor(number) != number)
                return fieldError(field, "must be an integer");
        }
        return checkRange(value, shapeDefinition, field);
    }
    if (type == "float" || type == "double") {
        if (!value.is_number())
            return fieldError(field, "must be a number");
        return checkRange(value, shapeDefinition, field);
    }
    if (type == "boolean") {
        if (!value.is_boolean())
            return fieldError(field, "must be a boolean");
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace Stepwise::Api
