#pragma once

#include <cctype>
#include <cstddef>
#include <string_view>

namespace Stepwise::Sim::Detail {

// The end of the number literal starting at `pos` (an optional '-', digits, '.', exponent),
// as both expression parsers read numbers; `isFloat` tells whether it has a fraction or an
// exponent. Validation of the digits is left to the caller's conversion.
inline std::size_t scanNumber(std::string_view text, std::size_t pos, bool &isFloat)
{
    isFloat = false;
    if (pos < text.size() && text[pos] == '-')
        ++pos;
    while (pos < text.size()) {
        const char c = text[pos];
        if (std::isdigit(static_cast<unsigned char>(c))) {
            ++pos;
        } else if (c == '.' || c == 'e' || c == 'E'
                   || ((c == '+' || c == '-') && pos > 0
                       && (text[pos - 1] == 'e' || text[pos - 1] == 'E'))) {
            isFloat = true;
            ++pos;
        } else {
            break;
        }
    }
    return pos;
}

} // namespace Stepwise::Sim::Detail
