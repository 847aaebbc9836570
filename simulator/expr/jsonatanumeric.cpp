// Numeric and aggregation functions, $boolean/$not, $formatBase.
#include "simulator/expr/jsonatafunctions.h"

#include <cmath>
#include <cstdlib>
#include <regex>

namespace Stepwise::Sim::Jsonata::Builtins {

namespace {

const Value &arg(const std::vector<Value> &args, size_t i)
{
    static const Value undefined;
    return i < args.size() ? args[i] : undefined;
}

bool numberResult(Evaluator &ev, double n, Value &out)
{
    if (!ev.checkNumber(n))
        return false;
    out = Value(n);
    return true;
}

bool fnSum(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &a = arg(args, 0);
    if (a.isUndefined()) {
        out = Value();
        return true;
    }
    double total = 0;
    const size_t n = a.size();
    for (size_t i = 0; i < n; ++i)
        total += a.at(i).number();
    return numberResult(ev, total, out);
}

bool fnCount(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &a = arg(args, 0);
    out = Value(static_cast<double>(a.isUndefined() ? 0 : a.size()));
    return true;
}

bool extreme(std::vector<Value> &args, Value &out, bool wantMax)
{
    const Value &a = arg(args, 0);
    if (a.isUndefined() || a.size() == 0) {
        out = Value();
        return true;
    }
    double best = a.at(0).number();
    const size_t n = a.size();
    for (size_t i = 1; i < n; ++i) {
        const double v = a.at(i).number();
        best = wantMax ? std::max(best, v) : std::min(best, v);
    }
    out = Value(best);
    return true;
}

bool fnMax(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    return extreme(args, out, true);
}

bool fnMin(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    return extreme(args, out, false);
}

bool fnAverage(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &a = arg(args, 0);
    if (a.isUndefined() || a.size() == 0) {
        out = Value();
        return true;
    }
    double total = 0;
    const size_t n = a.size();
    for (size_t i = 0; i < n; ++i)
        total += a.at(i).number();
    out = Value(total / static_cast<double>(n));
    return true;
}

bool fnNumber(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &v = arg(args, 0);
    switch (v.type()) {
    case Value::Type::Undefined:
        out = Value();
        return true;
    case Value::Type::Number:
        out = v;
        return true;
    case Value::Type::Boolean:
        out = Value(v.boolean() ? 1.0 : 0.0);
        return true;
    case Value::Type::String: {
        static const std::regex decimal("^-?[0-9]+(\\.[0-9]+)?([Ee][-+]?[0-9]+)?$");
        static const std::regex based("^(0[xX][0-9A-Fa-f]+)|(0[oO][0-7]+)|(0[bB][0-1]+)$");
        const std::string &s = v.string();
        if (std::regex_match(s, decimal)) {
            const double d = std::strtod(s.c_str(), nullptr);
            if (std::isfinite(d)) {
                out = Value(d);
                return true;
            }
        } else if (std::regex_search(s, based) && s.size() > 2) {
            const int base = s[1] == 'x' || s[1] == 'X' ? 16 : s[1] == 'o' || s[1] == 'O' ? 8 : 2;
            char *end = nullptr;
            const double d = static_cast<double>(std::strtoull(s.c_str() + 2, &end, base));
            if (end && *end == '\0') {
                out = Value(d);
                return true;
            }
        }
        break;
    }
    default:
        break;
    }
    return ev.fail("D3030", v);
}

bool fnFloor(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &v = arg(args, 0);
    out = v.isUndefined() ? Value() : Value(std::floor(v.number()));
    return true;
}

bool fnCeil(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &v = arg(args, 0);
    out = v.isUndefined() ? Value() : Value(std::ceil(v.number()) + 0.0);
    return true;
}

bool fnAbs(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &v = arg(args, 0);
    out = v.isUndefined() ? Value() : Value(std::fabs(v.number()));
    return true;
}

// Shifts the decimal point of x by `places` through its JavaScript text, as jsonata does to
// round without binary drift.
double shiftDecimal(double x, long places)
{
    const std::string text = formatNumber(x);
    const size_t e = text.find('e');
    std::string mantissa = text.substr(0, e);
    long exponent = e == std::string::npos ? 0 : std::stol(text.substr(e + 1));
    return std::strtod((mantissa + "e" + std::to_string(exponent + places)).c_str(), nullptr);
}

double roundHalfEven(double arg, long precision)
{
    if (precision)
        arg = shiftDecimal(arg, precision);
    double result = std::floor(arg + 0.5);
    const double diff = result - arg;
    if (std::fabs(diff) == 0.5 && std::fabs(std::fmod(result, 2)) == 1)
        result -= 1;
    if (precision)
        result = shiftDecimal(result, -precision);
    if (result == 0)
        result = 0; // no negative zero
    return result;
}

bool fnRound(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &v = arg(args, 0);
    if (v.isUndefined()) {
        out = Value();
        return true;
    }
    const Value &p = arg(args, 1);
    const long precision
        = p.isNumber() && std::isfinite(p.number()) ? static_cast<long>(p.number()) : 0;
    out = Value(roundHalfEven(v.number(), precision));
    return true;
}

bool fnSqrt(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &v = arg(args, 0);
    if (v.isUndefined()) {
        out = Value();
        return true;
    }
    if (v.number() < 0)
        return ev.fail("D3060", v);
    out = Value(std::sqrt(v.number()));
    return true;
}

bool fnPower(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &v = arg(args, 0);
    if (v.isUndefined()) {
        out = Value();
        return true;
    }
    const double r = std::pow(v.number(), arg(args, 1).number());
    if (!std::isfinite(r))
        return ev.fail("D3061", v);
    out = Value(r);
    return true;
}

bool fnBoolean(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const auto b = Evaluator::toBoolean(arg(args, 0));
    out = b ? Value(*b) : Value();
    return true;
}

bool fnNot(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const auto b = Evaluator::toBoolean(arg(args, 0));
    out = b ? Value(!*b) : Value();
    return true;
}

bool fnFormatBase(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &v = arg(args, 0);
    if (v.isUndefined()) {
        out = Value();
        return true;
    }
    const double value = roundHalfEven(v.number(), 0);
    const double radix = arg(args, 1).isNumber() ? arg(args, 1).number() : 10;
    if (radix < 2 || radix > 36)
        return ev.fail("D3100", Value(radix));
    const int base = static_cast<int>(radix);
    double mag = std::fabs(value);
    std::string digits;
    if (mag == 0)
        digits = "0";
    while (mag >= 1) {
        const int d = static_cast<int>(std::fmod(mag, base));
        digits.insert(digits.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[d]);
        mag = std::floor(mag / base);
    }
    out = Value(value < 0 ? "-" + digits : digits);
    return true;
}

} // namespace

void addNumericFunctions(std::vector<Builtin> &table)
{
    table.push_back({"sum", "<a<n>:n>", fnSum, 1, nullptr, nullptr});
    table.push_back({"count", "<a:n>", fnCount, 1, nullptr, nullptr});
    table.push_back({"max", "<a<n>:n>", fnMax, 1, nullptr, nullptr});
    table.push_back({"min", "<a<n>:n>", fnMin, 1, nullptr, nullptr});
    table.push_back({"average", "<a<n>:n>", fnAverage, 1, nullptr, nullptr});
    table.push_back({"number", "<(nsb)-:n>", fnNumber, 1, nullptr, nullptr});
    table.push_back({"floor", "<n-:n>", fnFloor, 1, nullptr, nullptr});
    table.push_back({"ceil", "<n-:n>", fnCeil, 1, nullptr, nullptr});
    table.push_back({"round", "<n-n?:n>", fnRound, 2, nullptr, nullptr});
    table.push_back({"abs", "<n-:n>", fnAbs, 1, nullptr, nullptr});
    table.push_back({"sqrt", "<n-:n>", fnSqrt, 1, nullptr, nullptr});
    table.push_back({"power", "<n-n:n>", fnPower, 2, nullptr, nullptr});
    table.push_back({"boolean", "<x-:b>", fnBoolean, 1, nullptr, nullptr});
    table.push_back({"not", "<x-:b>", fnNot, 1, nullptr, nullptr});
    table.push_back({"formatBase", "<n-n?:s>", fnFormatBase, 2, nullptr, nullptr});
}

} // namespace Stepwise::Sim::Jsonata::Builtins
