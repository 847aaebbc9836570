#include "views/editor/jsonatatokens.h"

#include <QFont>

namespace Stepwise::Views {

namespace {

bool isNameStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_');
}

bool isNamePart(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

bool isKeyword(QStringView word)
{
    for (const char *keyword : {"and", "or", "in", "true", "false", "null", "function"}) {
        if (word == QLatin1String(keyword))
            return true;
    }
    return false;
}

} // namespace

int jsonataStart(QStringView literal)
{
    int i = 0;
    while (i < literal.size() && literal[i].isSpace())
        ++i;
    return literal.mid(i).startsWith(QLatin1String("{%")) ? i : -1;
}

QTextCharFormat jsonataFormat(JsonataToken::Kind kind, const ThemeColors &colors)
{
    using Kind = JsonataToken::Kind;
    QTextCharFormat format;
    switch (kind) {
    case Kind::Delimiter:
        format.setForeground(colors.punctuation);
        format.setFontWeight(QFont::Bold);
        break;
    case Kind::Variable:
        format.setForeground(colors.key);
        break;
    case Kind::Function:
        format.setForeground(colors.keyword);
        format.setFontWeight(QFont::DemiBold);
        break;
    case Kind::String:
        format.setForeground(colors.string);
        break;
    case Kind::Number:
        format.setForeground(colors.number);
        break;
    case Kind::Keyword:
        format.setForeground(colors.keyword);
        break;
    case Kind::Operator:
        format.setForeground(colors.punctuation);
        break;
    }
    return format;
}

std::vector<JsonataToken> jsonataTokens(QStringView text, bool escapedQuotes)
{
    using Kind = JsonataToken::Kind;
    std::vector<JsonataToken> tokens;
    const int n = int(text.size());
    int i = 0;
    if (text.startsWith(QLatin1String("{%"))) {
        tokens.push_back({0, 2, Kind::Delimiter});
        i = 2;
    }
    int end = n;
    if (n >= i + 2 && text.endsWith(QLatin1String("%}")))
        end = n - 2;
    while (i < end) {
        const QChar c = text[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        // Comments: /* ... */
        if (c == QLatin1Char('/') && i + 1 < end && text[i + 1] == QLatin1Char('*')) {
            const qsizetype close = text.mid(i + 2, end - i - 2).indexOf(QLatin1String("*/"));
            const int stop = close < 0 ? end : i + 2 + int(close) + 2;
            tokens.push_back({i, stop - i, Kind::Operator});
            i = stop;
            continue;
        }
        const bool escapedQuote = escapedQuotes && c == QLatin1Char('\\') && i + 1 < end
                                  && text[i + 1] == QLatin1Char('"');
        if (c == QLatin1Char('\'') || escapedQuote || (!escapedQuotes && c == QLatin1Char('"'))) {
            int j = i + (escapedQuote ? 2 : 1);
            while (j < end) {
                if (escapedQuote ? (text[j] == QLatin1Char('\\') && j + 1 < end
                                    && text[j + 1] == QLatin1Char('"'))
                                 : text[j] == c)
                    break;
                // A backslash escapes the next character (in JSON text, \\ is one backslash).
                j += text[j] == QLatin1Char('\\') ? 2 : 1;
            }
            const int stop = std::min(end, j + (escapedQuote ? 2 : 1));
            tokens.push_back({i, stop - i, Kind::String});
            i = stop;
            continue;
        }
        if (c.isDigit()) {
            int j = i + 1;
            while (j < end && (text[j].isDigit() || text[j] == QLatin1Char('.')))
                ++j;
            if (j < end && (text[j] == QLatin1Char('e') || text[j] == QLatin1Char('E'))) {
                ++j;
                if (j < end && (text[j] == QLatin1Char('+') || text[j] == QLatin1Char('-')))
                    ++j;
                while (j < end && text[j].isDigit())
                    ++j;
            }
            tokens.push_back({i, j - i, Kind::Number});
            i = j;
            continue;
        }
        if (c == QLatin1Char('$')) {
            int j = i + 1;
            if (j < end && text[j] == QLatin1Char('$'))
                ++j;
            while (j < end && isNamePart(text[j]))
                ++j;
            int after = j;
            while (after < end && text[after].isSpace())
                ++after;
            const bool call = after < end && text[after] == QLatin1Char('(');
            tokens.push_back({i, j - i, call ? Kind::Function : Kind::Variable});
            i = j;
            continue;
        }
        if (isNameStart(c)) {
            int j = i + 1;
            while (j < end && isNamePart(text[j]))
                ++j;
            if (isKeyword(text.mid(i, j - i)))
                tokens.push_back({i, j - i, Kind::Keyword});
            // Other names are field steps of a path: left in the string's own colour.
            i = j;
            continue;
        }
        if (c == QLatin1Char('`')) {
            int j = i + 1;
            while (j < end && text[j] != QLatin1Char('`'))
                ++j;
            i = std::min(end, j + 1);
            continue;
        }
        tokens.push_back({i, 1, Kind::Operator});
        ++i;
    }
    if (end < n)
        tokens.push_back({end, 2, Kind::Delimiter});
    return tokens;
}

} // namespace Stepwise::Views
