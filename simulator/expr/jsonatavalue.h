#pragma once

#include "model/json/json.h"

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace Stepwise::Sim::Jsonata {

using Json = Model::Json;

struct Array;
struct Object;
struct Function;
using ArrayPtr = std::shared_ptr<Array>;
using ObjectPtr = std::shared_ptr<Object>;
using FunctionPtr = std::shared_ptr<Function>;

// A JSONata value: undefined (nothing), JSON values, and functions. Arrays and objects are
// either built during evaluation or borrowed from the caller's JSON document (no copy of
// the input is made; the document outlives the evaluation).
class Value
{
  public:
    enum class Type { Undefined, Null, Boolean, Number, String, Array, Object, Function };

    Value() = default;
    static Value null() { return Value(std::in_place_index<1>, nullptr); }
    Value(bool b)
        : m_data(b)
    {}
    Value(double n)
        : m_data(n)
    {}
    Value(int n)
        : m_data(static_cast<double>(n))
    {}
    Value(std::string s)
        : m_data(std::move(s))
    {}
    Value(const char *s)
        : m_data(std::string(s))
    {}
    Value(ArrayPtr a)
        : m_data(std::move(a))
    {}
    Value(ObjectPtr o)
        : m_data(std::move(o))
    {}
    Value(FunctionPtr f)
        : m_data(std::move(f))
    {}
    // Borrows arrays and objects; copies scalars.
    static Value fromJson(const Json &json);

    Type type() const;
    bool isUndefined() const { return m_data.index() == 0; }
    bool isDefined() const { return m_data.index() != 0; }
    bool isNull() const { return m_data.index() == 1; }
    bool isBool() const { return m_data.index() == 2; }
    bool isNumber() const { return m_data.index() == 3; }
    bool isString() const { return m_data.index() == 4; }
    bool isArray() const;
    bool isObject() const;
    bool isFunction() const { return m_data.index() == 7; }

    // A value of another kind reads as false, 0 or "" instead of throwing: a built-in reached
    // with an argument its signature did not check must not end the process.
    bool boolean() const
    {
        const bool *value = std::get_if<2>(&m_data);
        return value && *value;
    }
    double number() const
    {
        const double *value = std::get_if<3>(&m_data);
        return value ? *value : 0.0;
    }
    const std::string &string() const
    {
        static const std::string empty;
        const std::string *value = std::get_if<4>(&m_data);
        return value ? *value : empty;
    }
    const FunctionPtr &function() const { return std::get<7>(m_data); }

    // Arrays (built or borrowed).
    size_t size() const;
    Value at(size_t i) const;
    // The built array, or nullptr when the array is borrowed (or this is no array).
    Array *builtArray() const;
    bool isSequence() const;
    bool isTupleStream() const;
    bool isCons() const;
    bool isOuterWrapper() const;
    bool keepsSingleton() const;

    // Objects (built or borrowed).
    Value get(std::string_view key) const; // undefined when absent
    bool has(std::string_view key) const;
    size_t objectSize() const;
    template<typename F>
    void forEachEntry(F &&f) const; // f(const std::string &key, Value value)
    Object *builtObject() const;

    const Json *borrowed() const;

  private:
    template<size_t I, typename T>
    Value(std::in_place_index_t<I> i, T &&v)
        : m_data(i, std::forward<T>(v))
    {}
    std::variant<std::monostate, std::nullptr_t, bool, double, std::string, ArrayPtr, ObjectPtr,
                 FunctionPtr, const Json *>
        m_data;
};

struct Array
{
    std::vector<Value> items;
    bool sequence = false;      // a JSONata sequence: flattened and collapsed to one value
    bool keepSingleton = false; // `[]` on a path: a one-item sequence stays an array
    bool cons = false;          // built by an array constructor: not flattened by paths
    bool outerWrapper = false;  // the top-level input array wrapped as a sequence
    bool tupleStream = false;   // items are tuple objects ('@' and bound variables)
};

struct Object
{
    std::vector<std::pair<std::string, Value>> entries;

    const Value *find(std::string_view key) const;
    // Sets or replaces a key, keeping the first position as JavaScript objects do.
    void set(const std::string &key, Value value);
    bool erase(std::string_view key);
};

ArrayPtr makeArray();
ArrayPtr makeSequence();
ObjectPtr makeObject();
Value sequenceOf(Value v);

template<typename F>
void Value::forEachEntry(F &&f) const
{
    if (const auto *o = std::get_if<ObjectPtr>(&m_data)) {
        for (const auto &[k, v] : (*o)->entries)
            f(k, v);
    } else if (const auto *j = std::get_if<const Json *>(&m_data)) {
        if ((*j)->is_object()) {
            for (auto it = (*j)->begin(); it != (*j)->end(); ++it)
                f(it.key(), Value::fromJson(it.value()));
        }
    }
}

// JSON text of a number as JavaScript prints it (shortest round trip, 1e+21 style).
std::string formatNumber(double n);
// $string's rendering: numbers at 15 significant digits, functions as "", JSON for the rest.
std::string stringify(const Value &v, bool pretty = false);
// Deep equality (objects compare by key set).
bool deepEqual(const Value &a, const Value &b);
// The JSON the caller receives: sequences collapse as at the end of an evaluation, functions
// become "" (jsonata-js serialises them so), undefined inside arrays is dropped.
Json toJson(const Value &v);
// A number that is integral prints as an integer.
Json numberToJson(double n);
// Deep copy into built arrays and objects (the $clone of transforms).
Value deepCopy(const Value &v);

} // namespace Stepwise::Sim::Jsonata
