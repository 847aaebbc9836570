// Array and object functions: $append, $reverse, $distinct, $shuffle, $zip, $keys,
// $lookup, $spread, $merge, $exists, $type, $error, $assert, $clone.
#include "simulator/expr/jsonatafunctions.h"

#include <random>

namespace Stepwise::Sim::Jsonata::Builtins {

namespace {

const Value &arg(const std::vector<Value> &args, size_t i)
{
    static const Value undefined;
    return i < args.size() ? args[i] : undefined;
}

bool fnAppend(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    out = appendValues(arg(args, 0), arg(args, 1));
    return true;
}

bool fnReverse(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &a = arg(args, 0);
    if (a.isUndefined() || a.size() <= 1) {
        out = a;
        return true;
    }
    auto items = itemsOf(a);
    std::reverse(items.begin(), items.end());
    out = arrayFrom(std::move(items));
    return true;
}

bool fnDistinct(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &a = arg(args, 0);
    if (!a.isArray() || a.size() <= 1) {
        out = a;
        return true;
    }
    std::vector<Value> result;
    const size_t n = a.size();
    for (size_t i = 0; i < n; ++i) {
        Value item = a.at(i);
        bool seen = false;
        for (const auto &r : result) {
            if (deepEqual(r, item)) {
                seen = true;
                break;
            }
        }
        if (!seen)
            result.push_back(std::move(item));
    }
    out = a.isSequence() ? sequenceFrom(std::move(result)) : arrayFrom(std::move(result));
    return true;
}

bool fnShuffle(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &a = arg(args, 0);
    if (a.isUndefined() || a.size() <= 1) {
        out = a;
        return true;
    }
    auto items = itemsOf(a);
    auto &rng = ev.random();
    for (size_t i = items.size() - 1; i > 0; --i) {
        std::uniform_int_distribution<size_t> pick(0, i);
        std::swap(items[i], items[pick(rng)]);
    }
    out = arrayFrom(std::move(items));
    return true;
}

bool fnZip(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    size_t length = args.empty() ? 0 : SIZE_MAX;
    for (const auto &a : args)
        length = std::min(length, a.isUndefined() ? 0 : a.size());
    std::vector<Value> result;
    for (size_t i = 0; i < length; ++i) {
        std::vector<Value> tuple;
        for (const auto &a : args)
            tuple.push_back(a.at(i));
        result.push_back(arrayFrom(std::move(tuple)));
    }
    out = arrayFrom(std::move(result));
    return true;
}

void collectKeys(const Value &v, std::vector<std::string> &keys)
{
    if (v.isArray()) {
        const size_t n = v.size();
        for (size_t i = 0; i < n; ++i)
            collectKeys(v.at(i), keys);
    } else if (v.isObject()) {
        v.forEachEntry([&](const std::string &k, const Value &) {
            if (std::find(keys.begin(), keys.end(), k) == keys.end())
                keys.push_back(k);
        });
    }
}

bool fnKeys(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    std::vector<std::string> keys;
    collectKeys(arg(args, 0), keys);
    std::vector<Value> items(keys.begin(), keys.end());
    out = sequenceFrom(std::move(items));
    return true;
}

Value lookupValue(const Value &input, const std::string &key)
{
    if (input.isArray()) {
        std::vector<Value> result;
        const size_t n = input.size();
        for (size_t i = 0; i < n; ++i) {
            Value res = lookupValue(input.at(i), key);
            if (res.isArray()) {
                const size_t m = res.size();
                for (size_t j = 0; j < m; ++j)
                    result.push_back(res.at(j));
            } else if (res.isDefined()) {
                result.push_back(std::move(res));
            }
        }
        return sequenceFrom(std::move(result));
    }
    if (input.isObject())
        return input.get(key);
    return Value();
}

bool fnLookup(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    out = lookupValue(arg(args, 0), arg(args, 1).isString() ? arg(args, 1).string() : "");
    return true;
}

bool fnExists(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    out = Value(arg(args, 0).isDefined());
    return true;
}

Value spread(const Value &v)
{
    if (v.isArray()) {
        Value result = sequenceFrom({});
        const size_t n = v.size();
        for (size_t i = 0; i < n; ++i)
            result = appendValues(result, spread(v.at(i)));
        return result;
    }
    if (v.isObject()) {
        std::vector<Value> result;
        v.forEachEntry([&](const std::string &k, const Value &item) {
            auto o = makeObject();
            o->entries.emplace_back(k, item);
            result.emplace_back(o);
        });
        return sequenceFrom(std::move(result));
    }
    return v;
}

bool fnSpread(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    out = spread(arg(args, 0));
    return true;
}

bool fnMerge(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &a = arg(args, 0);
    if (a.isUndefined()) {
        out = Value();
        return true;
    }
    auto result = makeObject();
    const size_t n = a.size();
    for (size_t i = 0; i < n; ++i)
        a.at(i).forEachEntry([&](const std::string &k, const Value &v) { result->set(k, v); });
    out = Value(result);
    return true;
}

bool fnType(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    static const char *names[]
        = {nullptr, "null", "boolean", "number", "string", "array", "object", "function"};
    const Value &v = arg(args, 0);
    const auto t = static_cast<size_t>(v.type());
    out = t == 0 ? Value() : Value(names[t]);
    return true;
}

bool fnError(Evaluator &ev, std::vector<Value> &args, const Value &, Value &)
{
    Error e{"D3137"};
    const Value &m = arg(args, 0);
    e.detail = m.isString() && !m.string().empty() ? m.string() : "$error() function evaluated";
    return ev.fail(e);
}

bool fnAssert(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    if (arg(args, 0).isBool() && arg(args, 0).boolean()) {
        out = Value();
        return true;
    }
    Error e{"D3141"};
    const Value &m = arg(args, 1);
    e.detail = m.isString() && !m.string().empty() ? m.string() : "$assert() statement failed";
    return ev.fail(e);
}

bool fnClone(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    out = deepCopy(arg(args, 0));
    return true;
}

} // namespace

void addArrayFunctions(std::vector<Builtin> &table)
{
    table.push_back({"append", "<xx:a>", fnAppend, 2, nullptr, nullptr});
    table.push_back({"reverse", "<a:a>", fnReverse, 1, nullptr, nullptr});
    table.push_back({"distinct", "<x:x>", fnDistinct, 1, nullptr, nullptr});
    table.push_back({"shuffle", "<a:a>", fnShuffle, 1, nullptr, nullptr});
    table.push_back({"zip", "<a+>", fnZip, 0, nullptr, nullptr});
    table.push_back({"exists", "<x:b>", fnExists, 1, nullptr, nullptr});
    table.push_back({"type", "<x:s>", fnType, 1, nullptr, nullptr});
    table.push_back({"error", "<s?:x>", fnError, 1, nullptr, nullptr});
    table.push_back({"assert", "<bs?:x>", fnAssert, 2, nullptr, nullptr});
}

void addObjectFunctions(std::vector<Builtin> &table)
{
    table.push_back({"keys", "<x-:a<s>>", fnKeys, 1, nullptr, nullptr});
    table.push_back({"lookup", "<x-s:x>", fnLookup, 2, nullptr, nullptr});
    table.push_back({"spread", "<x-:a<o>>", fnSpread, 1, nullptr, nullptr});
    table.push_back({"merge", "<a<o>:o>", fnMerge, 1, nullptr, nullptr});
    table.push_back({"clone", "<(oa)-:o>", fnClone, 1, nullptr, nullptr});
}

} // namespace Stepwise::Sim::Jsonata::Builtins
