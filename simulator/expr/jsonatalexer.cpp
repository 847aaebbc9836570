#include "simulator/expr/jsonatalexer.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

namespace Stepwise::Sim::Jsonata {

bool isOperatorChar(char c)
{
    return c != '\0' && std::strchr(".[]{}(),@#;:?+-*/%|=<>^&!~", c) != nullptr;
}

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v';
}

void appendUtf8(std::string &out, unsigned cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

Error lexError(const char *code, size_t position, std::string token = {})
{
    Error e;
    e.code = code;
    e.position = static_cast<int>(position);
    e.start = static_cast<int>(position);
    e.token = std::move(token);
    return e;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

bool Lexer::scanRegex(Token &token, Error &error)
{
    const size_t start = m_pos;
    int depth = 0;
    auto charAt = [&](size_t i) { return i < m_source.size() ? m_source[i] : '\0'; };
    while (m_pos < m_source.size()) {
        const char c = m_source[m_pos];
        if (c == '/' && depth == 0) {
            size_t backslashes = 0;
            while (m_pos >= backslashes + 1 && charAt(m_pos - backslashes - 1) == '\\')
                ++backslashes;
            if (backslashes % 2 == 0) {
                token.value = std::string(m_source.substr(start, m_pos - start));
                if (token.value.empty()) {
                    error = lexError("S0301", m_pos);
                    return false;
                }
                ++m_pos;
                const size_t flagStart = m_pos;
                while (m_pos < m_source.size()
                       && (m_source[m_pos] == 'i' || m_source[m_pos] == 'm'))
                    ++m_pos;
                token.flags = std::string(m_source.substr(flagStart, m_pos - flagStart));
                token.kind = Token::Kind::Regex;
                return true;
            }
        }
        const char prev = m_pos > 0 ? m_source[m_pos - 1] : '\0';
        if ((c == '(' || c == '[' || c == '{') && prev != '\\')
            ++depth;
        if ((c == ')' || c == ']' || c == '}') && prev != '\\')
            --depth;
        ++m_pos;
    }
    error = lexError("S0302", m_pos);
    return false;
}

bool Lexer::scanString(char quote, Token &token, Error &error)
{
    ++m_pos;
    std::string out;
    while (m_pos < m_source.size()) {
        char c = m_source[m_pos];
        if (c == '\\') {
            ++m_pos;
            c = m_pos < m_source.size() ? m_source[m_pos] : '\0';
            switch (c) {
            case '"':
            case '\\':
            case '/':
                out += c;
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                unsigned cp = 0;
                for (int i = 1; i <= 4; ++i) {
                    const int h = m_pos + i < m_source.size() ? hexValue(m_source[m_pos + i]) : -1;
                    if (h < 0) {
                        error = lexError("S0104", m_pos);
                        return false;
                    }
                    cp = cp * 16 + static_cast<unsigned>(h);
                }
                m_pos += 4;
                // A surrogate pair written as two escapes makes one character.
                if (cp >= 0xD800 && cp <= 0xDBFF && m_pos + 6 < m_source.size() + 1
                    && m_source.substr(m_pos + 1, 2) == "\\u") {
                    unsigned low = 0;
                    bool ok = m_pos + 6 < m_source.size();
                    for (int i = 3; ok && i <= 6; ++i) {
                        const int h = hexValue(m_source[m_pos + i]);
                        ok = h >= 0;
                        low = low * 16 + static_cast<unsigned>(h);
                    }
                    if (ok && low >= 0xDC00 && low <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                        m_pos += 6;
                    }
                }
                appendUtf8(out, cp);
                break;
            }
            default:
                error = lexError("S0103", m_pos, std::string(1, c));
                return false;
            }
        } else if (c == quote) {
            ++m_pos;
            token.kind = Token::Kind::String;
            token.value = std::move(out);
            return true;
        } else {
            out += c;
        }
        ++m_pos;
    }
    error = lexError("S0101", m_pos);
    return false;
}

bool Lexer::next(bool infix, Token &token, Error &error)
{
    token = Token();
    const size_t len = m_source.size();
    for (;;) {
        while (m_pos < len && isSpace(m_source[m_pos]))
            ++m_pos;
        if (m_pos + 1 < len && m_source[m_pos] == '/' && m_source[m_pos + 1] == '*') {
            const size_t commentStart = m_pos;
            const size_t end = m_source.find("*/", m_pos + 2);
            if (end == std::string_view::npos) {
                error = lexError("S0106", commentStart);
                return false;
            }
            m_pos = end + 2;
            continue;
        }
        break;
    }
    token.start = static_cast<int>(m_pos);
    auto finish = [&](Token::Kind kind) {
        token.kind = kind;
        token.position = static_cast<int>(m_pos);
        return true;
    };
    if (m_pos >= len)
        return finish(Token::Kind::End);
    const char c = m_source[m_pos];
    const char c1 = m_pos + 1 < len ? m_source[m_pos + 1] : '\0';
    if (!infix && c == '/') {
        ++m_pos;
        if (!scanRegex(token, error))
            return false;
        return finish(Token::Kind::Regex);
    }
    static const char *twoCharOps[] = {"..", ":=", "!=", ">=", "<=", "**", "~>"};
    for (const char *op : twoCharOps) {
        if (c == op[0] && c1 == op[1]) {
            m_pos += 2;
            token.value = op;
            return finish(Token::Kind::Operator);
        }
    }
    if (isOperatorChar(c)) {
        ++m_pos;
        token.value = std::string(1, c);
        return finish(Token::Kind::Operator);
    }
    if (c == '"' || c == '\'') {
        if (!scanString(c, token, error))
            return false;
        return finish(Token::Kind::String);
    }
    // Numbers: -?(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)?
    if (std::isdigit(static_cast<unsigned char>(c))) {
        size_t p = m_pos;
        if (m_source[p] == '0') {
            ++p;
        } else {
            while (p < len && std::isdigit(static_cast<unsigned char>(m_source[p])))
                ++p;
        }
        if (p + 1 < len && m_source[p] == '.'
            && std::isdigit(static_cast<unsigned char>(m_source[p + 1]))) {
            ++p;
            while (p < len && std::isdigit(static_cast<unsigned char>(m_source[p])))
                ++p;
        }
        if (p < len && (m_source[p] == 'e' || m_source[p] == 'E')) {
            size_t q = p + 1;
            if (q < len && (m_source[q] == '+' || m_source[q] == '-'))
                ++q;
            if (q < len && std::isdigit(static_cast<unsigned char>(m_source[q]))) {
                while (q < len && std::isdigit(static_cast<unsigned char>(m_source[q])))
                    ++q;
                p = q;
            }
        }
        const std::string text(m_source.substr(m_pos, p - m_pos));
        const double n = std::strtod(text.c_str(), nullptr);
        if (!std::isfinite(n)) {
            error = lexError("S0102", m_pos, text);
            return false;
        }
        m_pos = p;
        token.number = n;
        return finish(Token::Kind::Number);
    }
    if (c == '`') {
        const size_t end = m_source.find('`', m_pos + 1);
        if (end == std::string_view::npos) {
            m_pos = len;
            error = lexError("S0105", len);
            return false;
        }
        token.value = std::string(m_source.substr(m_pos + 1, end - m_pos - 1));
        m_pos = end + 1;
        return finish(Token::Kind::Name);
    }
    size_t i = m_pos;
    while (i < len && !isSpace(m_source[i]) && !isOperatorChar(m_source[i]))
        ++i;
    if (c == '$') {
        token.value = std::string(m_source.substr(m_pos + 1, i - m_pos - 1));
        m_pos = i;
        return finish(Token::Kind::Variable);
    }
    token.value = std::string(m_source.substr(m_pos, i - m_pos));
    m_pos = i;
    if (token.value == "or" || token.value == "in" || token.value == "and")
        return finish(Token::Kind::Operator);
    if (token.value == "true" || token.value == "false" || token.value == "null") {
        token.literal = token.value == "null" ? 0 : token.value == "true" ? 1 : 2;
        return finish(Token::Kind::Literal);
    }
    if (token.value.empty())
        return finish(Token::Kind::End);
    return finish(Token::Kind::Name);
}

} // namespace Stepwise::Sim::Jsonata
