#include "model/validation/valuechecks.h"

#include <array>
#include <cctype>

namespace Stepwise::Model {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Reads exactly `count` digits at `pos`; returns -1 if they are not there.
int readNumber(std::string_view text, size_t &pos, size_t count)
{
    if (pos + count > text.size())
        return -1;
    int value = 0;
    for (size_t i = 0; i < count; ++i) {
        char c = text[pos + i];
        if (!isDigit(c))
            return -1;
        value = value * 10 + (c - '0');
    }
    pos += count;
    return value;
}

bool expect(std::string_view text, size_t &pos, char c)
{
    if (pos < text.size() && text[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

int daysInMonth(int year, int month)
{
    static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[size_t(month - 1)];
}

ExpressionSyntax::SyntaxError syntaxError(std::string message, size_t offset)
{
    return ExpressionSyntax::SyntaxError{std::move(message), int(offset)};
}

constexpr std::array intrinsicNames = {
    "States.Format",         "States.StringToJson",  "States.JsonToString", "States.Array",
    "States.ArrayPartition", "States.ArrayContains", "States.ArrayRange",   "States.ArrayGetItem",
    "States.ArrayLength",    "States.ArrayUnique",   "States.Base64Encode", "States.Base64Decode",
    "States.Hash",           "States.JsonMerge",     "States.MathRandom",   "States.MathAdd",
    "States.StringSplit",    "States.UUID",
};

} // namespace

bool isIntegerValue(const Json &value)
{
    return value.is_number_integer() || value.is_number_unsigned();
}

bool isRfc3339Timestamp(std::string_view text)
{
    size_t pos = 0;
    int year = readNumber(text, pos, 4);
    if (year < 0 || !expect(text, pos, '-'))
        return false;
    int month = readNumber(text, pos, 2);
    if (month < 1 || month > 12 || !expect(text, pos, '-'))
        return false;
    int day = readNumber(text, pos, 2);
    if (day < 1 || day > daysInMonth(year, month))
        return false;
    if (!expect(text, pos, 'T') && !expect(text, pos, 't'))
        return false;
    int hour = readNumber(text, pos, 2);
    if (hour < 0 || hour > 23 || !expect(text, pos, ':'))
        return false;
    int minute = readNumber(text, pos, 2);
    if (minute < 0 || minute > 59 || !expect(text, pos, ':'))
        return false;
    int second = readNumber(text, pos, 2);
    if (second < 0 || second > 60)
        return false;
    if (expect(text, pos, '.')) {
        size_t start = pos;
        while (pos < text.size() && isDigit(text[pos]))
            ++pos;
        if (pos == start)
            return false;
    }
    if (expect(text, pos, 'Z') || expect(text, pos, 'z'))
        return pos == text.size();
    if (!expect(text, pos, '+') && !expect(text, pos, '-'))
        return false;
    int offsetHour = readNumber(text, pos, 2);
    if (offsetHour < 0 || offsetHour > 23 || !expect(text, pos, ':'))
        return false;
    int offsetMinute = readNumber(text, pos, 2);
    return offsetMinute >= 0 && offsetMinute <= 59 && pos == text.size();
}

bool isVariableName(std::string_view name)
{
    if (name.empty() || name.size() > 80)
        return false;
    for (size_t i = 0; i < name.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(name[i]);
        bool letter = std::isalpha(c) || c == '_';
        // asl-validator accepts hyphens ("top-level"); so do we until AWS says otherwise.
        if (!letter && !(i > 0 && (std::isdigit(c) || c == '-')))
            return false;
    }
    return true;
}

bool isJsonataExpression(std::string_view text)
{
    return text.size() >= 4 && text.substr(0, 2) == "{%" && text.substr(text.size() - 2) == "%}";
}

std::string_view jsonataBody(std::string_view text)
{
    if (!isJsonataExpression(text))
        return {};
    return text.substr(2, text.size() - 4);
}

size_t utf8Length(std::string_view text)
{
    size_t count = 0;
    for (char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++count;
    }
    return count;
}

std::optional<std::string> labelProblem(std::string_view label)
{
    if (utf8Length(label) > 40)
        return std::string("Label cannot exceed 40 characters");
    static constexpr std::string_view reserved = " <>{}[]?*\"#%\\^|~`$&,;:/";
    for (size_t i = 0; i < label.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(label[i]);
        bool control = c < 0x20 || c == 0x7F;
        // U+0080..U+009F arrive as C2 80..C2 9F in UTF-8.
        bool c1Control = c == 0xC2 && i + 1 < label.size()
                         && static_cast<unsigned char>(label[i + 1]) >= 0x80
                         && static_cast<unsigned char>(label[i + 1]) <= 0x9F;
        if (control || c1Control || reserved.find(char(c)) != std::string_view::npos) {
            std::string shown = control || c1Control ? "a control character"
                                                     : "'" + std::string(1, char(c)) + "'";
            return "Label contains invalid character: " + shown;
        }
    }
    return std::nullopt;
}

std::optional<ExpressionSyntax::SyntaxError> basicPathProblem(std::string_view path,
                                                              ExpressionSyntax::PathKind kind)
{
    const bool reference = kind == ExpressionSyntax::PathKind::ReferencePath;
    if (path.empty() || path[0] != '$')
        return syntaxError("a path starts with '$'", 0);
    size_t pos = 1;
    if (pos < path.size() && path[pos] == '$') {
        ++pos; // $$: the context object
    } else {
        // $name: a variable
        while (pos < path.size()
               && (std::isalnum(static_cast<unsigned char>(path[pos])) || path[pos] == '_'))
            ++pos;
    }
    while (pos < path.size()) {
        char c = path[pos];
        if (c == '.') {
            ++pos;
            if (pos < path.size() && path[pos] == '.') {
                if (reference)
                    return syntaxError("a reference path cannot use '..'", pos - 1);
                ++pos;
            }
            if (pos < path.size() && path[pos] == '*') {
                if (reference)
                    return syntaxError("a reference path cannot use '*'", pos);
                ++pos;
                continue;
            }
            if (pos < path.size() && path[pos] == '[')
                continue; // "$.[0]": Jayway reads it as "$[0]"
            size_t start = pos;
            while (pos < path.size() && path[pos] != '.' && path[pos] != '[')
                ++pos;
            if (pos == start)
                return syntaxError("expected a field name after '.'", pos);
            continue;
        }
        if (c == '[') {
            size_t start = pos++;
            char quote = 0;
            int depth = 1;
            while (pos < path.size() && depth > 0) {
                char d = path[pos];
                if (quote) {
                    if (d == '\\')
                        ++pos;
                    else if (d == quote)
                        quote = 0;
                } else if (d == '\'' || d == '"') {
                    quote = d;
                } else if (d == '[') {
                    ++depth;
                } else if (d == ']') {
                    --depth;
                }
                ++pos;
            }
            if (depth > 0)
                return syntaxError("unclosed '['", start);
            std::string_view inside = path.substr(start + 1, pos - start - 2);
            if (inside.empty())
                return syntaxError("empty brackets", start);
            if (reference) {
                bool quotedName = inside.size() >= 2
                                  && (inside.front() == '\'' || inside.front() == '"')
                                  && inside.back() == inside.front();
                bool index = true;
                for (size_t i = 0; i < inside.size(); ++i) {
                    if (!isDigit(inside[i]) && !(i == 0 && inside[i] == '-'))
                        index = false;
                }
                if (!quotedName && !index)
                    return syntaxError("a reference path selects one node: only names and "
                                       "indexes in brackets",
                                       start);
            }
            continue;
        }
        return syntaxError(std::string("unexpected '") + c + "'", pos);
    }
    return std::nullopt;
}

bool isKnownIntrinsic(std::string_view name)
{
    for (std::string_view known : intrinsicNames) {
        if (known == name)
            return true;
    }
    return false;
}

std::optional<ExpressionSyntax::SyntaxError> basicIntrinsicProblem(std::string_view call)
{
    size_t open = call.find('(');
    if (open == std::string_view::npos)
        return syntaxError("expected '(' after the function name", call.size());
    std::string_view name = call.substr(0, open);
    while (!name.empty() && name.back() == ' ')
        name.remove_suffix(1);
    if (!isKnownIntrinsic(name))
        return syntaxError("unknown intrinsic function '" + std::string(name) + "'", 0);
    int depth = 0;
    bool inString = false;
    size_t end = std::string_view::npos;
    for (size_t pos = open; pos < call.size(); ++pos) {
        char c = call[pos];
        if (inString) {
            if (c == '\\') {
                // Only \' \{ \} and \\ are escapes inside an intrinsic's string.
                char next = pos + 1 < call.size() ? call[pos + 1] : '\0';
                if (next != '\'' && next != '{' && next != '}' && next != '\\')
                    return syntaxError("invalid escape sequence in a string argument", pos);
                ++pos;
            } else if (c == '\'') {
                inString = false;
            }
            continue;
        }
        if (c == '\'') {
            inString = true;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')') {
            if (--depth == 0) {
                end = pos;
                break;
            }
        }
    }
    if (inString)
        return syntaxError("unterminated string argument", call.size());
    if (end == std::string_view::npos)
        return syntaxError("expected ')'", call.size());
    for (size_t pos = end + 1; pos < call.size(); ++pos) {
        if (call[pos] != ' ')
            return syntaxError("unexpected text after the call", pos);
    }
    return std::nullopt;
}

} // namespace Stepwise::Model
