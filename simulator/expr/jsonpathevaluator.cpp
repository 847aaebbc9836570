#include "simulator/expr/jsonpathevaluator.h"
#include "simulator/expr/jsontext.h"

#include "simulator/expr/jsonpathfilter.h"

namespace Stepwise::Sim::Detail {

namespace {

const Json &emptyObject()
{
    static const Json empty = Json::object();
    return empty;
}

// The Java class Jayway names when a step meets the wrong kind of value.
std::string javaClassName(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null:
        return "null";
    case Json::value_t::string:
        return "java.lang.String";
    case Json::value_t::boolean:
        return "java.lang.Boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
        return "java.lang.Integer";
    case Json::value_t::number_float:
        return "java.lang.Double";
    case Json::value_t::array:
        return "java.util.ArrayList";
    default:
        return "java.util.LinkedHashMap";
    }
}

std::optional<size_t> effectiveIndex(long long index, size_t size)
{
    const long long n = static_cast<long long>(size);
    const long long i = index < 0 ? n + index : index;
    if (i < 0 || i >= n)
        return std::nullopt;
    return static_cast<size_t>(i);
}

Json lengthOf(const Json &value)
{
    if (value.is_array() || value.is_object())
        return Json(value.size());
    if (value.is_string())
        return Json(value.get_ref<const std::string &>().size());
    return Json(nullptr);
}

class Collector
{
  public:
    Collector(const PathAst &ast, const ExpressionContext &ctx, std::vector<const Json *> &out,
              std::deque<Json> &scratch)
        : m_steps(ast.steps)
        , m_ctx(ctx)
        , m_out(out)
        , m_scratch(scratch)
    {}

    void walk(const Json &node, size_t i)
    {
        if (i == m_steps.size()) {
            m_out.push_back(&node);
            return;
        }
        const PathStep &step = m_steps[i];
        using K = PathStep::Kind;
        switch (step.kind) {
        case K::Property:
            if (node.is_object()) {
                const auto it = node.find(step.names.front());
                if (it != node.end())
                    walk(*it, i + 1);
            }
            break;
        case K::Properties:
            if (!node.is_object())
                break;
            if (i + 1 == m_steps.size()) {
                Json merged = Json::object();
                for (const std::string &name : step.names) {
                    const auto it = node.find(name);
                    if (it != node.end())
                        merged[name] = *it;
                }
                m_out.push_back(&m_scratch.emplace_back(std::move(merged)));
            } else {
                for (const std::string &name : step.names) {
                    const auto it = node.find(name);
                    if (it != node.end())
                        walk(*it, i + 1);
                }
            }
            break;
        case K::Index:
        case K::Indexes:
            if (node.is_array()) {
                for (long long index : step.indexes) {
                    if (const auto at = effectiveIndex(index, node.size()))
                        walk(node[*at], i + 1);
                }
            }
            break;
        case K::Slice:
            if (node.is_array()) {
                const long long n = static_cast<long long>(node.size());
                long long from = step.from.value_or(0);
                long long to = step.to.value_or(n);
                if (from < 0)
                    from = std::max(0LL, n + from);
                if (to < 0)
                    to = n + to;
                to = std::min(to, n);
                for (long long k = from; k < to; ++k)
                    walk(node[static_cast<size_t>(k)], i + 1);
            }
            break;
        case K::Wildcard:
            if (node.is_object() || node.is_array()) {
                for (const Json &child : node)
                    walk(child, i + 1);
            }
            break;
        case K::DeepScan:
            scan(node, i + 1);
            break;
        case K::Filter:
            if (node.is_array()) {
                for (const Json &child : node) {
                    if (filterAccepts(*step.filter, child, m_ctx))
                        walk(child, i + 1);
                }
            } else if (node.is_object() && filterAccepts(*step.filter, node, m_ctx)) {
                walk(node, i + 1);
            }
            break;
        case K::Length:
            walk(m_scratch.emplace_back(lengthOf(node)), i + 1);
            break;
        }
    }

  private:
    // "..": the next step is tried on this node and then on every node below, pre-order.
    void scan(const Json &node, size_t next)
    {
        if (next == m_steps.size()) {
            m_out.push_back(&node);
        } else if (m_steps[next].kind == PathStep::Kind::Filter) {
            if (node.is_object() && filterAccepts(*m_steps[next].filter, node, m_ctx))
                walk(node, next + 1);
        } else {
            walk(node, next);
        }
        if (node.is_object() || node.is_array()) {
            for (const Json &child : node)
                scan(child, next);
        }
    }

    const std::vector<PathStep> &m_steps;
    const ExpressionContext &m_ctx;
    std::vector<const Json *> &m_out;
    std::deque<Json> &m_scratch;
};

} // namespace

const Json *pathRoot(const PathAst &ast, const ExpressionContext &ctx, const Json *current)
{
    switch (ast.root) {
    case RootKind::Input:
        return ctx.input ? ctx.input : &emptyObject();
    case RootKind::Context:
        return ctx.context ? ctx.context : &emptyObject();
    case RootKind::Current:
        return current ? current : &emptyObject();
    case RootKind::Variable: {
        if (!ctx.variables || !ctx.variables->is_object())
            return nullptr;
        const auto it = ctx.variables->find(ast.variable);
        return it == ctx.variables->end() ? nullptr : &*it;
    }
    }
    return nullptr;
}

const Json *walkDefinite(const PathAst &ast, const Json &root, Json &scratch, std::string *why)
{
    const Json *node = &root;
    const size_t count = ast.steps.size();
    for (size_t i = 0; i < count; ++i) {
        const PathStep &step = ast.steps[i];
        if (step.kind == PathStep::Kind::Property) {
            if (!node->is_object()) {
                if (why) {
                    *why = "Expected to find an object with property ['" + step.names.front()
                           + "'] in path " + normalizedPath(ast, i) + " but found '"
                           + javaClassName(*node)
                           + "'. This is not a json object according to the JsonProvider: "
                             "'com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider'.";
                }
                return nullptr;
            }
            const auto it = node->find(step.names.front());
            if (it == node->end()) {
                if (why) {
                    *why = i + 1 == count
                               ? "No results for path: " + normalizedPath(ast, count)
                               : "Missing property in path " + normalizedPath(ast, i + 1);
                }
                return nullptr;
            }
            node = &*it;
        } else if (step.kind == PathStep::Kind::Index) {
            if (!node->is_array()) {
                if (why) {
                    *why = node->is_null() ? "The path " + normalizedPath(ast, i) + " is null"
                                           : "Filter: [" + std::to_string(step.indexes.front())
                                                 + "] can only be applied to arrays. Current "
                                                   "context is: "
                                                 + compactJson(*node);
                }
                return nullptr;
            }
            const auto at = effectiveIndex(step.indexes.front(), node->size());
            if (!at) {
                if (why)
                    *why = "No results for path: " + normalizedPath(ast, count);
                return nullptr;
            }
            node = &(*node)[*at];
        } else if (step.kind == PathStep::Kind::Length) {
            scratch = lengthOf(*node);
            node = &scratch;
        } else {
            return nullptr; // not a definite step
        }
    }
    return node;
}

void walkAll(const PathAst &ast, const Json &root, const ExpressionContext &ctx,
             std::vector<const Json *> &out, std::deque<Json> &scratch)
{
    Collector collector(ast, ctx, out, scratch);
    collector.walk(root, 0);
}

std::string normalizedPath(const PathAst &ast, size_t stepCount)
{
    std::string text;
    switch (ast.root) {
    case RootKind::Input:
        text = "$";
        break;
    case RootKind::Context:
        text = "$$";
        break;
    case RootKind::Current:
        text = "@";
        break;
    case RootKind::Variable:
        text = "$" + ast.variable;
        break;
    }
    for (size_t i = 0; i < stepCount && i < ast.steps.size(); ++i) {
        const PathStep &step = ast.steps[i];
        using K = PathStep::Kind;
        switch (step.kind) {
        case K::Property:
        case K::Properties: {
            text += '[';
            for (size_t n = 0; n < step.names.size(); ++n) {
                if (n)
                    text += ',';
                text += "'" + step.names[n] + "'";
            }
            text += ']';
            break;
        }
        case K::Index:
        case K::Indexes: {
            text += '[';
            for (size_t n = 0; n < step.indexes.size(); ++n) {
                if (n)
                    text += ',';
                text += std::to_string(step.indexes[n]);
            }
            text += ']';
            break;
        }
        case K::Slice:
            text += '[' + (step.from ? std::to_string(*step.from) : std::string()) + ':'
                    + (step.to ? std::to_string(*step.to) : std::string()) + ']';
            break;
        case K::Wildcard:
            text += "[*]";
            break;
        case K::DeepScan:
            text += "..";
            break;
        case K::Filter:
            text += "[?]";
            break;
        case K::Length:
            text += ".length()";
            break;
        }
    }
    return text;
}

} // namespace Stepwise::Sim::Detail
