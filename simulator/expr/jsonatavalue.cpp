#include "simulator/expr/jsonatavalue.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace Stepwise::Sim::Jsonata {

Value Value::fromJson(const Json &json)
{
    switch (json.type()) {
    case Json::value_t::null:
        return Value::null();
    case Json::value_t::boolean:
        return Value(json.get<bool>());
    case Json::value_t::number_integer:
        return Value(static_cast<double>(json.get<std::int64_t>()));
    case Json::value_t::number_unsigned:
        return Value(static_cast<double>(json.get<std::uint64_t>()));
    case Json::value_t::number_float:
        return Value(json.get<double>());
    case Json::value_t::string:
        return Value(json.get<std::string>());
    case Json::value_t::array:
    case Json::value_t::object: {
        Value v;
        v.m_data = &json;
        return v;
    }
    default:
        return Value();
    }
}

Value::Type Value::type() const
{
    switch (m_data.index()) {
    case 0:
        return Type::Undefined;
    case 1:
        return Type::Null;
    case 2:
        return Type::Boolean;
    case 3:
        return Type::Number;
    case 4:
        return Type::String;
    case 5:
        return Type::Array;
    case 6:
        return Type::Object;
    case 7:
        return Type::Function;
    default:
        return std::get<8>(m_data)->is_array() ? Type::Array : Type::Object;
    }
}

bool Value::isArray() const
{
    if (m_data.index() == 5)
        return true;
    if (const auto *j = std::get_if<const Json *>(&m_data))
        return (*j)->is_array();
    return false;
}

bool Value::isObject() const
{
    if (m_data.index() == 6)
        return true;
    if (const auto *j = std::get_if<const Json *>(&m_data))
        return (*j)->is_object();
    return false;
}

size_t Value::size() const
{
    if (const auto *a = std::get_if<ArrayPtr>(&m_data))
        return (*a)->items.size();
    if (const auto *j = std::get_if<const Json *>(&m_data))
        return (*j)->is_array() ? (*j)->size() : 0;
    return 0;
}

Value Value::at(size_t i) const
{
    if (const auto *a = std::get_if<ArrayPtr>(&m_data))
        return i < (*a)->items.size() ? (*a)->items[i] : Value();
    if (const auto *j = std::get_if<const Json *>(&m_data))
        return (*j)->is_array() && i < (*j)->size() ? fromJson((**j)[i]) : Value();
    return Value();
}

Array *Value::builtArray() const
{
    if (const auto *a = std::get_if<ArrayPtr>(&m_data))
        return a->get();
    return nullptr;
}

bool Value::isSequence() const
{
    const Array *a = builtArray();
    return a && a->sequence;
}

bool Value::isTupleStream() const
{
    const Array *a = builtArray();
    return a && a->tupleStream;
}

bool Value::isCons() const
{
    const Array *a = builtArray();
    return a && a->cons;
}

bool Value::isOuterWrapper() const
{
    const Array *a = builtArray();
    return a && a->outerWrapper;
}

bool Value::keepsSingleton() const
{
    const Array *a = builtArray();
    return a && a->keepSingleton;
}

Value Value::get(std::string_view key) const
{
    if (const auto *o = std::get_if<ObjectPtr>(&m_data)) {
        const Value *v = (*o)->find(key);
        return v ? *v : Value();
    }
    if (const auto *j = std::get_if<const Json *>(&m_data)) {
        if (!(*j)->is_object())
            return Value();
        const auto it = (*j)->find(key);
        return it == (*j)->end() ? Value() : fromJson(*it);
    }
    return Value();
}

bool Value::has(std::string_view key) const
{
    if (const auto *o = std::get_if<ObjectPtr>(&m_data))
        return (*o)->find(key) != nullptr;
    if (const auto *j = std::get_if<const Json *>(&m_data))
        return (*j)->is_object() && (*j)->find(key) != (*j)->end();
    return false;
}

size_t Value::objectSize() const
{
    if (const auto *o = std::get_if<ObjectPtr>(&m_data))
        return (*o)->entries.size();
    if (const auto *j = std::get_if<const Json *>(&m_data))
        return (*j)->is_object() ? (*j)->size() : 0;
    return 0;
}

Object *Value::builtObject() const
{
    if (const auto *o = std::get_if<ObjectPtr>(&m_data))
        return o->get();
    return nullptr;
}

const Json *Value::borrowed() const
{
    if (const auto *j = std::get_if<const Json *>(&m_data))
        return *j;
    return nullptr;
}

const Value *Object::find(std::string_view key) const
{
    for (const auto &[k, v] : entries) {
        if (k == key)
            return &v;
    }
    return nullptr;
}

void Object::set(const std::string &key, Value value)
{
    for (auto &[k, v] : entries) {
        if (k == key) {
            v = std::move(value);
            return;
        }
    }
    entries.emplace_back(key, std::move(value));
}

bool Object::erase(std::string_view key)
{
    const auto it = std::find_if(entries.begin(), entries.end(),
                                 [&](const auto &entry) { return entry.first == key; });
    if (it == entries.end())
        return false;
    entries.erase(it);
    return true;
}

ArrayPtr makeArray()
{
    return std::make_shared<Array>();
}

ArrayPtr makeSequence()
{
    auto a = std::make_shared<Array>();
    a->sequence = true;
    return a;
}

ObjectPtr makeObject()
{
    return std::make_shared<Object>();
}

Value sequenceOf(Value v)
{
    auto a = makeSequence();
    if (v.isDefined())
        a->items.push_back(std::move(v));
    return Value(a);
}

std::string formatNumber(double n)
{
    if (std::isnan(n))
        return "NaN";
    if (std::isinf(n))
        return n < 0 ? "-Infinity" : "Infinity";
    if (n == 0)
        return "0";
    // Shortest digits that round-trip, then laid out as JavaScript's Number#toString.
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, n, std::chars_format::scientific);
    std::string sci(buf, res.ptr);
    bool negative = false;
    if (sci[0] == '-') {
        negative = true;
        sci.erase(0, 1);
    }
    const size_t e = sci.find('e');
    std::string digits = sci.substr(0, e);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    const int exponent = std::stoi(sci.substr(e + 1));
    const int k = static_cast<int>(digits.size());
    const int point = exponent + 1; // position of the decimal point after `point` digits
    std::string out;
    if (point >= k && point <= 21) {
        out = digits + std::string(point - k, '0');
    } else if (point > 0 && point <= 21) {
        out = digits.substr(0, point) + "." + digits.substr(point);
    } else if (point <= 0 && point > -6) {
        out = "0." + std::string(-point, '0') + digits;
    } else {
        out = digits.substr(0, 1);
        if (k > 1)
            out += "." + digits.substr(1);
        out += "e";
        out += exponent >= 0 ? "+" : "-";
        out += std::to_string(std::abs(exponent));
    }
    return negative ? "-" + out : out;
}

namespace {

double toPrecision15(double n)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.14e", n);
    return std::strtod(buf, nullptr);
}

void appendQuoted(std::string &out, const std::string &s)
{
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += '"';
}

void newline(std::string &out, bool pretty, int depth)
{
    if (!pretty)
        return;
    out += '\n';
    out.append(static_cast<size_t>(depth) * 2, ' ');
}

void stringifyInto(std::string &out, const Value &v, bool pretty, int depth)
{
    switch (v.type()) {
    case Value::Type::Undefined:
    case Value::Type::Null:
        out += "null";
        return;
    case Value::Type::Boolean:
        out += v.boolean() ? "true" : "false";
        return;
    case Value::Type::Number: {
        const double n = v.number();
        out += std::isfinite(n) ? formatNumber(toPrecision15(n)) : "null";
        return;
    }
    case Value::Type::String:
        appendQuoted(out, v.string());
        return;
    case Value::Type::Function:
        out += "\"\"";
        return;
    case Value::Type::Array: {
        const size_t n = v.size();
        if (n == 0) {
            out += "[]";
            return;
        }
        out += '[';
        for (size_t i = 0; i < n; ++i) {
            if (i)
                out += ',';
            newline(out, pretty, depth + 1);
            stringifyInto(out, v.at(i), pretty, depth + 1);
        }
        newline(out, pretty, depth);
        out += ']';
        return;
    }
    case Value::Type::Object: {
        bool first = true;
        out += '{';
        v.forEachEntry([&](const std::string &key, const Value &item) {
            if (item.isUndefined())
                return;
            if (!first)
                out += ',';
            first = false;
            newline(out, pretty, depth + 1);
            appendQuoted(out, key);
            out += pretty ? ": " : ":";
            stringifyInto(out, item, pretty, depth + 1);
        });
        if (!first)
            newline(out, pretty, depth);
        out += '}';
        return;
    }
    }
}

} // namespace

std::string stringify(const Value &v, bool pretty)
{
    if (v.isString())
        return v.string();
    if (v.isFunction())
        return "";
    if (v.isNumber())
        return formatNumber(toPrecision15(v.number()));
    std::string out;
    if (v.isOuterWrapper() && v.size() > 0)
        stringifyInto(out, v.at(0), pretty, 0);
    else
        stringifyInto(out, v, pretty, 0);
    return out;
}

bool deepEqual(const Value &a, const Value &b)
{
    const auto ta = a.type();
    if (ta != b.type())
        return false;
    switch (ta) {
    case Value::Type::Undefined:
    case Value::Type::Null:
        return true;
    case Value::Type::Boolean:
        return a.boolean() == b.boolean();
    case Value::Type::Number:
        return a.number() == b.number();
    case Value::Type::String:
        return a.string() == b.string();
    case Value::Type::Function:
        return a.function() == b.function();
    case Value::Type::Array: {
        if (a.borrowed() && a.borrowed() == b.borrowed())
            return true;
        const size_t n = a.size();
        if (n != b.size())
            return false;
        for (size_t i = 0; i < n; ++i) {
            if (!deepEqual(a.at(i), b.at(i)))
                return false;
        }
        return true;
    }
    case Value::Type::Object: {
        if (a.borrowed() && a.borrowed() == b.borrowed())
            return true;
        if (a.objectSize() != b.objectSize())
            return false;
        bool equal = true;
        a.forEachEntry([&](const std::string &key, const Value &item) {
            if (equal && (!b.has(key) || !deepEqual(item, b.get(key))))
                equal = false;
        });
        return equal;
    }
    }
    return false;
}

Json numberToJson(double n)
{
    if (std::isfinite(n) && n == std::floor(n) && std::fabs(n) < 9.007199254740992e15)
        return Json(static_cast<std::int64_t>(n));
    if (!std::isfinite(n))
        return Json(nullptr);
    return Json(n);
}

Json toJson(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Undefined:
    case Value::Type::Null:
        return Json(nullptr);
    case Value::Type::Boolean:
        return Json(v.boolean());
    case Value::Type::Number:
        return numberToJson(v.number());
    case Value::Type::String:
        return Json(v.string());
    case Value::Type::Function:
        return Json("");
    case Value::Type::Array: {
        if (const Json *j = v.borrowed())
            return *j;
        Json out = Json::array();
        const size_t n = v.size();
        for (size_t i = 0; i < n; ++i) {
            Value item = v.at(i);
            if (item.isDefined())
                out.push_back(toJson(item));
        }
        return out;
    }
    case Value::Type::Object: {
        if (const Json *j = v.borrowed())
            return *j;
        Json out = Json::object();
        v.forEachEntry([&](const std::string &key, const Value &item) {
            if (item.isDefined())
                out[key] = toJson(item);
        });
        return out;
    }
    }
    return Json(nullptr);
}

Value deepCopy(const Value &v)
{
    if (v.isArray()) {
        auto a = makeArray();
        const size_t n = v.size();
        a->items.reserve(n);
        for (size_t i = 0; i < n; ++i)
            a->items.push_back(deepCopy(v.at(i)));
        return Value(a);
    }
    if (v.isObject()) {
        auto o = makeObject();
        v.forEachEntry([&](const std::string &key, const Value &item) {
            o->entries.emplace_back(key, deepCopy(item));
        });
        return Value(o);
    }
    return v;
}

} // namespace Stepwise::Sim::Jsonata
