#include "simulator/expr/jsonpath.h"
#include "simulator/expr/jsonmembers.h"
#include "simulator/expr/jsonsize.h"
#include "simulator/expr/jsontext.h"

#include "simulator/expr/jsonpathevaluator.h"
#include "simulator/expr/jsonpathparser.h"

#include <algorithm>

namespace Stepwise::Sim {

JsonPath::JsonPath(std::shared_ptr<const Detail::PathAst> ast)
    : m_ast(std::move(ast))
{}

Model::Result<JsonPath> JsonPath::parse(std::string_view text)
{
    Detail::ParseError error;
    auto ast = Detail::parseJsonPath(text, error);
    if (!ast)
        return error.toModelError();
    return JsonPath(std::move(ast));
}

const std::string &JsonPath::text() const
{
    return m_ast->text;
}

JsonPath::Root JsonPath::root() const
{
    switch (m_ast->root) {
    case Detail::RootKind::Context:
        return Root::Context;
    case Detail::RootKind::Variable:
        return Root::Variable;
    default:
        return Root::Input;
    }
}

const std::string &JsonPath::variableName() const
{
    return m_ast->variable;
}

bool JsonPath::isDefinite() const
{
    return m_ast->definite;
}

bool JsonPath::isRootOnly() const
{
    return m_ast->steps.empty();
}

bool JsonPath::isReferencePath() const
{
    return m_ast->referenceOnly;
}

std::optional<Json> JsonPath::select(const ExpressionContext &ctx) const
{
    auto outcome = evaluate(ctx);
    if (!outcome)
        return std::nullopt;
    return std::move(outcome).value();
}

Outcome<Json> JsonPath::evaluate(const ExpressionContext &ctx) const
{
    const Detail::PathAst &ast = *m_ast;
    const Json *root = Detail::pathRoot(ast, ctx, nullptr);
    if (ast.definite) {
        std::string why;
        if (!root) {
            return Failure{"States.Runtime", "Invalid path '" + ast.text + "' : The variable '"
                                                 + ast.variable + "' is not defined"};
        }
        Json scratch;
        const Json *node = Detail::walkDefinite(ast, *root, scratch, &why);
        if (!node)
            return Failure{"States.Runtime", "Invalid path '" + ast.text + "' : " + why};
        if (node == &scratch)
            return scratch;
        return *node;
    }
    Json list = Json::array();
    if (root) {
        std::vector<const Json *> matches;
        std::deque<Json> scratch;
        Detail::walkAll(ast, *root, ctx, matches, scratch);
        for (const Json *match : matches)
            list.push_back(*match);
    }
    return list;
}

const Json *JsonPath::locate(const ExpressionContext &ctx, std::string *why) const
{
    const Detail::PathAst &ast = *m_ast;
    if (!ast.referenceOnly)
        return nullptr;
    const Json *root = Detail::pathRoot(ast, ctx, nullptr);
    if (!root) {
        if (why)
            *why = "The variable '" + ast.variable + "' is not defined";
        return nullptr;
    }
    Json unused;
    return Detail::walkDefinite(ast, *root, unused, why);
}

bool JsonPath::assign(Json &document, Json value, std::string *why, std::int64_t *growth) const
{
    const Detail::PathAst &ast = *m_ast;
    std::int64_t added = 0;
    auto grown = [&](const Json *replaced) {
        if (growth)
            *growth = added - (replaced ? static_cast<std::int64_t>(jsonTextSize(*replaced)) : 0);
    };
    // A member created in `object`: its key, the colon and a comma unless it is the first.
    auto newMember = [&](const Json &object, const std::string &key) {
        added += static_cast<std::int64_t>(jsonStringSize(key)) + 1 + (object.empty() ? 0 : 1);
    };
    if (!ast.referenceOnly || ast.root != Detail::RootKind::Input) {
        if (why)
            *why = "'" + ast.text + "' is not a reference path";
        return false;
    }
    Json *node = &document;
    for (size_t i = 0; i < ast.steps.size(); ++i) {
        const Detail::PathStep &step = ast.steps[i];
        const bool last = i + 1 == ast.steps.size();
        if (step.kind == Detail::PathStep::Kind::Property) {
            if (!node->is_object()) {
                if (why) {
                    *why = "Unable to apply step \"" + step.names.front() + "\" to input "
                           + compactJson(*node);
                }
                return false;
            }
            const auto it = node->find(step.names.front());
            if (last) {
                if (it != node->end()) {
                    grown(&*it);
                    *it = std::move(value);
                } else {
                    newMember(*node, step.names.front());
                    grown(nullptr);
                    setMember(*node, step.names.front(), std::move(value));
                }
                return true;
            }
            if (it != node->end()) {
                node = &*it;
            } else {
                newMember(*node, step.names.front());
                added += 2; // the braces of the object created
                node = &setMember(*node, step.names.front(), Json::object());
            }
        } else {
            if (!node->is_array()) {
                if (why) {
                    *why = "Unable to apply step \"[" + std::to_string(step.indexes.front())
                           + "]\" to input " + compactJson(*node);
                }
                return false;
            }
            const long long n = static_cast<long long>(node->size());
            long long index = step.indexes.front();
            if (index < 0)
                index += n;
            if (index < 0 || index >= n) {
                if (why) {
                    *why = "Unable to apply step \"[" + std::to_string(step.indexes.front())
                           + "]\" to input " + compactJson(*node);
                }
                return false;
            }
            Json &child = (*node)[static_cast<size_t>(index)];
            if (last) {
                grown(&child);
                child = std::move(value);
                return true;
            }
            node = &child;
        }
    }
    grown(&document);
    document = std::move(value);
    return true;
}

namespace {

bool sameDocument(const Detail::PathAst &a, const Detail::PathAst &b)
{
    auto document = [](Detail::RootKind root) {
        return root == Detail::RootKind::Current ? Detail::RootKind::Input : root;
    };
    return document(a.root) == document(b.root)
           && (a.root != Detail::RootKind::Variable || a.variable == b.variable);
}

// Whether two reference steps may select the same child.
bool stepsMayMeet(const Detail::PathStep &a, const Detail::PathStep &b)
{
    using K = Detail::PathStep::Kind;
    if (a.kind != b.kind)
        return false; // a key never selects an array element, nor an index an object member
    if (a.kind == K::Property)
        return a.names.front() == b.names.front();
    const long long x = a.indexes.front(), y = b.indexes.front();
    return x == y || x < 0 || y < 0;
}

} // namespace

bool JsonPath::contains(const JsonPath &inner) const
{
    const Detail::PathAst &a = *m_ast, &b = *inner.m_ast;
    if (!a.referenceOnly || !b.referenceOnly || !sameDocument(a, b)
        || a.steps.size() > b.steps.size())
        return false;
    for (size_t i = 0; i < a.steps.size(); ++i) {
        const Detail::PathStep &x = a.steps[i], &y = b.steps[i];
        if (x.kind != y.kind)
            return false;
        if (x.kind == Detail::PathStep::Kind::Property) {
            if (x.names.front() != y.names.front())
                return false;
        } else if (x.indexes.front() < 0 || x.indexes.front() != y.indexes.front()) {
            return false;
        }
    }
    return true;
}

bool JsonPath::mayOverlap(const JsonPath &other) const
{
    const Detail::PathAst &a = *m_ast, &b = *other.m_ast;
    if (!sameDocument(a, b))
        return false;
    if (!a.referenceOnly || !b.referenceOnly)
        return true;
    const size_t common = std::min(a.steps.size(), b.steps.size());
    for (size_t i = 0; i < common; ++i) {
        if (!stepsMayMeet(a.steps[i], b.steps[i]))
            return false;
    }
    return true;
}

std::string JsonPath::normalized() const
{
    return Detail::normalizedPath(*m_ast, m_ast->steps.size());
}

} // namespace Stepwise::Sim
