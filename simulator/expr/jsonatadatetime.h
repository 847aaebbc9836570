#pragma once

#include "simulator/expr/jsonataevaluator.h"

#include <cstdint>
#include <optional>
#include <string>

namespace Stepwise::Sim::Jsonata {

// A UTC calendar time (proleptic Gregorian).
struct CivilTime
{
    std::int64_t year = 1970;
    int month = 1, day = 1, hour = 0, minute = 0, second = 0, millisecond = 0;
    int weekday = 4; // 0 Sunday
};

std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d);
CivilTime civilFromMillis(double millis);
// JavaScript's Date#toISOString.
std::string isoTimestamp(double millis);
// The timestamps $toMillis accepts without a picture.
std::optional<double> parseIsoTimestamp(const std::string &text);

// XPath picture strings ([Y0001]-[M01]-[D01]...), jsonatapictures.cpp.
bool formatDateTime(Evaluator &ev, double millis, const std::optional<std::string> &picture,
                    const std::optional<std::string> &timezone, std::string &out);
bool parseDateTime(Evaluator &ev, const std::string &text, const std::string &picture,
                   std::optional<double> &out);

} // namespace Stepwise::Sim::Jsonata
