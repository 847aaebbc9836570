#include "simulator/expr/jsonataevaluator.h"

#include "simulator/expr/jsonataparser.h"
#include "simulator/expr/jsonataregex.h"
#include "simulator/expr/jsonatasignature.h"

#include <cmath>

namespace Stepwise::Sim::Jsonata {

void Frame::bind(const std::string &name, Value value)
{
    for (auto &[k, v] : vars) {
        if (k == name) {
            v = std::move(value);
            return;
        }
    }
    vars.emplace_back(name, std::move(value));
}

const Value *Frame::lookup(std::string_view name) const
{
    for (const Frame *f = this; f; f = f->parent) {
        for (const auto &[k, v] : f->vars) {
            if (k == name)
                return &v;
        }
    }
    return nullptr;
}

int Function::arity() const
{
    switch (kind) {
    case Kind::Lambda:
        return node->thunk ? 0 : static_cast<int>(node->arguments.size());
    case Kind::Native:
        return builtin->arity;
    case Kind::Partial: {
        int n = 0;
        for (const auto &b : bound)
            n += b.has_value() ? 0 : 1;
        return n;
    }
    case Kind::Regex:
        return 2;
    case Kind::RegexNext:
        return 0;
    case Kind::Transform:
        return 1;
    }
    return 0;
}

Value appendValues(const Value &a, const Value &b)
{
    if (a.isUndefined())
        return b;
    if (b.isUndefined())
        return a;
    auto out = makeArray();
    auto add = [&](const Value &v) {
        if (v.isArray()) {
            const size_t n = v.size();
            for (size_t i = 0; i < n; ++i)
                out->items.push_back(v.at(i));
        } else {
            out->items.push_back(v);
        }
    };
    add(a);
    add(b);
    return Value(out);
}

Evaluator::Evaluator(const EvalOptions &options)
    : m_options(options)
{
    if (m_options.timeLimit.count() > 0)
        m_deadline = std::chrono::steady_clock::now() + m_options.timeLimit;
    if (m_options.nowMillis) {
        m_now = *m_options.nowMillis;
    } else {
        m_now = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
    }
}

std::mt19937_64 &Evaluator::random()
{
    if (m_options.random)
        return *m_options.random;
    if (!m_ownRandom)
        m_ownRandom.emplace(std::random_device{}());
    return *m_ownRandom;
}

Frame *Evaluator::newFrame(Frame *parent)
{
    if (!m_frames)
        m_frames.emplace();
    Frame &frame = m_frames->emplace_back();
    frame.parent = parent;
    return &frame;
}

bool Evaluator::fail(Error e)
{
    m_error = std::move(e);
    return false;
}

bool Evaluator::fail(const char *code, const Value &value)
{
    Error e;
    e.code = code;
    if (value.isDefined())
        e.value = value.isNumber() ? formatNumber(value.number()) : stringify(value);
    return fail(std::move(e));
}

bool Evaluator::checkNumber(double n)
{
    if (std::isfinite(n))
        return true;
    return fail("D1001", Value(n));
}

std::optional<bool> Evaluator::toBoolean(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Undefined:
        return std::nullopt;
    case Value::Type::Null:
        return false;
    case Value::Type::Boolean:
        return v.boolean();
    case Value::Type::Number:
        return v.number() != 0 && !std::isnan(v.number());
    case Value::Type::String:
        return !v.string().empty();
    case Value::Type::Function:
        return false;
    case Value::Type::Object:
        return v.objectSize() > 0;
    case Value::Type::Array: {
        const size_t n = v.size();
        if (n == 1)
            return toBoolean(v.at(0)).value_or(false);
        for (size_t i = 0; i < n; ++i) {
            if (toBoolean(v.at(i)).value_or(false))
                return true;
        }
        return false;
    }
    }
    return false;
}

bool Evaluator::run(const Node &root, const Value &input, Frame *env, Value &out)
{
    return eval(root, input, env, out);
}

bool Evaluator::eval(const Node &expr, const Value &input, Frame *env, Value &out)
{
    if (++m_depth > m_options.maxDepth) {
        --m_depth;
        Error e{"U1001"};
        e.position = expr.position;
        return fail(e);
    }
    if ((++m_steps & 255) == 0 && m_options.timeLimit.count() > 0
        && std::chrono::steady_clock::now() > m_deadline) {
        --m_depth;
        Error e{"U1002"};
        e.position = expr.position;
        return fail(e);
    }
    Value result;
    bool ok = evalNode(expr, input, env, result);
    if (ok) {
        for (const auto &stage : expr.predicate) {
            Value filtered;
            if (!evalFilter(*stage.expr, result, env, filtered)) {
                ok = false;
                break;
            }
            result = std::move(filtered);
        }
    }
    if (ok && expr.type != NodeType::Path && expr.group) {
        Value grouped;
        ok = evalGroup(expr.group->pairs, expr.group->position, result, env, grouped);
        result = std::move(grouped);
    }
    --m_depth;
    if (!ok)
        return false;
    if (Array *a = result.builtArray(); a && a->sequence && !a->tupleStream) {
        if (expr.keepArray)
            a->keepSingleton = true;
        if (a->items.empty()) {
            result = Value();
        } else if (a->items.size() == 1 && !a->keepSingleton) {
            Value only = a->items[0];
            result = std::move(only);
        }
    }
    out = std::move(result);
    return true;
}

namespace {

// fn.lookup: a field of an object, or of every object in an array (flattened).
void lookupInto(const Value &input, const std::string &key, std::vector<Value> &items)
{
    if (input.isArray()) {
        const size_t n = input.size();
        for (size_t i = 0; i < n; ++i) {
            const Value item = input.at(i);
            if (item.isArray()) {
                std::vector<Value> nested;
                lookupInto(item, key, nested);
                for (auto &v : nested)
                    items.push_back(std::move(v));
            } else if (item.isObject()) {
                Value v = item.get(key);
                if (v.isArray()) {
                    const size_t m = v.size();
                    for (size_t j = 0; j < m; ++j)
                        items.push_back(v.at(j));
                } else if (v.isDefined()) {
                    items.push_back(std::move(v));
                }
            }
        }
    }
}

Value lookupName(const Value &input, const std::string &key)
{
    if (input.isObject())
        return input.get(key);
    if (input.isArray()) {
        auto seq = makeSequence();
        lookupInto(input, key, seq->items);
        return Value(seq);
    }
    return Value();
}

bool isNumeric(const Value &v)
{
    return v.isNumber() && !std::isnan(v.number());
}

bool strictEqual(const Value &a, const Value &b)
{
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
    case Value::Type::Null:
    case Value::Type::Undefined:
        return true;
    case Value::Type::Boolean:
        return a.boolean() == b.boolean();
    case Value::Type::Number:
        return a.number() == b.number();
    case Value::Type::String:
        return a.string() == b.string();
    case Value::Type::Function:
        return a.function() == b.function();
    default:
        if (a.borrowed() || b.borrowed())
            return a.borrowed() == b.borrowed();
        return a.builtArray() ? a.builtArray() == b.builtArray()
                              : a.builtObject() == b.builtObject();
    }
}

const Node &chainAst()
{
    static const NodePtr ast = [] {
        NodePtr node;
        Error error;
        parseJsonata("function($f, $g) { function($x){ $g($f($x)) } }", node, error);
        return node;
    }();
    return *ast;
}

} // namespace

bool Evaluator::lookupVariable(std::string_view name, Frame *env, Value &out)
{
    if (const Value *v = env ? env->lookup(name) : nullptr) {
        out = *v;
        return true;
    }
    if (const Builtin *b = findBuiltin(name)) {
        out = Value(b->function);
        return true;
    }
    out = Value();
    return false;
}

bool Evaluator::evalNode(const Node &expr, const Value &input, Frame *env, Value &out)
{
    switch (expr.type) {
    case NodeType::Path:
        return evalPath(expr, input, env, out);
    case NodeType::Binary:
        return evalBinary(expr, input, env, out);
    case NodeType::Unary:
        return evalUnary(expr, input, env, out);
    case NodeType::Name:
        out = lookupName(input, expr.value);
        return true;
    case NodeType::String:
        out = Value(expr.value);
        return true;
    case NodeType::Number:
        out = Value(expr.number);
        return true;
    case NodeType::Literal:
        out = expr.literal;
        return true;
    case NodeType::Wildcard:
        out = evalWildcard(input);
        return true;
    case NodeType::Descendant:
        out = evalDescendants(input);
        return true;
    case NodeType::Parent:
        lookupVariable(expr.slot->label, env, out);
        return true;
    case NodeType::Condition: {
        Value condition;
        if (!eval(*expr.condition, input, env, condition))
            return false;
        if (toBoolean(condition).value_or(false))
            return eval(*expr.then, input, env, out);
        if (expr.otherwise)
            return eval(*expr.otherwise, input, env, out);
        out = Value();
        return true;
    }
    case NodeType::Block: {
        Frame *frame = newFrame(env);
        out = Value();
        for (const auto &e : expr.expressions) {
            if (!eval(*e, input, frame, out))
                return false;
        }
        return true;
    }
    case NodeType::Bind: {
        if (!eval(*expr.rhs, input, env, out))
            return false;
        if (env)
            env->bind(expr.lhs->value, out);
        return true;
    }
    case NodeType::Regex: {
        auto fn = std::make_shared<Function>();
        fn->kind = Function::Kind::Regex;
        fn->regex = expr.regex;
        out = Value(fn);
        return true;
    }
    case NodeType::Function:
        return evalFunction(expr, input, env, nullptr, out);
    case NodeType::Variable:
        if (expr.value.empty()) {
            out = input.isOuterWrapper() && input.size() > 0 ? input.at(0) : input;
            return true;
        }
        lookupVariable(expr.value, env, out);
        return true;
    case NodeType::Lambda: {
        auto fn = std::make_shared<Function>();
        fn->kind = Function::Kind::Lambda;
        fn->node = &expr;
        fn->input = input;
        fn->env = env;
        out = Value(fn);
        return true;
    }
    case NodeType::Partial:
        return evalPartial(expr, input, env, out);
    case NodeType::Apply:
        return evalApplyOp(expr, input, env, out);
    case NodeType::Transform: {
        auto fn = std::make_shared<Function>();
        fn->kind = Function::Kind::Transform;
        fn->node = &expr;
        fn->env = env;
        out = Value(fn);
        return true;
    }
    case NodeType::Sort:
        return evalSort(expr, input, env, out);
    default: {
        Error e{"S0206"};
        e.position = expr.position;
        e.token = expr.value;
        return fail(e);
    }
    }
}

bool Evaluator::evalBinary(const Node &expr, const Value &input, Frame *env, Value &out)
{
    Value lhs;
    if (!eval(*expr.lhs, input, env, lhs))
        return false;
    const std::string &op = expr.value;
    auto opFail = [&](const char *code, const Value &value, const Value &value2 = Value()) {
        Error e{code};
        e.position = expr.position;
        e.start = expr.start;
        e.token = op;
        if (value.isDefined())
            e.value = stringify(value);
        if (value2.isDefined())
            e.value2 = stringify(value2);
        return fail(e);
    };
    if (op == "and" || op == "or") {
        const bool l = toBoolean(lhs).value_or(false);
        if (op == "and" && !l) {
            out = Value(false);
            return true;
        }
        if (op == "or" && l) {
            out = Value(true);
            return true;
        }
        Value rhs;
        if (!eval(*expr.rhs, input, env, rhs))
            return false;
        out = Value(toBoolean(rhs).value_or(false));
        return true;
    }
    Value rhs;
    if (!eval(*expr.rhs, input, env, rhs))
        return false;
    const char c = op[0];
    if (op.size() == 1 && (c == '+' || c == '-' || c == '*' || c == '/' || c == '%')) {
        if (lhs.isNumber() && std::isinf(lhs.number()))
            return opFail("D1001", lhs);
        if (rhs.isNumber() && std::isinf(rhs.number()))
            return opFail("D1001", rhs);
        if (lhs.isDefined() && !isNumeric(lhs))
            return opFail("T2001", lhs);
        if (rhs.isDefined() && !isNumeric(rhs))
            return opFail("T2002", rhs);
        if (lhs.isUndefined() || rhs.isUndefined()) {
            out = Value();
            return true;
        }
        const double a = lhs.number();
        const double b = rhs.number();
        double r = 0;
        switch (c) {
        case '+':
            r = a + b;
            break;
        case '-':
            r = a - b;
            break;
        case '*':
            r = a * b;
            break;
        case '/':
            r = a / b;
            break;
        default:
            r = std::fmod(a, b);
        }
        out = Value(r);
        return true;
    }
    if (op == "=" || op == "!=") {
        if (lhs.isUndefined() || rhs.isUndefined()) {
            out = Value(false);
            return true;
        }
        const bool eq = deepEqual(lhs, rhs);
        out = Value(op == "=" ? eq : !eq);
        return true;
    }
    if (op == "<" || op == "<=" || op == ">" || op == ">=") {
        const bool lc = lhs.isUndefined() || lhs.isString() || lhs.isNumber();
        const bool rc = rhs.isUndefined() || rhs.isString() || rhs.isNumber();
        if (!lc || !rc)
            return opFail("T2010", !(lhs.isString() || lhs.isNumber()) ? lhs : rhs);
        if (lhs.isUndefined() || rhs.isUndefined()) {
            out = Value();
            return true;
        }
        if (lhs.type() != rhs.type())
            return opFail("T2009", lhs, rhs);
        int cmp;
        if (lhs.isNumber()) {
            const double a = lhs.number(), b = rhs.number();
            if (std::isnan(a) || std::isnan(b)) {
                out = Value(false);
                return true;
            }
            cmp = a < b ? -1 : a > b ? 1 : 0;
        } else {
            const int r = lhs.string().compare(rhs.string());
            cmp = r < 0 ? -1 : r > 0 ? 1 : 0;
        }
        bool r = op == "<" ? cmp < 0 : op == "<=" ? cmp <= 0 : op == ">" ? cmp > 0 : cmp >= 0;
        out = Value(r);
        return true;
    }
    if (op == "&") {
        std::string s;
        for (const Value *v : {&lhs, &rhs}) {
            if (v->isUndefined())
                continue;
            if (v->isNumber() && !std::isfinite(v->number()))
                return opFail("D3001", *v);
            s += stringify(*v);
        }
        out = Value(std::move(s));
        return true;
    }
    if (op == "..") {
        auto isInteger = [](const Value &v) {
            return v.isNumber() && std::isfinite(v.number())
                   && v.number() == std::floor(v.number());
        };
        if (lhs.isDefined() && !isInteger(lhs))
            return opFail("T2003", lhs);
        if (rhs.isDefined() && !isInteger(rhs))
            return opFail("T2004", rhs);
        if (lhs.isUndefined() || rhs.isUndefined() || lhs.number() > rhs.number()) {
            out = Value();
            return true;
        }
        const double size = rhs.number() - lhs.number() + 1;
        if (size > 1e7)
            return opFail("D2014", Value(size));
        auto seq = makeSequence();
        seq->items.reserve(static_cast<size_t>(size));
        for (double v = lhs.number(); v <= rhs.number(); v += 1)
            seq->items.emplace_back(v);
        out = Value(seq);
        return true;
    }
    if (op == "in") {
        bool found = false;
        if (lhs.isDefined() && rhs.isDefined()) {
            if (rhs.isArray()) {
                const size_t n = rhs.size();
                for (size_t i = 0; i < n && !found; ++i)
                    found = strictEqual(rhs.at(i), lhs);
            } else {
                found = strictEqual(rhs, lhs);
            }
        }
        out = Value(found);
        return true;
    }
    return opFail("S0201", Value());
}

bool Evaluator::evalUnary(const Node &expr, const Value &input, Frame *env, Value &out)
{
    if (expr.value == "-") {
        Value v;
        if (!eval(*expr.expression, input, env, v))
            return false;
        if (v.isUndefined()) {
            out = Value();
            return true;
        }
        if (v.isNumber() && std::isinf(v.number()))
            return fail("D1001", v);
        if (isNumeric(v)) {
            out = Value(-v.number());
            return true;
        }
        Error e{"D1002"};
        e.position = expr.position;
        e.token = "-";
        e.value = stringify(v);
        return fail(e);
    }
    if (expr.value == "[") {
        auto result = makeArray();
        for (const auto &item : expr.expressions) {
            Value v;
            if (!eval(*item, input, env, v))
                return false;
            if (v.isUndefined())
                continue;
            if (item->type == NodeType::Unary && item->value == "[") {
                result->items.push_back(std::move(v));
            } else if (v.isArray()) {
                const size_t n = v.size();
                for (size_t i = 0; i < n; ++i)
                    result->items.push_back(v.at(i));
            } else {
                result->items.push_back(std::move(v));
            }
        }
        result->cons = expr.consArray;
        out = Value(result);
        return true;
    }
    if (expr.value == "{")
        return evalGroup(expr.pairs, expr.position, input, env, out);
    return fail("S0211");
}

bool Evaluator::evalFunction(const Node &expr, const Value &input, Frame *env, const Value *applyTo,
                             Value &out)
{
    Value proc;
    if (!eval(*expr.procedure, input, env, proc))
        return false;
    const std::string &procName = expr.procedure->type == NodeType::Path
                                      ? expr.procedure->steps[0]->value
                                      : expr.procedure->value;
    if (proc.isUndefined() && expr.procedure->type == NodeType::Path) {
        Value named;
        if (lookupVariable(procName, env, named)) {
            Error e{"T1005"};
            e.position = expr.position;
            e.token = procName;
            return fail(e);
        }
    }
    std::vector<Value> args;
    args.reserve(expr.arguments.size() + (applyTo ? 1 : 0));
    if (applyTo)
        args.push_back(*applyTo);
    for (const auto &arg : expr.arguments) {
        Value v;
        if (!eval(*arg, input, env, v))
            return false;
        args.push_back(std::move(v));
    }
    if (!apply(proc, std::move(args), input, out)) {
        if (m_error.position < 0)
            m_error.position = expr.position;
        if (m_error.start < 0)
            m_error.start = expr.start;
        if (m_error.token.empty())
            m_error.token = procName;
        return false;
    }
    return true;
}

bool Evaluator::apply(const Value &proc, std::vector<Value> args, const Value &input, Value &out)
{
    Value result;
    if (!applyInner(proc, args, input, result))
        return false;
    // Tail calls come back as thunks and run here, so recursion in tail position keeps the
    // native stack flat.
    while (result.isFunction() && result.function()->kind == Function::Kind::Lambda
           && result.function()->node->thunk) {
        const FunctionPtr thunk = result.function();
        const Node &call = *thunk->node->body;
        Value next;
        if (!eval(*call.procedure, thunk->input, thunk->env, next))
            return false;
        std::vector<Value> nextArgs;
        nextArgs.reserve(call.arguments.size());
        for (const auto &arg : call.arguments) {
            Value v;
            if (!eval(*arg, thunk->input, thunk->env, v))
                return false;
            nextArgs.push_back(std::move(v));
        }
        result = Value();
        if (!applyInner(next, nextArgs, input, result)) {
            if (m_error.position < 0)
                m_error.position = call.position;
            if (m_error.token.empty() && call.procedure->type == NodeType::Variable)
                m_error.token = call.procedure->value;
            return false;
        }
    }
    out = std::move(result);
    return true;
}

bool Evaluator::applyInner(const Value &proc, std::vector<Value> &args, const Value &input,
                           Value &out)
{
    if (!proc.isFunction()) {
        Error e{"T1006"};
        return fail(e);
    }
    const Function &fn = *proc.function();
    switch (fn.kind) {
    case Function::Kind::Lambda: {
        const Node &node = *fn.node;
        std::vector<Value> validated;
        const std::vector<Value> *use = &args;
        if (node.signature) {
            if (!node.signature->validate(args, input, validated, m_error))
                return false;
            use = &validated;
        }
        Frame *frame = newFrame(fn.env);
        for (size_t i = 0; i < node.arguments.size(); ++i)
            frame->bind(node.arguments[i]->value, i < use->size() ? (*use)[i] : Value());
        return eval(*node.body, fn.input, frame, out);
    }
    case Function::Kind::Native: {
        std::vector<Value> validated;
        if (!fn.builtin->signature->validate(args, input, validated, m_error))
            return false;
        return fn.builtin->fn(*this, validated, input, out);
    }
    case Function::Kind::Partial: {
        std::vector<Value> filled;
        size_t next = 0;
        for (const auto &b : fn.bound) {
            if (b)
                filled.push_back(*b);
            else
                filled.push_back(next < args.size() ? args[next++] : Value());
        }
        return applyInner(fn.target, filled, input, out);
    }
    case Function::Kind::Regex: {
        if (args.empty() || !args[0].isString()) {
            out = Value();
            return true;
        }
        const int from
            = args.size() > 1 && args[1].isNumber() ? static_cast<int>(args[1].number()) : 0;
        return applyRegex(fn, args[0].string(), from, out);
    }
    case Function::Kind::RegexNext:
        return applyRegex(fn, fn.subject, fn.from, out);
    case Function::Kind::Transform: {
        static const std::shared_ptr<Signature> signature = [] {
            auto s = std::make_shared<Signature>();
            Error ignored;
            s->parse("<(oa):o>", ignored);
            return s;
        }();
        std::vector<Value> validated;
        if (!signature->validate(args, input, validated, m_error))
            return false;
        return applyTransform(fn, validated.empty() ? Value() : validated[0], out);
    }
    }
    return fail("T1006");
}

bool Evaluator::applyRegex(const Function &fn, const std::string &subject, int from, Value &out)
{
    const QString text = QString::fromStdString(subject);
    if (fn.kind == Function::Kind::RegexNext && from >= text.size()) {
        out = Value();
        return true;
    }
    const auto m = regexMatch(*fn.regex, text, from);
    if (!m) {
        out = Value();
        return true;
    }
    if (fn.kind == Function::Kind::RegexNext && m->match.empty()) {
        Error e{"D1004"};
        e.value = fn.regex->source;
        return fail(e);
    }
    auto obj = makeObject();
    obj->entries.emplace_back("match", Value(m->match));
    obj->entries.emplace_back("start", Value(static_cast<double>(m->start)));
    obj->entries.emplace_back("end", Value(static_cast<double>(m->end)));
    auto groups = makeArray();
    for (const auto &g : m->groups)
        groups->items.push_back(g ? Value(*g) : Value());
    obj->entries.emplace_back("groups", Value(groups));
    auto next = std::make_shared<Function>();
    next->kind = Function::Kind::RegexNext;
    next->regex = fn.regex;
    next->subject = subject;
    // JavaScript's lastIndex: after the match, and one further after an empty match.
    next->from = m->end > m->start ? m->end : m->end + 1;
    obj->entries.emplace_back("next", Value(next));
    out = Value(obj);
    return true;
}

bool Evaluator::evalPartial(const Node &expr, const Value &input, Frame *env, Value &out)
{
    auto fn = std::make_shared<Function>();
    fn->kind = Function::Kind::Partial;
    for (const auto &arg : expr.arguments) {
        if (arg->type == NodeType::Placeholder) {
            fn->bound.emplace_back(std::nullopt);
        } else {
            Value v;
            if (!eval(*arg, input, env, v))
                return false;
            fn->bound.emplace_back(std::move(v));
        }
    }
    Value proc;
    if (!eval(*expr.procedure, input, env, proc))
        return false;
    const std::string &procName = expr.procedure->type == NodeType::Path
                                      ? expr.procedure->steps[0]->value
                                      : expr.procedure->value;
    if (!proc.isFunction()) {
        Value named;
        const bool t1007 = proc.isUndefined() && expr.procedure->type == NodeType::Path
                           && lookupVariable(procName, env, named);
        Error e{t1007 ? "T1007" : "T1008"};
        e.position = expr.position;
        e.token = procName;
        return fail(e);
    }
    fn->target = proc;
    out = Value(fn);
    return true;
}

bool Evaluator::evalApplyOp(const Node &expr, const Value &input, Frame *env, Value &out)
{
    Value lhs;
    if (!eval(*expr.lhs, input, env, lhs))
        return false;
    if (expr.rhs->type == NodeType::Function)
        return evalFunction(*expr.rhs, input, env, &lhs, out);
    Value func;
    if (!eval(*expr.rhs, input, env, func))
        return false;
    if (!func.isFunction()) {
        Error e{"T2006"};
        e.position = expr.position;
        e.value = stringify(func);
        return fail(e);
    }
    if (lhs.isFunction()) {
        Value chain;
        if (!eval(chainAst(), Value::null(), env, chain))
            return false;
        return apply(chain, {lhs, func}, Value(), out);
    }
    return apply(func, {lhs}, input, out);
}

} // namespace Stepwise::Sim::Jsonata
