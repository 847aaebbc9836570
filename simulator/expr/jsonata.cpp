#include "simulator/expr/jsonata.h"

#include "simulator/expr/jsonataevaluator.h"
#include "simulator/expr/jsonataparser.h"

#include <cmath>
#include <set>

namespace Stepwise::Sim {

struct JsonataExpression::Compiled
{
    std::string text;
    Jsonata::NodePtr root;
};

JsonataExpression::JsonataExpression(std::shared_ptr<const Compiled> compiled)
    : m_compiled(std::move(compiled))
{}

namespace {

JsonataExpression::Error toError(const Jsonata::Error &e, std::string_view text)
{
    JsonataExpression::Error out;
    out.code = e.code;
    out.message = e.message();
    int offset = e.start >= 0 ? e.start : e.position >= 1 ? e.position - 1 : e.position;
    if (offset > static_cast<int>(text.size()))
        offset = static_cast<int>(text.size());
    out.offset = offset;
    return out;
}

} // namespace

std::variant<JsonataExpression, JsonataExpression::Error>
JsonataExpression::compile(std::string_view text)
{
    auto compiled = std::make_shared<Compiled>();
    compiled->text = std::string(text);
    Jsonata::Error error;
    if (!Jsonata::parseJsonata(compiled->text, compiled->root, error))
        return toError(error, text);
    return JsonataExpression(std::move(compiled));
}

Model::Result<JsonataExpression> JsonataExpression::parse(std::string_view text)
{
    auto compiled = compile(text);
    if (auto *error = std::get_if<Error>(&compiled)) {
        Model::Error e;
        e.message = error->describe();
        e.location.offset = error->offset;
        e.location.column = error->offset + 1;
        return e;
    }
    return std::get<JsonataExpression>(std::move(compiled));
}

const std::string &JsonataExpression::text() const
{
    return m_compiled->text;
}

namespace {

struct VariableUse
{
    std::set<std::string> read, bound;

    void walk(const Jsonata::Node *node)
    {
        if (!node)
            return;
        using Jsonata::NodeType;
        if (node->type == NodeType::Variable)
            read.insert(node->value);
        if (node->type == NodeType::Bind && node->lhs)
            bound.insert(node->lhs->value);
        if (node->type == NodeType::Lambda) {
            for (const auto &parameter : node->arguments)
                bound.insert(parameter->value);
        }
        if (!node->focus.empty())
            bound.insert(node->focus);
        if (!node->index.empty())
            bound.insert(node->index);
        for (const auto *child : {&node->lhs, &node->rhs, &node->expression, &node->procedure,
                                  &node->body, &node->condition, &node->then, &node->otherwise,
                                  &node->pattern, &node->update, &node->remove})
            walk(child->get());
        for (const auto *list : {&node->expressions, &node->steps, &node->arguments}) {
            for (const auto &child : *list)
                walk(child.get());
        }
        for (const auto &[key, value] : node->pairs) {
            walk(key.get());
            walk(value.get());
        }
        for (const auto &term : node->terms)
            walk(term.expression.get());
        for (const auto *stages : {&node->predicate, &node->stages}) {
            for (const auto &stage : *stages) {
                walk(stage.expr.get());
                if (stage.isIndex)
                    bound.insert(stage.value);
            }
        }
        if (node->group) {
            for (const auto &[key, value] : node->group->pairs) {
                walk(key.get());
                walk(value.get());
            }
        }
    }
};

} // namespace

std::vector<std::string> JsonataExpression::variablesRead() const
{
    VariableUse use;
    use.walk(m_compiled->root.get());
    std::vector<std::string> out;
    for (const std::string &name : use.read) {
        if (!name.empty() && name != "$" && !use.bound.count(name) && !Jsonata::findBuiltin(name))
            out.push_back(name);
    }
    return out;
}

JsonataExpression::Evaluation JsonataExpression::run(const Json *input,
                                                     const Options &options) const
{
    Jsonata::EvalOptions evalOptions;
    evalOptions.maxDepth = options.maxDepth;
    evalOptions.timeLimit = options.timeLimit;
    evalOptions.nowMillis = options.nowMillis;
    evalOptions.random = options.random;
    Jsonata::Evaluator evaluator(evalOptions);

    Jsonata::Value inputValue = input ? Jsonata::Value::fromJson(*input) : Jsonata::Value();
    // The root frame lives here: the result is converted to JSON before it goes.
    Jsonata::Frame root;
    Jsonata::Frame *env = &root;
    env->vars.reserve(options.bindings.size() + 2);
    for (const auto &b : options.bindings)
        env->bind(b.name, b.value ? Jsonata::Value::fromJson(*b.value) : Jsonata::Value());
    if (options.states) {
        Jsonata::ObjectPtr states = Jsonata::makeObject();
        states->entries.reserve(4);
        for (auto [key, part] : {std::pair{"input", options.states->input},
                                 std::pair{"result", options.states->result},
                                 std::pair{"errorOutput", options.states->errorOutput},
                                 std::pair{"context", options.states->context}}) {
            if (part)
                states->entries.emplace_back(key, Jsonata::Value::fromJson(*part));
        }
        env->bind("states", Jsonata::Value(std::move(states)));
    }
    env->bind("$", inputValue);
    if (inputValue.isArray()) {
        // The top-level array is wrapped so that paths map over its items.
        auto wrapper = Jsonata::makeSequence();
        wrapper->outerWrapper = true;
        wrapper->items.push_back(inputValue);
        inputValue = Jsonata::Value(wrapper);
    }
    Jsonata::Value result;
    Evaluation evaluation;
    if (!evaluator.run(*m_compiled->root, inputValue, env, result)) {
        evaluation.error = toError(evaluator.error(), m_compiled->text);
        return evaluation;
    }
    if (result.isUndefined())
        return evaluation;
    if (result.isNumber() && !std::isfinite(result.number())) {
        Jsonata::Error e{"D1001"};
        e.value = Jsonata::formatNumber(result.number());
        evaluation.error = toError(e, m_compiled->text);
        return evaluation;
    }
    evaluation.function = result.isFunction();
    evaluation.value = Jsonata::toJson(result);
    return evaluation;
}

Outcome<std::optional<Json>> JsonataExpression::evaluate(const Json *input,
                                                         const Options &options) const
{
    Evaluation evaluation = run(input, options);
    if (evaluation.error)
        return Failure{"States.QueryEvaluationError", evaluation.error->describe()};
    return std::move(evaluation.value);
}

} // namespace Stepwise::Sim
