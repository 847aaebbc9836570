#include "simulator/expr/payloadtemplate.h"
#include "simulator/expr/jsonmembers.h"
#include "simulator/expr/jsonsize.h"
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
    std::vector<std::pair<std::string, std::shared_ptr<TemplateNode>>> children;
    std::optional<JsonPath> path;
    std::optional<IntrinsicCall> call;
    std::string field; // the template's key, with ".$", for messages
    // Path: a "$" reference path no other expression of the template overlaps, so
    // evaluateConsuming() may move its node out of the input. Object/Array: some descendant is.
    bool movable = false;
};

} // namespace Detail

namespace {

using Node = Detail::TemplateNode;
using NodePtr = std::shared_ptr<Node>;

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

// Input nodes a consuming evaluation takes once the whole template has evaluated, in
// evaluation order, with the template leaf each one fills.
using Moves = std::vector<std::pair<const Node *, Json *>>;

Outcome<Json> evaluateNode(const Node &node, const ExpressionContext &ctx, Moves *moves)
{
    switch (node.kind) {
    case Node::Kind::Constant:
        return node.constant;
    case Node::Kind::Path: {
        if (const Json *found = node.path->locate(ctx)) {
            if (moves && node.movable) {
                // Only "$" paths are movable, and "$" is the caller's consumable document.
                moves->emplace_back(&node, const_cast<Json *>(found));
                return Json();
            }
            return *found;
        }
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
        reserveMembers(object, node.children.size());
        for (const auto &[key, child] : node.children) {
            auto value = evaluateNode(*child, ctx, moves);
            if (!value)
                return value;
            setMember(object, key, std::move(value).value());
        }
        return object;
    }
    case Node::Kind::Array: {
        Json array = Json::array();
        for (const auto &entry : node.children) {
            auto value = evaluateNode(*entry.second, ctx, moves);
            if (!value)
                return value;
            array.push_back(std::move(value).value());
        }
        return array;
    }
    }
    return Json();
}

// Moves the located input nodes into the places evaluateNode() left for them, walking the
// template in the same order.
void fillMoves(const Node &node, Json &out, const Moves &moves, size_t &next)
{
    if (next == moves.size() || !node.movable)
        return;
    switch (node.kind) {
    case Node::Kind::Path:
        if (moves[next].first == &node)
            out = std::move(*moves[next++].second);
        return;
    case Node::Kind::Object:
        for (const auto &[key, child] : node.children) {
            auto it = out.find(key);
            if (it != out.end())
                fillMoves(*child, *it, moves, next);
        }
        return;
    case Node::Kind::Array:
        for (size_t i = 0; i < node.children.size() && i < out.size(); ++i)
            fillMoves(*node.children[i].second, out[i], moves, next);
        return;
    case Node::Kind::Constant:
    case Node::Kind::Intrinsic:
        return;
    }
}

bool movableCandidate(const Node &node)
{
    return node.kind == Node::Kind::Path && node.path->root() == JsonPath::Root::Input
           && node.path->isReferencePath() && !node.path->isRootOnly();
}

// The fields that could take their value by move. Every expression reads before anything
// moves, so only two candidates selecting overlapping nodes conflict. False when two fields
// of one object build the same key (the later one wins: fillMoves() would miss a value).
bool collectCandidates(const Node &node, std::vector<const Node *> &out)
{
    if (movableCandidate(node))
        out.push_back(&node);
    if (node.kind == Node::Kind::Object) {
        for (size_t i = 0; i < node.children.size(); ++i) {
            for (size_t j = 0; j < i; ++j) {
                if (node.children[i].first == node.children[j].first)
                    return false;
            }
        }
    }
    for (const auto &entry : node.children) {
        if (!collectCandidates(*entry.second, out))
            return false;
    }
    return true;
}

bool markMovable(Node &node, const std::vector<const Node *> &candidates)
{
    if (movableCandidate(node)) {
        node.movable = true;
        for (const Node *other : candidates) {
            if (other != &node && node.path->mayOverlap(*other->path))
                node.movable = false;
        }
    } else {
        for (auto &entry : node.children)
            node.movable = markMovable(*entry.second, candidates) || node.movable;
    }
    return node.movable;
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
    std::vector<const Node *> candidates;
    if (collectCandidates(*root, candidates))
        markMovable(*root, candidates);
    PayloadTemplate result;
    result.m_root = std::move(root);
    return result;
}

Outcome<Json> PayloadTemplate::evaluate(const ExpressionContext &ctx) const
{
    return evaluateNode(*m_root, ctx, nullptr);
}

Outcome<Json> PayloadTemplate::evaluateConsuming(const ExpressionContext &ctx, Json &consumable,
                                                 Taken *taken) const
{
    if (taken)
        *taken = Taken();
    if (!m_root->movable || ctx.input != &consumable)
        return evaluateNode(*m_root, ctx, nullptr);
    Moves moves;
    auto value = evaluateNode(*m_root, ctx, &moves);
    if (value && !moves.empty()) {
        if (taken) {
            taken->nodes = moves.size();
            taken->sizeWithoutThem = jsonTextSize(value.value());
        }
        size_t next = 0;
        fillMoves(*m_root, value.value(), moves, next);
    }
    return value;
}

bool PayloadTemplate::isConstant() const
{
    return m_root->kind == Node::Kind::Constant;
}

} // namespace Stepwise::Sim
