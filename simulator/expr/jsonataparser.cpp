#include "simulator/expr/jsonataparser.h"

#include "simulator/expr/jsonatalexer.h"
#include "simulator/expr/jsonataregex.h"
#include "simulator/expr/jsonatasignature.h"

#include <cstring>

namespace Stepwise::Sim::Jsonata {

namespace {

// Left binding powers of the infix operators (jsonata's precedence table).
int bindingPower(const Token &t)
{
    if (t.kind != Token::Kind::Operator)
        return 0;
    const std::string &v = t.value;
    if (v == ".")
        return 75;
    if (v == "[" || v == "(" || v == "@" || v == "#")
        return 80;
    if (v == "{")
        return 70;
    if (v == "*" || v == "/" || v == "%")
        return 60;
    if (v == "+" || v == "-" || v == "&")
        return 50;
    if (v == "=" || v == "<" || v == ">" || v == "^" || v == "!=" || v == "<=" || v == ">="
        || v == "~>" || v == "in")
        return 40;
    if (v == "and")
        return 30;
    if (v == "or")
        return 25;
    if (v == "?")
        return 20;
    if (v == ":=")
        return 10;
    return 0;
}

bool isKnownOperator(const std::string &v)
{
    static const char *known[]
        = {".",  "[",  "]",  "{",  "}",  "(",  ")",   ",",  "@",  "#", ";", ":",
           "?",  "+",  "-",  "*",  "/",  "%",  "|",   "=",  "<",  ">", "^", "**",
           "..", ":=", "!=", "<=", ">=", "~>", "and", "or", "in", "&"};
    for (const char *k : known) {
        if (v == k)
            return true;
    }
    return false;
}

class PrattParser
{
  public:
    explicit PrattParser(std::string_view source)
        : m_source(source)
        , m_lexer(source)
    {}

    bool run(NodePtr &out, Error &error)
    {
        if (!advance(nullptr, false))
            return fail(error);
        NodePtr expr = expression(0);
        if (!expr)
            return fail(error);
        if (m_tok.kind != Token::Kind::End) {
            m_error = syntaxError("S0201", m_tok);
            return fail(error);
        }
        out = expr;
        return true;
    }

  private:
    bool fail(Error &error)
    {
        error = m_error;
        return false;
    }

    Error syntaxError(const char *code, const Token &t, std::string value = {})
    {
        Error e;
        e.code = code;
        e.position = t.position;
        e.start = t.start;
        e.token = t.kind == Token::Kind::End ? "(end)" : tokenText(t);
        e.value = std::move(value);
        return e;
    }

    static std::string tokenText(const Token &t)
    {
        switch (t.kind) {
        case Token::Kind::Number:
            return formatNumber(t.number);
        case Token::Kind::Literal:
            return t.literal == 0 ? "null" : t.literal == 1 ? "true" : "false";
        default:
            return t.value;
        }
    }

    bool isOp(const char *op) const
    {
        return m_tok.kind == Token::Kind::Operator && m_tok.value == op;
    }

    // Moves to the next token; with `id`, the current token must be that operator.
    bool advance(const char *id, bool infix)
    {
        if (id && !isOp(id)) {
            m_error = syntaxError(m_tok.kind == Token::Kind::End ? "S0203" : "S0202", m_tok, id);
            return false;
        }
        Token next;
        if (!m_lexer.next(infix, next, m_error))
            return false;
        if (next.kind == Token::Kind::End)
            next.position = static_cast<int>(m_source.size());
        if (next.kind == Token::Kind::Operator && !isKnownOperator(next.value)) {
            m_error = syntaxError("S0204", next);
            return false;
        }
        m_tok = std::move(next);
        return true;
    }

    NodePtr make(NodeType type, const Token &t)
    {
        auto n = std::make_shared<Node>();
        n->type = type;
        n->position = t.position;
        n->start = t.start;
        n->value = t.value;
        return n;
    }

    struct DepthGuard
    {
        int &depth;
        explicit DepthGuard(int &d)
            : depth(d)
        {
            ++depth;
        }
        ~DepthGuard() { --depth; }
    };

    NodePtr expression(int rbp)
    {
        DepthGuard guard(m_depth);
        if (m_depth > maxParseDepth) {
            m_error = syntaxError("U1001", m_tok);
            return nullptr;
        }
        Token t = m_tok;
        if (!advance(nullptr, true))
            return nullptr;
        NodePtr left = nud(t);
        if (!left || !checkHeight(left))
            return nullptr;
        while (rbp < bindingPower(m_tok)) {
            t = m_tok;
            if (!advance(nullptr, false))
                return nullptr;
            left = led(t, left);
            if (!left || !checkHeight(left))
                return nullptr;
        }
        return left;
    }

    // Long operator chains nest without recursion in the parser; bound the tree's height so
    // that walking and freeing it stay within the native stack.
    bool checkHeight(const NodePtr &n)
    {
        int h = 0;
        auto see = [&](const NodePtr &c) {
            if (c && c->height > h)
                h = c->height;
        };
        see(n->lhs);
        see(n->rhs);
        see(n->expression);
        see(n->procedure);
        see(n->body);
        see(n->condition);
        see(n->then);
        see(n->otherwise);
        see(n->pattern);
        see(n->update);
        see(n->remove);
        for (const auto &c : n->expressions)
            see(c);
        for (const auto &c : n->arguments)
            see(c);
        for (const auto &[k, v] : n->pairs) {
            see(k);
            see(v);
        }
        for (const auto &term : n->terms)
            see(term.expression);
        n->height = h + 1;
        if (n->height > maxParseDepth) {
            m_error = syntaxError("U1001", m_tok);
            return false;
        }
        return true;
    }

    NodePtr nud(const Token &t)
    {
        switch (t.kind) {
        case Token::Kind::Name:
            return make(NodeType::Name, t);
        case Token::Kind::Variable:
            return make(NodeType::Variable, t);
        case Token::Kind::String:
            return make(NodeType::String, t);
        case Token::Kind::Number: {
            auto n = make(NodeType::Number, t);
            n->number = t.number;
            return n;
        }
        case Token::Kind::Literal: {
            auto n = make(NodeType::Literal, t);
            n->literal = t.literal == 0 ? Value::null() : Value(t.literal == 1);
            return n;
        }
        case Token::Kind::Regex: {
            auto n = make(NodeType::Regex, t);
            auto re = compileRegex(t.value, t.flags);
            if (!re) {
                m_error = syntaxError("S0303", t);
                return nullptr;
            }
            n->regex = re;
            return n;
        }
        case Token::Kind::End:
            return make(NodeType::End, t);
        case Token::Kind::Operator:
            break;
        }
        const std::string &op = t.value;
        if (op == "and" || op == "or" || op == "in")
            return make(NodeType::Operator, t);
        if (op == "-") {
            auto n = make(NodeType::Unary, t);
            n->expression = expression(70);
            return n->expression ? n : nullptr;
        }
        if (op == "*")
            return make(NodeType::Wildcard, t);
        if (op == "**")
            return make(NodeType::Descendant, t);
        if (op == "%")
            return make(NodeType::Parent, t);
        if (op == "(") {
            auto n = make(NodeType::Block, t);
            while (!isOp(")")) {
                NodePtr e = expression(0);
                if (!e)
                    return nullptr;
                n->expressions.push_back(e);
                if (!isOp(";"))
                    break;
                if (!advance(";", false))
                    return nullptr;
            }
            return advance(")", true) ? n : nullptr;
        }
        if (op == "[") {
            auto n = make(NodeType::Unary, t);
            if (!isOp("]")) {
                for (;;) {
                    NodePtr item = expression(0);
                    if (!item)
                        return nullptr;
                    if (isOp("..")) {
                        auto range = make(NodeType::Binary, m_tok);
                        range->lhs = item;
                        if (!advance("..", false))
                            return nullptr;
                        range->rhs = expression(0);
                        if (!range->rhs)
                            return nullptr;
                        item = range;
                    }
                    n->expressions.push_back(item);
                    if (!isOp(","))
                        break;
                    if (!advance(",", false))
                        return nullptr;
                }
            }
            return advance("]", true) ? n : nullptr;
        }
        if (op == "{") {
            auto n = make(NodeType::Unary, t);
            return objectPairs(n) ? n : nullptr;
        }
        if (op == "|") {
            auto n = make(NodeType::Transform, t);
            n->pattern = expression(0);
            if (!n->pattern || !advance("|", false))
                return nullptr;
            n->update = expression(0);
            if (!n->update)
                return nullptr;
            if (isOp(",")) {
                if (!advance(",", false))
                    return nullptr;
                n->remove = expression(0);
                if (!n->remove)
                    return nullptr;
            }
            return advance("|", false) ? n : nullptr;
        }
        m_error = syntaxError("S0211", t);
        return nullptr;
    }

    bool objectPairs(const NodePtr &n)
    {
        if (!isOp("}")) {
            for (;;) {
                NodePtr key = expression(0);
                if (!key || !advance(":", false))
                    return false;
                NodePtr value = expression(0);
                if (!value)
                    return false;
                n->pairs.emplace_back(key, value);
                if (!isOp(","))
                    break;
                if (!advance(",", false))
                    return false;
            }
        }
        return advance("}", true);
    }

    NodePtr led(const Token &t, const NodePtr &left)
    {
        const std::string &op = t.value;
        if (op == "(")
            return call(t, left);
        if (op == "[") {
            if (isOp("]")) {
                Node *step = left.get();
                while (step && step->type == NodeType::Binary && step->value == "[")
                    step = step->lhs.get();
                step->keepArray = true;
                return advance("]", false) ? left : nullptr;
            }
            auto n = make(NodeType::Binary, t);
            n->lhs = left;
            n->rhs = expression(0);
            if (!n->rhs)
                return nullptr;
            return advance("]", true) ? n : nullptr;
        }
        if (op == "^") {
            auto n = make(NodeType::Binary, t);
            if (!advance("(", false))
                return nullptr;
            for (;;) {
                SortTerm term;
                if (isOp("<")) {
                    if (!advance("<", false))
                        return nullptr;
                } else if (isOp(">")) {
                    term.descending = true;
                    if (!advance(">", false))
                        return nullptr;
                }
                term.expression = expression(0);
                if (!term.expression)
                    return nullptr;
                n->terms.push_back(term);
                if (!isOp(","))
                    break;
                if (!advance(",", false))
                    return nullptr;
            }
            if (!advance(")", false))
                return nullptr;
            n->lhs = left;
            return n;
        }
        if (op == "{") {
            auto n = make(NodeType::Binary, t);
            n->lhs = left;
            return objectPairs(n) ? n : nullptr;
        }
        if (op == ":=") {
            if (left->type != NodeType::Variable) {
                m_error = syntaxError("S0212", t);
                m_error.position = left->position;
                m_error.start = left->start;
                m_error.token = left->value;
                return nullptr;
            }
            auto n = make(NodeType::Binary, t);
            n->lhs = left;
            n->rhs = expression(9);
            return n->rhs ? n : nullptr;
        }
        if (op == "@" || op == "#") {
            auto n = make(NodeType::Binary, t);
            n->lhs = left;
            n->rhs = expression(80);
            if (!n->rhs)
                return nullptr;
            if (n->rhs->type != NodeType::Variable) {
                m_error = syntaxError("S0214", t);
                m_error.position = n->rhs->position;
                m_error.start = n->rhs->start;
                m_error.token = op;
                return nullptr;
            }
            return n;
        }
        if (op == "?") {
            auto n = make(NodeType::Condition, t);
            n->condition = left;
            n->then = expression(0);
            if (!n->then)
                return nullptr;
            if (isOp(":")) {
                if (!advance(":", false))
                    return nullptr;
                n->otherwise = expression(0);
                if (!n->otherwise)
                    return nullptr;
            }
            return n;
        }
        // Plain infix operators.
        auto n = make(NodeType::Binary, t);
        n->lhs = left;
        n->rhs = expression(bindingPower(t));
        return n->rhs ? n : nullptr;
    }

    NodePtr call(const Token &t, const NodePtr &left)
    {
        auto n = make(NodeType::Function, t);
        n->procedure = left;
        if (!isOp(")")) {
            for (;;) {
                if (isOp("?")) {
                    n->type = NodeType::Partial;
                    n->arguments.push_back(make(NodeType::Placeholder, m_tok));
                    if (!advance("?", false))
                        return nullptr;
                } else {
                    NodePtr arg = expression(0);
                    if (!arg)
                        return nullptr;
                    n->arguments.push_back(arg);
                }
                if (!isOp(","))
                    break;
                if (!advance(",", false))
                    return nullptr;
            }
        }
        if (!advance(")", true))
            return nullptr;
        if (left->type == NodeType::Name
            && (left->value == "function" || left->value == "\u03BB")) {
            for (size_t i = 0; i < n->arguments.size(); ++i) {
                const NodePtr &arg = n->arguments[i];
                if (arg->type != NodeType::Variable) {
                    m_error = Error{"S0208", arg->position, arg->start, arg->value,
                                    std::to_string(i + 1)};
                    return nullptr;
                }
            }
            n->type = NodeType::Lambda;
            if (isOp("<")) {
                const Token sigTok = m_tok;
                int depth = 1;
                std::string sig = "<";
                while (depth > 0 && !isOp("{") && m_tok.kind != Token::Kind::End) {
                    if (!advance(nullptr, false))
                        return nullptr;
                    if (isOp(">"))
                        --depth;
                    else if (isOp("<"))
                        ++depth;
                    sig += tokenText(m_tok);
                }
                if (!advance(">", false))
                    return nullptr;
                auto signature = std::make_shared<Signature>();
                if (!signature->parse(sig, m_error)) {
                    m_error.position += sigTok.position;
                    m_error.start = sigTok.start;
                    return nullptr;
                }
                n->signature = signature;
            }
            if (!advance("{", false))
                return nullptr;
            n->body = expression(0);
            if (!n->body)
                return nullptr;
            if (!advance("}", false))
                return nullptr;
        }
        return n;
    }

    std::string_view m_source;
    Lexer m_lexer;
    Token m_tok;
    Error m_error;
    int m_depth = 0;
};

} // namespace

bool parseJsonata(std::string_view source, NodePtr &out, Error &error)
{
    PrattParser parser(source);
    NodePtr raw;
    if (!parser.run(raw, error))
        return false;
    return processAst(raw, out, error);
}

} // namespace Stepwise::Sim::Jsonata
