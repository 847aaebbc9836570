#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace Stepwise::Sim {

// An instant with nanosecond precision, as ASL timestamps (RFC 3339) carry.
struct Timestamp
{
    std::int64_t seconds = 0; // since the Unix epoch, UTC
    std::int32_t nanos = 0;

    auto operator<=>(const Timestamp &) const = default;
    std::int64_t toMillis() const { return seconds * 1000 + nanos / 1000000; }
};

// Parses "2016-03-14T01:59:00Z" / "...00.123+02:00" as AWS accepts them (an uppercase T, a Z
// or a numeric offset, valid calendar fields); nullopt for anything else.
std::optional<Timestamp> parseTimestamp(std::string_view text);

// "2024-05-01T12:00:00.000Z": the form the context object and history use.
std::string formatTimestampMillis(std::int64_t millis);

} // namespace Stepwise::Sim
