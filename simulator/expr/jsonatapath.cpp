// Paths, steps, tuple streams ('@', '#', '%'), predicates, grouping, order-by and
// transforms: the part of the evaluator that walks data.
#include "simulator/expr/jsonataevaluator.h"

#include <cmath>

namespace Stepwise::Sim::Jsonata {

namespace {

ArrayPtr singletonSequence(const Value &v)
{
    auto seq = makeSequence();
    seq->items.push_back(v); // even undefined: the step is still evaluated once
    return seq;
}

bool isNumericValue(const Value &v)
{
    return v.isNumber() && !std::isnan(v.number());
}

ObjectPtr copyTuple(const Value &tuple)
{
    auto copy = makeObject();
    if (const Object *o = tuple.builtObject())
        copy->entries = o->entries;
    return copy;
}

} // namespace

Frame *Evaluator::frameFromTuple(Frame *env, const Value &tuple)
{
    Frame *frame = newFrame(env);
    if (const Object *o = tuple.builtObject())
        frame->vars = o->entries;
    return frame;
}

// A path of plain field names (optionally starting at a variable) over objects, such as
// $states.input.i, needs none of the sequence machinery: walk it directly. Anything else
// (arrays on the way, predicates, bindings, grouping) takes the general route.
bool Evaluator::walkSimplePath(const Node &expr, const Value &input, Frame *env, Value &out)
{
    if (expr.keepSingletonArray || expr.group || expr.tuple)
        return false;
    // The walk holds either a value of the evaluation (a variable, a built object's entry) or
    // a JSON value borrowed from the caller's document, by pointer: one copy at the end.
    const Value *value = nullptr;
    const Json *json = nullptr;
    bool undefined = false;
    for (size_t i = 0; i < expr.steps.size() && !undefined; ++i) {
        const Node &step = *expr.steps[i];
        if (!step.predicate.empty() || !step.stages.empty() || step.group || step.tuple
            || step.keepArray || step.consArray)
            return false;
        if (i == 0 && step.type == NodeType::Variable && !step.value.empty()) {
            value = env ? env->lookup(step.value) : nullptr;
            if (!value) {
                if (findBuiltin(step.value))
                    return false; // a function
                undefined = true;
                continue;
            }
        } else if (step.type == NodeType::Name) {
            if (i == 0)
                value = &input;
            if (value) {
                if (const Json *borrowed = value->borrowed()) {
                    json = borrowed;
                    value = nullptr;
                } else if (const Object *object = value->builtObject()) {
                    value = object->find(step.value);
                    undefined = value == nullptr;
                    continue;
                } else {
                    return false;
                }
            }
            if (!json->is_object())
                return false;
            const auto it = json->find(step.value);
            if (it == json->end()) {
                undefined = true;
                continue;
            }
            json = &*it;
        } else {
            return false;
        }
        if (json ? json->is_array() : value->isArray() || value->isFunction())
            return false;
    }
    // Each step is an evaluation in jsonata-js's depth count.
    if (m_depth + static_cast<int>(expr.steps.size()) > m_options.maxDepth)
        return false;
    out = undefined ? Value() : json ? Value::fromJson(*json) : *value;
    return true;
}

bool Evaluator::evalPath(const Node &expr, const Value &input, Frame *env, Value &out)
{
    if (walkSimplePath(expr, input, env, out))
        return true;
    Value inputSequence;
    if (input.isArray() && expr.steps[0]->type != NodeType::Variable)
        inputSequence = input;
    else
        inputSequence = Value(singletonSequence(input));

    Value resultSequence;
    Value tupleBindings;
    bool isTupleStream = false;
    const size_t stepCount = expr.steps.size();
    for (size_t ii = 0; ii < stepCount; ++ii) {
        const Node &step = *expr.steps[ii];
        if (step.tuple)
            isTupleStream = true;
        if (ii == 0 && step.consArray) {
            if (!eval(step, inputSequence, env, resultSequence))
                return false;
        } else if (isTupleStream) {
            Value next;
            if (!evalTupleStep(step, inputSequence, tupleBindings, env, next))
                return false;
            tupleBindings = std::move(next);
        } else {
            if (!evalStep(step, inputSequence, env, ii == stepCount - 1, resultSequence))
                return false;
        }
        if (!isTupleStream
            && (resultSequence.isUndefined()
                || (resultSequence.isArray() && resultSequence.size() == 0)))
            break;
        if (!step.hasFocus)
            inputSequence = resultSequence;
    }

    if (isTupleStream) {
        if (expr.tuple) {
            resultSequence = tupleBindings;
        } else {
            auto seq = makeSequence();
            const size_t n = tupleBindings.size();
            for (size_t i = 0; i < n; ++i)
                seq->items.push_back(tupleBindings.at(i).get("@"));
            resultSequence = Value(seq);
        }
    }

    if (expr.keepSingletonArray) {
        if (resultSequence.isArray() && resultSequence.isCons() && !resultSequence.isSequence()) {
            auto seq = makeSequence();
            seq->items.push_back(resultSequence);
            resultSequence = Value(seq);
        }
        if (Array *a = resultSequence.builtArray())
            a->keepSingleton = true;
    }

    if (expr.group) {
        return evalGroup(expr.group->pairs, expr.group->position,
                         isTupleStream ? tupleBindings : resultSequence, env, out);
    }
    out = std::move(resultSequence);
    return true;
}

bool Evaluator::evalStep(const Node &step, const Value &input, Frame *env, bool lastStep,
                         Value &out)
{
    if (step.type == NodeType::Sort) {
        if (!evalSort(step, input, env, out))
            return false;
        return step.stages.empty() || evalStages(step.stages, out, env);
    }
    std::vector<Value> results;
    const size_t n = input.size();
    results.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        Value res;
        if (!eval(step, input.at(i), env, res))
            return false;
        for (const auto &stage : step.stages) {
            Value filtered;
            if (!evalFilter(*stage.expr, res, env, filtered))
                return false;
            res = std::move(filtered);
        }
        if (res.isDefined())
            results.push_back(std::move(res));
    }
    if (lastStep && results.size() == 1 && results[0].isArray() && !results[0].isSequence()) {
        out = results[0];
        return true;
    }
    auto seq = makeSequence();
    for (auto &res : results) {
        if (!res.isArray() || res.isCons()) {
            seq->items.push_back(std::move(res));
        } else {
            const size_t m = res.size();
            for (size_t j = 0; j < m; ++j)
                seq->items.push_back(res.at(j));
        }
    }
    out = Value(seq);
    return true;
}

bool Evaluator::evalStages(const std::vector<Stage> &stages, Value &result, Frame *env)
{
    for (const auto &stage : stages) {
        if (stage.isIndex) {
            const size_t n = result.size();
            for (size_t i = 0; i < n; ++i) {
                if (Object *tuple = result.at(i).builtObject())
                    tuple->set(stage.value, Value(static_cast<double>(i)));
            }
        } else {
            Value filtered;
            if (!evalFilter(*stage.expr, result, env, filtered))
                return false;
            result = std::move(filtered);
        }
    }
    return true;
}

bool Evaluator::evalTupleStep(const Node &step, const Value &input, const Value &tuples, Frame *env,
                              Value &out)
{
    if (step.type == NodeType::Sort) {
        Value result;
        if (tuples.isDefined()) {
            if (!evalSort(step, tuples, env, result))
                return false;
        } else {
            Value sorted;
            if (!evalSort(step, input, env, sorted))
                return false;
            auto stream = makeSequence();
            stream->tupleStream = true;
            const size_t n = sorted.size();
            for (size_t i = 0; i < n; ++i) {
                auto tuple = makeObject();
                tuple->entries.emplace_back("@", sorted.at(i));
                if (step.hasIndex)
                    tuple->set(step.index, Value(static_cast<double>(i)));
                stream->items.push_back(Value(tuple));
            }
            result = Value(stream);
        }
        if (!step.stages.empty() && !evalStages(step.stages, result, env))
            return false;
        out = std::move(result);
        return true;
    }

    auto result = makeSequence();
    result->tupleStream = true;
    Value bindings = tuples;
    if (bindings.isUndefined()) {
        auto made = makeArray();
        const size_t n = input.size();
        for (size_t i = 0; i < n; ++i) {
            auto tuple = makeObject();
            tuple->entries.emplace_back("@", input.at(i));
            made->items.push_back(Value(tuple));
        }
        bindings = Value(made);
    }
    const size_t n = bindings.size();
    for (size_t ee = 0; ee < n; ++ee) {
        const Value tuple = bindings.at(ee);
        Frame *stepEnv = frameFromTuple(env, tuple);
        const Value context = tuple.get("@");
        Value res;
        if (!eval(step, context, stepEnv, res))
            return false;
        if (res.isUndefined())
            continue;
        const bool resIsStream = res.isTupleStream();
        std::vector<Value> items;
        if (res.isArray()) {
            const size_t m = res.size();
            for (size_t j = 0; j < m; ++j)
                items.push_back(res.at(j));
        } else {
            items.push_back(res);
        }
        for (size_t bb = 0; bb < items.size(); ++bb) {
            auto next = copyTuple(tuple);
            if (resIsStream) {
                items[bb].forEachEntry(
                    [&](const std::string &k, const Value &v) { next->set(k, v); });
            } else {
                if (step.hasFocus) {
                    next->set(step.focus, items[bb]);
                    next->set("@", context);
                } else {
                    next->set("@", items[bb]);
                }
                if (step.hasIndex)
                    next->set(step.index, Value(static_cast<double>(bb)));
                if (step.ancestor)
                    next->set(step.ancestor->label, context);
            }
            result->items.push_back(Value(next));
        }
    }
    Value resultValue(result);
    if (!step.stages.empty() && !evalStages(step.stages, resultValue, env))
        return false;
    out = std::move(resultValue);
    return true;
}

bool Evaluator::evalFilter(const Node &predicate, const Value &input, Frame *env, Value &out)
{
    auto results = makeSequence();
    const bool tupleStream = input.isTupleStream();
    results->tupleStream = tupleStream;
    const Value items = input.isArray() ? input : Value(singletonSequence(input));
    const size_t n = items.size();
    if (predicate.type == NodeType::Number) {
        long long index = static_cast<long long>(std::floor(predicate.number));
        if (index < 0)
            index += static_cast<long long>(n);
        if (index >= 0 && static_cast<size_t>(index) < n) {
            Value item = items.at(static_cast<size_t>(index));
            if (item.isArray()) {
                out = item;
                return true;
            }
            if (item.isDefined())
                results->items.push_back(std::move(item));
        }
        out = Value(results);
        return true;
    }
    for (size_t index = 0; index < n; ++index) {
        const Value item = items.at(index);
        Value context = item;
        Frame *frame = env;
        if (tupleStream) {
            context = item.get("@");
            frame = frameFromTuple(env, item);
        }
        Value res;
        if (!eval(predicate, context, frame, res))
            return false;
        if (res.isNumber() && std::isinf(res.number()))
            return fail("D1001", res);
        bool numbers = false;
        if (isNumericValue(res)) {
            numbers = true;
            long long ii = static_cast<long long>(std::floor(res.number()));
            if (ii < 0)
                ii += static_cast<long long>(n);
            if (ii == static_cast<long long>(index))
                results->items.push_back(item);
        } else if (res.isArray()) {
            const size_t m = res.size();
            numbers = true;
            for (size_t j = 0; j < m && numbers; ++j)
                numbers = isNumericValue(res.at(j));
            if (numbers) {
                for (size_t j = 0; j < m; ++j) {
                    long long ii = static_cast<long long>(std::floor(res.at(j).number()));
                    if (ii < 0)
                        ii += static_cast<long long>(n);
                    if (ii == static_cast<long long>(index))
                        results->items.push_back(item);
                }
            }
        }
        if (!numbers && toBoolean(res).value_or(false))
            results->items.push_back(item);
    }
    out = Value(results);
    return true;
}

bool Evaluator::evalGroup(const std::vector<std::pair<NodePtr, NodePtr>> &pairs, int position,
                          const Value &input, Frame *env, Value &out)
{
    struct Entry
    {
        std::string key;
        Value data;
        size_t exprIndex;
    };
    std::vector<Entry> groups;
    const bool reduce = input.isTupleStream();
    Value items = input.isArray() ? input : Value(singletonSequence(input));
    if (items.size() == 0)
        items = Value(singletonSequence(Value()));
    const size_t n = items.size();
    for (size_t i = 0; i < n; ++i) {
        const Value item = items.at(i);
        Frame *frame = reduce ? frameFromTuple(env, item) : env;
        for (size_t p = 0; p < pairs.size(); ++p) {
            Value key;
            if (!eval(*pairs[p].first, reduce ? item.get("@") : item, frame, key))
                return false;
            if (key.isUndefined())
                continue;
            if (!key.isString()) {
                Error e{"T1003"};
                e.position = position;
                e.value = stringify(key);
                return fail(e);
            }
            Entry *found = nullptr;
            for (auto &g : groups) {
                if (g.key == key.string()) {
                    found = &g;
                    break;
                }
            }
            if (found) {
                if (found->exprIndex != p) {
                    Error e{"D1009"};
                    e.position = position;
                    e.value = stringify(key);
                    return fail(e);
                }
                found->data = appendValues(found->data, item);
            } else {
                groups.push_back({key.string(), item, p});
            }
        }
    }
    auto result = makeObject();
    for (const auto &g : groups) {
        Value context = g.data;
        Frame *frame = env;
        if (reduce) {
            // Merge the tuples of the group: each binding becomes the sequence of its values.
            auto merged = makeObject();
            if (g.data.isArray() && !g.data.isObject()) {
                const size_t m = g.data.size();
                for (size_t j = 0; j < m; ++j) {
                    g.data.at(j).forEachEntry([&](const std::string &k, const Value &v) {
                        if (j == 0) {
                            merged->set(k, v);
                        } else {
                            const Value *prev = merged->find(k);
                            merged->set(k, appendValues(prev ? *prev : Value(), v));
                        }
                    });
                }
            } else {
                g.data.forEachEntry(
                    [&](const std::string &k, const Value &v) { merged->set(k, v); });
            }
            const Value *at = merged->find("@");
            context = at ? *at : Value();
            merged->erase("@");
            frame = frameFromTuple(env, Value(merged));
        }
        Value value;
        if (!eval(*pairs[g.exprIndex].second, context, frame, value))
            return false;
        if (value.isDefined())
            result->set(g.key, std::move(value));
    }
    out = Value(result);
    return true;
}

bool Evaluator::evalSort(const Node &sort, const Value &input, Frame *env, Value &out)
{
    const size_t n = input.size();
    if (!input.isArray() || n <= 1) {
        out = input;
        return true;
    }
    const bool tupleSort = input.isTupleStream();
    // Each term is evaluated once per item, then compared as jsonata's comparator does.
    std::vector<std::vector<Value>> keys(n);
    std::vector<Value> items(n);
    for (size_t i = 0; i < n; ++i) {
        items[i] = input.at(i);
        Value context = items[i];
        Frame *frame = env;
        if (tupleSort) {
            context = items[i].get("@");
            frame = frameFromTuple(env, items[i]);
        }
        for (const auto &term : sort.terms) {
            Value k;
            if (!eval(*term.expression, context, frame, k))
                return false;
            keys[i].push_back(std::move(k));
        }
    }
    bool failed = false;
    // True when item a must come after item b.
    auto after = [&](size_t a, size_t b) {
        int comp = 0;
        for (size_t t = 0; comp == 0 && t < sort.terms.size(); ++t) {
            const Value &aa = keys[a][t];
            const Value &bb = keys[b][t];
            if (aa.isUndefined()) {
                comp = bb.isUndefined() ? 0 : 1;
                continue;
            }
            if (bb.isUndefined()) {
                comp = -1;
                continue;
            }
            const bool aok = aa.isString() || aa.isNumber();
            const bool bok = bb.isString() || bb.isNumber();
            if (!aok || !bok) {
                Error e{"T2008"};
                e.position = sort.position;
                e.value = stringify(!aok ? aa : bb);
                failed = true;
                fail(e);
                return false;
            }
            if (aa.type() != bb.type()) {
                Error e{"T2007"};
                e.position = sort.position;
                e.value = stringify(aa);
                e.value2 = stringify(bb);
                failed = true;
                fail(e);
                return false;
            }
            if (aa.isNumber()) {
                comp = aa.number() == bb.number() ? 0 : aa.number() < bb.number() ? -1 : 1;
            } else {
                const int c = aa.string().compare(bb.string());
                comp = c == 0 ? 0 : c < 0 ? -1 : 1;
            }
            if (sort.terms[t].descending)
                comp = -comp;
        }
        return comp == 1;
    };
    // Stable merge sort, bottom-up.
    std::vector<size_t> order(n), buffer(n);
    for (size_t i = 0; i < n; ++i)
        order[i] = i;
    for (size_t width = 1; width < n && !failed; width *= 2) {
        for (size_t lo = 0; lo < n && !failed; lo += 2 * width) {
            const size_t mid = std::min(lo + width, n), hi = std::min(lo + 2 * width, n);
            size_t l = lo, r = mid, k = lo;
            while (l < mid && r < hi && !failed) {
                if (after(order[l], order[r]))
                    buffer[k++] = order[r++];
                else
                    buffer[k++] = order[l++];
            }
            while (l < mid)
                buffer[k++] = order[l++];
            while (r < hi)
                buffer[k++] = order[r++];
        }
        order.swap(buffer);
    }
    if (failed)
        return false;
    auto result = makeArray();
    result->items.reserve(n);
    for (size_t i : order)
        result->items.push_back(items[i]);
    out = Value(result);
    return true;
}

Value Evaluator::evalWildcard(const Value &input)
{
    Value source = input;
    if (source.isOuterWrapper() && source.size() > 0)
        source = source.at(0);
    auto results = makeSequence();
    if (source.isArray()) {
        // An array's items are its values, as JavaScript's Object.keys sees them.
        const size_t n = source.size();
        for (size_t i = 0; i < n; ++i) {
            const Value v = source.at(i);
            if (v.isArray()) {
                results->sequence = false;
                const size_t m = v.size();
                for (size_t j = 0; j < m; ++j)
                    results->items.push_back(v.at(j));
            } else {
                results->items.push_back(v);
            }
        }
    } else if (source.isObject()) {
        std::function<void(const Value &)> flatten = [&](const Value &v) {
            if (v.isArray()) {
                const size_t n = v.size();
                for (size_t i = 0; i < n; ++i)
                    flatten(v.at(i));
            } else {
                results->items.push_back(v);
            }
        };
        source.forEachEntry([&](const std::string &, const Value &v) {
            if (v.isArray()) {
                results->sequence = false; // jsonata's append yields a plain array
                flatten(v);
            } else {
                results->items.push_back(v);
            }
        });
    }
    return Value(results);
}

Value Evaluator::evalDescendants(const Value &input)
{
    if (input.isUndefined())
        return Value();
    auto results = makeSequence();
    std::function<void(const Value &)> recurse = [&](const Value &v) {
        if (v.isArray()) {
            const size_t n = v.size();
            for (size_t i = 0; i < n; ++i)
                recurse(v.at(i));
            return;
        }
        results->items.push_back(v);
        if (v.isObject())
            v.forEachEntry([&](const std::string &, const Value &item) { recurse(item); });
    };
    recurse(input);
    if (results->items.size() == 1)
        return results->items[0];
    return Value(results);
}

bool Evaluator::applyTransform(const Function &transform, const Value &obj, Value &out)
{
    if (obj.isUndefined()) {
        out = Value();
        return true;
    }
    const Node &expr = *transform.node;
    Value clone;
    lookupVariable("clone", transform.env, clone);
    if (!clone.isFunction()) {
        Error e{"T2013"};
        e.position = expr.position;
        return fail(e);
    }
    Value result;
    if (!apply(clone, {obj}, Value(), result))
        return false;
    Value matches;
    if (!eval(*expr.pattern, result, transform.env, matches))
        return false;
    if (matches.isDefined()) {
        std::vector<Value> list;
        if (matches.isArray()) {
            const size_t n = matches.size();
            for (size_t i = 0; i < n; ++i)
                list.push_back(matches.at(i));
        } else {
            list.push_back(matches);
        }
        for (const Value &match : list) {
            Value update;
            if (!eval(*expr.update, match, transform.env, update))
                return false;
            if (update.isDefined()) {
                if (!update.isObject()) {
                    Error e{"T2011"};
                    e.position = expr.update->position;
                    e.value = stringify(update);
                    return fail(e);
                }
                if (Object *target = match.builtObject()) {
                    update.forEachEntry(
                        [&](const std::string &k, const Value &v) { target->set(k, v); });
                }
            }
            if (!expr.remove)
                continue;
            Value deletions;
            if (!eval(*expr.remove, match, transform.env, deletions))
                return false;
            if (deletions.isUndefined())
                continue;
            std::vector<Value> names;
            if (deletions.isArray()) {
                const size_t n = deletions.size();
                for (size_t i = 0; i < n; ++i)
                    names.push_back(deletions.at(i));
            } else {
                names.push_back(deletions);
            }
            for (const auto &name : names) {
                if (!name.isString()) {
                    Error e{"T2012"};
                    e.position = expr.remove->position;
                    e.value = stringify(deletions);
                    return fail(e);
                }
            }
            if (Object *target = match.builtObject()) {
                for (const auto &name : names)
                    target->erase(name.string());
            }
        }
    }
    out = std::move(result);
    return true;
}

} // namespace Stepwise::Sim::Jsonata
