#include "simulator/api/requestreader.h"

namespace Stepwise::Api {

using Model::Json;

namespace {

const Json &nullJson()
{
    static const Json value;
    return value;
}

ApiError constraint(const std::string &value, const char *name, const std::string &rule)
{
    return validationError("1 validation error detected: Value " + value + " at '" + name
                           + "' failed to satisfy constraint: " + rule);
}

ApiError wrongType(const char *name, const char *expected)
{
    return {"SerializationException",
            std::string("Member '") + name + "' must be " + expected + "."};
}

} // namespace

RequestReader::RequestReader(const Json &input)
    : m_input(input)
{}

bool RequestReader::has(const char *name) const
{
    auto it = m_input.find(name);
    return it != m_input.end() && !it->is_null();
}

const Json &RequestReader::member(const char *name) const
{
    auto it = m_input.find(name);
    return it == m_input.end() ? nullJson() : *it;
}

void RequestReader::fail(ApiError error)
{
    if (!m_error)
        m_error = std::move(error);
}

std::string RequestReader::string(const char *name, bool required, std::size_t minLength,
                                  std::size_t maxLength)
{
    const Json &value = member(name);
    if (value.is_null()) {
        if (required)
            fail(constraint("null", name, "Member must not be null"));
        return {};
    }
    if (!value.is_string()) {
        fail(wrongType(name, "a string"));
        return {};
    }
    std::string text = value.get<std::string>();
    if (minLength > 0 && text.size() < minLength) {
        fail(constraint("'" + text + "'", name,
                        "Member must have length greater than or equal to "
                            + std::to_string(minLength)));
    } else if (maxLength > 0 && text.size() > maxLength) {
        // AWS does not echo long values back.
        fail(constraint(
            text.size() > 256 ? std::string("of length ") + std::to_string(text.size())
                              : "'" + text + "'",
            name, "Member must have length less than or equal to " + std::to_string(maxLength)));
    }
    return text;
}

std::optional<std::int64_t> RequestReader::integer(const char *name, std::int64_t min,
                                                   std::int64_t max)
{
    const Json &value = member(name);
    if (value.is_null())
        return std::nullopt;
    if (!value.is_number_integer()) {
        fail(wrongType(name, "an integer"));
        return std::nullopt;
    }
    const std::int64_t n = value.get<std::int64_t>();
    if (n < min) {
        fail(constraint("'" + std::to_string(n) + "'", name,
                        "Member must have value greater than or equal to " + std::to_string(min)));
    } else if (n > max) {
        fail(constraint("'" + std::to_string(n) + "'", name,
                        "Member must have value less than or equal to " + std::to_string(max)));
    }
    return n;
}

bool RequestReader::boolean(const char *name, bool fallback)
{
    const Json &value = member(name);
    if (value.is_null())
        return fallback;
    if (!value.is_boolean()) {
        fail(wrongType(name, "a boolean"));
        return fallback;
    }
    return value.get<bool>();
}

std::string RequestReader::enumeration(const char *name, const char *values, bool required)
{
    std::string text = string(name, required);
    if (text.empty() || m_error)
        return text;
    const std::string all = std::string("|") + values + "|";
    if (all.find("|" + text + "|") == std::string::npos) {
        std::string set;
        for (const char *c = values; *c; ++c)
            set += *c == '|' ? std::string(", ") : std::string(1, *c);
        fail(constraint("'" + text + "'", name,
                        "Member must satisfy enum value set: [" + set + "]"));
    }
    return text;
}

} // namespace Stepwise::Api
