#pragma once

#include <string>

namespace Stepwise::Sim::Jsonata {

// A JSONata error as jsonata-js reports it: a code (S0201, T2001, D3001, U1001...), the
// position after the offending token (as jsonata-js counts), the token and the value involved.
struct Error
{
    std::string code;
    int position = -1; // jsonata-js's position: the offset just after the token; -1: unknown
    int start = -1;    // 0-based offset of the offending character, for editors; -1: unknown
    std::string token;
    std::string value;  // JSON text of the offending value, when there is one
    std::string value2; // second value (T2009, T2007)
    std::string detail; // the message of $error/$assert, or the whole text for D3137/D3141
    int index = 0;      // argument number (T0410...)

    // The message jsonata-js gives for this code, with the token and values filled in.
    std::string message() const;
};

} // namespace Stepwise::Sim::Jsonata
