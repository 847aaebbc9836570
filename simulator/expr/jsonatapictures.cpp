// Date/time picture strings ([Y0001]-[M01]-[D01]...) for $fromMillis, $toMillis and $now,
// and the integer picture functions $formatInteger and $parseInteger.
#include "simulator/expr/jsonatadatetime.h"
#include "simulator/expr/jsonatafunctions.h"
#include "simulator/expr/jsonataintegerpicture.h"

#include <QRegularExpression>

#include <cmath>
#include <limits>
#include <map>

namespace Stepwise::Sim::Jsonata {

namespace {

const char *dayNames[]
    = {"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
const char *monthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                            "July",    "August",   "September", "October", "November", "December"};
constexpr double millisInADay = 86400000.0;

struct Marker
{
    bool literal = false;
    std::string value; // literal text
    char component = 0;
    std::string presentation1, presentation2;
    bool hasPresentation2 = false;
    int names = 0; // 0 none, 1 lower, 2 upper, 3 title
    std::optional<int> widthMin, widthMax;
    bool hasWidth = false;
    IntegerPicture integer;
    bool hasInteger = false;
    int n = -1;
};

bool analysePicture(const std::string &picture, std::vector<Marker> &spec, Error &error)
{
    auto addLiteral = [&](size_t start, size_t end) {
        if (end > start) {
            std::string literal = picture.substr(start, end - start);
            size_t at;
            while ((at = literal.find("]]")) != std::string::npos)
                literal.replace(at, 2, "]");
            Marker m;
            m.literal = true;
            m.value = literal;
            spec.push_back(m);
        }
    };
    size_t start = 0, pos = 0;
    static const std::map<char, std::string> defaults
        = {{'Y', "1"},     {'M', "1"},     {'D', "1"},  {'d', "1"},  {'F', "n"},
           {'W', "1"},     {'w', "1"},     {'X', "1"},  {'x', "1"},  {'H', "1"},
           {'h', "1"},     {'P', "n"},     {'m', "01"}, {'s', "01"}, {'f', "1"},
           {'Z', "01:01"}, {'z', "01:01"}, {'C', "n"},  {'E', "n"}};
    while (pos < picture.size()) {
        if (picture[pos] == '[') {
            if (pos + 1 < picture.size() && picture[pos + 1] == '[') {
                addLiteral(start, pos);
                Marker m;
                m.literal = true;
                m.value = "[";
                spec.push_back(m);
                pos += 2;
                start = pos;
                continue;
            }
            addLiteral(start, pos);
            start = pos;
            pos = picture.find(']', start);
            if (pos == std::string::npos) {
                error = Error{"D3135"};
                return false;
            }
            std::string marker;
            for (char c : picture.substr(start + 1, pos - start - 1)) {
                if (!std::isspace(static_cast<unsigned char>(c)))
                    marker += c;
            }
            Marker def;
            def.component = marker.empty() ? '\0' : marker[0];
            const size_t comma = marker.rfind(',');
            std::string presMod;
            if (comma != std::string::npos) {
                const std::string widthMod = marker.substr(comma + 1);
                const size_t dash = widthMod.find('-');
                auto parseWidth = [](const std::string &w) -> std::optional<int> {
                    if (w.empty() || w == "*" || !std::isdigit(static_cast<unsigned char>(w[0])))
                        return std::nullopt;
                    return std::atoi(w.c_str());
                };
                def.hasWidth = true;
                if (dash == std::string::npos) {
                    def.widthMin = parseWidth(widthMod);
                } else {
                    def.widthMin = parseWidth(widthMod.substr(0, dash));
                    def.widthMax = parseWidth(widthMod.substr(dash + 1));
                }
                presMod = marker.size() > 1 ? marker.substr(1, comma - 1) : "";
            } else {
                presMod = marker.size() > 1 ? marker.substr(1) : "";
            }
            if (presMod.size() == 1) {
                def.presentation1 = presMod;
            } else if (presMod.size() > 1) {
                const char last = presMod.back();
                if (std::string("atco").find(last) != std::string::npos) {
                    def.presentation2 = std::string(1, last);
                    def.hasPresentation2 = true;
                    def.presentation1 = presMod.substr(0, presMod.size() - 1);
                } else {
                    def.presentation1 = presMod;
                }
            } else {
                const auto d = defaults.find(def.component);
                if (d == defaults.end()) {
                    error = Error{"D3132"};
                    error.value = "\"" + std::string(1, def.component) + "\"";
                    return false;
                }
                def.presentation1 = d->second;
            }
            if (def.presentation1[0] == 'n') {
                def.names = 1;
            } else if (def.presentation1[0] == 'N') {
                def.names = def.presentation1.size() > 1 && def.presentation1[1] == 'n' ? 3 : 2;
            } else if (std::string("YMDdFWwXxHhmsf").find(def.component) != std::string::npos) {
                std::string pattern = def.presentation1;
                if (def.hasPresentation2)
                    pattern += ";" + def.presentation2;
                if (!IntegerPicture::analyse(pattern, def.integer, error))
                    return false;
                def.hasInteger = true;
                if (def.widthMin && def.integer.mandatoryDigits < *def.widthMin)
                    def.integer.mandatoryDigits = *def.widthMin;
                if (std::string("YMD").find(def.component) != std::string::npos) {
                    def.n = -1;
                    if (def.widthMax) {
                        def.n = *def.widthMax;
                        def.integer.mandatoryDigits = def.n;
                    } else {
                        const int w = def.integer.mandatoryDigits + def.integer.optionalDigits;
                        if (w >= 2)
                            def.n = w;
                    }
                    def.integer.n = def.n;
                }
            }
            if (def.component == 'Z' || def.component == 'z') {
                if (!IntegerPicture::analyse(def.presentation1, def.integer, error))
                    return false;
                def.hasInteger = true;
            }
            spec.push_back(def);
            start = pos + 1;
        }
        ++pos;
    }
    addLiteral(start, pos);
    return true;
}

double utc(std::int64_t year, int month0, int day = 1)
{
    std::int64_t y = year + month0 / 12;
    int m = month0 % 12;
    if (m < 0) {
        m += 12;
        --y;
    }
    return static_cast<double>(daysFromCivil(y, static_cast<unsigned>(m + 1), 1)) * millisInADay
           + (day - 1) * millisInADay;
}

double startOfFirstWeek(std::int64_t year, int month0)
{
    const double jan1 = utc(year, month0);
    int day = civilFromMillis(jan1).weekday;
    if (day == 0)
        day = 7;
    return day > 4 ? jan1 + (8 - day) * millisInADay : jan1 - (day - 1) * millisInADay;
}

// A component of a date/time (jsonata's getDateTimeFragment); strings for P, C and E.
Value fragment(double millis, char component)
{
    const CivilTime t = civilFromMillis(millis);
    const double today = utc(t.year, t.month - 1, t.day);
    auto deltaWeeks
        = [](double start, double end) { return (end - start) / (millisInADay * 7) + 1; };
    switch (component) {
    case 'Y':
        return Value(static_cast<double>(t.year));
    case 'M':
        return Value(t.month);
    case 'D':
        return Value(t.day);
    case 'd':
        return Value((today - utc(t.year, 0)) / millisInADay + 1);
    case 'F':
        return Value(t.weekday == 0 ? 7 : t.weekday);
    case 'W': {
        const double start1 = startOfFirstWeek(t.year, 0);
        double week = deltaWeeks(start1, today);
        if (week > 52) {
            if (today >= startOfFirstWeek(t.year + 1, 0))
                week = 1;
        } else if (week < 1) {
            week = deltaWeeks(startOfFirstWeek(t.year - 1, 0), today);
        }
        return Value(std::floor(week));
    }
    case 'w': {
        const double start1 = startOfFirstWeek(t.year, t.month - 1);
        double week = deltaWeeks(start1, today);
        if (week > 4) {
            if (today >= startOfFirstWeek(t.year, t.month))
                week = 1;
        } else if (week < 1) {
            week = deltaWeeks(startOfFirstWeek(t.year, t.month - 2), today);
        }
        return Value(std::floor(week));
    }
    case 'X': {
        if (millis < startOfFirstWeek(t.year, 0))
            return Value(static_cast<double>(t.year - 1));
        if (millis >= startOfFirstWeek(t.year + 1, 0))
            return Value(static_cast<double>(t.year + 1));
        return Value(static_cast<double>(t.year));
    }
    case 'x': {
        const int m0 = t.month - 1;
        if (millis < startOfFirstWeek(t.year, m0))
            return Value(((m0 + 11) % 12) + 1);
        if (millis >= startOfFirstWeek(t.year, m0 + 1))
            return Value(((m0 + 1) % 12) + 1);
        return Value(m0 + 1);
    }
    case 'H':
        return Value(t.hour);
    case 'h':
        return Value(t.hour % 12 == 0 ? 12 : t.hour % 12);
    case 'P':
        return Value(t.hour >= 12 ? "pm" : "am");
    case 'm':
        return Value(t.minute);
    case 's':
        return Value(t.second);
    case 'f':
        return Value(t.millisecond);
    case 'C':
    case 'E':
        return Value("ISO");
    default:
        return Value();
    }
}

std::string caseOf(std::string s, int names)
{
    for (auto &c : s) {
        if (names == 2)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        else if (names == 1)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return s;
}

} // namespace

bool formatDateTime(Evaluator &ev, double millis, const std::optional<std::string> &picture,
                    const std::optional<std::string> &timezone, std::string &out)
{
    int offsetHours = 0, offsetMinutes = 0;
    if (timezone) {
        const int offset = std::atoi(timezone->c_str());
        offsetHours = static_cast<int>(std::floor(offset / 100.0));
        offsetMinutes = offset % 100;
    }
    std::vector<Marker> spec;
    Error error;
    if (!analysePicture(picture.value_or("[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"),
                        spec, error))
        return ev.fail(error);
    const double shifted = millis + (60.0 * offsetHours + offsetMinutes) * 60000.0;
    std::string result;
    for (const Marker &m : spec) {
        if (m.literal) {
            result += m.value;
            continue;
        }
        Value v = fragment(shifted, m.component);
        std::string text;
        if (std::string("YMDdFWwXxHhms").find(m.component) != std::string::npos) {
            double n = v.number();
            if (m.component == 'Y' && m.n != -1)
                n = std::fmod(n, std::pow(10, m.n));
            if (m.names) {
                if (m.component == 'M' || m.component == 'x') {
                    text = monthNames[static_cast<int>(n) - 1];
                } else if (m.component == 'F') {
                    text = dayNames[static_cast<int>(n)];
                } else {
                    Error e{"D3133"};
                    e.value = "\"" + std::string(1, m.component) + "\"";
                    return ev.fail(e);
                }
                text = caseOf(text, m.names);
                if (m.widthMax && static_cast<int>(text.size()) > *m.widthMax)
                    text = text.substr(0, static_cast<size_t>(*m.widthMax));
            } else if (!m.integer.format(static_cast<long long>(n), text, error)) {
                return ev.fail(error);
            }
        } else if (m.component == 'f') {
            if (!m.integer.format(static_cast<long long>(v.number()), text, error))
                return ev.fail(error);
        } else if (m.component == 'Z' || m.component == 'z') {
            const int offset = offsetHours * 100 + offsetMinutes;
            if (m.integer.regular) {
                if (!m.integer.format(offset, text, error))
                    return ev.fail(error);
            } else {
                const int digits = m.integer.mandatoryDigits;
                if (digits == 1 || digits == 2) {
                    if (!m.integer.format(offsetHours, text, error))
                        return ev.fail(error);
                    if (offsetMinutes != 0) {
                        char buf[8];
                        std::snprintf(buf, sizeof buf, ":%02d", std::abs(offsetMinutes));
                        text += buf;
                    }
                } else if (digits == 3 || digits == 4) {
                    if (!m.integer.format(offset, text, error))
                        return ev.fail(error);
                } else {
                    Error e{"D3134"};
                    e.value = std::to_string(digits);
                    return ev.fail(e);
                }
            }
            if (offset >= 0)
                text = "+" + text;
            if (m.component == 'z')
                text = "GMT" + text;
            if (offset == 0 && m.presentation2 == "t")
                text = "Z";
        } else if (m.component == 'P') {
            text = v.string();
            if (m.names == 2)
                text = caseOf(text, 2);
        } else if (v.isString()) {
            text = v.string();
        } else if (v.isNumber()) {
            text = formatNumber(v.number());
        }
        result += text;
    }
    out = result;
    return true;
}

bool parseDateTime(Evaluator &ev, const std::string &text, const std::string &picture,
                   std::optional<double> &out)
{
    std::vector<Marker> spec;
    Error error;
    if (!analysePicture(picture, spec, error))
        return ev.fail(error);
    struct Part
    {
        std::string regex;
        char component = 0;
        std::function<std::optional<double>(const std::string &)> parse;
    };
    std::vector<Part> parts;
    for (const Marker &m : spec) {
        Part p;
        p.component = m.component;
        if (m.literal) {
            p.regex = QRegularExpression::escape(QString::fromStdString(m.value)).toStdString();
        } else if (m.component == 'Z' || m.component == 'z') {
            std::string separator;
            if (m.integer.regular && !m.integer.separators.empty())
                separator = toUtf8(m.integer.separators[0].character);
            p.regex = std::string(m.component == 'z' ? "GMT" : "") + "[-+][0-9]+";
            if (!separator.empty())
                p.regex
                    += QRegularExpression::escape(QString::fromStdString(separator)).toStdString()
                       + "[0-9]+";
            const bool gmt = m.component == 'z';
            p.parse = [separator, gmt](const std::string &raw) -> std::optional<double> {
                std::string value = gmt ? raw.substr(3) : raw;
                int hours = 0, minutes = 0;
                if (!separator.empty()) {
                    const size_t at = value.find(separator);
                    hours = std::atoi(value.substr(0, at).c_str());
                    minutes = std::atoi(value.substr(at + separator.size()).c_str());
                } else if (value.size() - 1 <= 2) {
                    hours = std::atoi(value.c_str());
                } else {
                    hours = std::atoi(value.substr(0, 3).c_str());
                    minutes = std::atoi(value.substr(3).c_str());
                }
                return hours * 60.0 + minutes;
            };
        } else if (m.hasInteger) {
            if (m.integer.primary == IntegerPicture::Primary::Sequence) {
                Error e{"D3130"};
                e.value = "\"" + m.integer.token + "\"";
                return ev.fail(e);
            }
            p.regex = m.integer.regex();
            const IntegerPicture integer = m.integer;
            p.parse = [integer](const std::string &raw) { return integer.parse(raw); };
        } else {
            p.regex = "[a-zA-Z]+";
            std::map<std::string, double> lookup;
            if (m.component == 'M' || m.component == 'x') {
                for (int i = 0; i < 12; ++i) {
                    std::string name = monthNames[i];
                    if (m.widthMax)
                        name = name.substr(0, static_cast<size_t>(*m.widthMax));
                    lookup[name] = i + 1;
                }
            } else if (m.component == 'F') {
                for (int i = 1; i < 8; ++i) {
                    std::string name = dayNames[i];
                    if (m.widthMax)
                        name = name.substr(0, static_cast<size_t>(*m.widthMax));
                    lookup[name] = i;
                }
            } else if (m.component == 'P') {
                lookup = {{"am", 0}, {"AM", 0}, {"pm", 1}, {"PM", 1}};
            } else {
                Error e{"D3133"};
                e.value = "\"" + std::string(1, m.component) + "\"";
                return ev.fail(e);
            }
            p.parse = [lookup](const std::string &raw) -> std::optional<double> {
                const auto it = lookup.find(raw);
                if (it == lookup.end())
                    return std::nullopt;
                return it->second;
            };
        }
        parts.push_back(std::move(p));
    }
    std::string full = "^";
    for (const auto &p : parts)
        full += "(" + p.regex + ")";
    full += "$";
    const QRegularExpression matcher(QString::fromStdString(full),
                                     QRegularExpression::CaseInsensitiveOption);
    const auto match = matcher.match(QString::fromStdString(text));
    out.reset();
    if (!match.hasMatch())
        return true;
    std::map<char, std::optional<double>> components;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].parse)
            components[parts[i].component]
                = parts[i].parse(match.captured(static_cast<int>(i) + 1).toStdString());
    }
    if (components.empty())
        return true;
    auto has = [&](char c) {
        const auto it = components.find(c);
        return it != components.end() && it->second.has_value() && *it->second != 0;
    };
    int mask = 0;
    auto shift = [&](bool bit) { mask = (mask << 1) + (bit ? 1 : 0); };
    auto isType = [&](int type) { return !(~type & mask) && (type & mask); };
    for (char c : std::string("YXMxWwdD"))
        shift(has(c));
    const bool dateA = isType(161);
    const bool dateB = !dateA && isType(130);
    const bool dateC = isType(84);
    const bool dateD = !dateC && isType(72);
    mask = 0;
    for (char c : std::string("PHhmsf"))
        shift(has(c));
    const bool timeA = isType(23);
    const bool timeB = !timeA && isType(47);
    const std::string comps = std::string(dateB   ? "YD"
                                          : dateC ? "XxwF"
                                          : dateD ? "XWF"
                                                  : "YMD")
                              + (timeB ? "Phmsf" : "Hmsf");
    const double now = static_cast<double>(ev.nowMillis());
    bool startSpecified = false, endSpecified = false;
    std::map<char, double> value;
    for (char part : comps) {
        const auto it = components.find(part);
        if (it == components.end() || !it->second) {
            if (startSpecified) {
                value[part] = std::string("MDd").find(part) != std::string::npos ? 1 : 0;
                endSpecified = true;
            } else {
                const Value f = fragment(now, part);
                value[part] = f.isNumber() ? f.number() : 0;
            }
        } else {
            startSpecified = true;
            if (endSpecified)
                return ev.fail("D3136");
            value[part] = *it->second;
        }
    }
    for (const auto &[k, v] : components) {
        if (v && !value.count(k))
            value[k] = *v;
    }
    double month0 = value['M'] > 0 ? value['M'] - 1 : 0;
    double day = value['D'];
    if (dateB) {
        const double firstJan = utc(static_cast<std::int64_t>(value['Y']), 0);
        const CivilTime derived = civilFromMillis(firstJan + (value['d'] - 1) * millisInADay);
        month0 = derived.month - 1;
        day = derived.day;
    }
    if (dateC || dateD)
        return ev.fail("D3136");
    double hours = value['H'];
    if (timeB) {
        hours = value['h'] == 12 ? 0 : value['h'];
        if (value['P'] == 1)
            hours += 12;
    }
    double millis = utc(static_cast<std::int64_t>(value['Y']), static_cast<int>(month0))
                    + (day - 1) * millisInADay + hours * 3600000.0 + value['m'] * 60000.0
                    + value['s'] * 1000.0 + value['f'];
    const double zone = value.count('Z') ? value['Z'] : value.count('z') ? value['z'] : 0;
    millis -= zone * 60000.0;
    out = millis;
    return true;
}

namespace Builtins {

namespace {

bool fnFormatInteger(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    if (args.empty() || args[0].isUndefined()) {
        out = Value();
        return true;
    }
    IntegerPicture picture;
    Error error;
    if (!IntegerPicture::analyse(args[1].string(), picture, error))
        return ev.fail(error);
    std::string text;
    // Integers beyond 64 bits are outside what the pictures format here: clamp rather than
    // convert out of range, which is undefined behaviour.
    const double whole = std::floor(args[0].number());
    const long long value = !(whole > -9.2e18) ? std::numeric_limits<long long>::min()
                            : whole >= 9.2e18  ? std::numeric_limits<long long>::max()
                                               : static_cast<long long>(whole);
    if (!picture.format(value, text, error))
        return ev.fail(error);
    out = Value(std::move(text));
    return true;
}

bool fnParseInteger(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    if (args.empty() || args[0].isUndefined()) {
        out = Value();
        return true;
    }
    IntegerPicture picture;
    Error error;
    if (!IntegerPicture::analyse(args[1].string(), picture, error))
        return ev.fail(error);
    if (picture.primary == IntegerPicture::Primary::Sequence) {
        Error e{"D3130"};
        e.value = "\"" + picture.token + "\"";
        return ev.fail(e);
    }
    const auto value = picture.parse(args[0].string());
    out = value ? Value(*value) : Value();
    return true;
}

} // namespace

void addIntegerPictures(std::vector<Builtin> &table)
{
    table.push_back({"formatInteger", "<n-s:s>", fnFormatInteger, 2, nullptr, nullptr});
    table.push_back({"parseInteger", "<s-s:n>", fnParseInteger, 2, nullptr, nullptr});
}

} // namespace Builtins

} // namespace Stepwise::Sim::Jsonata
