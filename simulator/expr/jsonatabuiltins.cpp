#include "simulator/expr/jsonatafunctions.h"
#include "simulator/expr/jsonatasignature.h"

#include <cmath>
#include <unordered_map>

namespace Stepwise::Sim::Jsonata {

namespace {

struct Registry
{
    std::vector<Builtin> table;
    std::unordered_map<std::string_view, const Builtin *> byName;

    Registry()
    {
        Builtins::addStringFunctions(table);
        Builtins::addRegexFunctions(table);
        Builtins::addNumericFunctions(table);
        Builtins::addArrayFunctions(table);
        Builtins::addObjectFunctions(table);
        Builtins::addHigherOrderFunctions(table);
        Builtins::addDateTimeFunctions(table);
        Builtins::addAwsFunctions(table);
        Builtins::addFormatNumber(table);
        Builtins::addIntegerPictures(table);
        for (auto &b : table) {
            auto signature = std::make_shared<Signature>();
            Error ignored;
            signature->parse(b.signatureText, ignored);
            b.signature = signature;
            auto fn = std::make_shared<Function>();
            fn->kind = Function::Kind::Native;
            fn->builtin = &b;
            b.function = fn;
        }
        for (const auto &b : table)
            byName.emplace(b.name, &b);
    }
};

} // namespace

const Builtin *findBuiltin(std::string_view name)
{
    static const Registry registry;
    const auto it = registry.byName.find(name);
    return it == registry.byName.end() ? nullptr : it->second;
}

namespace Builtins {

std::vector<std::string> codePoints(const std::string &s)
{
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (i + len > s.size())
            len = s.size() - i;
        out.push_back(s.substr(i, len));
        i += len;
    }
    return out;
}

std::vector<Value> itemsOf(const Value &v)
{
    std::vector<Value> items;
    if (v.isArray()) {
        const size_t n = v.size();
        items.reserve(n);
        for (size_t i = 0; i < n; ++i)
            items.push_back(v.at(i));
    } else if (v.isDefined()) {
        items.push_back(v);
    }
    return items;
}

Value sequenceFrom(std::vector<Value> items)
{
    auto seq = makeSequence();
    seq->items = std::move(items);
    return Value(seq);
}

Value arrayFrom(std::vector<Value> items)
{
    auto a = makeArray();
    a->items = std::move(items);
    return Value(a);
}

std::vector<Value> hofArgs(const Value &fn, const Value &a1, const Value &a2, const Value &a3)
{
    const int arity = fn.isFunction() ? fn.function()->arity() : 1;
    std::vector<Value> args{a1};
    if (arity >= 2)
        args.push_back(a2);
    if (arity >= 3)
        args.push_back(a3);
    return args;
}

namespace {

bool hasNonFinite(const Value &v, int depth = 0)
{
    if (v.isNumber())
        return !std::isfinite(v.number());
    if (depth > 200)
        return false;
    if (v.isArray()) {
        const size_t n = v.size();
        for (size_t i = 0; i < n; ++i) {
            if (hasNonFinite(v.at(i), depth + 1))
                return true;
        }
    } else if (v.isObject() && v.builtObject()) {
        for (const auto &[k, item] : v.builtObject()->entries) {
            if (hasNonFinite(item, depth + 1))
                return true;
        }
    }
    return false;
}

} // namespace

bool toStringValue(Evaluator &ev, const Value &v, bool pretty, std::string &out)
{
    if (v.isNumber() && !std::isfinite(v.number()))
        return ev.fail("D3001", v);
    // JSON.stringify meets the number inside and jsonata's replacer rejects it.
    if (!v.isNumber() && hasNonFinite(v))
        return ev.fail("D1001");
    out = stringify(v, pretty);
    return true;
}

} // namespace Builtins

} // namespace Stepwise::Sim::Jsonata
