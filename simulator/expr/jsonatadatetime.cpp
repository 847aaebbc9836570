// $now, $millis, $fromMillis, $toMillis: ISO 8601 timestamps and the clock. Picture strings
// are in jsonatapictures.cpp.
#include "simulator/expr/jsonatadatetime.h"
#include "simulator/expr/jsonatafunctions.h"

#include <cmath>
#include <cstdio>
#include <regex>

namespace Stepwise::Sim::Jsonata {

namespace {

const Value &arg(const std::vector<Value> &args, size_t i)
{
    static const Value undefined;
    return i < args.size() ? args[i] : undefined;
}

} // namespace

std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilTime civilFromMillis(double millis)
{
    CivilTime t;
    const std::int64_t ms = static_cast<std::int64_t>(std::floor(millis));
    std::int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
    std::int64_t rem = ms - days * 86400000;
    t.millisecond = static_cast<int>(rem % 1000);
    rem /= 1000;
    t.second = static_cast<int>(rem % 60);
    rem /= 60;
    t.minute = static_cast<int>(rem % 60);
    t.hour = static_cast<int>(rem / 60);
    t.weekday = static_cast<int>((days % 7 + 11) % 7); // 1970-01-01 was a Thursday (4); 0 Sunday
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    t.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    t.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    t.year = static_cast<std::int64_t>(yoe) + era * 400 + (t.month <= 2 ? 1 : 0);
    return t;
}

std::string isoTimestamp(double millis)
{
    const CivilTime t = civilFromMillis(millis);
    char buf[64];
    if (t.year >= 0 && t.year <= 9999) {
        std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d.%03dZ",
                      static_cast<long long>(t.year), t.month, t.day, t.hour, t.minute, t.second,
                      t.millisecond);
    } else {
        std::snprintf(buf, sizeof buf, "%c%06lld-%02d-%02dT%02d:%02d:%02d.%03dZ",
                      t.year < 0 ? '-' : '+', static_cast<long long>(std::llabs(t.year)), t.month,
                      t.day, t.hour, t.minute, t.second, t.millisecond);
    }
    return buf;
}

std::optional<double> parseIsoTimestamp(const std::string &text)
{
    static const std::regex iso(
        "^(\\d{4})(?:-(\\d{2}))?(?:-(\\d{2}))?(?:T(\\d{2}):(\\d{2})(?::(\\d{2}))?(?:\\.(\\d+))?)?"
        "(Z|[+-]\\d{2}:?\\d{2})?$");
    std::smatch m;
    if (!std::regex_match(text, m, iso))
        return std::nullopt;
    auto num = [&](int i, int fallback) { return m[i].matched ? std::stoi(m[i].str()) : fallback; };
    const int month = num(2, 1), day = num(3, 1), hour = num(4, 0), minute = num(5, 0),
              second = num(6, 0);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 59)
        return std::nullopt;
    double ms = 0;
    if (m[7].matched) {
        std::string frac = m[7].str().substr(0, 3);
        while (frac.size() < 3)
            frac += '0';
        ms = std::stoi(frac);
    }
    double total
        = static_cast<double>(daysFromCivil(std::stoll(m[1].str()), static_cast<unsigned>(month),
                                            static_cast<unsigned>(day)))
              * 86400000.0
          + hour * 3600000.0 + minute * 60000.0 + second * 1000.0 + ms;
    if (m[8].matched && m[8].str() != "Z") {
        const std::string off = m[8].str();
        const int sign = off[0] == '-' ? -1 : 1;
        const int oh = std::stoi(off.substr(1, 2));
        const int om = std::stoi(off.substr(off.size() - 2));
        total -= sign * (oh * 3600000.0 + om * 60000.0);
    }
    return total;
}

namespace Builtins {

namespace {

bool fromMillisImpl(Evaluator &ev, double millis, const Value &picture, const Value &timezone,
                    Value &out)
{
    if (picture.isUndefined() && timezone.isUndefined()) {
        out = Value(isoTimestamp(millis));
        return true;
    }
    std::string text;
    if (!formatDateTime(
            ev, millis,
            picture.isString() ? std::optional<std::string>(picture.string()) : std::nullopt,
            timezone.isString() ? std::optional<std::string>(timezone.string()) : std::nullopt,
            text))
        return false;
    out = Value(std::move(text));
    return true;
}

bool fnNow(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    return fromMillisImpl(ev, static_cast<double>(ev.nowMillis()), arg(args, 0), arg(args, 1), out);
}

bool fnMillis(Evaluator &ev, std::vector<Value> &, const Value &, Value &out)
{
    out = Value(static_cast<double>(ev.nowMillis()));
    return true;
}

bool fnFromMillis(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &millis = arg(args, 0);
    if (millis.isUndefined()) {
        out = Value();
        return true;
    }
    return fromMillisImpl(ev, millis.number(), arg(args, 1), arg(args, 2), out);
}

bool fnToMillis(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &ts = arg(args, 0);
    if (ts.isUndefined()) {
        out = Value();
        return true;
    }
    if (arg(args, 1).isUndefined()) {
        const auto ms = parseIsoTimestamp(ts.string());
        if (!ms)
            return ev.fail("D3110", ts);
        out = Value(*ms);
        return true;
    }
    std::optional<double> ms;
    if (!parseDateTime(ev, ts.string(), arg(args, 1).string(), ms))
        return false;
    out = ms ? Value(*ms) : Value();
    return true;
}

} // namespace

void addDateTimeFunctions(std::vector<Builtin> &table)
{
    table.push_back({"now", "<s?s?:s>", fnNow, 2, nullptr, nullptr});
    table.push_back({"millis", "<:n>", fnMillis, 0, nullptr, nullptr});
    table.push_back({"fromMillis", "<n-s?s?:s>", fnFromMillis, 3, nullptr, nullptr});
    table.push_back({"toMillis", "<s-s?:n>", fnToMillis, 2, nullptr, nullptr});
}

} // namespace Builtins

} // namespace Stepwise::Sim::Jsonata
