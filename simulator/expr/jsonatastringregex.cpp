// The functions that take a string or a matcher (a regex or a function with the regex
// result shape): $contains, $split, $match, $replace. Offsets are UTF-16, as in JavaScript.
#include "simulator/expr/jsonatafunctions.h"

#include <cmath>

namespace Stepwise::Sim::Jsonata::Builtins {

namespace {

const Value &arg(const std::vector<Value> &args, size_t i)
{
    static const Value undefined;
    return i < args.size() ? args[i] : undefined;
}

bool jsTruthy(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Undefined:
    case Value::Type::Null:
        return false;
    case Value::Type::Boolean:
        return v.boolean();
    case Value::Type::Number:
        return v.number() != 0 && !std::isnan(v.number());
    case Value::Type::String:
        return !v.string().empty();
    default:
        return true;
    }
}

// Calls a matcher; the result must look like a regex match (T1010 otherwise).
bool evaluateMatcher(Evaluator &ev, const Value &matcher, std::vector<Value> args, Value &out)
{
    if (!ev.apply(matcher, std::move(args), Value(), out))
        return false;
    if (jsTruthy(out)) {
        const bool shaped = out.get("start").isNumber() || out.get("groups").isArray()
                            || out.get("next").isFunction();
        if (!shaped) {
            Error e{"T1010"};
            return ev.fail(e);
        }
    }
    return true;
}

bool nextMatch(Evaluator &ev, const Value &match, Value &out)
{
    return evaluateMatcher(ev, match.get("next"), {}, out);
}

int intOf(const Value &v)
{
    return v.isNumber() && std::isfinite(v.number()) ? static_cast<int>(v.number()) : 0;
}

bool fnContains(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &str = arg(args, 0);
    if (str.isUndefined()) {
        out = Value();
        return true;
    }
    const Value &token = arg(args, 1);
    if (token.isString()) {
        out = Value(str.string().find(token.string()) != std::string::npos);
        return true;
    }
    Value matches;
    if (!evaluateMatcher(ev, token, {str}, matches))
        return false;
    out = Value(matches.isDefined());
    return true;
}

bool fnSplit(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &str = arg(args, 0);
    if (str.isUndefined()) {
        out = Value();
        return true;
    }
    const Value &limitV = arg(args, 2);
    if (limitV.isNumber() && limitV.number() < 0)
        return ev.fail("D3020", limitV);
    const bool limited = limitV.isNumber();
    const double limit = limited ? limitV.number() : 0;
    std::vector<Value> result;
    if (!limited || limit > 0) {
        const Value &separator = arg(args, 1);
        if (separator.isString()) {
            const std::string &s = str.string();
            const std::string &sep = separator.string();
            std::vector<std::string> parts;
            if (sep.empty()) {
                // JavaScript splits into UTF-16 code units; code points are close enough.
                for (auto &p : codePoints(s))
                    parts.push_back(p);
            } else {
                size_t pos = 0;
                for (;;) {
                    const size_t at = s.find(sep, pos);
                    if (at == std::string::npos) {
                        parts.push_back(s.substr(pos));
                        break;
                    }
                    parts.push_back(s.substr(pos, at - pos));
                    pos = at + sep.size();
                }
            }
            for (auto &p : parts) {
                if (limited && static_cast<double>(result.size()) >= std::floor(limit))
                    break;
                result.emplace_back(std::move(p));
            }
        } else {
            const QString q = qs(str.string());
            Value matches;
            if (!evaluateMatcher(ev, separator, {str}, matches))
                return false;
            if (matches.isDefined()) {
                int start = 0;
                int count = 0;
                while (matches.isDefined() && (!limited || count < limit)) {
                    const int mstart = intOf(matches.get("start"));
                    result.emplace_back(ss(q.mid(start, std::max(0, mstart - start))));
                    start = intOf(matches.get("end"));
                    Value next;
                    if (!nextMatch(ev, matches, next))
                        return false;
                    matches = next;
                    ++count;
                }
                if (!limited || count < limit)
                    result.emplace_back(ss(q.mid(start)));
            } else {
                result.push_back(str);
            }
        }
    }
    out = arrayFrom(std::move(result));
    return true;
}

bool fnMatch(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &str = arg(args, 0);
    if (str.isUndefined()) {
        out = Value();
        return true;
    }
    const Value &limitV = arg(args, 2);
    if (limitV.isNumber() && limitV.number() < 0)
        return ev.fail("D3040", limitV);
    const bool limited = limitV.isNumber();
    std::vector<Value> result;
    if (!limited || limitV.number() > 0) {
        Value matches;
        if (!evaluateMatcher(ev, arg(args, 1), {str}, matches))
            return false;
        int count = 0;
        while (matches.isDefined() && (!limited || count < limitV.number())) {
            auto item = makeObject();
            item->entries.emplace_back("match", matches.get("match"));
            item->entries.emplace_back("index", matches.get("start"));
            item->entries.emplace_back("groups", matches.get("groups"));
            result.emplace_back(item);
            Value next;
            if (!nextMatch(ev, matches, next))
                return false;
            matches = next;
            ++count;
        }
    }
    out = sequenceFrom(std::move(result));
    return true;
}

// "$1", "$$", "$0" in a replacement string, as jsonata reads them.
std::string substitute(const std::string &replacement, const Value &match)
{
    const Value groups = match.get("groups");
    const size_t groupCount = groups.size();
    std::string out;
    size_t position = 0;
    size_t index = replacement.find('$', position);
    while (index != std::string::npos && position < replacement.size()) {
        out += replacement.substr(position, index - position);
        position = index + 1;
        const char dollar = position < replacement.size() ? replacement[position] : '\0';
        if (dollar == '$') {
            out += '$';
            ++position;
        } else if (dollar == '0') {
            out += match.get("match").isString() ? match.get("match").string() : std::string();
            ++position;
        } else {
            const size_t maxDigits
                = groupCount == 0 ? 1 : static_cast<size_t>(std::floor(std::log10(groupCount))) + 1;
            auto parse = [&](size_t digits) -> long {
                const std::string part = replacement.substr(position, digits);
                size_t k = 0;
                while (k < part.size() && std::isdigit(static_cast<unsigned char>(part[k])))
                    ++k;
                return k == 0 ? -1 : std::stol(part.substr(0, k));
            };
            long group = parse(maxDigits);
            if (maxDigits > 1 && group > static_cast<long>(groupCount))
                group = parse(maxDigits - 1);
            if (group >= 0) {
                if (groupCount > 0 && group >= 1 && static_cast<size_t>(group) <= groupCount) {
                    const Value g = groups.at(static_cast<size_t>(group - 1));
                    if (g.isString())
                        out += g.string();
                }
                position += std::to_string(group).size();
            } else {
                out += '$';
            }
        }
        index = replacement.find('$', position);
    }
    if (position < replacement.size())
        out += replacement.substr(position);
    return out;
}

bool fnReplace(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &str = arg(args, 0);
    if (str.isUndefined()) {
        out = Value();
        return true;
    }
    const Value &pattern = arg(args, 1);
    const Value &replacement = arg(args, 2);
    const Value &limitV = arg(args, 3);
    if (pattern.isString() && pattern.string().empty())
        return ev.fail("D3010", pattern);
    if (limitV.isNumber() && limitV.number() < 0)
        return ev.fail("D3011", limitV);
    const bool limited = limitV.isNumber();
    if (limited && limitV.number() <= 0) {
        out = str;
        return true;
    }
    int count = 0;
    if (pattern.isString()) {
        const std::string &s = str.string();
        const std::string &p = pattern.string();
        const std::string rep = replacement.isString() ? replacement.string() : std::string();
        std::string result;
        size_t position = 0;
        size_t index = s.find(p, position);
        while (index != std::string::npos && (!limited || count < limitV.number())) {
            result += s.substr(position, index - position);
            result += rep;
            position = index + p.size();
            ++count;
            index = s.find(p, position);
        }
        result += s.substr(position);
        out = Value(std::move(result));
        return true;
    }
    const QString q = qs(str.string());
    Value matches;
    if (!evaluateMatcher(ev, pattern, {str}, matches))
        return false;
    if (matches.isUndefined()) {
        out = str;
        return true;
    }
    QString result;
    int position = 0;
    while (matches.isDefined() && (!limited || count < limitV.number())) {
        const int start = intOf(matches.get("start"));
        result += q.mid(position, std::max(0, start - position));
        Value replaced;
        if (replacement.isString()) {
            replaced = Value(substitute(replacement.string(), matches));
        } else if (!ev.apply(replacement, {matches}, Value(), replaced)) {
            return false;
        }
        if (!replaced.isString())
            return ev.fail("D3012", replaced);
        result += qs(replaced.string());
        const Value m = matches.get("match");
        position = start + (m.isString() ? static_cast<int>(qs(m.string()).size()) : 0);
        ++count;
        Value next;
        if (!nextMatch(ev, matches, next))
            return false;
        matches = next;
    }
    result += q.mid(position);
    out = Value(ss(result));
    return true;
}

} // namespace

void addRegexFunctions(std::vector<Builtin> &table)
{
    table.push_back({"contains", "<s-(sf):b>", fnContains, 2, nullptr, nullptr});
    table.push_back({"split", "<s-(sf)n?:a<s>>", fnSplit, 3, nullptr, nullptr});
    table.push_back({"match", "<s-f<s:o>n?:a<o>>", fnMatch, 3, nullptr, nullptr});
    table.push_back({"replace", "<s-(sf)(sf)n?:s>", fnReplace, 4, nullptr, nullptr});
}

} // namespace Stepwise::Sim::Jsonata::Builtins
