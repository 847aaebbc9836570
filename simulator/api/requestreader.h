#pragma once

#include "simulator/api/apierror.h"

#include <cstdint>
#include <optional>
#include <string>

namespace Stepwise::Api {

// Reads an operation's input members with AWS's constraint checks: the first violation is
// kept and worded as AWS words it ("1 validation error detected: Value null at 'name' failed
// to satisfy constraint: Member must not be null"); a member of the wrong JSON type is a
// SerializationException, as AWS's deserializer reports it.
class RequestReader
{
  public:
    explicit RequestReader(const Model::Json &input);

    bool has(const char *name) const;
    // A string member; empty when absent (and an error when required).
    std::string string(const char *name, bool required, std::size_t minLength = 0,
                       std::size_t maxLength = 0);
    std::optional<std::int64_t> integer(const char *name, std::int64_t min, std::int64_t max);
    bool boolean(const char *name, bool fallback = false);
    // A string member that must be one of `values` (separated by '|').
    std::string enumeration(const char *name, const char *values, bool required = false);
    // The member as it is (null when absent), for structures and lists.
    const Model::Json &member(const char *name) const;

    const std::optional<ApiError> &error() const { return m_error; }
    void fail(ApiError error);

  private:
    const Model::Json &m_input;
    std::optional<ApiError> m_error;
};

} // namespace Stepwise::Api
