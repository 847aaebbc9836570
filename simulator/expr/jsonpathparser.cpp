#include "simulator/expr/jsonpathparser.h"
#include "simulator/expr/numberscan.h"

#include <QString>

#include <cctype>
#include <charconv>
#include <limits>

namespace Stepwise::Sim::Detail {

namespace {

// Nesting limit for filters and literals: deep input must fail cleanly, not overflow the stack.
constexpr int maxDepth = 64;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isIdentStart(char c)
{
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}

bool isIdentChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

class Parser
{
  public:
    explicit Parser(std::string_view text)
        : m_text(text)
    {}

    std::shared_ptr<const PathAst> parseWhole(ParseError &error)
    {
        auto ast = parsePath(false);
        // Jayway trims the path: trailing blanks (as in '$$.Execution.Name ') are accepted.
        const size_t end = m_pos;
        skipSpaces();
        if (!atEnd())
            m_pos = end;
        if (ast && m_pos != m_text.size())
            fail("Unexpected character '" + std::string(1, m_text[m_pos]) + "'");
        if (m_failed) {
            error = m_error;
            return nullptr;
        }
        auto result = std::make_shared<PathAst>(std::move(*ast));
        result->text = std::string(m_text);
        return result;
    }

  private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek(size_t ahead = 0) const
    {
        return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
    }
    void skipSpaces()
    {
        while (!atEnd() && isSpace(m_text[m_pos]))
            ++m_pos;
    }
    bool consume(char c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    bool consume(std::string_view word)
    {
        if (m_text.substr(m_pos, word.size()) != word)
            return false;
        m_pos += word.size();
        return true;
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
    std::string describeHere() const
    {
        return atEnd() ? std::string("end of path") : "'" + std::string(1, peek()) + "'";
    }

    // A path from its root; inFilter: "@" is allowed and operators end a dot-notation name.
    std::optional<PathAst> parsePath(bool inFilter)
    {
        PathAst ast;
        if (consume('@')) {
            if (!inFilter) {
                failAt("'@' is only allowed inside a filter", m_pos - 1);
                return std::nullopt;
            }
            ast.root = RootKind::Current;
        } else if (consume('$')) {
            if (consume('$')) {
                ast.root = RootKind::Context;
            } else if (isIdentStart(peek())) {
                ast.root = RootKind::Variable;
                const size_t start = m_pos;
                while (isIdentChar(peek()))
                    ++m_pos;
                ast.variable = std::string(m_text.substr(start, m_pos - start));
            }
        } else {
            fail(atEnd() ? "A path must start with '$'"
                         : "A path must start with '$', found " + describeHere());
            return std::nullopt;
        }
        while (!m_failed && !atEnd()) {
            const char c = peek();
            if (c == '.') {
                if (!parseDotStep(ast, inFilter))
                    break;
            } else if (c == '[') {
                if (!parseBracketStep(ast))
                    break;
            } else {
                break;
            }
        }
        if (m_failed)
            return std::nullopt;
        for (const PathStep &step : ast.steps) {
            using K = PathStep::Kind;
            if (step.kind != K::Property && step.kind != K::Index && step.kind != K::Length)
                ast.definite = false;
            if (step.kind != K::Property && step.kind != K::Index)
                ast.referenceOnly = false;
        }
        return ast;
    }

    bool parseDotStep(PathAst &ast, bool inFilter)
    {
        const size_t dot = m_pos;
        ++m_pos;
        if (consume('.')) {
            PathStep scan;
            scan.kind = PathStep::Kind::DeepScan;
            ast.steps.push_back(std::move(scan));
            if (peek() == '[')
                return parseBracketStep(ast);
            if (peek() == '.') {
                fail("Unexpected '.' after '..'");
                return false;
            }
        } else if (peek() == '[') {
            // Jayway accepts a dot before a bracket: "$.[0]" is "$[0]".
            return parseBracketStep(ast);
        }
        if (consume('*')) {
            PathStep step;
            step.kind = PathStep::Kind::Wildcard;
            ast.steps.push_back(std::move(step));
            return true;
        }
        const size_t start = m_pos;
        while (!atEnd()) {
            const char c = peek();
            if (c == '.' || c == '[' || c == '(' || c == ')' || isSpace(c) || c == ']' || c == '\''
                || c == '"')
                break;
            if (inFilter
                && (c == '=' || c == '!' || c == '<' || c == '>' || c == '&' || c == '|'
                    || c == ','))
                break;
            ++m_pos;
        }
        if (m_pos == start) {
            failAt(atEnd() ? "A path must not end with '.'"
                           : "Expected a property name after '.', found " + describeHere(),
                   atEnd() ? dot : m_pos);
            return false;
        }
        std::string name(m_text.substr(start, m_pos - start));
        if (peek() == '(') {
            if (name != "length" || !consume("()")) {
                failAt("Unsupported function '" + name + "' (only length() is available)", start);
                return false;
            }
            PathStep step;
            step.kind = PathStep::Kind::Length;
            ast.steps.push_back(std::move(step));
            if (!atEnd() && (peek() == '.' || peek() == '[')) {
                fail("A function must be the last step of a path");
                return false;
            }
            return true;
        }
        PathStep step;
        step.kind = PathStep::Kind::Property;
        step.names.push_back(std::move(name));
        ast.steps.push_back(std::move(step));
        return true;
    }

    std::optional<unsigned> readHex4(size_t at) const
    {
        if (at + 4 > m_text.size())
            return std::nullopt;
        unsigned value = 0;
        for (size_t i = at; i < at + 4; ++i) {
            const char c = m_text[i];
            value <<= 4;
            if (c >= '0' && c <= '9')
                value |= unsigned(c - '0');
            else if (c >= 'a' && c <= 'f')
                value |= unsigned(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                value |= unsigned(c - 'A' + 10);
            else
                return std::nullopt;
        }
        return value;
    }

    // At the 'u' of "\uXXXX" (followed by a second "\uXXXX" for a surrogate pair): appends the
    // code point as UTF-8 and moves past the escape.
    bool appendUnicodeEscape(std::string &out)
    {
        const size_t start = m_pos - 1;
        auto unit = readHex4(m_pos + 1);
        if (!unit) {
            failAt("Invalid \\u escape", start);
            return false;
        }
        m_pos += 5;
        unsigned codePoint = *unit;
        if (codePoint >= 0xD800 && codePoint <= 0xDBFF) {
            const auto low = peek() == '\\' && peek(1) == 'u' ? readHex4(m_pos + 2) : std::nullopt;
            if (!low || *low < 0xDC00 || *low > 0xDFFF) {
                failAt("Unpaired surrogate in \\u escape", start);
                return false;
            }
            codePoint = 0x10000 + ((codePoint - 0xD800) << 10) + (*low - 0xDC00);
            m_pos += 6;
        } else if (codePoint >= 0xDC00 && codePoint <= 0xDFFF) {
            failAt("Unpaired surrogate in \\u escape", start);
            return false;
        }
        if (codePoint < 0x80) {
            out += char(codePoint);
        } else if (codePoint < 0x800) {
            out += char(0xC0 | (codePoint >> 6));
            out += char(0x80 | (codePoint & 0x3F));
        } else if (codePoint < 0x10000) {
            out += char(0xE0 | (codePoint >> 12));
            out += char(0x80 | ((codePoint >> 6) & 0x3F));
            out += char(0x80 | (codePoint & 0x3F));
        } else {
            out += char(0xF0 | (codePoint >> 18));
            out += char(0x80 | ((codePoint >> 12) & 0x3F));
            out += char(0x80 | ((codePoint >> 6) & 0x3F));
            out += char(0x80 | (codePoint & 0x3F));
        }
        return true;
    }

    // `nameInBracket`: AWS keeps the backslash of an escaped quote that is not the name's own
    // delimiter (in ['a\"b'] the key is a\"b), as recorded executions show.
    std::optional<std::string> parseQuoted(bool nameInBracket = false)
    {
        const char quote = peek();
        const size_t start = m_pos;
        ++m_pos;
        std::string value;
        while (!atEnd() && peek() != quote) {
            char c = peek();
            if (c == '\\') {
                ++m_pos;
                if (atEnd())
                    break;
                c = peek();
                if (nameInBracket && (c == '"' || c == '\'') && c != quote) {
                    value += '\\';
                    value += c;
                    ++m_pos;
                    continue;
                }
                switch (c) {
                case 'n':
                    value += '\n';
                    break;
                case 't':
                    value += '\t';
                    break;
                case 'r':
                    value += '\r';
                    break;
                case 'b':
                    value += '\b';
                    break;
                case 'f':
                    value += '\f';
                    break;
                case 'u':
                    if (!appendUnicodeEscape(value))
                        return std::nullopt;
                    continue;
                default:
                    value += c;
                    break;
                }
                ++m_pos;
                continue;
            }
            value += c;
            ++m_pos;
        }
        if (!consume(quote)) {
            failAt("Unterminated string", start);
            return std::nullopt;
        }
        return value;
    }

    std::optional<long long> parseInteger()
    {
        const size_t start = m_pos;
        if (peek() == '-')
            ++m_pos;
        while (std::isdigit(static_cast<unsigned char>(peek())))
            ++m_pos;
        long long value = 0;
        const auto [ptr, ec] = std::from_chars(m_text.data() + start, m_text.data() + m_pos, value);
        if (ec == std::errc::result_out_of_range) {
            failAt("Index out of range", start);
            return std::nullopt;
        }
        if (ec != std::errc() || ptr != m_text.data() + m_pos) {
            failAt("Expected an integer, found " + describeHere(), start);
            return std::nullopt;
        }
        return value;
    }

    bool expectClose()
    {
        skipSpaces();
        if (!consume(']')) {
            fail("Expected ']', found " + describeHere());
            return false;
        }
        return true;
    }

    bool parseBracketStep(PathAst &ast)
    {
        ++m_pos; // '['
        skipSpaces();
        PathStep step;
        const char c = peek();
        if (c == '\'' || c == '"') {
            while (true) {
                auto name = parseQuoted(true);
                if (!name)
                    return false;
                step.names.push_back(std::move(*name));
                skipSpaces();
                if (!consume(','))
                    break;
                skipSpaces();
                if (peek() != '\'' && peek() != '"') {
                    fail("Expected a quoted property name, found " + describeHere());
                    return false;
                }
            }
            step.kind
                = step.names.size() == 1 ? PathStep::Kind::Property : PathStep::Kind::Properties;
        } else if (c == '*') {
            ++m_pos;
            step.kind = PathStep::Kind::Wildcard;
        } else if (c == '?') {
            ++m_pos;
            skipSpaces();
            if (!consume('(')) {
                fail("Expected '(' after '?', found " + describeHere());
                return false;
            }
            auto filter = parseOr(0);
            if (!filter)
                return false;
            skipSpaces();
            if (!consume(')')) {
                fail("Expected ')' to close the filter, found " + describeHere());
                return false;
            }
            step.kind = PathStep::Kind::Filter;
            step.filter = std::move(filter);
        } else if (c == '-' || c == ':' || std::isdigit(static_cast<unsigned char>(c))) {
            if (!parseIndexOrSlice(step))
                return false;
        } else if (c == '(') {
            if (!parseScriptIndex(step))
                return false;
        } else {
            fail(atEnd()
                     ? "Unterminated '['"
                     : "Expected a property name, index, '*' or filter, found " + describeHere());
            return false;
        }
        if (!expectClose())
            return false;
        ast.steps.push_back(std::move(step));
        return true;
    }

    // Jayway's script index "(@.length-N)": the N-th element from the end, i.e. index -N.
    // Only this form is found in real definitions; other scripts are rejected.
    bool parseScriptIndex(PathStep &step)
    {
        const size_t start = m_pos;
        ++m_pos; // '('
        skipSpaces();
        if (!consume("@.length")) {
            failAt("Unsupported script index (only (@.length-N) is available)", start);
            return false;
        }
        skipSpaces();
        if (!consume('-')) {
            failAt("Unsupported script index (only (@.length-N) is available)", start);
            return false;
        }
        skipSpaces();
        if (!std::isdigit(static_cast<unsigned char>(peek()))) {
            fail("Expected an integer, found " + describeHere());
            return false;
        }
        auto offset = parseInteger();
        if (!offset)
            return false;
        skipSpaces();
        if (!consume(')')) {
            fail("Expected ')' to close the script index, found " + describeHere());
            return false;
        }
        if (*offset == 0) {
            // "@.length" itself is one past the last element: it selects nothing.
            failAt("A script index (@.length-N) needs N > 0", start);
            return false;
        }
        step.kind = PathStep::Kind::Index;
        step.indexes.push_back(-*offset);
        return true;
    }

    bool parseIndexOrSlice(PathStep &step)
    {
        std::optional<long long> first;
        if (peek() != ':') {
            first = parseInteger();
            if (!first)
                return false;
            skipSpaces();
        }
        if (consume(':')) {
            step.kind = PathStep::Kind::Slice;
            step.from = first;
            skipSpaces();
            if (peek() == '-' || std::isdigit(static_cast<unsigned char>(peek()))) {
                auto to = parseInteger();
                if (!to)
                    return false;
                step.to = to;
                skipSpaces();
            }
            if (consume(':')) {
                skipSpaces();
                if (peek() == '-' || std::isdigit(static_cast<unsigned char>(peek()))) {
                    if (!parseInteger())
                        return false;
                }
            }
            return true;
        }
        step.indexes.push_back(*first);
        while (consume(',')) {
            skipSpaces();
            auto next = parseInteger();
            if (!next)
                return false;
            step.indexes.push_back(*next);
            skipSpaces();
        }
        step.kind = step.indexes.size() == 1 ? PathStep::Kind::Index : PathStep::Kind::Indexes;
        return true;
    }

    // ---- filters ----
    using NodePtr = std::shared_ptr<FilterNode>;

    bool enter(int depth)
    {
        if (depth > maxDepth) {
            fail("Expression nested too deeply");
            return false;
        }
        return true;
    }

    NodePtr parseOr(int depth)
    {
        if (!enter(depth))
            return nullptr;
        auto left = parseAnd(depth + 1);
        while (left) {
            skipSpaces();
            if (!consume("||"))
                break;
            auto right = parseAnd(depth + 1);
            if (!right)
                return nullptr;
            auto node = std::make_shared<FilterNode>();
            node->kind = FilterNode::Kind::Or;
            node->children = {left, right};
            left = node;
        }
        return left;
    }

    NodePtr parseAnd(int depth)
    {
        auto left = parseUnary(depth + 1);
        while (left) {
            skipSpaces();
            if (!consume("&&"))
                break;
            auto right = parseUnary(depth + 1);
            if (!right)
                return nullptr;
            auto node = std::make_shared<FilterNode>();
            node->kind = FilterNode::Kind::And;
            node->children = {left, right};
            left = node;
        }
        return left;
    }

    NodePtr parseUnary(int depth)
    {
        if (!enter(depth))
            return nullptr;
        skipSpaces();
        if (peek() == '!' && peek(1) != '=') {
            ++m_pos;
            auto inner = parseUnary(depth + 1);
            if (!inner)
                return nullptr;
            auto node = std::make_shared<FilterNode>();
            node->kind = FilterNode::Kind::Not;
            node->children = {inner};
            return node;
        }
        if (peek() == '(') {
            ++m_pos;
            auto inner = parseOr(depth + 1);
            if (!inner)
                return nullptr;
            skipSpaces();
            if (!consume(')')) {
                fail("Expected ')', found " + describeHere());
                return nullptr;
            }
            return inner;
        }
        return parseComparison(depth + 1);
    }

    std::optional<FilterNode::Op> parseOperator()
    {
        using Op = FilterNode::Op;
        static const std::pair<std::string_view, Op> ops[] = {
            {"==", Op::Eq},       {"!=", Op::Ne},
            {"<=", Op::Le},       {">=", Op::Ge},
            {"=~", Op::Match},    {"<", Op::Lt},
            {">", Op::Gt},        {"subsetof", Op::SubsetOf},
            {"anyof", Op::AnyOf}, {"noneof", Op::NoneOf},
            {"nin", Op::Nin},     {"in", Op::In},
            {"size", Op::Size},   {"empty", Op::Empty},
        };
        for (const auto &[text, op] : ops) {
            if (m_text.substr(m_pos, text.size()) == text) {
                const bool word = std::isalpha(static_cast<unsigned char>(text[0]));
                if (word && isIdentChar(peek(text.size())))
                    continue;
                m_pos += text.size();
                return op;
            }
        }
        return std::nullopt;
    }

    NodePtr parseComparison(int depth)
    {
        skipSpaces();
        const size_t start = m_pos;
        auto lhs = parseOperand(depth);
        if (!lhs)
            return nullptr;
        skipSpaces();
        auto node = std::make_shared<FilterNode>();
        const auto op = parseOperator();
        if (!op) {
            if (lhs->kind != FilterOperand::Kind::Path) {
                failAt("A filter needs a path or a comparison", start);
                return nullptr;
            }
            node->kind = FilterNode::Kind::Exists;
            node->lhs = std::move(*lhs);
            return node;
        }
        skipSpaces();
        auto rhs = parseOperand(depth);
        if (!rhs)
            return nullptr;
        if (*op == FilterNode::Op::Match && rhs->kind != FilterOperand::Kind::Regex) {
            failAt("'=~' needs a /regular expression/", start);
            return nullptr;
        }
        node->kind = FilterNode::Kind::Compare;
        node->op = *op;
        node->lhs = std::move(*lhs);
        node->rhs = std::move(*rhs);
        return node;
    }

    std::optional<FilterOperand> parseOperand(int depth)
    {
        if (!enter(depth))
            return std::nullopt;
        skipSpaces();
        FilterOperand operand;
        const char c = peek();
        if (c == '@' || c == '$') {
            auto path = parsePath(true);
            if (!path)
                return std::nullopt;
            operand.kind = FilterOperand::Kind::Path;
            operand.path = std::make_shared<PathAst>(std::move(*path));
            return operand;
        }
        if (c == '/') {
            return parseRegex();
        }
        auto literal = parseLiteral(depth + 1);
        if (!literal)
            return std::nullopt;
        operand.literal = std::move(*literal);
        return operand;
    }

    std::optional<FilterOperand> parseRegex()
    {
        const size_t start = m_pos;
        ++m_pos;
        std::string pattern;
        while (!atEnd() && peek() != '/') {
            if (peek() == '\\' && peek(1) == '/') {
                pattern += '/';
                m_pos += 2;
                continue;
            }
            pattern += peek();
            ++m_pos;
        }
        if (!consume('/')) {
            failAt("Unterminated regular expression", start);
            return std::nullopt;
        }
        QRegularExpression::PatternOptions options;
        while (std::isalpha(static_cast<unsigned char>(peek()))) {
            switch (peek()) {
            case 'i':
                options |= QRegularExpression::CaseInsensitiveOption;
                break;
            case 'm':
                options |= QRegularExpression::MultilineOption;
                break;
            case 's':
                options |= QRegularExpression::DotMatchesEverythingOption;
                break;
            case 'x':
                options |= QRegularExpression::ExtendedPatternSyntaxOption;
                break;
            default:
                fail("Unknown regular expression flag");
                return std::nullopt;
            }
            ++m_pos;
        }
        FilterOperand operand;
        operand.kind = FilterOperand::Kind::Regex;
        // Java's Matcher.matches(): the whole string must match.
        operand.regex = QRegularExpression(
            QRegularExpression::anchoredPattern(QString::fromStdString(pattern)), options);
        if (!operand.regex.isValid()) {
            failAt("Invalid regular expression: " + operand.regex.errorString().toStdString(),
                   start);
            return std::nullopt;
        }
        return operand;
    }

    std::optional<Json> parseLiteral(int depth)
    {
        if (!enter(depth))
            return std::nullopt;
        skipSpaces();
        const char c = peek();
        if (c == '\'' || c == '"') {
            auto text = parseQuoted();
            if (!text)
                return std::nullopt;
            return Json(std::move(*text));
        }
        if (c == '-' || std::isdigit(static_cast<unsigned char>(c)))
            return parseNumber();
        if (isIdentStart(c)) {
            const size_t start = m_pos;
            while (isIdentChar(peek()) || peek() == '-')
                ++m_pos;
            const std::string word(m_text.substr(start, m_pos - start));
            if (word == "true")
                return Json(true);
            if (word == "false")
                return Json(false);
            if (word == "null")
                return Json(nullptr);
            // Jayway reads any other unquoted word in a filter as a string:
            // [?(@.Name==Receipt)].
            return Json(word);
        }
        if (c == '[') {
            ++m_pos;
            Json array = Json::array();
            skipSpaces();
            if (consume(']'))
                return array;
            while (true) {
                auto item = parseLiteral(depth + 1);
                if (!item)
                    return std::nullopt;
                array.push_back(std::move(*item));
                skipSpaces();
                if (consume(']'))
                    return array;
                if (!consume(',')) {
                    fail("Expected ',' or ']', found " + describeHere());
                    return std::nullopt;
                }
            }
        }
        if (c == '{') {
            ++m_pos;
            Json object = Json::object();
            skipSpaces();
            if (consume('}'))
                return object;
            while (true) {
                skipSpaces();
                if (peek() != '\'' && peek() != '"') {
                    fail("Expected a quoted key, found " + describeHere());
                    return std::nullopt;
                }
                auto key = parseQuoted();
                if (!key)
                    return std::nullopt;
                skipSpaces();
                if (!consume(':')) {
                    fail("Expected ':', found " + describeHere());
                    return std::nullopt;
                }
                auto value = parseLiteral(depth + 1);
                if (!value)
                    return std::nullopt;
                object[*key] = std::move(*value);
                skipSpaces();
                if (consume('}'))
                    return object;
                if (!consume(',')) {
                    fail("Expected ',' or '}', found " + describeHere());
                    return std::nullopt;
                }
            }
        }
        fail("Expected a value, found " + describeHere());
        return std::nullopt;
    }

    std::optional<Json> parseNumber()
    {
        const size_t start = m_pos;
        bool isFloat = false;
        m_pos = scanNumber(m_text, m_pos, isFloat);
        const char *first = m_text.data() + start;
        const char *last = m_text.data() + m_pos;
        if (!isFloat) {
            long long value = 0;
            const auto [ptr, ec] = std::from_chars(first, last, value);
            if (ec == std::errc() && ptr == last)
                return Json(value);
        }
        // from_chars for double is not in GCC 12's libstdc++ for every target: use strtod
        // on a bounded copy.
        const std::string copy(first, last);
        char *end = nullptr;
        const double value = std::strtod(copy.c_str(), &end);
        if (copy.empty() || end != copy.c_str() + copy.size()) {
            failAt("Invalid number", start);
            return std::nullopt;
        }
        return Json(value);
    }

    std::string_view m_text;
    size_t m_pos = 0;
    bool m_failed = false;
    ParseError m_error;
};

} // namespace

std::shared_ptr<const PathAst> parseJsonPath(std::string_view text, ParseError &error)
{
    Parser parser(text);
    return parser.parseWhole(error);
}

} // namespace Stepwise::Sim::Detail
