// The second phase of parsing: binary '.' chains become paths of steps, predicates become
// stages, '@'/'#' bind tuple variables and '%' parent references are resolved to the step
// they name (jsonata's ancestry slots).
#include "simulator/expr/jsonataparser.h"

#include <algorithm>

namespace Stepwise::Sim::Jsonata {

namespace {

class AstProcessor
{
  public:
    bool run(const NodePtr &raw, NodePtr &out, Error &error)
    {
        NodePtr result = process(raw);
        if (!result) {
            error = m_error;
            return false;
        }
        if (result->type == NodeType::Parent || unresolved(*result)) {
            error = makeError("S0217", *result, "parent");
            return false;
        }
        out = result;
        return true;
    }

  private:
    static bool unresolved(const Node &n)
    {
        return std::any_of(n.seekingParent.begin(), n.seekingParent.end(),
                           [](const SlotPtr &s) { return s->level > 0; });
    }

    static Error makeError(const char *code, const Node &at, std::string token = {})
    {
        Error e;
        e.code = code;
        e.position = at.position;
        e.start = at.start;
        e.token = std::move(token);
        return e;
    }

    NodePtr fail(Error e)
    {
        m_error = std::move(e);
        return nullptr;
    }

    static NodePtr like(const Node &raw, NodeType type)
    {
        auto n = std::make_shared<Node>();
        n->type = type;
        n->value = raw.value;
        n->position = raw.position;
        n->start = raw.start;
        return n;
    }

    static NodePtr wrapInPath(const NodePtr &step)
    {
        auto path = std::make_shared<Node>();
        path->type = NodeType::Path;
        path->position = step->position;
        path->start = step->start;
        path->steps.push_back(step);
        return path;
    }

    // Binds a parent slot to the step it refers to; false (S0217) when it cannot be derived.
    bool seekParent(Node &node, SlotPtr &slot)
    {
        switch (node.type) {
        case NodeType::Name:
        case NodeType::Wildcard:
            slot->level--;
            if (slot->level == 0) {
                if (node.ancestor)
                    m_ancestry[static_cast<size_t>(slot->index)]->slot->label
                        = node.ancestor->label;
                node.ancestor = slot;
                node.tuple = true;
            }
            return true;
        case NodeType::Parent:
            slot->level++;
            return true;
        case NodeType::Block:
            if (!node.expressions.empty()) {
                node.tuple = true;
                return seekParent(*node.expressions.back(), slot);
            }
            return true;
        case NodeType::Path: {
            node.tuple = true;
            int index = static_cast<int>(node.steps.size()) - 1;
            if (!seekParent(*node.steps[static_cast<size_t>(index--)], slot))
                return false;
            while (slot->level > 0 && index >= 0) {
                if (!seekParent(*node.steps[static_cast<size_t>(index--)], slot))
                    return false;
            }
            return true;
        }
        default:
            m_error = makeError("S0217", node, "parent");
            return false;
        }
    }

    static void pushAncestry(Node &result, const Node &value)
    {
        if (!value.seekingParent.empty() || value.type == NodeType::Parent) {
            for (const auto &s : value.seekingParent)
                result.seekingParent.push_back(s);
            if (value.type == NodeType::Parent)
                result.seekingParent.push_back(value.slot);
        }
    }

    bool resolveAncestry(Node &path)
    {
        Node &last = *path.steps.back();
        std::vector<SlotPtr> slots = last.seekingParent;
        if (last.type == NodeType::Parent)
            slots.push_back(last.slot);
        for (SlotPtr slot : slots) {
            int index = static_cast<int>(path.steps.size()) - 2;
            while (slot->level > 0) {
                if (index < 0) {
                    path.seekingParent.push_back(slot);
                    break;
                }
                Node *step = path.steps[static_cast<size_t>(index--)].get();
                while (index >= 0 && step->hasFocus
                       && path.steps[static_cast<size_t>(index)]->hasFocus)
                    step = path.steps[static_cast<size_t>(index--)].get();
                if (!seekParent(*step, slot))
                    return false;
            }
        }
        return true;
    }

    static NodePtr tailCallOptimize(const NodePtr &expr)
    {
        if (expr->type == NodeType::Function && expr->predicate.empty()) {
            auto thunk = std::make_shared<Node>();
            thunk->type = NodeType::Lambda;
            thunk->thunk = true;
            thunk->position = expr->position;
            thunk->start = expr->start;
            thunk->body = expr;
            return thunk;
        }
        if (expr->type == NodeType::Condition) {
            expr->then = tailCallOptimize(expr->then);
            if (expr->otherwise)
                expr->otherwise = tailCallOptimize(expr->otherwise);
        } else if (expr->type == NodeType::Block && !expr->expressions.empty()) {
            expr->expressions.back() = tailCallOptimize(expr->expressions.back());
        }
        return expr;
    }

    NodePtr processDot(const Node &expr)
    {
        NodePtr lstep = process(expr.lhs);
        if (!lstep)
            return nullptr;
        NodePtr result = lstep->type == NodeType::Path ? lstep : wrapInPath(lstep);
        if (lstep->type == NodeType::Parent)
            result->seekingParent = {lstep->slot};
        NodePtr rest = process(expr.rhs);
        if (!rest)
            return nullptr;
        if (rest->type == NodeType::Path) {
            for (const auto &s : rest->steps)
                result->steps.push_back(s);
        } else {
            if (!rest->predicate.empty()) {
                rest->stages = std::move(rest->predicate);
                rest->predicate.clear();
            }
            result->steps.push_back(rest);
        }
        for (const auto &step : result->steps) {
            if (step->type == NodeType::Number || step->type == NodeType::Literal) {
                Error e = makeError("S0213", *step);
                e.value = step->type == NodeType::Number ? formatNumber(step->number)
                                                         : stringify(step->literal);
                return fail(e);
            }
            if (step->type == NodeType::String)
                step->type = NodeType::Name;
        }
        for (const auto &step : result->steps) {
            if (step->keepArray)
                result->keepSingletonArray = true;
        }
        Node &first = *result->steps.front();
        if (first.type == NodeType::Unary && first.value == "[")
            first.consArray = true;
        Node &last = *result->steps.back();
        if (last.type == NodeType::Unary && last.value == "[")
            last.consArray = true;
        if (!resolveAncestry(*result))
            return nullptr;
        return result;
    }

    NodePtr processBinary(const Node &expr)
    {
        const std::string &op = expr.value;
        if (op == ".")
            return processDot(expr);
        if (op == "[") {
            NodePtr result = process(expr.lhs);
            if (!result)
                return nullptr;
            Node *step = result.get();
            bool stages = false;
            if (result->type == NodeType::Path) {
                step = result->steps.back().get();
                stages = true;
            }
            if (step->group)
                return fail(makeError("S0209", expr));
            NodePtr predicate = process(expr.rhs);
            if (!predicate)
                return nullptr;
            if (!predicate->seekingParent.empty()) {
                for (SlotPtr slot : predicate->seekingParent) {
                    if (slot->level == 1) {
                        if (!seekParent(*step, slot))
                            return nullptr;
                    } else {
                        slot->level--;
                    }
                }
                pushAncestry(*step, *predicate);
            }
            Stage stage;
            stage.expr = predicate;
            stage.position = expr.position;
            (stages ? step->stages : step->predicate).push_back(stage);
            return result;
        }
        if (op == "{") {
            NodePtr result = process(expr.lhs);
            if (!result)
                return nullptr;
            if (result->group)
                return fail(makeError("S0210", expr));
            auto group = std::make_unique<GroupBy>();
            group->position = expr.position;
            for (const auto &[k, v] : expr.pairs) {
                NodePtr key = process(k);
                NodePtr value = key ? process(v) : nullptr;
                if (!value)
                    return nullptr;
                group->pairs.emplace_back(key, value);
            }
            result->group = std::move(group);
            return result;
        }
        if (op == "^") {
            NodePtr result = process(expr.lhs);
            if (!result)
                return nullptr;
            if (result->type != NodeType::Path)
                result = wrapInPath(result);
            auto sortStep = std::make_shared<Node>();
            sortStep->type = NodeType::Sort;
            sortStep->position = expr.position;
            sortStep->start = expr.start;
            for (const auto &term : expr.terms) {
                NodePtr e = process(term.expression);
                if (!e)
                    return nullptr;
                pushAncestry(*sortStep, *e);
                sortStep->terms.push_back({term.descending, e});
            }
            result->steps.push_back(sortStep);
            if (!resolveAncestry(*result))
                return nullptr;
            return result;
        }
        if (op == ":=") {
            auto result = like(expr, NodeType::Bind);
            result->lhs = process(expr.lhs);
            result->rhs = result->lhs ? process(expr.rhs) : nullptr;
            if (!result->rhs)
                return nullptr;
            pushAncestry(*result, *result->rhs);
            return result;
        }
        if (op == "@") {
            NodePtr result = process(expr.lhs);
            if (!result)
                return nullptr;
            Node *step = result.get();
            if (result->type == NodeType::Path)
                step = result->steps.back().get();
            if (!step->stages.empty() || !step->predicate.empty())
                return fail(makeError("S0215", expr));
            if (step->type == NodeType::Sort)
                return fail(makeError("S0216", expr));
            if (expr.keepArray)
                step->keepArray = true;
            step->focus = expr.rhs->value;
            step->hasFocus = true;
            step->tuple = true;
            return result;
        }
        if (op == "#") {
            NodePtr result = process(expr.lhs);
            if (!result)
                return nullptr;
            Node *step = result.get();
            if (result->type == NodeType::Path) {
                step = result->steps.back().get();
            } else {
                result = wrapInPath(result);
                if (!step->predicate.empty()) {
                    step->stages = std::move(step->predicate);
                    step->predicate.clear();
                }
            }
            if (step->stages.empty()) {
                step->index = expr.rhs->value;
                step->hasIndex = true;
            } else {
                Stage stage;
                stage.isIndex = true;
                stage.value = expr.rhs->value;
                stage.position = expr.position;
                step->stages.push_back(stage);
            }
            step->tuple = true;
            return result;
        }
        if (op == "~>") {
            auto result = like(expr, NodeType::Apply);
            result->lhs = process(expr.lhs);
            result->rhs = result->lhs ? process(expr.rhs) : nullptr;
            if (!result->rhs)
                return nullptr;
            result->keepArray = result->lhs->keepArray || result->rhs->keepArray;
            return result;
        }
        auto result = like(expr, NodeType::Binary);
        result->lhs = process(expr.lhs);
        result->rhs = result->lhs ? process(expr.rhs) : nullptr;
        if (!result->rhs)
            return nullptr;
        pushAncestry(*result, *result->lhs);
        pushAncestry(*result, *result->rhs);
        return result;
    }

    NodePtr process(const NodePtr &raw)
    {
        const Node &expr = *raw;
        NodePtr result;
        switch (expr.type) {
        case NodeType::Binary:
            result = processBinary(expr);
            break;
        case NodeType::Unary: {
            result = like(expr, NodeType::Unary);
            if (expr.value == "[") {
                for (const auto &item : expr.expressions) {
                    NodePtr v = process(item);
                    if (!v)
                        return nullptr;
                    pushAncestry(*result, *v);
                    result->expressions.push_back(v);
                }
            } else if (expr.value == "{") {
                for (const auto &[k, v] : expr.pairs) {
                    NodePtr key = process(k);
                    if (!key)
                        return nullptr;
                    pushAncestry(*result, *key);
                    NodePtr value = process(v);
                    if (!value)
                        return nullptr;
                    pushAncestry(*result, *value);
                    result->pairs.emplace_back(key, value);
                }
            } else {
                result->expression = process(expr.expression);
                if (!result->expression)
                    return nullptr;
                if (expr.value == "-" && result->expression->type == NodeType::Number) {
                    result = result->expression;
                    result->number = -result->number;
                } else {
                    pushAncestry(*result, *result->expression);
                }
            }
            break;
        }
        case NodeType::Function:
        case NodeType::Partial: {
            result = like(expr, expr.type);
            for (const auto &arg : expr.arguments) {
                NodePtr a = process(arg);
                if (!a)
                    return nullptr;
                pushAncestry(*result, *a);
                result->arguments.push_back(a);
            }
            result->procedure = process(expr.procedure);
            if (!result->procedure)
                return nullptr;
            break;
        }
        case NodeType::Lambda: {
            result = like(expr, NodeType::Lambda);
            result->arguments = expr.arguments;
            result->signature = expr.signature;
            NodePtr body = process(expr.body);
            if (!body)
                return nullptr;
            result->body = tailCallOptimize(body);
            break;
        }
        case NodeType::Condition: {
            result = like(expr, NodeType::Condition);
            result->condition = process(expr.condition);
            if (!result->condition)
                return nullptr;
            pushAncestry(*result, *result->condition);
            result->then = process(expr.then);
            if (!result->then)
                return nullptr;
            pushAncestry(*result, *result->then);
            if (expr.otherwise) {
                result->otherwise = process(expr.otherwise);
                if (!result->otherwise)
                    return nullptr;
                pushAncestry(*result, *result->otherwise);
            }
            break;
        }
        case NodeType::Transform: {
            result = like(expr, NodeType::Transform);
            result->pattern = process(expr.pattern);
            result->update = result->pattern ? process(expr.update) : nullptr;
            if (!result->update)
                return nullptr;
            if (expr.remove) {
                result->remove = process(expr.remove);
                if (!result->remove)
                    return nullptr;
            }
            break;
        }
        case NodeType::Block: {
            result = like(expr, NodeType::Block);
            for (const auto &item : expr.expressions) {
                NodePtr part = process(item);
                if (!part)
                    return nullptr;
                pushAncestry(*result, *part);
                if (part->consArray
                    || (part->type == NodeType::Path && part->steps.front()->consArray))
                    result->consArray = true;
                result->expressions.push_back(part);
            }
            break;
        }
        case NodeType::Name: {
            result = wrapInPath(raw);
            if (expr.keepArray)
                result->keepSingletonArray = true;
            break;
        }
        case NodeType::Parent: {
            result = like(expr, NodeType::Parent);
            result->slot = std::make_shared<Slot>();
            result->slot->label = "!" + std::to_string(m_ancestorLabel++);
            result->slot->level = 1;
            result->slot->index = m_ancestorIndex++;
            m_ancestry.push_back(result);
            break;
        }
        case NodeType::String:
        case NodeType::Number:
        case NodeType::Literal:
        case NodeType::Wildcard:
        case NodeType::Descendant:
        case NodeType::Variable:
        case NodeType::Regex:
        case NodeType::Placeholder:
            result = raw;
            break;
        case NodeType::Operator: {
            // 'and', 'or', 'in' used as names
            raw->type = NodeType::Name;
            result = process(raw);
            break;
        }
        case NodeType::End:
            return fail(makeError("S0207", expr, "(end)"));
        default:
            return fail(makeError("S0206", expr, expr.value));
        }
        if (!result)
            return nullptr;
        if (expr.keepArray)
            result->keepArray = true;
        return result;
    }

    Error m_error;
    int m_ancestorLabel = 0;
    int m_ancestorIndex = 0;
    std::vector<NodePtr> m_ancestry;
};

} // namespace

bool processAst(const NodePtr &raw, NodePtr &out, Error &error)
{
    AstProcessor processor;
    return processor.run(raw, out, error);
}

} // namespace Stepwise::Sim::Jsonata
