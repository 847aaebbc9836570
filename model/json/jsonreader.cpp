#include "model/json/jsonreader.h"

#include "model/json/jsonpointer.h"
#include "model/json/objectkeyindex.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace Stepwise::Model {

Location SourceMap::locate(const std::string &pointer) const
{
    std::string p = pointer;
    while (true) {
        auto it = m_values.find(p);
        if (it != m_values.end()) {
            Location at = it->second;
            at.pointer = pointer;
            return at;
        }
        if (p.empty())
            break;
        p = parentPointer(p);
    }
    Location none;
    none.pointer = pointer;
    return none;
}

Location SourceMap::locateKey(const std::string &pointer) const
{
    auto it = m_keys.find(pointer);
    if (it == m_keys.end())
        return locate(pointer);
    Location at = it->second;
    at.pointer = pointer;
    return at;
}

namespace {

class Reader
{
  public:
    Reader(std::string_view text, const JsonReadOptions &options, ParsedJson &out)
        : m_text(text)
        , m_options(options)
        , m_out(out)
    {}

    bool parseDocument()
    {
        skipSpace();
        if (m_failed)
            return false;
        if (atEnd())
            return fail("the document is empty");
        if (!parseValue(m_out.value, std::string(), 0))
            return false;
        skipSpace();
        if (m_failed)
            return false;
        if (!atEnd())
            return fail("unexpected text after the end of the JSON value");
        return true;
    }

    Error error() const { return m_error; }

  private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }

    Location here() const
    {
        Location at;
        at.line = m_line;
        at.column = static_cast<int>(m_pos - m_lineStart) + 1;
        at.offset = static_cast<int>(m_pos);
        return at;
    }

    bool fail(const std::string &message)
    {
        if (!m_failed) {
            m_failed = true;
            m_error.message = message;
            m_error.location = here();
        }
        return false;
    }

    void advance()
    {
        if (m_text[m_pos] == '\n') {
            ++m_line;
            m_lineStart = m_pos + 1;
        }
        ++m_pos;
    }

    void skipSpace()
    {
        while (!atEnd()) {
            char c = m_text[m_pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                advance();
            } else if (c == '/' && m_options.allowComments && m_pos + 1 < m_text.size()) {
                if (m_text[m_pos + 1] == '/') {
                    while (!atEnd() && m_text[m_pos] != '\n')
                        advance();
                } else if (m_text[m_pos + 1] == '*') {
                    advance();
                    advance();
                    while (!atEnd()
                           && !(m_text[m_pos] == '*' && m_pos + 1 < m_text.size()
                                && m_text[m_pos + 1] == '/'))
                        advance();
                    if (atEnd()) {
                        fail("unterminated comment");
                        return;
                    }
                    advance();
                    advance();
                } else {
                    return;
                }
            } else {
                return;
            }
        }
    }

    static std::string describe(char c)
    {
        if (c == '\0')
            return "the end of the text";
        if (static_cast<unsigned char>(c) < 0x20)
            return "a control character";
        return std::string("'") + c + "'";
    }

    bool parseValue(Json &out, const std::string &pointer, int depth)
    {
        if (depth > m_options.maxDepth)
            return fail("the document is nested deeper than " + std::to_string(m_options.maxDepth)
                        + " levels");
        if (m_options.buildSourceMap)
            m_out.sourceMap.addValue(pointer, here());
        switch (peek()) {
        case '{':
            return parseObject(out, pointer, depth);
        case '[':
            return parseArray(out, pointer, depth);
        case '"': {
            std::string s;
            if (!parseString(s))
                return false;
            out = std::move(s);
            return true;
        }
        case 't':
            return parseLiteral("true", out, Json(true));
        case 'f':
            return parseLiteral("false", out, Json(false));
        case 'n':
            return parseLiteral("null", out, Json(nullptr));
        default:
            if (peek() == '-' || (peek() >= '0' && peek() <= '9'))
                return parseNumber(out);
            return fail("expected a JSON value but found " + describe(peek()));
        }
    }

    bool parseLiteral(std::string_view word, Json &out, Json value)
    {
        if (m_text.substr(m_pos, word.size()) != word)
            return fail("invalid literal; expected '" + std::string(word) + "'");
        for (size_t i = 0; i < word.size(); ++i)
            advance();
        out = std::move(value);
        return true;
    }

    bool parseNumber(Json &out)
    {
        size_t start = m_pos;
        bool isInteger = true;
        if (peek() == '-')
            advance();
        if (peek() == '0') {
            advance();
        } else if (peek() >= '1' && peek() <= '9') {
            while (peek() >= '0' && peek() <= '9')
                advance();
        } else {
            return fail("invalid number: expected a digit");
        }
        if (peek() == '.') {
            isInteger = false;
            advance();
            if (!(peek() >= '0' && peek() <= '9'))
                return fail("invalid number: expected a digit after the decimal point");
            while (peek() >= '0' && peek() <= '9')
                advance();
        }
        if (peek() == 'e' || peek() == 'E') {
            isInteger = false;
            advance();
            if (peek() == '+' || peek() == '-')
                advance();
            if (!(peek() >= '0' && peek() <= '9'))
                return fail("invalid number: expected a digit in the exponent");
            while (peek() >= '0' && peek() <= '9')
                advance();
        }
        std::string_view text = m_text.substr(start, m_pos - start);
        if (isInteger) {
            if (text[0] == '-') {
                std::int64_t v = 0;
                auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
                if (ec == std::errc() && p == text.data() + text.size()) {
                    out = v;
                    return true;
                }
            } else {
                std::uint64_t v = 0;
                auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
                if (ec == std::errc() && p == text.data() + text.size()) {
                    if (v <= static_cast<std::uint64_t>(INT64_MAX))
                        out = static_cast<std::int64_t>(v);
                    else
                        out = v;
                    return true;
                }
            }
        }
        // strtod is locale-dependent; JSON numbers never contain a locale separator, and
        // std::from_chars for double is available in libstdc++ 12.
        double d = 0;
        auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
        if (ec == std::errc::result_out_of_range || !std::isfinite(d))
            return fail("number out of range: " + std::string(text));
        if (ec != std::errc())
            return fail("invalid number: " + std::string(text));
        out = d;
        return true;
    }

    static void appendUtf8(std::string &s, std::uint32_t cp)
    {
        if (cp < 0x80) {
            s += static_cast<char>(cp);
        } else if (cp < 0x800) {
            s += static_cast<char>(0xC0 | (cp >> 6));
            s += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            s += static_cast<char>(0xE0 | (cp >> 12));
            s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            s += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            s += static_cast<char>(0xF0 | (cp >> 18));
            s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            s += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    bool parseHex4(std::uint32_t &cp)
    {
        cp = 0;
        for (int i = 0; i < 4; ++i) {
            char c = peek();
            int digit;
            if (c >= '0' && c <= '9')
                digit = c - '0';
            else if (c >= 'a' && c <= 'f')
                digit = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                digit = c - 'A' + 10;
            else
                return fail("invalid \\u escape: expected four hexadecimal digits");
            cp = cp * 16 + static_cast<std::uint32_t>(digit);
            advance();
        }
        return true;
    }

    // Validates one UTF-8 sequence starting at m_pos and copies it.
    bool copyUtf8(std::string &s)
    {
        auto byte = [this](size_t i) { return static_cast<unsigned char>(m_text[m_pos + i]); };
        unsigned char b0 = byte(0);
        size_t len = 0;
        std::uint32_t min = 0;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            len = 2;
            min = 0x80;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            len = 3;
            min = 0x800;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            len = 4;
            min = 0x10000;
        } else {
            return fail("invalid UTF-8 byte in string");
        }
        if (m_pos + len > m_text.size())
            return fail("truncated UTF-8 sequence in string");
        std::uint32_t cp = b0 & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
        for (size_t i = 1; i < len; ++i) {
            if ((byte(i) & 0xC0) != 0x80)
                return fail("invalid UTF-8 sequence in string");
            cp = (cp << 6) | (byte(i) & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return fail("invalid UTF-8 sequence in string");
        s.append(m_text.substr(m_pos, len));
        m_pos += len;
        return true;
    }

    bool parseString(std::string &s)
    {
        advance(); // opening quote
        while (true) {
            if (atEnd())
                return fail("unterminated string");
            char c = m_text[m_pos];
            if (c == '"') {
                advance();
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20)
                return fail(c == '\n' ? "unterminated string (line break inside a string)"
                                      : "control character inside a string must be escaped");
            if (c == '\\') {
                advance();
                char e = peek();
                switch (e) {
                case '"':
                case '\\':
                case '/':
                    s += e;
                    break;
                case 'b':
                    s += '\b';
                    break;
                case 'f':
                    s += '\f';
                    break;
                case 'n':
                    s += '\n';
                    break;
                case 'r':
                    s += '\r';
                    break;
                case 't':
                    s += '\t';
                    break;
                case 'u': {
                    advance();
                    std::uint32_t cp;
                    if (!parseHex4(cp))
                        return false;
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (peek() != '\\' || m_pos + 1 >= m_text.size()
                            || m_text[m_pos + 1] != 'u')
                            return fail("unpaired UTF-16 surrogate in \\u escape");
                        advance();
                        advance();
                        std::uint32_t low;
                        if (!parseHex4(low))
                            return false;
                        if (low < 0xDC00 || low > 0xDFFF)
                            return fail("invalid UTF-16 surrogate pair in \\u escape");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        return fail("unpaired UTF-16 surrogate in \\u escape");
                    }
                    appendUtf8(s, cp);
                    continue;
                }
                default:
                    return fail("invalid escape sequence in string");
                }
                advance();
                continue;
            }
            if (static_cast<unsigned char>(c) >= 0x80) {
                if (!copyUtf8(s))
                    return false;
                continue;
            }
            s += c;
            ++m_pos;
        }
    }

    bool parseObject(Json &out, const std::string &pointer, int depth)
    {
        advance(); // {
        out = Json::object();
        skipSpace();
        if (peek() == '}') {
            advance();
            return !m_failed;
        }
        Json::object_t &members = out.get_ref<Json::object_t &>();
        ObjectKeyIndex keys;
        while (true) {
            skipSpace();
            if (m_failed)
                return false;
            if (peek() != '"')
                return fail("expected a string key in object but found " + describe(peek()));
            Location keyAt = here();
            std::string key;
            if (!parseString(key))
                return false;
            skipSpace();
            if (peek() != ':')
                return fail("expected ':' after object key but found " + describe(peek()));
            advance();
            skipSpace();
            if (m_failed)
                return false;
            std::string childPointer = appendPointer(pointer, key);
            bool duplicate = keys.contains(members, key);
            if (duplicate) {
                keyAt.pointer = childPointer;
                m_out.duplicateKeys.push_back(keyAt);
                Json ignored;
                // Parse into a scratch value so the first occurrence and its positions stay.
                JsonReadOptions saved = m_options;
                m_options.buildSourceMap = false;
                bool ok = parseValue(ignored, childPointer, depth + 1);
                m_options = saved;
                if (!ok)
                    return false;
            } else {
                if (m_options.buildSourceMap)
                    m_out.sourceMap.addKey(childPointer, keyAt);
                Json &slot = keys.append(members, std::move(key));
                if (!parseValue(slot, childPointer, depth + 1))
                    return false;
            }
            skipSpace();
            if (m_failed)
                return false;
            if (peek() == ',') {
                advance();
                continue;
            }
            if (peek() == '}') {
                advance();
                return true;
            }
            return fail("expected ',' or '}' in object but found " + describe(peek()));
        }
    }

    bool parseArray(Json &out, const std::string &pointer, int depth)
    {
        advance(); // [
        out = Json::array();
        skipSpace();
        if (peek() == ']') {
            advance();
            return !m_failed;
        }
        size_t index = 0;
        while (true) {
            skipSpace();
            if (m_failed)
                return false;
            out.push_back(Json());
            if (!parseValue(out.back(), appendPointer(pointer, index), depth + 1))
                return false;
            ++index;
            skipSpace();
            if (m_failed)
                return false;
            if (peek() == ',') {
                advance();
                continue;
            }
            if (peek() == ']') {
                advance();
                return true;
            }
            return fail("expected ',' or ']' in array but found " + describe(peek()));
        }
    }

    std::string_view m_text;
    JsonReadOptions m_options;
    ParsedJson &m_out;
    size_t m_pos = 0;
    size_t m_lineStart = 0;
    int m_line = 1;
    bool m_failed = false;
    Error m_error;
};

} // namespace

Result<ParsedJson> readJson(std::string_view text, const JsonReadOptions &options)
{
    ParsedJson parsed;
    // A UTF-8 byte order mark is not JSON but editors write it; skip it silently.
    std::string_view body = text;
    if (body.substr(0, 3) == "\xEF\xBB\xBF")
        body.remove_prefix(3);
    Reader reader(body, options, parsed);
    if (!reader.parseDocument())
        return reader.error();
    return parsed;
}

Result<ParsedJson> readJsonFile(const std::string &path, const JsonReadOptions &options)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        Error e;
        e.message = "cannot open file";
        e.location.file = path;
        return e;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    auto result = readJson(buffer.str(), options);
    if (!result.ok()) {
        Error e = result.error();
        e.location.file = path;
        return e;
    }
    return result;
}

} // namespace Stepwise::Model
