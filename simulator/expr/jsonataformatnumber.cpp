// $formatNumber: XPath decimal-format pictures (prefix, grouping, fraction, exponent,
// percent and per-mille) with the options object overriding the format's characters.
#include "simulator/expr/jsonatafunctions.h"

#include <QList>
#include <QString>

#include <cmath>
#include <cstdio>
#include <map>

namespace Stepwise::Sim::Jsonata::Builtins {

namespace {

using U32 = std::u32string;

U32 toU32(const std::string &s)
{
    const QString q = QString::fromStdString(s);
    U32 out;
    for (char32_t c : q.toUcs4())
        out += c;
    return out;
}

std::string fromU32(const U32 &s)
{
    return QString::fromUcs4(s.data(), static_cast<qsizetype>(s.size())).toStdString();
}

struct Properties
{
    char32_t decimal = '.', grouping = ',', exponent = 'e', percent = '%', perMille = 0x2030,
             zero = '0', digit = '#', pattern = ';';
    U32 minus = U"-";
    bool isDigit(char32_t c) const { return c >= zero && c < zero + 10; }
    bool isActive(char32_t c) const
    {
        return isDigit(c) || c == decimal || c == exponent || c == grouping || c == digit
               || c == pattern;
    }
};

struct Parts
{
    U32 prefix, suffix, active, mantissa, integer, fraction, picture;
    bool hasExponent = false;
    U32 exponentPart;
};

struct Pic
{
    std::vector<int> integerGrouping;
    int regularGrouping = 0;
    int minimumIntegerPartSize = 0;
    int scalingFactor = 0;
    std::vector<int> fractionalGrouping;
    int minimumFractionalPartSize = 0;
    int maximumFractionalPartSize = 0;
    int minimumExponentSize = 0;
    U32 prefix, suffix, picture;
};

size_t count(const U32 &s, const std::function<bool(char32_t)> &pred)
{
    size_t n = 0;
    for (char32_t c : s)
        n += pred(c) ? 1 : 0;
    return n;
}

Parts splitParts(const U32 &sub, const Properties &p)
{
    Parts parts;
    parts.picture = sub;
    size_t first = sub.size(), last = sub.size();
    for (size_t i = 0; i < sub.size(); ++i) {
        if (p.isActive(sub[i]) && sub[i] != p.exponent) {
            first = i;
            break;
        }
    }
    for (size_t i = sub.size(); i-- > 0;) {
        if (p.isActive(sub[i]) && sub[i] != p.exponent) {
            last = i;
            break;
        }
    }
    parts.prefix = first < sub.size() ? sub.substr(0, first) : U32();
    parts.suffix = last < sub.size() ? sub.substr(last + 1) : U32();
    const size_t activeLen = sub.size() - parts.prefix.size() - parts.suffix.size();
    parts.active = sub.substr(parts.prefix.size(), activeLen);
    const size_t exponentPosition = sub.find(p.exponent, parts.prefix.size());
    if (exponentPosition == U32::npos || exponentPosition > sub.size() - parts.suffix.size()) {
        parts.mantissa = parts.active;
    } else {
        parts.mantissa = parts.active.substr(0, std::min(exponentPosition, parts.active.size()));
        parts.exponentPart = exponentPosition + 1 <= parts.active.size()
                                 ? parts.active.substr(exponentPosition + 1)
                                 : U32();
        parts.hasExponent = true;
    }
    const size_t decimalPosition = parts.mantissa.find(p.decimal);
    if (decimalPosition == U32::npos) {
        parts.integer = parts.mantissa;
        parts.fraction = parts.suffix;
    } else {
        parts.integer = parts.mantissa.substr(0, decimalPosition);
        parts.fraction = parts.mantissa.substr(decimalPosition + 1);
    }
    return parts;
}

const char *validate(const Parts &parts, const Properties &p)
{
    const char *error = nullptr;
    const U32 &sub = parts.picture;
    const size_t decimalPos = sub.find(p.decimal);
    if (decimalPos != sub.rfind(p.decimal))
        error = "D3081";
    if (sub.find(p.percent) != sub.rfind(p.percent))
        error = "D3082";
    if (sub.find(p.perMille) != sub.rfind(p.perMille))
        error = "D3083";
    if (sub.find(p.percent) != U32::npos && sub.find(p.perMille) != U32::npos)
        error = "D3084";
    bool valid = false;
    for (char32_t c : parts.mantissa) {
        if (p.isDigit(c) || c == p.digit) {
            valid = true;
            break;
        }
    }
    if (!valid)
        error = "D3085";
    for (char32_t c : parts.active) {
        if (!p.isActive(c))
            error = "D3086";
    }
    if (decimalPos != U32::npos) {
        if ((decimalPos > 0 && sub[decimalPos - 1] == p.grouping)
            || (decimalPos + 1 < sub.size() && sub[decimalPos + 1] == p.grouping))
            error = "D3087";
    } else if (!parts.integer.empty() && parts.integer.back() == p.grouping) {
        error = "D3088";
    }
    if (sub.find(U32{p.grouping, p.grouping}) != U32::npos)
        error = "D3089";
    size_t optional = parts.integer.find(p.digit);
    if (optional != U32::npos
        && count(parts.integer.substr(0, optional), [&](char32_t c) { return p.isDigit(c); }) > 0)
        error = "D3090";
    optional = parts.fraction.rfind(p.digit);
    if (optional != U32::npos
        && count(parts.fraction.substr(optional), [&](char32_t c) { return p.isDigit(c); }) > 0)
        error = "D3091";
    if (parts.hasExponent && !parts.exponentPart.empty()
        && (sub.find(p.percent) != U32::npos || sub.find(p.perMille) != U32::npos))
        error = "D3092";
    if (parts.hasExponent
        && (parts.exponentPart.empty()
            || count(parts.exponentPart, [&](char32_t c) { return !p.isDigit(c); }) > 0))
        error = "D3093";
    return error;
}

int gcd(int a, int b)
{
    return b == 0 ? a : gcd(b, a % b);
}

Pic analyse(const Parts &parts, const Properties &p)
{
    Pic pic;
    auto digitOrOptional = [&](char32_t c) { return p.isDigit(c) || c == p.digit; };
    auto groupingPositions = [&](const U32 &part, bool toLeft) {
        std::vector<int> positions;
        size_t pos = part.find(p.grouping);
        while (pos != U32::npos) {
            const U32 side = toLeft ? part.substr(0, pos) : part.substr(pos);
            positions.push_back(static_cast<int>(count(side, digitOrOptional)));
            pos = parts.integer.find(p.grouping, pos + 1);
        }
        return positions;
    };
    pic.integerGrouping = groupingPositions(parts.integer, false);
    if (!pic.integerGrouping.empty()) {
        int factor = pic.integerGrouping[0];
        for (int v : pic.integerGrouping)
            factor = gcd(factor, v);
        bool regular = factor > 0;
        for (size_t i = 1; i <= pic.integerGrouping.size() && regular; ++i) {
            regular = std::find(pic.integerGrouping.begin(), pic.integerGrouping.end(),
                                static_cast<int>(i) * factor)
                      != pic.integerGrouping.end();
        }
        pic.regularGrouping = regular ? factor : 0;
    }
    pic.fractionalGrouping = groupingPositions(parts.fraction, true);
    pic.minimumIntegerPartSize
        = static_cast<int>(count(parts.integer, [&](char32_t c) { return p.isDigit(c); }));
    pic.scalingFactor = pic.minimumIntegerPartSize;
    pic.minimumFractionalPartSize
        = static_cast<int>(count(parts.fraction, [&](char32_t c) { return p.isDigit(c); }));
    pic.maximumFractionalPartSize = static_cast<int>(count(parts.fraction, digitOrOptional));
    if (pic.minimumIntegerPartSize == 0 && pic.maximumFractionalPartSize == 0) {
        if (parts.hasExponent) {
            pic.minimumFractionalPartSize = 1;
            pic.maximumFractionalPartSize = 1;
        } else {
            pic.minimumIntegerPartSize = 1;
        }
    }
    if (parts.hasExponent && pic.minimumIntegerPartSize == 0
        && parts.integer.find(p.digit) != U32::npos)
        pic.minimumIntegerPartSize = 1;
    if (pic.minimumIntegerPartSize == 0 && pic.minimumFractionalPartSize == 0)
        pic.minimumFractionalPartSize = 1;
    if (parts.hasExponent)
        pic.minimumExponentSize
            = static_cast<int>(count(parts.exponentPart, [&](char32_t c) { return p.isDigit(c); }));
    pic.prefix = parts.prefix;
    pic.suffix = parts.suffix;
    pic.picture = parts.picture;
    return pic;
}

double shiftDecimal(double x, long places)
{
    const std::string text = formatNumber(x);
    const size_t e = text.find('e');
    const long exponent = e == std::string::npos ? 0 : std::stol(text.substr(e + 1));
    return std::strtod((text.substr(0, e) + "e" + std::to_string(exponent + places)).c_str(),
                       nullptr);
}

double roundHalfEven(double arg, long precision)
{
    if (precision)
        arg = shiftDecimal(arg, precision);
    double result = std::floor(arg + 0.5);
    if (std::fabs(result - arg) == 0.5 && std::fabs(std::fmod(result, 2)) == 1)
        result -= 1;
    if (precision)
        result = shiftDecimal(result, -precision);
    return result == 0 ? 0 : result;
}

U32 makeString(double value, int dp, const Properties &p)
{
    char buf[512];
    std::snprintf(buf, sizeof buf, "%.*f", std::min(dp, 100), std::fabs(value));
    U32 out;
    for (const char *c = buf; *c; ++c)
        out += (*c >= '0' && *c <= '9') ? static_cast<char32_t>(p.zero + (*c - '0'))
                                        : static_cast<char32_t>(*c);
    return out;
}

bool readOptions(Evaluator &ev, const Value &options, Properties &p)
{
    bool ok = true;
    options.forEachEntry([&](const std::string &key, const Value &v) {
        if (!v.isString())
            return;
        const U32 s = toU32(v.string());
        const char32_t c = s.empty() ? 0 : s[0];
        if (key == "decimal-separator")
            p.decimal = c;
        else if (key == "grouping-separator")
            p.grouping = c;
        else if (key == "exponent-separator")
            p.exponent = c;
        else if (key == "minus-sign")
            p.minus = s;
        else if (key == "percent")
            p.percent = c;
        else if (key == "per-mille")
            p.perMille = c;
        else if (key == "zero-digit")
            p.zero = c;
        else if (key == "digit")
            p.digit = c;
        else if (key == "pattern-separator")
            p.pattern = c;
    });
    (void)ev;
    return ok;
}

bool fnFormatNumber(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &valueV = args.size() > 0 ? args[0] : Value();
    if (valueV.isUndefined()) {
        out = Value();
        return true;
    }
    Properties p;
    if (args.size() > 2 && args[2].isObject())
        readOptions(ev, args[2], p);
    const U32 picture = toU32(args[1].string());
    std::vector<U32> subPictures;
    U32 current;
    for (char32_t c : picture) {
        if (c == p.pattern) {
            subPictures.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    subPictures.push_back(current);
    if (subPictures.size() > 2)
        return ev.fail("D3080");
    std::vector<Pic> pics;
    for (const auto &sub : subPictures) {
        const Parts parts = splitParts(sub, p);
        if (const char *error = validate(parts, p))
            return ev.fail(error);
        pics.push_back(analyse(parts, p));
    }
    if (pics.size() == 1) {
        pics.push_back(pics[0]);
        pics[1].prefix = p.minus + pics[1].prefix;
    }
    const double value = valueV.number();
    const Pic &pic = value >= 0 ? pics[0] : pics[1];
    double adjusted = value;
    if (pic.picture.find(p.percent) != U32::npos)
        adjusted = value * 100;
    else if (pic.picture.find(p.perMille) != U32::npos)
        adjusted = value * 1000;
    double mantissa = adjusted;
    std::optional<int> exponent;
    if (pic.minimumExponentSize != 0) {
        const double maxMantissa = std::pow(10, pic.scalingFactor);
        const double minMantissa = std::pow(10, pic.scalingFactor - 1);
        int e = 0;
        if (mantissa != 0 && std::isfinite(mantissa)) {
            while (std::fabs(mantissa) < minMantissa) {
                mantissa *= 10;
                e -= 1;
            }
            while (std::fabs(mantissa) > maxMantissa) {
                mantissa /= 10;
                e += 1;
            }
        }
        exponent = e;
    }
    const double rounded = roundHalfEven(mantissa, pic.maximumFractionalPartSize);
    U32 s = makeString(rounded, pic.maximumFractionalPartSize, p);
    const size_t dot = s.find(U'.');
    if (dot == U32::npos)
        s += p.decimal;
    else
        s[dot] = p.decimal;
    while (!s.empty() && s.front() == p.zero)
        s.erase(0, 1);
    while (!s.empty() && s.back() == p.zero)
        s.pop_back();
    size_t decimalPos = s.find(p.decimal);
    const long padLeft = pic.minimumIntegerPartSize - static_cast<long>(decimalPos);
    const long padRight
        = pic.minimumFractionalPartSize - static_cast<long>(s.size() - decimalPos - 1);
    if (padLeft > 0)
        s = U32(static_cast<size_t>(padLeft), p.zero) + s;
    if (padRight > 0)
        s += U32(static_cast<size_t>(padRight), p.zero);
    decimalPos = s.find(p.decimal);
    if (pic.regularGrouping > 0) {
        const long groups = (static_cast<long>(decimalPos) - 1) / pic.regularGrouping;
        for (long g = 1; g <= groups; ++g) {
            const size_t at = decimalPos - static_cast<size_t>(g * pic.regularGrouping);
            s.insert(at, 1, p.grouping);
        }
    } else {
        for (int pos : pic.integerGrouping) {
            if (static_cast<size_t>(pos) <= decimalPos)
                s.insert(decimalPos - static_cast<size_t>(pos), 1, p.grouping);
            ++decimalPos;
        }
    }
    decimalPos = s.find(p.decimal);
    for (int pos : pic.fractionalGrouping) {
        const size_t at = static_cast<size_t>(pos) + decimalPos + 1;
        if (at <= s.size())
            s.insert(at, 1, p.grouping);
    }
    decimalPos = s.find(p.decimal);
    if (pic.picture.find(p.decimal) == U32::npos || decimalPos == s.size() - 1)
        s.pop_back();
    if (exponent) {
        U32 e = makeString(*exponent, 0, p);
        const long pad = pic.minimumExponentSize - static_cast<long>(e.size());
        if (pad > 0)
            e = U32(static_cast<size_t>(pad), p.zero) + e;
        s += p.exponent;
        if (*exponent < 0)
            s += p.minus;
        s += e;
    }
    out = Value(fromU32(pic.prefix + s + pic.suffix));
    return true;
}

} // namespace

void addFormatNumber(std::vector<Builtin> &table)
{
    table.push_back({"formatNumber", "<n-so?:s>", fnFormatNumber, 3, nullptr, nullptr});
}

} // namespace Stepwise::Sim::Jsonata::Builtins
