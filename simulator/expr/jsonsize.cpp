#include "simulator/expr/jsonsize.h"

#include <array>
#include <cmath>

namespace Stepwise::Sim {

namespace {

using Json = Model::Json;

// Extra bytes the serializer writes for a byte of a string: \" \\ \b \t \n \f \r take one
// more, other control characters six in all (\u00XX); everything else is copied as is.
constexpr std::array<unsigned char, 256> escapeExtra = [] {
    std::array<unsigned char, 256> table{};
    for (int c = 0; c < 0x20; ++c)
        table[static_cast<size_t>(c)] = 5;
    for (int c : {'\b', '\t', '\n', '\f', '\r', '"', '\\'})
        table[static_cast<size_t>(c)] = 1;
    return table;
}();

std::size_t digits(std::uint64_t value)
{
    std::size_t n = 1;
    for (; value >= 10000; value /= 10000)
        n += 4;
    return n + (value >= 10) + (value >= 100) + (value >= 1000);
}

std::size_t floatSize(double value)
{
    if (!std::isfinite(value))
        return 4; // null
    // The serializer's own shortest round-trip formatting.
    std::array<char, 64> buffer{};
    const char *end
        = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return static_cast<std::size_t>(end - buffer.data());
}

std::size_t sizeOf(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::object: {
        const auto &members = value.get_ref<const Json::object_t &>();
        std::size_t size = 2 + (members.empty() ? 0 : members.size() - 1);
        for (const auto &member : members)
            size += jsonStringSize(member.first) + 1 + sizeOf(member.second);
        return size;
    }
    case Json::value_t::array: {
        const auto &items = value.get_ref<const Json::array_t &>();
        std::size_t size = 2 + (items.empty() ? 0 : items.size() - 1);
        for (const Json &item : items)
            size += sizeOf(item);
        return size;
    }
    case Json::value_t::string:
        return jsonStringSize(value.get_ref<const std::string &>());
    case Json::value_t::boolean:
        return value.get<bool>() ? 4 : 5;
    case Json::value_t::number_integer: {
        const std::int64_t n = value.get<std::int64_t>();
        return n < 0 ? 1 + digits(0 - static_cast<std::uint64_t>(n))
                     : digits(static_cast<std::uint64_t>(n));
    }
    case Json::value_t::number_unsigned:
        return digits(value.get<std::uint64_t>());
    case Json::value_t::number_float:
        return floatSize(value.get<double>());
    case Json::value_t::null:
        return 4;
    case Json::value_t::binary:
    case Json::value_t::discarded:
        return value.dump().size();
    }
    return 0;
}

} // namespace

std::size_t jsonStringSize(const std::string &text)
{
    std::size_t size = text.size() + 2;
    for (unsigned char c : text)
        size += escapeExtra[c];
    return size;
}

std::size_t jsonTextSize(const Json &value)
{
    return sizeOf(value);
}

} // namespace Stepwise::Sim
