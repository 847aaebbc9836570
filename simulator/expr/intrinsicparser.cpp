#include "simulator/expr/intrinsicparser.h"
#include "simulator/expr/numberscan.h"

#include <cctype>
#include <charconv>
#include <cstdlib>

namespace Stepwise::Sim::Detail {

namespace {

constexpr int maxDepth = 64;

struct FunctionInfo
{
    std::string_view name;
    IntrinsicFunction function;
    int minArgs;
    int maxArgs; // -1: any
    // What each argument must be, as the function checks it when it runs: n number,
    // s string, b boolean, a array, o object, * anything. A literal of another kind can
    // never succeed (literals are strings, numbers, booleans and null: never an array or
    // object), so it is refused when the definition is checked, as AWS refuses it.
    std::string_view argKinds;
};

constexpr FunctionInfo functions[] = {
    {"States.Format", IntrinsicFunction::Format, 1, -1, "s"},
    {"States.StringToJson", IntrinsicFunction::StringToJson, 1, 1, "s"},
    {"States.JsonToString", IntrinsicFunction::JsonToString, 1, 1, "*"},
    {"States.Array", IntrinsicFunction::Array, 0, -1, ""},
    {"States.ArrayPartition", IntrinsicFunction::ArrayPartition, 2, 2, "an"},
    {"States.ArrayContains", IntrinsicFunction::ArrayContains, 2, 2, "a*"},
    {"States.ArrayRange", IntrinsicFunction::ArrayRange, 3, 3, "nnn"},
    {"States.ArrayGetItem", IntrinsicFunction::ArrayGetItem, 2, 2, "an"},
    {"States.ArrayLength", IntrinsicFunction::ArrayLength, 1, 1, "a"},
    {"States.ArrayUnique", IntrinsicFunction::ArrayUnique, 1, 1, "a"},
    {"States.Base64Encode", IntrinsicFunction::Base64Encode, 1, 1, "s"},
    {"States.Base64Decode", IntrinsicFunction::Base64Decode, 1, 1, "s"},
    {"States.Hash", IntrinsicFunction::Hash, 2, 2, "ss"},
    {"States.JsonMerge", IntrinsicFunction::JsonMerge, 3, 3, "oob"},
    {"States.MathRandom", IntrinsicFunction::MathRandom, 2, 3, "nnn"},
    {"States.MathAdd", IntrinsicFunction::MathAdd, 2, 2, "nn"},
    {"States.StringSplit", IntrinsicFunction::StringSplit, 2, 2, "ss"},
    {"States.UUID", IntrinsicFunction::UUID, 0, 0, ""},
};

class Parser
{
  public:
    explicit Parser(std::string_view text)
        : m_text(text)
    {}

    std::shared_ptr<const IntrinsicAst> parseWhole(ParseError &error)
    {
        skipSpaces();
        auto call = parseCall(0);
        if (call) {
            skipSpaces();
            if (!atEnd())
                fail("Unexpected text after the function call");
        }
        if (m_failed) {
            error = m_error;
            return nullptr;
        }
        return call;
    }

  private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek(size_t ahead = 0) const
    {
        return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
    }
    void skipSpaces()
    {
        while (!atEnd() && std::isspace(static_cast<unsigned char>(peek())))
            ++m_pos;
    }
    void fail(std::string message) { failAt(std::move(message), m_pos); }
    void failAt(std::string message, size_t offset)
    {
        if (m_failed)
            return;
        m_failed = true;
        m_error.message = std::move(message);
        m_error.offset = static_cast<int>(std::min(offset, m_text.size()));
    }

    std::shared_ptr<IntrinsicAst> parseCall(int depth)
    {
        if (depth > maxDepth) {
            fail("Function calls nested too deeply");
            return nullptr;
        }
        const size_t start = m_pos;
        while (
            !atEnd()
            && (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '.' || peek() == '_'))
            ++m_pos;
        const std::string_view name = m_text.substr(start, m_pos - start);
        const FunctionInfo *info = nullptr;
        for (const FunctionInfo &candidate : functions) {
            if (candidate.name == name)
                info = &candidate;
        }
        if (!info) {
            failAt(name.empty() ? "Expected an intrinsic function such as States.Format"
                                : "Unknown intrinsic function '" + std::string(name) + "'",
                   start);
            return nullptr;
        }
        skipSpaces();
        if (peek() != '(') {
            fail("Expected '(' after " + std::string(name));
            return nullptr;
        }
        ++m_pos;
        auto ast = std::make_shared<IntrinsicAst>();
        ast->name = std::string(name);
        ast->function = info->function;
        skipSpaces();
        if (peek() == ')') {
            ++m_pos;
        } else {
            while (true) {
                skipSpaces();
                auto arg = parseArg(depth);
                if (m_failed)
                    return nullptr;
                ast->args.push_back(std::move(arg));
                skipSpaces();
                if (peek() == ',') {
                    ++m_pos;
                    continue;
                }
                if (peek() == ')') {
                    ++m_pos;
                    break;
                }
                fail(atEnd() ? "Missing ')' to close " + ast->name
                             : "Expected ',' or ')' in the arguments of " + ast->name);
                return nullptr;
            }
        }
        const int count = static_cast<int>(ast->args.size());
        if (count < info->minArgs || (info->maxArgs >= 0 && count > info->maxArgs)) {
            std::string expected
                = info->maxArgs < 0 ? "at least " + std::to_string(info->minArgs)
                  : info->minArgs == info->maxArgs
                      ? std::to_string(info->minArgs)
                      : std::to_string(info->minArgs) + " to " + std::to_string(info->maxArgs);
            failAt(ast->name + " takes " + expected + " argument(s), got " + std::to_string(count),
                   start);
            return nullptr;
        }
        ast->text = std::string(m_text.substr(start, m_pos - start));
        return ast;
    }

    IntrinsicArg parseArg(int depth)
    {
        IntrinsicArg arg;
        arg.offset = static_cast<int>(m_pos);
        const char c = peek();
        if (c == '\'') {
            parseString(arg);
        } else if (c == '$') {
            parsePathArg(arg);
        } else if (m_text.substr(m_pos, 7) == "States.") {
            arg.kind = IntrinsicArg::Kind::Call;
            arg.call = parseCall(depth + 1);
        } else if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
            parseNumber(arg);
        } else if (matchWord("true")) {
            arg.literal = true;
        } else if (matchWord("false")) {
            arg.literal = false;
        } else if (matchWord("null")) {
            arg.literal = nullptr;
        } else {
            fail(atEnd() ? "Missing argument" : "Invalid argument");
        }
        return arg;
    }

    bool matchWord(std::string_view word)
    {
        if (m_text.substr(m_pos, word.size()) != word)
            return false;
        const char after = peek(word.size());
        if (std::isalnum(static_cast<unsigned char>(after)) || after == '_')
            return false;
        m_pos += word.size();
        return true;
    }

    // '...' with the escapes \' \{ \} \\ (but not \", which AWS rejects); an unescaped "{}" is a
    // States.Format placeholder.
    void parseString(IntrinsicArg &arg)
    {
        const size_t start = m_pos;
        ++m_pos;
        std::string value;
        std::string piece;
        arg.formatPieces.clear();
        while (!atEnd() && peek() != '\'') {
            const char c = peek();
            if (c == '\\') {
                if (m_pos + 1 >= m_text.size())
                    break;
                const char next = peek(1);
                // AWS rejects an escaped double quote in an intrinsic's string argument.
                if (next == '"') {
                    failAt("'\\\"' is not a valid escape in an intrinsic string", m_pos);
                    return;
                }
                value += next;
                piece += next;
                m_pos += 2;
                continue;
            }
            if (c == '{' && peek(1) == '}') {
                value += "{}";
                arg.formatPieces.push_back(std::move(piece));
                piece.clear();
                m_pos += 2;
                continue;
            }
            value += c;
            piece += c;
            ++m_pos;
        }
        if (peek() != '\'') {
            failAt("Unterminated string", start);
            return;
        }
        ++m_pos;
        arg.formatPieces.push_back(std::move(piece));
        arg.kind = IntrinsicArg::Kind::Literal;
        arg.literal = std::move(value);
    }

    void parsePathArg(IntrinsicArg &arg)
    {
        const size_t start = m_pos;
        int nesting = 0;
        char quote = 0;
        while (!atEnd()) {
            const char c = peek();
            if (quote) {
                if (c == '\\')
                    ++m_pos;
                else if (c == quote)
                    quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                ++nesting;
            } else if (c == ']' || c == ')') {
                if (nesting == 0)
                    break;
                --nesting;
            } else if (c == ',' && nesting == 0) {
                break;
            }
            ++m_pos;
        }
        size_t end = std::min(m_pos, m_text.size());
        while (end > start && std::isspace(static_cast<unsigned char>(m_text[end - 1])))
            --end;
        auto path = JsonPath::parse(m_text.substr(start, end - start));
        if (!path) {
            failAt("Invalid path argument: " + path.error().message,
                   start + static_cast<size_t>(std::max(0, path.error().location.offset)));
            return;
        }
        arg.kind = IntrinsicArg::Kind::Path;
        arg.path = std::move(path.value());
    }

    void parseNumber(IntrinsicArg &arg)
    {
        const size_t start = m_pos;
        bool isFloat = false;
        m_pos = scanNumber(m_text, m_pos, isFloat);
        const std::string number(m_text.substr(start, m_pos - start));
        if (!isFloat) {
            long long value = 0;
            const auto [ptr, ec]
                = std::from_chars(number.data(), number.data() + number.size(), value);
            if (ec == std::errc() && ptr == number.data() + number.size()) {
                arg.literal = value;
                return;
            }
        }
        char *end = nullptr;
        const double value = std::strtod(number.c_str(), &end);
        if (number.empty() || end != number.c_str() + number.size()) {
            failAt("Invalid number", start);
            return;
        }
        arg.literal = value;
    }

    std::string_view m_text;
    size_t m_pos = 0;
    bool m_failed = false;
    ParseError m_error;
};

} // namespace

std::shared_ptr<const IntrinsicAst> parseIntrinsic(std::string_view text, ParseError &error)
{
    Parser parser(text);
    return parser.parseWhole(error);
}

namespace {

const char *kindName(char kind)
{
    switch (kind) {
    case 'n':
        return "a number";
    case 's':
        return "a string";
    case 'b':
        return "a boolean";
    case 'a':
        return "an array";
    case 'o':
        return "an object";
    }
    return "a value";
}

bool literalIs(const Json &literal, char kind)
{
    switch (kind) {
    case 'n':
        return literal.is_number();
    case 's':
        return literal.is_string();
    case 'b':
        return literal.is_boolean();
    case 'a':
    case 'o':
        return false; // there are no array or object literals
    }
    return true;
}

} // namespace

std::optional<ParseError> checkLiteralArguments(const IntrinsicAst &ast)
{
    std::string_view kinds;
    for (const FunctionInfo &info : functions) {
        if (info.function == ast.function)
            kinds = info.argKinds;
    }
    for (size_t i = 0; i < ast.args.size(); ++i) {
        const IntrinsicArg &arg = ast.args[i];
        if (arg.kind == IntrinsicArg::Kind::Call && arg.call) {
            if (auto problem = checkLiteralArguments(*arg.call))
                return problem;
        }
        if (arg.kind != IntrinsicArg::Kind::Literal || i >= kinds.size()
            || literalIs(arg.literal, kinds[i]))
            continue;
        return ParseError{"Argument " + std::to_string(i + 1) + " of " + ast.name + " must be "
                              + kindName(kinds[i]) + ", not the literal " + arg.literal.dump(),
                          arg.offset};
    }
    return std::nullopt;
}

} // namespace Stepwise::Sim::Detail
