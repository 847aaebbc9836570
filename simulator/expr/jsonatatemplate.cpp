#include "simulator/expr/jsonatatemplate.h"

#include "model/json/jsonpointer.h"

#include <utility>
#include <vector>

namespace Stepwise::Sim {

namespace Detail {

struct JsonataNode
{
    enum class Kind { Constant, Expression, Object, Array };
    Kind kind = Kind::Constant;
    Json constant;
    std::optional<JsonataExpression> expression;
    std::string text;  // the expression as AWS quotes it (trimmed)
    std::string field; // "Output/result/0"
    // Object: keys and nodes; Array: items with empty keys.
    std::vector<std::pair<std::string, std::shared_ptr<const JsonataNode>>> children;
};

} // namespace Detail

namespace {

using Node = Detail::JsonataNode;
using NodePtr = std::shared_ptr<const Node>;

// Keeps the compile and evaluation recursion bounded on hostile input.
constexpr int maxDepth = 512;

std::string trimmed(std::string_view text)
{
    const char *space = " \t\r\n";
    const size_t first = text.find_first_not_of(space);
    if (first == std::string_view::npos)
        return {};
    const size_t last = text.find_last_not_of(space);
    return std::string(text.substr(first, last - first + 1));
}

Model::Error compileError(std::string message, const std::string &pointer, int offset = -1)
{
    Model::Error error;
    error.message = std::move(message);
    error.location.pointer = pointer;
    error.location.offset = offset;
    if (offset >= 0)
        error.location.column = offset + 1;
    return error;
}

std::optional<Model::Error> compileNode(const Json &value, const std::string &field,
                                        const std::string &pointer, int depth, NodePtr &out)
{
    if (depth > maxDepth)
        return compileError("The value of " + field + " is nested too deeply.", pointer);
    auto node = std::make_shared<Node>();
    node->field = field;
    if (value.is_object() || value.is_array()) {
        node->kind = value.is_object() ? Node::Kind::Object : Node::Kind::Array;
        bool constant = true;
        size_t index = 0;
        for (auto it = value.begin(); it != value.end(); ++it, ++index) {
            const std::string key = value.is_object() ? it.key() : std::to_string(index);
            NodePtr child;
            if (auto error = compileNode(it.value(), field + "/" + key,
                                         Model::appendPointer(pointer, key), depth + 1, child))
                return error;
            constant = constant && child->kind == Node::Kind::Constant;
            node->children.emplace_back(value.is_object() ? key : std::string(), std::move(child));
        }
        if (constant) {
            node->kind = Node::Kind::Constant;
            node->children.clear();
            node->constant = value;
        }
        out = std::move(node);
        return std::nullopt;
    }
    if (value.is_string() && JsonataTemplate::isExpression(value.get_ref<const std::string &>())) {
        const std::string &text = value.get_ref<const std::string &>();
        const std::string_view body = std::string_view(text).substr(2, text.size() - 4);
        auto compiled = JsonataExpression::compile(body);
        if (auto *error = std::get_if<JsonataExpression::Error>(&compiled)) {
            // The offset counts from the string's first character, past "{%".
            return compileError("Invalid JSONata expression in " + field + ": " + error->describe(),
                                pointer, error->offset >= 0 ? error->offset + 2 : -1);
        }
        node->kind = Node::Kind::Expression;
        node->expression = std::get<JsonataExpression>(std::move(compiled));
        node->text = trimmed(body);
        out = std::move(node);
        return std::nullopt;
    }
    node->constant = value;
    out = std::move(node);
    return std::nullopt;
}

Failure queryFailure(const Node &node, const std::string &what)
{
    Failure failure;
    failure.error = "States.QueryEvaluationError";
    failure.cause = "The JSONata expression '" + node.text + "' specified for the field '"
                    + node.field + "' " + what;
    failure.location = node.field;
    return failure;
}

Outcome<Json> evaluateNode(const Node &node, const JsonataScope &scope,
                           const JsonataExpression::Options &options)
{
    switch (node.kind) {
    case Node::Kind::Constant:
        return node.constant;
    case Node::Kind::Expression: {
        const Json *input = scope.states.input;
        auto evaluation = node.expression->run(input, options);
        if (evaluation.error)
            return queryFailure(node, "threw an error during evaluation. "
                                          + evaluation.error->describe());
        if (evaluation.function)
            return queryFailure(node, "returned an unsupported result type.");
        if (!evaluation.value)
            return queryFailure(node, "returned nothing (undefined).");
        return std::move(*evaluation.value);
    }
    case Node::Kind::Object:
    case Node::Kind::Array: {
        const bool object = node.kind == Node::Kind::Object;
        Json out = object ? Json::object() : Json::array();
        if (object)
            out.get_ref<Json::object_t &>().reserve(node.children.size());
        else
            out.get_ref<Json::array_t &>().reserve(node.children.size());
        for (const auto &[key, child] : node.children) {
            auto value = evaluateNode(*child, scope, options);
            if (!value.ok())
                return value.takeFailure();
            // The keys come from a JSON object: no two are the same.
            if (object)
                out.get_ref<Json::object_t &>().emplace_back(key, std::move(value.value()));
            else
                out.get_ref<Json::array_t &>().push_back(std::move(value.value()));
        }
        return out;
    }
    }
    return Json();
}

} // namespace

JsonataTemplate::JsonataTemplate()
    : m_root(std::make_shared<Node>())
{}

bool JsonataTemplate::isExpression(const std::string &text)
{
    return text.size() >= 4 && text.compare(0, 2, "{%") == 0
           && text.compare(text.size() - 2, 2, "%}") == 0;
}

Model::Result<JsonataTemplate> JsonataTemplate::compile(const Json &value, const std::string &field)
{
    NodePtr root;
    if (auto error = compileNode(value, field, "", 0, root))
        return *error;
    JsonataTemplate out;
    out.m_root = std::move(root);
    out.m_field = field;
    return out;
}

Outcome<Json> JsonataTemplate::evaluate(const JsonataScope &scope) const
{
    if (m_root->kind == Node::Kind::Constant)
        return m_root->constant;
    const JsonataExpression::Options options = scope.options();
    return evaluateNode(*m_root, scope, options);
}

const std::string &JsonataTemplate::expressionText() const
{
    static const std::string none;
    return m_root->kind == Node::Kind::Expression ? m_root->text : none;
}

bool JsonataTemplate::isConstant() const
{
    return m_root->kind == Node::Kind::Constant;
}

std::string jsonataTypeName(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null:
        return "null";
    case Json::value_t::boolean:
        return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        return "number";
    case Json::value_t::string:
        return "string";
    case Json::value_t::array:
        return "array";
    default:
        return "object";
    }
}

Failure jsonataTypeFailure(const JsonataTemplate &field, const std::string &expected,
                           const Json &value)
{
    Failure failure;
    failure.error = "States.QueryEvaluationError";
    failure.cause = "The JSONata expression '" + field.expressionText()
                    + "' specified for the field '" + field.field()
                    + "' returned an unexpected result type. Expected '" + expected + "', but was '"
                    + jsonataTypeName(value) + "' for value: " + value.dump();
    failure.location = field.field();
    return failure;
}

} // namespace Stepwise::Sim
