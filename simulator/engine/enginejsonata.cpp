#include "simulator/engine/engine.h"

#include "simulator/engine/timestamp.h"
#include "simulator/expr/jsonsize.h"

#include <cmath>

// JSONata states: $states as AWS makes it available to each field, the fields evaluated on
// entry (Arguments, Items, Seconds, Error...) and on exit (Output and Assign, from the
// result, the input or a Catch's error output), and States.QueryEvaluationError with its
// EvaluationFailed event.

namespace Stepwise::Sim {

using Model::Json;
using Model::StateType;

JsonataScope Execution::Engine::jsonataScope(int ti, const Json *input)
{
    ExecThread &t = T(ti);
    JsonataScope scope;
    scope.states.input = input ? input : &t.input;
    scope.variables = &t.variables;
    scope.nowMillis = rt.now;
    scope.random = &rt.random;
    if (m.state(t.state).readsContext) {
        prepareContext(ti);
        scope.states.context = &rt.context;
    }
    return scope;
}

bool Execution::Engine::evaluateJsonata(int ti, const JsonataTemplate &field,
                                        const JsonataScope &scope, Json &out, bool onEntry)
{
    auto value = field.evaluate(scope);
    if (!value.ok()) {
        queryFailed(ti, value.takeFailure(), onEntry);
        return false;
    }
    out = std::move(value.value());
    return true;
}

// A whole number the field must hold (Seconds, MaxConcurrency, TimeoutSeconds...).
bool Execution::Engine::jsonataInteger(int ti, const JsonataTemplate &field,
                                       const JsonataScope &scope, std::int64_t minimum,
                                       std::int64_t &out)
{
    Json value;
    if (!evaluateJsonata(ti, field, scope, value, true))
        return false;
    const bool integral = value.is_number_integer()
                          || (value.is_number_float() && std::isfinite(value.get<double>())
                              && std::floor(value.get<double>()) == value.get<double>()
                              && std::fabs(value.get<double>()) < 9.0e15);
    if (!integral) {
        queryFailed(ti, jsonataTypeFailure(field, "integer", value), true);
        return false;
    }
    out = value.is_number_float() ? static_cast<std::int64_t>(value.get<double>())
                                  : value.get<std::int64_t>();
    if (out < minimum) {
        Failure failure = jsonataTypeFailure(field, "integer", value);
        failure.cause = "The JSONata expression '" + field.expressionText()
                        + "' specified for the field '" + field.field() + "' returned "
                        + value.dump() + ", but the field must be at least "
                        + std::to_string(minimum) + ".";
        queryFailed(ti, std::move(failure), true);
        return false;
    }
    return true;
}

// Adds AWS's prefix to a QueryEvaluationError's cause and records EvaluationFailed.
void Execution::Engine::evaluationFailed(int ti, Failure &failure, bool chained)
{
    const CompiledState &s = m.state(T(ti).state);
    failure.cause = "An error occurred while executing the state '" + s.name
                    + "' (entered at the event id #" + std::to_string(T(ti).enteredEventId) + "). "
                    + failure.cause;
    if (!chained)
        T(ti).lastEventId = T(ti).enteredPreviousEventId;
    emit(ti, HistoryEventType::EvaluationFailed, [&] {
        Json d = Json::object();
        d["cause"] = failure.cause;
        d["error"] = failure.error;
        if (!failure.location.empty())
            d["location"] = failure.location;
        d["state"] = s.name;
        return Json{{"evaluationFailedEventDetails", d}};
    });
}

// States.QueryEvaluationError: the EvaluationFailed event, then Retry and Catch. A retry
// evaluates the state's fields again from its input (a Task runs again). A Map or Parallel
// failing before its children started records its <Type>StateFailed first.
void Execution::Engine::queryFailed(int ti, Failure failure, bool onEntry, bool chained)
{
    evaluationFailed(ti, failure, chained);
    if (rt.status != ExecutionStatus::Running)
        return;
    T(ti).retryEntry = true;
    if (retry(ti, failure))
        return;
    T(ti).retryEntry = false;
    const CompiledState &s = m.state(T(ti).state);
    if (onEntry && (s.type == StateType::Map || s.type == StateType::Parallel))
        emitPlain(ti, s.type == StateType::Map ? HistoryEventType::MapStateFailed
                                               : HistoryEventType::ParallelStateFailed);
    stateError(ti, failure, true, true, false);
}

// Assign, then Output (`fallback` when the state has none), both from the values the state
// entered with; the variables change when it exits.
void Execution::Engine::completeJsonata(int ti, const JsonataScope &scope, const JsonataFields &f,
                                        Json fallback)
{
    if (f.assign && !takeAssign(ti, *f.assign, scope))
        return;
    Json output;
    if (f.output) {
        if (!evaluateJsonata(ti, *f.output, scope, output, false))
            return;
    } else {
        output = std::move(fallback);
    }
    exitWithOutput(ti, std::move(output));
}

bool Execution::Engine::takeAssign(int ti, const JsonataTemplate &assign, const JsonataScope &scope)
{
    Json assigned;
    if (!evaluateJsonata(ti, assign, scope, assigned, false))
        return false;
    if (!assigned.is_object())
        return true;
    Json &pending = T(ti).pendingAssign;
    if (!pending.is_object())
        pending = Json::object();
    for (auto it = assigned.begin(); it != assigned.end(); ++it)
        pending[it.key()] = std::move(it.value());
    return true;
}

void Execution::Engine::exitWithOutput(int ti, Json output)
{
    ExecThread &t = T(ti);
    t.output = std::move(output);
    t.outputSize = tracksSizes() ? static_cast<std::int64_t>(jsonTextSize(t.output)) : -1;
    if (tracksSizes() && t.outputSize > maxPayload()) {
        payloadTooLarge(ti);
        return;
    }
    stage(ti, "output", t.output);
    t.phase = Phase::Exit;
}

// ---- states ------------------------------------------------------------------------------

void Execution::Engine::enterJsonata(int ti)
{
    const CompiledState &s = m.state(T(ti).state);
    const JsonataFields &f = *s.jsonata;
    const JsonataScope scope = jsonataScope(ti);
    switch (s.type) {
    case StateType::Pass:
    case StateType::Succeed: {
        T(ti).nextState = s.end || s.type == StateType::Succeed ? -1 : s.next;
        // Nothing reads the input once Output and Assign are evaluated: it may move.
        Json input = f.output ? Json() : f.assign ? T(ti).input : std::move(T(ti).input);
        completeJsonata(ti, scope, f, std::move(input));
        return;
    }
    case StateType::Fail:
        failJsonata(ti, scope);
        return;
    case StateType::Choice:
        choiceJsonata(ti, scope);
        return;
    case StateType::Wait:
        waitJsonata(ti, scope);
        return;
    case StateType::Task: {
        T(ti).task.token.clear();
        for (auto [field, out] : {std::pair{&f.timeoutSeconds, &TaskVisit::timeoutMillis},
                                  std::pair{&f.heartbeatSeconds, &TaskVisit::heartbeatMillis}}) {
            const bool timeout = out == &TaskVisit::timeoutMillis;
            const std::optional<double> &fixed = timeout ? s.timeoutSeconds : s.heartbeatSeconds;
            T(ti).task.*out = std::nullopt;
            if (*field) {
                std::int64_t seconds = 0;
                if (!jsonataInteger(ti, **field, scope, 1, seconds))
                    return;
                T(ti).task.*out = seconds * 1000;
            } else if (fixed) {
                T(ti).task.*out = static_cast<std::int64_t>(std::llround(*fixed * 1000.0));
            }
        }
        T(ti).task.roleArn = Json();
        if (f.roleArn) {
            Json roleArn;
            if (!evaluateJsonata(ti, *f.roleArn, scope, roleArn, true))
                return;
            if (!roleArn.is_string()) {
                queryFailed(ti, jsonataTypeFailure(*f.roleArn, "string", roleArn), true);
                return;
            }
            T(ti).task.roleArn = std::move(roleArn);
        }
        Json effective = T(ti).input;
        if (f.arguments && !evaluateJsonata(ti, *f.arguments, scope, effective, true))
            return;
        stage(ti, "afterArguments", effective);
        T(ti).task.effective = std::move(effective);
        T(ti).phase = Phase::TaskSchedule;
        return;
    }
    case StateType::Parallel: {
        Json effective = T(ti).input;
        if (f.arguments && !evaluateJsonata(ti, *f.arguments, scope, effective, true))
            return;
        stage(ti, "afterArguments", effective);
        ContainerVisit &c = T(ti).container;
        c.input = std::move(effective);
        c.results.assign(s.branches.size(), Json());
        T(ti).phase = Phase::ContainerStart;
        return;
    }
    case StateType::Map:
        enterMap(ti);
        return;
    case StateType::Unknown:
        break;
    }
    runtimeFailure(ti, {"States.Runtime", "Unsupported state type."});
}

void Execution::Engine::failJsonata(int ti, const JsonataScope &scope)
{
    const CompiledState &s = m.state(T(ti).state);
    const JsonataFields &f = *s.jsonata;
    Failure failure;
    bool hasError = s.error.has_value(), hasCause = s.cause.has_value();
    if (s.error)
        failure.error = *s.error;
    if (s.cause)
        failure.cause = *s.cause;
    for (auto [field, out, has] : {std::tuple{&f.error, &failure.error, &hasError},
                                   std::tuple{&f.cause, &failure.cause, &hasCause}}) {
        if (!*field)
            continue;
        Json value;
        if (!evaluateJsonata(ti, **field, scope, value, false))
            return;
        if (!value.is_string()) {
            queryFailed(ti, jsonataTypeFailure(**field, "string", value), false);
            return;
        }
        *out = value.get<std::string>();
        *has = true;
    }
    ExecThread &t = T(ti);
    t.failure = {std::move(failure), hasError, hasCause};
    t.phase = Phase::Fail;
}

void Execution::Engine::choiceJsonata(int ti, const JsonataScope &scope)
{
    const CompiledState &s = m.state(T(ti).state);
    for (const ChoiceRule &rule : s.choices) {
        Json holds;
        if (!evaluateJsonata(ti, *rule.condition, scope, holds, false))
            return;
        if (!holds.is_boolean()) {
            queryFailed(ti, jsonataTypeFailure(*rule.condition, "boolean", holds), false);
            return;
        }
        if (!holds.get<bool>())
            continue;
        T(ti).nextState = rule.nextIndex;
        if (rule.jsonataAssign && !takeAssign(ti, *rule.jsonataAssign, scope))
            return;
        Json output;
        if (rule.output) {
            if (!evaluateJsonata(ti, *rule.output, scope, output, false))
                return;
        } else {
            // Every field is evaluated: nothing reads the input again.
            output = std::move(T(ti).input);
        }
        exitWithOutput(ti, std::move(output));
        return;
    }
    if (s.defaultIndex < 0) {
        T(ti).failure = {{"States.NoChoiceMatched", "No Matches!"}};
        T(ti).phase = Phase::Fail;
        return;
    }
    T(ti).nextState = s.defaultIndex;
    const JsonataFields &f = *s.jsonata;
    // Without Assign nothing reads the input before the output takes it: it may move.
    completeJsonata(ti, scope, f,
                    f.output   ? Json()
                    : f.assign ? T(ti).input
                               : std::move(T(ti).input));
}

void Execution::Engine::waitJsonata(int ti, const JsonataScope &scope)
{
    const CompiledState &s = m.state(T(ti).state);
    const JsonataFields &f = *s.jsonata;
    std::int64_t until = rt.now;
    if (f.seconds) {
        std::int64_t seconds = 0;
        if (!jsonataInteger(ti, *f.seconds, scope, 0, seconds))
            return;
        until = rt.now + std::min<std::int64_t>(seconds, std::int64_t(1) << 40) * 1000;
    } else if (s.seconds) {
        until = rt.now
                + std::min<std::int64_t>(s.seconds->get<std::int64_t>(), std::int64_t(1) << 40)
                      * 1000;
    } else if (f.timestamp || s.timestamp) {
        Json value = s.timestamp ? Json(*s.timestamp) : Json();
        if (f.timestamp && !evaluateJsonata(ti, *f.timestamp, scope, value, false))
            return;
        std::optional<Timestamp> at;
        if (value.is_string())
            at = parseTimestamp(value.get<std::string>());
        if (!at) {
            Failure failure{"States.QueryEvaluationError",
                            "The Timestamp field cannot be parsed as an ISO-8601 extended offset "
                            "date-time format string: "
                                + EngineShared::valueText(value)};
            failure.location = "Timestamp";
            queryFailed(ti, std::move(failure), false, true);
            return;
        }
        until = std::max(rt.now, at->toMillis());
    }
    if (until - rt.now > std::int64_t(31536000) * 1000) {
        runtimeFailure(ti, {"States.Runtime", "Wait state delay is too long."});
        return;
    }
    T(ti).nextState = s.end ? -1 : s.next;
    completeJsonata(ti, scope, f, f.output ? Json() : T(ti).input);
    if (T(ti).phase == Phase::Exit)
        T(ti).wakeAt = until;
}

// A Task's, Parallel's or Map's result: Assign and Output read it as $states.result.
void Execution::Engine::finishJsonata(int ti, Json result)
{
    const CompiledState &s = m.state(T(ti).state);
    stage(ti, "result", result);
    JsonataScope scope = jsonataScope(ti);
    scope.states.result = &result;
    T(ti).nextState = s.end ? -1 : s.next;
    const JsonataFields &f = *s.jsonata;
    if (f.assign && !takeAssign(ti, *f.assign, scope))
        return;
    if (!f.output) {
        exitWithOutput(ti, std::move(result));
        return;
    }
    Json output;
    if (!evaluateJsonata(ti, *f.output, scope, output, false))
        return;
    exitWithOutput(ti, std::move(output));
}

// A Catch of a JSONata state: Assign and Output (by default the error output) read the error
// output as $states.errorOutput.
void Execution::Engine::catchJsonata(int ti, const CompiledCatcher &c, Json errorOutput)
{
    JsonataScope scope = jsonataScope(ti);
    scope.states.errorOutput = &errorOutput;
    T(ti).pendingAssign = Json();
    // The state fails as it is: no other catcher sees a failing Catch.
    auto fail = [&](Failure failure) {
        evaluationFailed(ti, failure);
        T(ti).failure = {std::move(failure)};
        T(ti).phase = Phase::Fail;
    };
    if (c.jsonataAssign) {
        auto assigned = c.jsonataAssign->evaluate(scope);
        if (!assigned.ok())
            return fail(assigned.takeFailure());
        if (assigned->is_object())
            T(ti).pendingAssign = std::move(assigned.value());
    }
    Json output;
    if (c.output) {
        auto built = c.output->evaluate(scope);
        if (!built.ok())
            return fail(built.takeFailure());
        output = std::move(built.value());
    } else {
        output = std::move(errorOutput);
    }
    ExecThread &t = T(ti);
    t.output = std::move(output);
    t.outputSize = -1;
    t.nextState = c.nextIndex;
    t.phase = Phase::Exit;
}

} // namespace Stepwise::Sim
