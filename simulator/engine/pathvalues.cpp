#include "simulator/engine/pathvalues.h"

#include "simulator/engine/timestamp.h"

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>

namespace Stepwise::Sim {

using Model::Json;

namespace {

struct IntegerRule
{
    const char *name;
    std::int64_t minimum;
};

// Each whole-number field's smallest valid value: zero means "no limit" where AWS allows it.
constexpr IntegerRule integerRules[] = {
    {"MaxConcurrency", 0},   {"ToleratedFailureCount", 0}, {"MaxItems", 0},
    {"MaxItemsPerBatch", 1}, {"MaxInputBytesPerBatch", 1}, {"TimeoutSeconds", 1},
    {"HeartbeatSeconds", 1},
};

const IntegerRule &ruleFor(IntegerPathField field)
{
    return integerRules[static_cast<std::size_t>(field)];
}

// How AWS quotes a value in a cause: a string as it is, anything else as JSON text.
std::string quoted(const Json &value)
{
    return value.is_string() ? value.get<std::string>() : value.dump();
}

// A decimal integer as Java's Integer.parseInt reads it (an optional sign, digits only).
std::optional<std::int64_t> parseInt32(const std::string &text)
{
    if (text.empty())
        return std::nullopt;
    size_t i = text[0] == '-' || text[0] == '+' ? 1 : 0;
    if (i == text.size())
        return std::nullopt;
    for (size_t j = i; j < text.size(); ++j) {
        if (text[j] < '0' || text[j] > '9')
            return std::nullopt;
    }
    errno = 0;
    const long long parsed = std::strtoll(text.c_str(), nullptr, 10);
    if (errno == ERANGE || parsed < INT32_MIN || parsed > INT32_MAX)
        return std::nullopt;
    return parsed;
}

std::optional<std::int64_t> asInt32(const Json &value)
{
    if (value.is_string())
        return parseInt32(value.get_ref<const std::string &>());
    if (value.is_number_unsigned()) {
        const auto number = value.get<std::uint64_t>();
        if (number > static_cast<std::uint64_t>(INT32_MAX))
            return std::nullopt;
        return static_cast<std::int64_t>(number);
    }
    if (value.is_number_integer()) {
        const auto number = value.get<std::int64_t>();
        if (number < INT32_MIN || number > INT32_MAX)
            return std::nullopt;
        return number;
    }
    return std::nullopt;
}

std::optional<double> asPercentage(const Json &value)
{
    double number = 0;
    if (value.is_number()) {
        number = value.get<double>();
    } else if (value.is_string()) {
        const std::string &text = value.get_ref<const std::string &>();
        char *end = nullptr;
        number = std::strtod(text.c_str(), &end);
        if (text.empty() || !end || *end != '\0')
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (!std::isfinite(number))
        return std::nullopt;
    return number;
}

Failure notValid(const std::string &field, const Json &value, const char *type,
                 const JsonPath &path)
{
    return {"States.Runtime", "The " + field + " field refers to value \"" + quoted(value)
                                  + "\" which is not a valid " + type + ": " + path.text()};
}

Failure belowMinimum(IntegerPathField field, std::int64_t value)
{
    const IntegerRule &rule = ruleFor(field);
    switch (field) {
    case IntegerPathField::ToleratedFailureCount:
        return {"States.Runtime", "ToleratedFailureCount cannot be negative."};
    case IntegerPathField::MaxItems:
        // Raised by the item reader, once the map run started.
        return {"States.ItemReaderFailed", "field MaxItems must be positive"};
    default:
        break;
    }
    return {"States.Runtime",
            std::string("Expected ") + (rule.minimum > 0 ? "positive" : "non-negative")
                + " integer for " + rule.name + ", got '" + std::to_string(value) + "' instead."};
}

} // namespace

const char *fieldName(IntegerPathField field)
{
    return ruleFor(field).name;
}

Outcome<std::int64_t> readIntegerPath(IntegerPathField field, const JsonPath &path,
                                      const ExpressionContext &ctx)
{
    auto value = path.evaluate(ctx);
    if (!value.ok())
        return value.takeFailure();
    const auto number = asInt32(*value);
    if (!number)
        return notValid(std::string(fieldName(field)) + "Path", *value, "integer", path);
    if (*number < ruleFor(field).minimum)
        return belowMinimum(field, *number);
    return *number;
}

Outcome<double> readPercentagePath(const JsonPath &path, const ExpressionContext &ctx)
{
    auto value = path.evaluate(ctx);
    if (!value.ok())
        return value.takeFailure();
    const auto number = asPercentage(*value);
    if (!number)
        return notValid("ToleratedFailurePercentagePath", *value, "float", path);
    if (*number < 0 || *number > 100)
        return Failure{"States.Runtime", "ToleratedFailurePercentage must be between 0 and 100."};
    return *number;
}

Outcome<std::string> readStringPath(const char *field, const JsonPath &path,
                                    const ExpressionContext &ctx)
{
    auto value = path.evaluate(ctx);
    if (!value.ok())
        return value.takeFailure();
    if (!value->is_string())
        return notValid(field, *value, "string", path);
    return std::move(value->get_ref<std::string &>());
}

Outcome<std::int64_t> readWaitSecondsPath(const JsonPath &path, const ExpressionContext &ctx)
{
    auto value = path.select(ctx);
    if (!value) {
        return Failure{"States.Runtime",
                       "The SecondsPath parameter does not reference an input value: "
                           + path.text()};
    }
    const bool isLong
        = value->is_number_integer()
          && (!value->is_number_unsigned()
              || value->get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX));
    if (!isLong) {
        return Failure{"States.Runtime",
                       "The SecondsPath parameter cannot be parsed as a long value: " + path.text()
                           + " == " + quoted(*value)};
    }
    const std::int64_t seconds = value->get<std::int64_t>();
    if (seconds < 0) {
        return Failure{"States.Runtime", "The SecondsPath parameter references a negative value: "
                                             + path.text() + " == " + quoted(*value)};
    }
    return seconds;
}

Outcome<std::int64_t> readWaitTimestampPath(const JsonPath &path, const ExpressionContext &ctx)
{
    auto value = path.select(ctx);
    if (!value) {
        return Failure{"States.Runtime",
                       "The TimestampPath parameter does not reference an input value: "
                           + path.text()};
    }
    auto parsed
        = value->is_string() ? parseTimestamp(value->get_ref<const std::string &>()) : std::nullopt;
    if (!parsed) {
        return Failure{"States.Runtime",
                       "The TimestampPath parameter does not reference a valid ISO-8601 extended "
                       "offset date-time format string: "
                           + path.text() + " == " + quoted(*value)};
    }
    return parsed->toMillis();
}

} // namespace Stepwise::Sim
