#pragma once

#include "views/theme/theme.h"

#include <QStringView>
#include <QTextCharFormat>

#include <vector>

namespace Stepwise::Views {

// The parts of a {% JSONata %} string worth colouring in the ASL text. A colouring scanner,
// not a parser: the validator's JSONata parser reports errors; this only has to be fast and
// never go wrong on half-typed text.
struct JsonataToken
{
    enum class Kind {
        Delimiter, // {% and %}
        Variable,  // $name, $states, $ (the context)
        Function,  // $name( : a built-in or a bound function being called
        String,    // 'text' or "text" (escaped \" inside a JSON string)
        Number,
        Keyword,  // and, or, in, true, false, null, function
        Operator, // & ~> := ? : = != < > + - * / % . [ ] ( ) { } , ;
    };
    int start = 0;
    int length = 0;
    Kind kind = Kind::Operator;
};

// The tokens of the expression in `text` (the raw text as the editor shows it, from the
// opening {% to the closing %}, or to the end when it is not closed yet). Positions are
// relative to `text`. `escapedQuotes` says the text sits inside a JSON string, where a
// double quote appears as \".
std::vector<JsonataToken> jsonataTokens(QStringView text, bool escapedQuotes);

// Where the {% ... %} expression inside a string literal begins: the index of "{%" in
// `literal` (the raw text between the string's quotes), or -1 when it holds none.
int jsonataStart(QStringView literal);

// How a token looks in the editor's theme.
QTextCharFormat jsonataFormat(JsonataToken::Kind kind, const ThemeColors &colors);

} // namespace Stepwise::Views
