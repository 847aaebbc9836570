// Higher-order functions: $map, $filter, $single, $reduce, $sift, $each, $sort.
#include "simulator/expr/jsonatafunctions.h"

namespace Stepwise::Sim::Jsonata::Builtins {

namespace {

const Value &arg(const std::vector<Value> &args, size_t i)
{
    static const Value undefined;
    return i < args.size() ? args[i] : undefined;
}

bool fnMap(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &arr = arg(args, 0);
    const Value &fn = arg(args, 1);
    std::vector<Value> result;
    const size_t n = arr.size();
    for (size_t i = 0; i < n; ++i) {
        Value res;
        if (!ev.apply(fn, hofArgs(fn, arr.at(i), Value(static_cast<double>(i)), arr), Value(), res))
            return false;
        if (res.isDefined())
            result.push_back(std::move(res));
    }
    out = sequenceFrom(std::move(result));
    return true;
}

bool fnFilter(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &arr = arg(args, 0);
    const Value &fn = arg(args, 1);
    std::vector<Value> result;
    const size_t n = arr.size();
    for (size_t i = 0; i < n; ++i) {
        Value item = arr.at(i);
        Value res;
        if (!ev.apply(fn, hofArgs(fn, item, Value(static_cast<double>(i)), arr), Value(), res))
            return false;
        if (Evaluator::toBoolean(res).value_or(false))
            result.push_back(std::move(item));
    }
    out = sequenceFrom(std::move(result));
    return true;
}

bool fnSingle(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &arr = arg(args, 0);
    const Value &fn = arg(args, 1);
    if (arr.isUndefined()) {
        out = Value();
        return true;
    }
    bool found = false;
    Value result;
    const size_t n = arr.size();
    for (size_t i = 0; i < n; ++i) {
        Value item = arr.at(i);
        bool positive = true;
        if (fn.isDefined()) {
            Value res;
            if (!ev.apply(fn, hofArgs(fn, item, Value(static_cast<double>(i)), arr), Value(), res))
                return false;
            positive = Evaluator::toBoolean(res).value_or(false);
        }
        if (positive) {
            if (found)
                return ev.fail("D3138");
            result = item;
            found = true;
        }
    }
    if (!found)
        return ev.fail("D3139");
    out = result;
    return true;
}

bool fnReduce(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &seq = arg(args, 0);
    const Value &fn = arg(args, 1);
    const Value &init = arg(args, 2);
    if (seq.isUndefined()) {
        out = Value();
        return true;
    }
    const int arity = fn.isFunction() ? fn.function()->arity() : 0;
    if (arity < 2)
        return ev.fail("D3050");
    const size_t n = seq.size();
    Value result;
    size_t index = 0;
    if (init.isUndefined() && n > 0) {
        result = seq.at(0);
        index = 1;
    } else {
        result = init;
    }
    for (; index < n; ++index) {
        std::vector<Value> callArgs{result, seq.at(index)};
        if (arity >= 3)
            callArgs.emplace_back(static_cast<double>(index));
        if (arity >= 4)
            callArgs.push_back(seq);
        Value next;
        if (!ev.apply(fn, std::move(callArgs), Value(), next))
            return false;
        result = std::move(next);
    }
    out = result;
    return true;
}

bool fnSift(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &obj = arg(args, 0);
    const Value &fn = arg(args, 1);
    auto result = makeObject();
    bool failed = false;
    obj.forEachEntry([&](const std::string &k, const Value &v) {
        if (failed)
            return;
        Value res;
        if (!ev.apply(fn, hofArgs(fn, v, Value(k), obj), Value(), res)) {
            failed = true;
            return;
        }
        if (Evaluator::toBoolean(res).value_or(false))
            result->entries.emplace_back(k, v);
    });
    if (failed)
        return false;
    out = result->entries.empty() ? Value() : Value(result);
    return true;
}

bool fnEach(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &obj = arg(args, 0);
    const Value &fn = arg(args, 1);
    std::vector<Value> result;
    bool failed = false;
    obj.forEachEntry([&](const std::string &k, const Value &v) {
        if (failed)
            return;
        Value res;
        if (!ev.apply(fn, hofArgs(fn, v, Value(k), obj), Value(), res)) {
            failed = true;
            return;
        }
        if (res.isDefined())
            result.push_back(std::move(res));
    });
    if (failed)
        return false;
    out = sequenceFrom(std::move(result));
    return true;
}

bool fnSort(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &arr = arg(args, 0);
    const Value &fn = arg(args, 1);
    if (arr.isUndefined() || arr.size() <= 1) {
        out = arr;
        return true;
    }
    std::vector<Value> items = itemsOf(arr);
    if (fn.isUndefined()) {
        bool numbers = true, strings = true;
        for (const auto &v : items) {
            numbers = numbers && v.isNumber();
            strings = strings && v.isString();
        }
        if (!numbers && !strings)
            return ev.fail("D3070");
    }
    bool failed = false;
    // True when a must come after b.
    auto after = [&](const Value &a, const Value &b) {
        if (failed)
            return false;
        if (fn.isUndefined()) {
            if (a.isNumber())
                return a.number() > b.number();
            return a.string() > b.string();
        }
        Value res;
        if (!ev.apply(fn, {a, b}, Value(), res)) {
            failed = true;
            return false;
        }
        return Evaluator::toBoolean(res).value_or(false);
    };
    const size_t n = items.size();
    std::vector<Value> buffer(n);
    for (size_t width = 1; width < n && !failed; width *= 2) {
        for (size_t lo = 0; lo < n && !failed; lo += 2 * width) {
            const size_t mid = std::min(lo + width, n), hi = std::min(lo + 2 * width, n);
            size_t l = lo, r = mid, k = lo;
            while (l < mid && r < hi && !failed) {
                if (after(items[l], items[r]))
                    buffer[k++] = items[r++];
                else
                    buffer[k++] = items[l++];
            }
            while (l < mid)
                buffer[k++] = items[l++];
            while (r < hi)
                buffer[k++] = items[r++];
        }
        items.swap(buffer);
    }
    if (failed)
        return false;
    out = arrayFrom(std::move(items));
    return true;
}

} // namespace

void addHigherOrderFunctions(std::vector<Builtin> &table)
{
    table.push_back({"map", "<af>", fnMap, 2, nullptr, nullptr});
    table.push_back({"filter", "<af>", fnFilter, 2, nullptr, nullptr});
    table.push_back({"single", "<af?>", fnSingle, 2, nullptr, nullptr});
    table.push_back({"reduce", "<afj?:j>", fnReduce, 3, nullptr, nullptr});
    table.push_back({"sift", "<o-f?:o>", fnSift, 2, nullptr, nullptr});
    table.push_back({"each", "<o-f:a>", fnEach, 2, nullptr, nullptr});
    table.push_back({"sort", "<af?:a>", fnSort, 2, nullptr, nullptr});
}

} // namespace Stepwise::Sim::Jsonata::Builtins
