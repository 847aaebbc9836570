#pragma once

#include "simulator/expr/jsonataast.h"
#include "simulator/expr/jsonataerror.h"
#include "simulator/expr/jsonatavalue.h"

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace Stepwise::Sim::Jsonata {

class Evaluator;
struct Builtin;
struct Regex;

// Variables in scope: a frame per block, lambda call and tuple, chained to the enclosing one.
// Frames belong to the evaluation (Evaluator::newFrame) and die with it, so closures may
// point at them without reference cycles.
struct Frame
{
    Frame *parent = nullptr;
    std::vector<std::pair<std::string, Value>> vars;

    void bind(const std::string &name, Value value);
    const Value *lookup(std::string_view name) const;
};

struct Function
{
    enum class Kind { Lambda, Native, Partial, Regex, RegexNext, Transform };
    Kind kind = Kind::Lambda;
    const Node *node = nullptr; // Lambda, Transform
    Value input;                // Lambda: the context it was defined in
    Frame *env = nullptr;       // Lambda, Transform: the closure
    const Builtin *builtin = nullptr;
    Value target;                            // Partial
    std::vector<std::optional<Value>> bound; // Partial: nullopt for each '?'
    std::shared_ptr<const Regex> regex;      // Regex, RegexNext
    std::string subject;                     // RegexNext
    int from = 0;                            // RegexNext

    // How many arguments a higher-order function passes to it.
    int arity() const;
};

using NativeFn = bool (*)(Evaluator &ev, std::vector<Value> &args, const Value &input, Value &out);

struct Builtin
{
    const char *name;
    const char *signatureText;
    NativeFn fn;
    int arity; // the parameters jsonata-js's implementation declares
    std::shared_ptr<const Signature> signature;
    FunctionPtr function; // the value $name evaluates to
};

// The built-in functions by name ($string, $sum, ..., and Step Functions' additions).
const Builtin *findBuiltin(std::string_view name);

struct EvalOptions
{
    int maxDepth = 600;                     // U1001 beyond this nesting of evaluations
    std::chrono::milliseconds timeLimit{0}; // U1002 after this long; 0: no limit
    std::optional<std::int64_t> nowMillis;  // $now/$millis; unset: the system clock
    std::mt19937_64 *random = nullptr;      // $random/$uuid; unset: seeded from the system
};

// Runs one evaluation of a parsed expression. Errors are values: functions return false
// and leave the error in error().
class Evaluator
{
  public:
    explicit Evaluator(const EvalOptions &options);

    bool run(const Node &root, const Value &input, Frame *env, Value &out);

    // For the built-ins.
    bool apply(const Value &proc, std::vector<Value> args, const Value &input, Value &out);
    bool fail(Error e);
    bool fail(const char *code, const Value &value = Value());
    const Error &error() const { return m_error; }
    Frame *newFrame(Frame *parent);
    std::int64_t nowMillis() const { return m_now; }
    std::mt19937_64 &random();
    // Effective boolean value; undefined stays undefined.
    static std::optional<bool> toBoolean(const Value &v);
    // A number that is NaN or infinite fails with D1001.
    bool checkNumber(double n);

  private:
    bool eval(const Node &expr, const Value &input, Frame *env, Value &out);
    bool evalNode(const Node &expr, const Value &input, Frame *env, Value &out);

    // jsonatapath.cpp
    bool evalPath(const Node &expr, const Value &input, Frame *env, Value &out);
    bool walkSimplePath(const Node &expr, const Value &input, Frame *env, Value &out);
    bool evalStep(const Node &step, const Value &input, Frame *env, bool lastStep, Value &out);
    bool evalStages(const std::vector<Stage> &stages, Value &result, Frame *env);
    bool evalTupleStep(const Node &step, const Value &input, const Value &tuples, Frame *env,
                       Value &out);
    bool evalFilter(const Node &predicate, const Value &input, Frame *env, Value &out);
    bool evalGroup(const std::vector<std::pair<NodePtr, NodePtr>> &pairs, int position,
                   const Value &input, Frame *env, Value &out);
    bool evalSort(const Node &sort, const Value &input, Frame *env, Value &out);
    Frame *frameFromTuple(Frame *env, const Value &tuple);
    Value evalWildcard(const Value &input);
    Value evalDescendants(const Value &input);
    bool applyTransform(const Function &transform, const Value &obj, Value &out);

    // jsonataevaluator.cpp
    bool evalBinary(const Node &expr, const Value &input, Frame *env, Value &out);
    bool evalUnary(const Node &expr, const Value &input, Frame *env, Value &out);
    bool evalFunction(const Node &expr, const Value &input, Frame *env, const Value *applyTo,
                      Value &out);
    bool evalPartial(const Node &expr, const Value &input, Frame *env, Value &out);
    bool evalApplyOp(const Node &expr, const Value &input, Frame *env, Value &out);
    bool applyInner(const Value &proc, std::vector<Value> &args, const Value &input, Value &out);
    bool lookupVariable(std::string_view name, Frame *env, Value &out);
    bool applyRegex(const Function &fn, const std::string &subject, int from, Value &out);

    EvalOptions m_options;
    Error m_error;
    // Made on the first frame: most evaluations need none beyond the caller's root frame,
    // and an empty deque already allocates.
    std::optional<std::deque<Frame>> m_frames;
    int m_depth = 0;
    std::uint64_t m_steps = 0;
    std::chrono::steady_clock::time_point m_deadline;
    std::int64_t m_now = 0;
    std::optional<std::mt19937_64> m_ownRandom;
};

// Append as jsonata's fn.append: undefined is ignored, the result is a plain array.
Value appendValues(const Value &a, const Value &b);

} // namespace Stepwise::Sim::Jsonata
