#pragma once

#include "simulator/expr/jsonataerror.h"

#include <optional>
#include <string>
#include <vector>

namespace Stepwise::Sim::Jsonata {

// An XPath integer picture ("0001", "#,##0", "a", "I", "w", "1;o"), shared by $formatInteger,
// $parseInteger and the date/time markers.
struct IntegerPicture
{
    enum class Primary { Decimal, Letters, Roman, Words, Sequence };
    enum class Case { Upper, Lower, Title };
    Primary primary = Primary::Decimal;
    Case letterCase = Case::Lower;
    bool ordinal = false;
    char32_t zeroCode = '0';
    int mandatoryDigits = 0;
    int optionalDigits = 0;
    bool regular = false;
    struct Separator
    {
        int position = 0;
        std::u32string character;
    };
    std::vector<Separator> separators; // regular: one entry holding the repeat
    std::string token;                 // Sequence: the unsupported picture
    int n = -1;                        // digits expected when parsing date parts

    static bool analyse(const std::string &picture, IntegerPicture &out, Error &error);
    bool format(long long value, std::string &out, Error &error) const;
    // The regular expression matching a formatted value, and its parse.
    std::string regex() const;
    std::optional<double> parse(const std::string &text) const;
};

std::u32string toUtf32(const std::string &s);
std::string toUtf8(const std::u32string &s);

} // namespace Stepwise::Sim::Jsonata
