#pragma once

#include <string>
#include <utility>
#include <variant>

namespace Stepwise::Model {

// Where something is in a document: 1-based line and column, 0-based byte offset,
// and the RFC 6901 JSON pointer of the value when known.
struct Location
{
    std::string file;
    std::string pointer;
    int line = 0;
    int column = 0;
    int offset = -1;
};

// An error as a value: what went wrong and where.
struct Error
{
    std::string message;
    Location location;

    // "file:line:column: message", omitting the parts that are unknown.
    std::string toString() const;
};

// Either a value or an Error; errors never travel as exceptions across modules.
template<typename T>
class Result
{
  public:
    Result(T value)
        : m_data(std::move(value))
    {}
    Result(Error error)
        : m_data(std::move(error))
    {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() { return std::get<0>(m_data); }
    const T &value() const { return std::get<0>(m_data); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<1>(m_data); }

  private:
    std::variant<T, Error> m_data;
};

} // namespace Stepwise::Model
