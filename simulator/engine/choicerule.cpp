#include "simulator/engine/choicerule.h"

#include "simulator/engine/timestamp.h"

#include <array>
#include <string_view>

namespace Stepwise::Sim {

using Model::Json;

namespace {

struct OperatorName
{
    std::string_view name;
    ChoiceRule::Kind kind;
    ChoiceRule::Op op;
};

constexpr std::array<std::pair<std::string_view, ChoiceRule::Kind>, 4> kindPrefixes = {{
    {"String", ChoiceRule::Kind::String},
    {"Numeric", ChoiceRule::Kind::Numeric},
    {"Boolean", ChoiceRule::Kind::Boolean},
    {"Timestamp", ChoiceRule::Kind::Timestamp},
}};

constexpr std::array<std::pair<std::string_view, ChoiceRule::Op>, 5> opSuffixes = {{
    {"Equals", ChoiceRule::Op::Equals},
    {"LessThan", ChoiceRule::Op::LessThan},
    {"GreaterThan", ChoiceRule::Op::GreaterThan},
    {"LessThanEquals", ChoiceRule::Op::LessThanEquals},
    {"GreaterThanEquals", ChoiceRule::Op::GreaterThanEquals},
}};

constexpr std::array<std::pair<std::string_view, ChoiceRule::Op>, 6> typeTests = {{
    {"IsNull", ChoiceRule::Op::IsNull},
    {"IsPresent", ChoiceRule::Op::IsPresent},
    {"IsNumeric", ChoiceRule::Op::IsNumeric},
    {"IsString", ChoiceRule::Op::IsString},
    {"IsBoolean", ChoiceRule::Op::IsBoolean},
    {"IsTimestamp", ChoiceRule::Op::IsTimestamp},
}};

Model::Error ruleError(const std::string &message, const std::string &pointer)
{
    Model::Error error;
    error.message = message;
    error.location.pointer = pointer;
    return error;
}

template<typename T>
int threeWay(const T &a, const T &b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

int compareNumbers(const Json &a, const Json &b)
{
    if (a.is_number_integer() && b.is_number_integer()) {
        if (a.is_number_unsigned() || b.is_number_unsigned()) {
            if (a.is_number_unsigned() && b.is_number_unsigned())
                return threeWay(a.get<std::uint64_t>(), b.get<std::uint64_t>());
        } else {
            return threeWay(a.get<std::int64_t>(), b.get<std::int64_t>());
        }
    }
    return threeWay(a.get<double>(), b.get<double>());
}

bool holds(ChoiceRule::Op op, int order)
{
    switch (op) {
    case ChoiceRule::Op::Equals:
        return order == 0;
    case ChoiceRule::Op::LessThan:
        return order < 0;
    case ChoiceRule::Op::GreaterThan:
        return order > 0;
    case ChoiceRule::Op::LessThanEquals:
        return order <= 0;
    case ChoiceRule::Op::GreaterThanEquals:
        return order >= 0;
    default:
        return false;
    }
}

// AWS's wildcard: '*' matches any run of characters; "\*" and "\\" are literals.
bool wildcardMatch(std::string_view pattern, std::string_view text)
{
    size_t p = 0, t = 0, starP = std::string_view::npos, starT = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            starP = p++;
            starT = t;
            continue;
        }
        if (p < pattern.size()) {
            char expected = pattern[p];
            size_t width = 1;
            if (expected == '\\' && p + 1 < pattern.size()) {
                expected = pattern[p + 1];
                width = 2;
            }
            if (expected == text[t]) {
                p += width;
                ++t;
                continue;
            }
        }
        if (starP == std::string_view::npos)
            return false;
        p = starP + 1;
        t = ++starT;
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

std::optional<Json> selectValue(const JsonPath &path, const ExpressionContext &ctx)
{
    return path.select(ctx);
}

} // namespace

Model::Result<ChoiceRule> ChoiceRule::compile(const Json &rule, const std::string &pointer)
{
    if (!rule.is_object())
        return ruleError("A Choice rule must be an object.", pointer);
    ChoiceRule result;
    if (auto it = rule.find("Next"); it != rule.end() && it->is_string())
        result.next = it->get<std::string>();
    if (auto it = rule.find("Assign"); it != rule.end()) {
        auto compiled = PayloadTemplate::compile(*it);
        if (!compiled)
            return ruleError(compiled.error().message, pointer + "/Assign");
        result.assign = std::make_shared<PayloadTemplate>(std::move(compiled.value()));
    }
    for (const char *combinator : {"And", "Or"}) {
        auto it = rule.find(combinator);
        if (it == rule.end())
            continue;
        if (!it->is_array() || it->empty())
            return ruleError(std::string(combinator) + " must be a non-empty array.", pointer);
        result.m_op = combinator[0] == 'A' ? Op::And : Op::Or;
        for (size_t i = 0; i < it->size(); ++i) {
            auto child = compile((*it)[i], pointer + "/" + combinator + "/" + std::to_string(i));
            if (!child)
                return child.error();
            result.m_children.push_back(std::move(child.value()));
        }
        return result;
    }
    if (auto it = rule.find("Not"); it != rule.end()) {
        auto child = compile(*it, pointer + "/Not");
        if (!child)
            return child.error();
        result.m_op = Op::Not;
        result.m_children.push_back(std::move(child.value()));
        return result;
    }

    auto variable = rule.find("Variable");
    if (variable == rule.end() || !variable->is_string())
        return ruleError("A Choice rule needs a Variable path.", pointer);
    auto parsed = JsonPath::parse(variable->get<std::string>());
    if (!parsed)
        return ruleError("Invalid Variable path: " + parsed.error().message, pointer + "/Variable");
    result.m_variable = std::make_shared<JsonPath>(std::move(parsed.value()));

    for (auto it = rule.begin(); it != rule.end(); ++it) {
        const std::string &key = it.key();
        if (key == "Variable" || key == "Next" || key == "Assign" || key == "Comment")
            continue;
        for (const auto &[name, op] : typeTests) {
            if (key == name) {
                if (!it->is_boolean())
                    return ruleError(key + " takes a boolean.", pointer + "/" + key);
                result.m_op = op;
                result.m_value = *it;
                return result;
            }
        }
        std::string_view rest = key;
        bool isPath = false;
        if (rest.size() > 4 && rest.substr(rest.size() - 4) == "Path") {
            isPath = true;
            rest.remove_suffix(4);
        }
        if (rest == "StringMatches" && !isPath) {
            if (!it->is_string())
                return ruleError("StringMatches takes a string.", pointer + "/" + key);
            result.m_op = Op::StringMatches;
            result.m_kind = Kind::String;
            result.m_pattern = it->get<std::string>();
            return result;
        }
        for (const auto &[prefix, kind] : kindPrefixes) {
            if (rest.substr(0, prefix.size()) != prefix)
                continue;
            std::string_view suffix = rest.substr(prefix.size());
            for (const auto &[opName, op] : opSuffixes) {
                if (suffix != opName)
                    continue;
                result.m_op = op;
                result.m_kind = kind;
                if (isPath) {
                    if (!it->is_string())
                        return ruleError(key + " takes a path.", pointer + "/" + key);
                    auto valuePath = JsonPath::parse(it->get<std::string>());
                    if (!valuePath)
                        return ruleError("Invalid " + key + ": " + valuePath.error().message,
                                         pointer + "/" + key);
                    result.m_valuePath = std::make_shared<JsonPath>(std::move(valuePath.value()));
                } else {
                    result.m_value = *it;
                }
                return result;
            }
        }
        return ruleError("Unknown Choice comparison operator '" + key + "'.", pointer + "/" + key);
    }
    return ruleError("A Choice rule needs a comparison operator.", pointer);
}

Outcome<bool> ChoiceRule::evaluate(const ExpressionContext &ctx) const
{
    switch (m_op) {
    case Op::And:
        for (const auto &child : m_children) {
            auto r = child.evaluate(ctx);
            if (!r.ok() || !r.value())
                return r;
        }
        return true;
    case Op::Or:
        for (const auto &child : m_children) {
            auto r = child.evaluate(ctx);
            if (!r.ok() || r.value())
                return r;
        }
        return false;
    case Op::Not: {
        auto r = m_children.front().evaluate(ctx);
        if (!r.ok())
            return r;
        return !r.value();
    }
    default:
        return compare(ctx);
    }
}

Outcome<bool> ChoiceRule::compare(const ExpressionContext &ctx) const
{
    std::optional<Json> value = selectValue(*m_variable, ctx);
    const bool present
        = value.has_value() && !(!m_variable->isDefinite() && value->is_array() && value->empty());
    switch (m_op) {
    case Op::IsPresent:
        return present == m_value.get<bool>();
    case Op::IsNull:
        return (present && value->is_null()) == m_value.get<bool>();
    case Op::IsNumeric:
        return (present && value->is_number()) == m_value.get<bool>();
    case Op::IsString:
        return (present && value->is_string()) == m_value.get<bool>();
    case Op::IsBoolean:
        return (present && value->is_boolean()) == m_value.get<bool>();
    case Op::IsTimestamp:
        return (present && value->is_string()
                && parseTimestamp(value->get_ref<const std::string &>()).has_value())
               == m_value.get<bool>();
    default:
        break;
    }
    if (!present) {
        return Failure{"States.Runtime",
                       "Invalid path '" + m_variable->text()
                           + "': The choice state's condition path references an invalid value."};
    }
    if (m_op == Op::StringMatches)
        return value->is_string()
               && wildcardMatch(m_pattern, value->get_ref<const std::string &>());

    const Json *operand = &m_value;
    std::optional<Json> fromPath;
    if (m_valuePath) {
        fromPath = selectValue(*m_valuePath, ctx);
        if (!fromPath) {
            return Failure{"States.Runtime",
                           "Invalid path '" + m_valuePath->text()
                               + "': The choice state's condition path references an invalid "
                                 "value."};
        }
        operand = &*fromPath;
    }
    switch (m_kind) {
    case Kind::String:
        if (!value->is_string() || !operand->is_string())
            return false;
        return holds(m_op, value->get_ref<const std::string &>().compare(
                               operand->get_ref<const std::string &>()));
    case Kind::Numeric:
        if (!value->is_number() || !operand->is_number())
            return false;
        return holds(m_op, compareNumbers(*value, *operand));
    case Kind::Boolean:
        if (!value->is_boolean() || !operand->is_boolean())
            return false;
        return m_op == Op::Equals && value->get<bool>() == operand->get<bool>();
    case Kind::Timestamp: {
        if (!value->is_string() || !operand->is_string())
            return false;
        auto a = parseTimestamp(value->get_ref<const std::string &>());
        auto b = parseTimestamp(operand->get_ref<const std::string &>());
        if (!a || !b)
            return false;
        return holds(m_op, threeWay(*a, *b));
    }
    case Kind::None:
        break;
    }
    return false;
}

} // namespace Stepwise::Sim
