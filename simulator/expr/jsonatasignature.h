#pragma once

#include "simulator/expr/jsonataerror.h"
#include "simulator/expr/jsonatavalue.h"

#include <string>
#include <string_view>
#include <vector>

namespace Stepwise::Sim::Jsonata {

// A function signature such as "<s-nn?:s>": the parameter types a built-in or a lambda
// declares. Validation inserts the context value for '-' parameters, wraps single values
// where an array is expected, and reports T0410/T0411/T0412 as jsonata-js does.
class Signature
{
  public:
    bool parse(std::string_view text, Error &error);
    // On success `out` holds the arguments to call with.
    bool validate(const std::vector<Value> &args, const Value &context, std::vector<Value> &out,
                  Error &error) const;
    const std::string &definition() const { return m_definition; }

  private:
    struct Param
    {
        std::string symbols; // accepted type symbols (s n b l a o f m)
        char type = 'x';
        std::string subtype;
        char quantifier = 0; // 0, '?', '+'
        bool context = false;
    };
    bool match(const std::string &supplied, size_t param, size_t pos,
               std::vector<std::pair<size_t, size_t>> &spans) const;
    std::string m_definition;
    std::vector<Param> m_params;
};

// The signature symbol of a value: s n b l a o f, or m when undefined.
char typeSymbol(const Value &v);

} // namespace Stepwise::Sim::Jsonata
