#include "simulator/expr/jsonatasignature.h"

namespace Stepwise::Sim::Jsonata {

char typeSymbol(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Undefined:
        return 'm';
    case Value::Type::Null:
        return 'l';
    case Value::Type::Boolean:
        return 'b';
    case Value::Type::Number:
        return 'n';
    case Value::Type::String:
        return 's';
    case Value::Type::Array:
        return 'a';
    case Value::Type::Object:
        return 'o';
    case Value::Type::Function:
        return 'f';
    }
    return 'm';
}

namespace {

size_t closing(std::string_view s, size_t start, char open, char close)
{
    int depth = 1;
    size_t pos = start;
    while (pos + 1 < s.size()) {
        ++pos;
        if (s[pos] == close) {
            if (--depth == 0)
                return pos;
        } else if (s[pos] == open) {
            ++depth;
        }
    }
    return s.size();
}

} // namespace

bool Signature::parse(std::string_view text, Error &error)
{
    m_definition = std::string(text);
    m_params.clear();
    Param param;
    int prev = -1;
    auto next = [&] {
        m_params.push_back(param);
        prev = static_cast<int>(m_params.size()) - 1;
        param = Param();
    };
    for (size_t pos = 1; pos < text.size(); ++pos) {
        const char symbol = text[pos];
        if (symbol == ':')
            break;
        switch (symbol) {
        case 's':
        case 'n':
        case 'b':
        case 'l':
        case 'o':
            param.symbols = std::string(1, symbol) + "m";
            param.type = symbol;
            next();
            break;
        case 'a':
            param.symbols = "asnblfom";
            param.type = 'a';
            next();
            break;
        case 'f':
            param.symbols = "f";
            param.type = 'f';
            next();
            break;
        case 'j':
            param.symbols = "asnblom";
            param.type = 'j';
            next();
            break;
        case 'x':
            param.symbols = "asnblfom";
            param.type = 'x';
            next();
            break;
        case '-':
            if (prev >= 0) {
                m_params[static_cast<size_t>(prev)].context = true;
                m_params[static_cast<size_t>(prev)].quantifier = '?';
            }
            break;
        case '?':
        case '+':
            if (prev >= 0)
                m_params[static_cast<size_t>(prev)].quantifier = symbol;
            break;
        case '(': {
            const size_t end = closing(text, pos, '(', ')');
            const std::string choice(text.substr(pos + 1, end - pos - 1));
            if (choice.find('<') != std::string::npos) {
                error = Error{"S0402", static_cast<int>(pos), static_cast<int>(pos), {}, choice};
                return false;
            }
            param.symbols = choice + "m";
            param.type = '(';
            pos = end;
            next();
            break;
        }
        case '<': {
            if (prev >= 0
                && (m_params[static_cast<size_t>(prev)].type == 'a'
                    || m_params[static_cast<size_t>(prev)].type == 'f')) {
                const size_t end = closing(text, pos, '<', '>');
                m_params[static_cast<size_t>(prev)].subtype
                    = std::string(text.substr(pos + 1, end - pos - 1));
                pos = end;
            } else {
                error = Error{"S0401", static_cast<int>(pos), static_cast<int>(pos)};
                if (prev >= 0)
                    error.value = std::string(1, m_params[static_cast<size_t>(prev)].type);
                return false;
            }
            break;
        }
        default:
            break;
        }
    }
    return true;
}

// Greedy backtracking match of the supplied type symbols against the parameters, as the
// regular expression jsonata-js builds from a signature would match.
bool Signature::match(const std::string &supplied, size_t param, size_t pos,
                      std::vector<std::pair<size_t, size_t>> &spans) const
{
    if (param == m_params.size())
        return pos == supplied.size();
    const Param &p = m_params[param];
    size_t maxCount = 1;
    size_t minCount = 1;
    if (p.quantifier == '?')
        minCount = 0;
    else if (p.quantifier == '+')
        maxCount = supplied.size();
    size_t count = 0;
    while (count < maxCount && pos + count < supplied.size()
           && p.symbols.find(supplied[pos + count]) != std::string::npos)
        ++count;
    for (;;) {
        if (count < minCount)
            return false;
        spans[param] = {pos, count};
        if (match(supplied, param + 1, pos + count, spans))
            return true;
        if (count == 0)
            return false;
        --count;
    }
}

bool Signature::validate(const std::vector<Value> &args, const Value &context,
                         std::vector<Value> &out, Error &error) const
{
    std::string supplied;
    supplied.reserve(args.size());
    for (const auto &a : args)
        supplied += typeSymbol(a);
    std::vector<std::pair<size_t, size_t>> spans(m_params.size());
    if (!match(supplied, 0, 0, spans)) {
        // The first argument that no longer fits the parameters before it.
        size_t goodTo = 0;
        std::vector<std::pair<size_t, size_t>> partial;
        for (size_t n = 1; n <= m_params.size(); ++n) {
            Signature prefix;
            prefix.m_params.assign(m_params.begin(), m_params.begin() + static_cast<long>(n));
            partial.assign(n, {0, 0});
            // Longest prefix of the supplied symbols the first n parameters accept.
            bool found = false;
            for (size_t len = supplied.size() + 1; len-- > 0;) {
                if (prefix.match(supplied.substr(0, len), 0, 0, partial)) {
                    goodTo = len;
                    found = true;
                    break;
                }
            }
            if (!found)
                break;
        }
        error = Error{"T0410"};
        error.index = static_cast<int>(goodTo) + 1;
        if (goodTo < args.size())
            error.value = stringify(args[goodTo]);
        return false;
    }
    out.clear();
    size_t argIndex = 0;
    for (size_t i = 0; i < m_params.size(); ++i) {
        const Param &p = m_params[i];
        const auto [start, count] = spans[i];
        if (count == 0) {
            if (p.context) {
                const char ct = typeSymbol(context);
                if (p.symbols.find(ct) != std::string::npos) {
                    out.push_back(context);
                } else {
                    error = Error{"T0411"};
                    error.index = static_cast<int>(argIndex) + 1;
                    error.value = stringify(context);
                    return false;
                }
            } else {
                out.push_back(argIndex < args.size() ? args[argIndex] : Value());
                ++argIndex;
            }
            continue;
        }
        for (size_t k = 0; k < count; ++k) {
            const char single = supplied[start + k];
            Value arg = argIndex < args.size() ? args[argIndex] : Value();
            if (p.type == 'a') {
                if (single == 'm') {
                    arg = Value();
                } else {
                    bool ok = true;
                    if (!p.subtype.empty()) {
                        if (single != 'a' && std::string(1, single) != p.subtype) {
                            ok = false;
                        } else if (single == 'a' && arg.size() > 0) {
                            const char itemType = typeSymbol(arg.at(0));
                            if (itemType != p.subtype[0]) {
                                ok = false;
                            } else {
                                const size_t n = arg.size();
                                for (size_t j = 0; j < n && ok; ++j)
                                    ok = typeSymbol(arg.at(j)) == itemType;
                            }
                        }
                    }
                    if (!ok) {
                        error = Error{"T0412"};
                        error.index = static_cast<int>(argIndex) + 1;
                        error.value = stringify(arg);
                        const char sub = p.subtype.empty() ? ' ' : p.subtype[0];
                        error.detail = sub == 'a'   ? "arrays"
                                       : sub == 'b' ? "booleans"
                                       : sub == 'f' ? "functions"
                                       : sub == 'n' ? "numbers"
                                       : sub == 'o' ? "objects"
                                                    : "strings";
                        return false;
                    }
                    if (single != 'a') {
                        auto wrapped = makeArray();
                        wrapped->items.push_back(arg);
                        arg = Value(wrapped);
                    }
                }
            }
            out.push_back(arg);
            ++argIndex;
        }
    }
    return true;
}

} // namespace Stepwise::Sim::Jsonata
