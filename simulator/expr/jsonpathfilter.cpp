#include "simulator/expr/jsonpathfilter.h"
#include "simulator/expr/jsontext.h"

#include "simulator/expr/jsonpathevaluator.h"

#include <QString>

#include <cstdlib>

namespace Stepwise::Sim::Detail {

namespace {

// An operand's value: nullopt when a path selects nothing (Jayway's UNDEFINED).
std::optional<Json> operandValue(const FilterOperand &operand, const Json &current,
                                 const ExpressionContext &ctx)
{
    if (operand.kind == FilterOperand::Kind::Literal)
        return operand.literal;
    if (operand.kind != FilterOperand::Kind::Path)
        return std::nullopt;
    const PathAst &ast = *operand.path;
    const Json *root = pathRoot(ast, ctx, &current);
    if (!root)
        return std::nullopt;
    if (ast.definite) {
        Json scratch;
        const Json *node = walkDefinite(ast, *root, scratch, nullptr);
        if (!node)
            return std::nullopt;
        return *node;
    }
    std::vector<const Json *> matches;
    std::deque<Json> scratch;
    walkAll(ast, *root, ctx, matches, scratch);
    Json list = Json::array();
    for (const Json *match : matches)
        list.push_back(*match);
    return list;
}

bool operandExists(const FilterOperand &operand, const Json &current, const ExpressionContext &ctx)
{
    const PathAst &ast = *operand.path;
    const Json *root = pathRoot(ast, ctx, &current);
    if (!root)
        return false;
    if (ast.definite) {
        Json scratch;
        return walkDefinite(ast, *root, scratch, nullptr) != nullptr;
    }
    std::vector<const Json *> matches;
    std::deque<Json> scratch;
    walkAll(ast, *root, ctx, matches, scratch);
    return !matches.empty();
}

std::optional<double> stringAsNumber(const std::string &text)
{
    if (text.empty())
        return std::nullopt;
    char *end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size())
        return std::nullopt;
    return value;
}

// Jayway's ValueNode equality: numbers and numeric strings compare as numbers.
bool jaywayEquals(const Json &a, const Json &b)
{
    if (a.is_number() && b.is_string()) {
        const auto n = stringAsNumber(b.get_ref<const std::string &>());
        return n && *n == a.get<double>();
    }
    if (a.is_string() && b.is_number()) {
        const auto n = stringAsNumber(a.get_ref<const std::string &>());
        return n && *n == b.get<double>();
    }
    return a == b;
}

bool contains(const Json &list, const Json &value)
{
    if (!list.is_array())
        return false;
    for (const Json &item : list) {
        if (jaywayEquals(value, item))
            return true;
    }
    return false;
}

// -1, 0, 1, or nullopt when Jayway would not order the two values.
std::optional<int> order(const Json &a, const Json &b)
{
    if (a.is_number() && b.is_number()) {
        if (a.is_number_integer() && b.is_number_integer()) {
            const auto x = a.get<long long>();
            const auto y = b.get<long long>();
            return x < y ? -1 : (x > y ? 1 : 0);
        }
        const double x = a.get<double>();
        const double y = b.get<double>();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (a.is_string() && b.is_string()) {
        const int c = a.get_ref<const std::string &>().compare(b.get_ref<const std::string &>());
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    return std::nullopt;
}

bool compare(const FilterNode &node, const Json &current, const ExpressionContext &ctx)
{
    using Op = FilterNode::Op;
    const auto left = operandValue(node.lhs, current, ctx);
    if (node.op == Op::Match) {
        if (!left)
            return false;
        QString subject;
        if (left->is_string())
            subject = QString::fromStdString(left->get_ref<const std::string &>());
        else
            subject = QString::fromStdString(compactJson(*left));
        return node.rhs.regex.match(subject).hasMatch();
    }
    const auto right = operandValue(node.rhs, current, ctx);
    switch (node.op) {
    case Op::Eq:
        return left && right && jaywayEquals(*left, *right);
    case Op::Ne:
        return !(left && right && jaywayEquals(*left, *right));
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge: {
        if (!left || !right)
            return false;
        const auto c = order(*left, *right);
        if (!c)
            return false;
        if (node.op == Op::Lt)
            return *c < 0;
        if (node.op == Op::Le)
            return *c <= 0;
        if (node.op == Op::Gt)
            return *c > 0;
        return *c >= 0;
    }
    case Op::In:
        return left && right && contains(*right, *left);
    case Op::Nin:
        return !(left && right && contains(*right, *left));
    case Op::SubsetOf:
    case Op::AnyOf:
    case Op::NoneOf: {
        if (!left || !right || !left->is_array() || !right->is_array())
            return false;
        size_t found = 0;
        for (const Json &item : *left) {
            if (contains(*right, item))
                ++found;
        }
        if (node.op == Op::SubsetOf)
            return found == left->size();
        if (node.op == Op::AnyOf)
            return found > 0;
        return found == 0;
    }
    case Op::Size: {
        if (!left || !right || !right->is_number_integer())
            return false;
        const auto expected = right->get<long long>();
        if (left->is_array())
            return static_cast<long long>(left->size()) == expected;
        if (left->is_string())
            return static_cast<long long>(left->get_ref<const std::string &>().size()) == expected;
        return false;
    }
    case Op::Empty: {
        if (!left || !right || !right->is_boolean())
            return false;
        bool isEmpty = false;
        if (left->is_array())
            isEmpty = left->empty();
        else if (left->is_string())
            isEmpty = left->get_ref<const std::string &>().empty();
        else
            return false;
        return isEmpty == right->get<bool>();
    }
    case Op::Match:
        break;
    }
    return false;
}

} // namespace

bool filterAccepts(const FilterNode &filter, const Json &current, const ExpressionContext &ctx)
{
    switch (filter.kind) {
    case FilterNode::Kind::Or:
        return filterAccepts(*filter.children[0], current, ctx)
               || filterAccepts(*filter.children[1], current, ctx);
    case FilterNode::Kind::And:
        return filterAccepts(*filter.children[0], current, ctx)
               && filterAccepts(*filter.children[1], current, ctx);
    case FilterNode::Kind::Not:
        return !filterAccepts(*filter.children[0], current, ctx);
    case FilterNode::Kind::Exists:
        return operandExists(filter.lhs, current, ctx);
    case FilterNode::Kind::Compare:
        return compare(filter, current, ctx);
    }
    return false;
}

} // namespace Stepwise::Sim::Detail
