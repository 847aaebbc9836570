#include "simulator/expr/jsonataintegerpicture.h"

#include <QList>
#include <QString>

#include <cmath>
#include <map>

namespace Stepwise::Sim::Jsonata {

std::u32string toUtf32(const std::string &s)
{
    std::u32string out;
    for (char32_t c : QString::fromStdString(s).toUcs4())
        out += c;
    return out;
}

std::string toUtf8(const std::u32string &s)
{
    return QString::fromUcs4(s.data(), static_cast<qsizetype>(s.size())).toStdString();
}

namespace {

const char *few[]
    = {"Zero",     "One",     "Two",     "Three",     "Four",     "Five",    "Six",
       "Seven",    "Eight",   "Nine",    "Ten",       "Eleven",   "Twelve",  "Thirteen",
       "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"};
const char *ordinals[] = {"Zeroth",    "First",     "Second",      "Third",      "Fourth",
                          "Fifth",     "Sixth",     "Seventh",     "Eighth",     "Ninth",
                          "Tenth",     "Eleventh",  "Twelfth",     "Thirteenth", "Fourteenth",
                          "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth"};
const char *decades[]
    = {"Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred"};
const char *magnitudes[] = {"Thousand", "Million", "Billion", "Trillion"};

std::string words(long long num, bool prev, bool ord)
{
    std::string out;
    if (num <= 19) {
        out = std::string(prev ? " and " : "") + (ord ? ordinals[num] : few[num]);
    } else if (num < 100) {
        const long long tens = num / 10, remainder = num % 10;
        out = std::string(prev ? " and " : "") + decades[tens - 2];
        if (remainder > 0)
            out += "-" + words(remainder, false, ord);
        else if (ord)
            out = out.substr(0, out.size() - 1) + "ieth";
    } else if (num < 1000) {
        const long long hundreds = num / 100, remainder = num % 100;
        out = std::string(prev ? ", " : "") + few[hundreds] + " Hundred";
        if (remainder > 0)
            out += words(remainder, true, ord);
        else if (ord)
            out += "th";
    } else {
        int mag = static_cast<int>(std::floor(std::log10(static_cast<double>(num)) / 3));
        if (mag > 4)
            mag = 4;
        const long long factor = static_cast<long long>(std::pow(10, mag * 3));
        const long long mant = num / factor, remainder = num - mant * factor;
        out = std::string(prev ? ", " : "") + words(mant, false, false) + " " + magnitudes[mag - 1];
        if (remainder > 0)
            out += words(remainder, true, ord);
        else if (ord)
            out += "th";
    }
    return out;
}

const std::map<std::string, long long> &wordValues()
{
    static const std::map<std::string, long long> values = [] {
        std::map<std::string, long long> m;
        auto lower = [](std::string s) {
            for (auto &c : s)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return s;
        };
        for (int i = 0; i < 20; ++i) {
            m[lower(few[i])] = i;
            m[lower(ordinals[i])] = i;
        }
        for (int i = 0; i < 9; ++i) {
            const std::string w = lower(decades[i]);
            m[w] = (i + 2) * 10;
            m[w.substr(0, w.size() - 1) + "ieth"] = (i + 2) * 10;
        }
        m["hundredth"] = 100;
        for (int i = 0; i < 4; ++i) {
            const long long v = static_cast<long long>(std::pow(10, (i + 1) * 3));
            m[lower(magnitudes[i])] = v;
            m[lower(magnitudes[i]) + "th"] = v;
        }
        return m;
    }();
    return values;
}

std::string roman(long long value)
{
    static const std::pair<int, const char *> numerals[]
        = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
           {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
    std::string out;
    for (const auto &[v, s] : numerals) {
        while (value >= v) {
            out += s;
            value -= v;
        }
    }
    return out;
}

const char32_t decimalGroups[]
    = {0x30,   0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6,
       0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0,
       0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620,
       0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10};

std::string upper(std::string s)
{
    for (auto &c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string lower(std::string s)
{
    for (auto &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

} // namespace

bool IntegerPicture::analyse(const std::string &picture, IntegerPicture &f, Error &error)
{
    f = IntegerPicture();
    std::string primary = picture;
    const size_t semicolon = picture.rfind(';');
    if (semicolon != std::string::npos) {
        primary = picture.substr(0, semicolon);
        const std::string modifier = picture.substr(semicolon + 1);
        if (!modifier.empty() && modifier[0] == 'o')
            f.ordinal = true;
    }
    if (primary == "A" || primary == "a") {
        f.letterCase = primary == "A" ? Case::Upper : Case::Lower;
        f.primary = Primary::Letters;
        return true;
    }
    if (primary == "I" || primary == "i") {
        f.letterCase = primary == "I" ? Case::Upper : Case::Lower;
        f.primary = Primary::Roman;
        return true;
    }
    if (primary == "W" || primary == "Ww" || primary == "w") {
        f.letterCase = primary == "W" ? Case::Upper : primary == "Ww" ? Case::Title : Case::Lower;
        f.primary = Primary::Words;
        return true;
    }
    std::optional<char32_t> zero;
    int separatorPosition = 0;
    std::u32string points = toUtf32(primary);
    std::vector<Separator> separators;
    for (auto it = points.rbegin(); it != points.rend(); ++it) {
        const char32_t cp = *it;
        bool digit = false;
        for (char32_t group : decimalGroups) {
            if (cp >= group && cp <= group + 9) {
                digit = true;
                ++f.mandatoryDigits;
                ++separatorPosition;
                if (!zero) {
                    zero = group;
                } else if (*zero != group) {
                    error = Error{"D3131"};
                    return false;
                }
                break;
            }
        }
        if (!digit) {
            if (cp == '#') {
                ++separatorPosition;
                ++f.optionalDigits;
            } else {
                separators.push_back({separatorPosition, std::u32string(1, cp)});
            }
        }
    }
    if (f.mandatoryDigits == 0) {
        f.primary = Primary::Sequence;
        f.token = primary;
        return true;
    }
    f.primary = Primary::Decimal;
    f.zeroCode = *zero;
    int regular = 0;
    if (!separators.empty()) {
        bool same = true;
        for (const auto &s : separators)
            same = same && s.character == separators[0].character;
        if (same) {
            int factor = separators[0].position;
            for (const auto &s : separators) {
                int a = factor, b = s.position;
                while (b) {
                    const int t = a % b;
                    a = b;
                    b = t;
                }
                factor = a;
            }
            regular = factor;
            for (size_t i = 1; i <= separators.size() && regular; ++i) {
                bool found = false;
                for (const auto &s : separators)
                    found = found || s.position == static_cast<int>(i) * factor;
                if (!found)
                    regular = 0;
            }
        }
    }
    if (regular > 0) {
        f.regular = true;
        f.separators = {{regular, separators[0].character}};
    } else {
        f.separators = separators;
    }
    return true;
}

bool IntegerPicture::format(long long value, std::string &out, Error &error) const
{
    const bool negative = value < 0;
    value = std::llabs(value);
    std::string result;
    switch (primary) {
    case Primary::Letters: {
        const char a = letterCase == Case::Upper ? 'A' : 'a';
        while (value > 0) {
            result.insert(result.begin(), static_cast<char>(a + (value - 1) % 26));
            value = (value - 1) / 26;
        }
        break;
    }
    case Primary::Roman:
        result = roman(value);
        if (letterCase == Case::Upper)
            result = upper(result);
        break;
    case Primary::Words:
        result = words(value, false, ordinal);
        if (letterCase == Case::Upper)
            result = upper(result);
        else if (letterCase == Case::Lower)
            result = lower(result);
        break;
    case Primary::Decimal: {
        std::u32string digits;
        for (char c : std::to_string(value))
            digits += static_cast<char32_t>(c);
        if (static_cast<int>(digits.size()) < mandatoryDigits)
            digits = std::u32string(static_cast<size_t>(mandatoryDigits) - digits.size(), U'0')
                     + digits;
        if (zeroCode != '0') {
            for (auto &c : digits)
                c = c - U'0' + zeroCode;
        }
        if (regular) {
            const int step = separators[0].position;
            const long groups = (static_cast<long>(digits.size()) - 1) / step;
            for (long g = groups; g > 0; --g) {
                const size_t pos = digits.size() - static_cast<size_t>(g * step);
                digits.insert(pos, separators[0].character);
            }
        } else {
            for (auto it = separators.rbegin(); it != separators.rend(); ++it) {
                if (static_cast<size_t>(it->position) > digits.size())
                    continue;
                const size_t pos = digits.size() - static_cast<size_t>(it->position);
                digits.insert(pos, it->character);
            }
        }
        result = toUtf8(digits);
        if (ordinal) {
            const char last = result.empty() ? '0' : result.back();
            std::string suffix = last == '1'   ? "st"
                                 : last == '2' ? "nd"
                                 : last == '3' ? "rd"
                                               : "th";
            if (result.size() > 1 && result[result.size() - 2] == '1')
                suffix = "th";
            result += suffix;
        }
        break;
    }
    case Primary::Sequence:
        error = Error{"D3130"};
        error.value = "\"" + token + "\"";
        return false;
    }
    out = negative ? "-" + result : result;
    return true;
}

std::string IntegerPicture::regex() const
{
    const bool isUpper = letterCase == Case::Upper;
    switch (primary) {
    case Primary::Letters:
        return isUpper ? "[A-Z]+" : "[a-z]+";
    case Primary::Roman:
        return isUpper ? "[MDCLXVI]+" : "[mdclxvi]+";
    case Primary::Words: {
        std::string alternatives;
        for (const auto &[w, v] : wordValues())
            alternatives += w + "|";
        return "(?:" + alternatives + "and|[\\-, ])+";
    }
    case Primary::Decimal: {
        std::string occurrences = "+";
        if (n > 0) {
            occurrences = optionalDigits == 0 ? "{" + std::to_string(n) + "}"
                                              : "{" + std::to_string(n - optionalDigits) + ","
                                                    + std::to_string(n) + "}";
        }
        std::string r = "[0-9]" + occurrences;
        if (ordinal)
            r += "(?:th|st|nd|rd)";
        return r;
    }
    case Primary::Sequence:
        break;
    }
    return "";
}

std::optional<double> IntegerPicture::parse(const std::string &text) const
{
    switch (primary) {
    case Primary::Letters: {
        const char a = letterCase == Case::Upper ? 'A' : 'a';
        double value = 0;
        for (char c : text)
            value = value * 26 + (c - a + 1);
        return value;
    }
    case Primary::Roman: {
        static const std::map<char, int> values
            = {{'M', 1000}, {'D', 500}, {'C', 100}, {'L', 50}, {'X', 10}, {'V', 5}, {'I', 1}};
        const std::string u = upper(text);
        double decimal = 0;
        int max = 1;
        for (auto it = u.rbegin(); it != u.rend(); ++it) {
            const auto v = values.find(*it);
            const int value = v == values.end() ? 0 : v->second;
            if (value < max) {
                decimal -= value;
            } else {
                max = value;
                decimal += value;
            }
        }
        return decimal;
    }
    case Primary::Words: {
        std::vector<std::string> parts;
        std::string current;
        const std::string t = lower(text);
        for (size_t i = 0; i < t.size(); ++i) {
            if (t.compare(i, 2, ", ") == 0) {
                parts.push_back(current);
                current.clear();
                ++i;
            } else if (t.compare(i, 5, " and ") == 0) {
                parts.push_back(current);
                current.clear();
                i += 4;
            } else if (t[i] == ' ' || t[i] == '-') {
                parts.push_back(current);
                current.clear();
            } else {
                current += t[i];
            }
        }
        parts.push_back(current);
        std::vector<double> segs{0};
        for (const auto &part : parts) {
            const auto v = wordValues().find(part);
            const double value
                = v == wordValues().end() ? std::nan("") : static_cast<double>(v->second);
            if (value < 100) {
                double top = segs.back();
                segs.pop_back();
                if (top >= 1000) {
                    segs.push_back(top);
                    top = 0;
                }
                segs.push_back(top + value);
            } else {
                segs.back() *= value;
            }
        }
        double total = 0;
        for (double s : segs)
            total += s;
        return total;
    }
    case Primary::Decimal: {
        std::u32string digits = toUtf32(text);
        if (ordinal && digits.size() >= 2)
            digits.resize(digits.size() - 2);
        std::u32string clean;
        for (char32_t c : digits) {
            if (c >= zeroCode && c <= zeroCode + 9)
                clean += static_cast<char32_t>(c - zeroCode + U'0');
        }
        if (clean.empty())
            return std::nullopt;
        return std::strtod(toUtf8(clean).c_str(), nullptr);
    }
    case Primary::Sequence:
        break;
    }
    return std::nullopt;
}

} // namespace Stepwise::Sim::Jsonata
