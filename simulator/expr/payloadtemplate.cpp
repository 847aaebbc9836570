#include "simulator/expr/payloadtemplate.h"
#include "simulator/expr/jsontext.h"

#include "model/json/jsonpointer.h"
#include "simulator/expr/intrinsics.h"
#include "simulator/expr/jsonpath.h"

#include <optional>
#include <utility>
#include <vector>

namespace Stepwise::Sim {

namespace Detail {

struct TemplateNode
{
    enum class Kind { Constant, Object, Array, Path, Intrinsic };
    Kind kind = Kind::Constant;
    Json constant;
    // Object: output key (".$" stripped) and its node; Array: items with empty keys.
    std::vector<std::pair<std::string, std::shared_ptr<const TemplateNode>>> children;
    std::optional<JsonPath> path;
    std::optional<IntrinsicCall> call;
    std::string field; // the template's key, with ".$", for messages
};

} // namespace Detail

namespace {

using Node = Detail::TemplateNode;
using NodePtr = std::shared_ptr<const Node>;

// Keeps the compile recursion bounded on hostile input.
constexpr int maxDepth = 512;

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

std::optional<Model::Error> compileNode(const Json &value, const std::string &pointer, int depth,
                                        NodePtr &out)
{
    if (depth > maxDepth)
        return compileError("The payload template is nested too deeply", pointer);
    auto node = std::make_shared<Node>();
    if (value.is_object()) {
        node->kind = Node::Kind::Object;
        bool constant = true;
        for (auto it = value.begin(); it != value.end(); ++it) {
            const std::string &key = it.key();
            const std::string childPointer = Model::appendPointer(pointer, key);
            const bool dynamic = key.size() > 2 && key.compare(key.size() - 2, 2, ".$") == 0;
            if (!dynamic) {
                NodePtr child;
                if (auto error = compileNode(it.value(), childPointer, depth + 1, child))
                    return error;
                constant = constant && child->kind == Node::Kind::Constant;
                node->children.emplace_back(key, std::move(child));
                continue;
            }
            constant = false;
            auto leaf = std::make_shared<Node>();
            leaf->field = key;
            const std::string invalid = "The value for the field '" + key
                                        + "' must be a valid JSONPath or a valid intrinsic "
                                          "function call";
            if (!it.value().is_string())
                return compileError(invalid, childPointer);
            const std::string &text = it.value().get_ref<const std::string &>();
            if (IntrinsicCall::looksLikeCall(text)) {
                auto call = IntrinsicCall::parse(text);
                if (!call) {
                    return compileError(invalid + ": " + call.error().message, childPointer,
                                        call.error().location.offset);
                }
                leaf->kind = Node::Kind::Intrinsic;
                leaf->call = std::move(call.value());
            } else {
                auto path = JsonPath::parse(text);
                if (!path) {
                    return compileError(invalid + ": " + path.error().message, childPointer,
                                        path.error().location.offset);
                }
                leaf->kind = Node::Kind::Path;
                leaf->path = std::move(path.value());
            }
            node->children.emplace_back(key.substr(0, key.size() - 2), std::move(leaf));
        }
        if (constant) {
            node->children.clear();
            node->kind = Node::Kind::Constant;
            node->constant = value;
        }
    } else if (value.is_array()) {
        node->kind = Node::Kind::Array;
        bool constant = true;
        for (size_t i = 0; i < value.size(); ++i) {
            NodePtr child;
            if (auto error
                = compileNode(value[i], Model::appendPointer(pointer, i), depth + 1, child))
                return error;
            constant = constant && child->kind == Node::Kind::Constant;
            node->children.emplace_back(std::string(), std::move(child));
        }
        if (constant) {
            node->children.clear();
            node->kind = Node::Kind::Constant;
            node->constant = value;
        }
    } else {
        node->kind = Node::Kind::Constant;
        node->constant = value;
    }
    out = std::move(node);
    return std::nullopt;
}

const Json &documentOf(const JsonPath &path, const ExpressionContext &ctx)
{
    static const Json empty = Json::object();
    const Json *document = path.root() == JsonPath::Root::Context ? ctx.context : ctx.input;
    return document ? *document : empty;
}

Outcome<Json> evaluateNode(const Node &node, const ExpressionContext &ctx)
{
    switch (node.kind) {
    case Node::Kind::Constant:
        return node.constant;
    case Node::Kind::Path: {
        if (const Json *found = node.path->locate(ctx))
            return *found;
        auto value = node.path->evaluate(ctx);
        if (!value) {
            return Failure{"States.Runtime", "The JSONPath '" + node.path->text()
                                                 + "' specified for the field '" + node.field
                                                 + "' could not be found in the input '"
                                                 + compactJson(documentOf(*node.path, ctx)) + "'"};
        }
        return value;
    }
    case Node::Kind::Intrinsic:
        return node.call->evaluate(ctx);
    case Node::Kind::Object: {
        Json object = Json::object();
        for (const auto &[key, child] : node.children) {
            auto value = evaluateNode(*child, ctx);
            if (!value)
                return value;
            object[key] = std::move(value).value();
        }
        return object;
    }
    case Node::Kind::Array: {
        Json array = Json::array();
        for (const auto &entry : node.children) {
            auto value = evaluateNode(*entry.second, ctx);
            if (!value)
                return value;
            array.push_back(std::move(value).value());
        }
        return array;
    }
    }
    return Json();
}

} // namespace

PayloadTemplate::PayloadTemplate()
    : m_root(std::make_shared<Node>())
{}

Model::Result<PayloadTemplate> PayloadTemplate::compile(const Json &templ)
{
    NodePtr root;
    if (auto error = compileNode(templ, std::string(), 0, root))
        return *error;
    PayloadTemplate result;
    result.m_root = std::move(root);
    return result;
}

Outcome<Json> PayloadTemplate::evaluate(const ExpressionContext &ctx) const
{
    return evaluateNode(*m_root, ctx);
}

bool PayloadTemplate::isConstant() const
{
    return m_root->kind == Node::Kind::Constant;
}

} // namespace Stepwise::Sim
