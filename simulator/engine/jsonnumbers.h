#pragma once

#include "model/json/json.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace Stepwise::Sim {

// A JSON number as an integer within [low, high]: definitions may hold any number, and a
// cast of an out-of-range double is undefined behaviour.
inline std::int64_t clampedInteger(const Model::Json &value, std::int64_t low, std::int64_t high)
{
    double number = 0;
    if (value.is_number_integer() && !value.is_number_unsigned())
        return std::clamp(value.get<std::int64_t>(), low, high);
    if (value.is_number())
        number = value.get<double>();
    if (std::isnan(number))
        return low;
    if (number <= static_cast<double>(low))
        return low;
    if (number >= static_cast<double>(high))
        return high;
    return static_cast<std::int64_t>(number);
}

inline double clampedDouble(const Model::Json &value, double low, double high)
{
    if (!value.is_number())
        return low;
    const double number = value.get<double>();
    if (std::isnan(number))
        return low;
    return std::clamp(number, low, high);
}

} // namespace Stepwise::Sim
