#pragma once

#include "simulator/expr/jsonataerror.h"

#include <string>
#include <string_view>

namespace Stepwise::Sim::Jsonata {

struct Token
{
    enum class Kind { End, Name, Variable, Operator, String, Number, Literal, Regex };
    Kind kind = Kind::End;
    std::string value; // name, operator, string contents, regex pattern
    double number = 0;
    int literal = 0;   // Literal: 0 null, 1 true, 2 false
    std::string flags; // Regex: 'i', 'm'
    int position = 0;  // offset just after the token (as jsonata-js reports positions)
    int start = 0;     // offset of its first character
};

// Splits a JSONata expression into tokens, one at a time.
class Lexer
{
  public:
    explicit Lexer(std::string_view source)
        : m_source(source)
    {}
    // The next token; `infix` tells that an operand precedes, so '/' divides instead of
    // opening a regex. False on a lexical error (in `error`).
    bool next(bool infix, Token &token, Error &error);

  private:
    bool scanRegex(Token &token, Error &error);
    bool scanString(char quote, Token &token, Error &error);
    std::string_view m_source;
    size_t m_pos = 0;
};

bool isOperatorChar(char c);

} // namespace Stepwise::Sim::Jsonata
