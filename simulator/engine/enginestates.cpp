#include "simulator/engine/engine.h"

#include "simulator/engine/jsonnumbers.h"
#include "simulator/engine/timestamp.h"

#include <algorithm>

// Entering a state (its entered event and the visit's bookkeeping), and the states that do
// their work on entry: Pass, Succeed, Fail, Choice and Wait.

namespace Stepwise::Sim {

using EngineShared::valueText;
using Model::Json;
using Model::StateType;

void Execution::Engine::enterState(int ti)
{
    ExecThread &t = T(ti);
    const CompiledState &s = m.state(t.state);
    t.enteredAt = rt.now;
    const std::int64_t id = emit(ti, enteredEventType(s.type), [&] {
        Json d = EngineShared::payloadDetails("input", T(ti).input);
        d["name"] = s.name;
        return Json{{"stateEnteredEventDetails", d}};
    });
    if (rt.status != ExecutionStatus::Running)
        return;
    ++rt.statesEntered;
    ExecThread &tt = T(ti);
    tt.enteredEventId = id;
    tt.retryCount = 0;
    tt.retryAttempts.assign(s.retriers.size(), 0);
    tt.pendingAssign = Json();
    tt.nextState = -1;
    ContainerVisit &c = tt.container;
    c.started = c.running = c.done = c.failed = 0;
    c.failure.reset();
    if (x.m_options.recordStages) {
        StageRecord record;
        record.stateName = s.name;
        record.enteredEventId = id;
        record.data["input"] = tt.input;
        record.data["variables"] = tt.variables;
        tt.stageIndex = static_cast<int>(rt.stages.size());
        rt.stages.push_back(std::move(record));
    }
    if (rt.invocations.empty())
        rt.invocations.assign(m.states().size(), 0);

    switch (s.type) {
    case StateType::Pass:
        enterPass(ti);
        return;
    case StateType::Succeed:
        enterSucceed(ti);
        return;
    case StateType::Fail:
        enterFail(ti);
        return;
    case StateType::Choice:
        enterChoice(ti);
        return;
    case StateType::Wait:
        enterWait(ti);
        return;
    case StateType::Task:
        enterTask(ti);
        return;
    case StateType::Parallel:
        enterParallel(ti);
        return;
    case StateType::Map:
        enterMap(ti);
        return;
    case StateType::Unknown:
        break;
    }
    runtimeFailure(ti, {"States.Runtime", "Unsupported state type."});
}

void Execution::Engine::enterPass(int ti)
{
    const CompiledState &s = m.state(T(ti).state);
    if (static_cast<std::int64_t>(s.resultSize) > maxPayload()) {
        T(ti).failure.failure = EngineShared::dataLimitExceeded(s.name);
        T(ti).phase = Phase::Fail;
        return;
    }
    Json effective;
    std::int64_t size;
    const bool consume = !s.parameters && !s.result && s.resultPath.replacesInput();
    if (!effectiveInput(ti, true, effective, size, consume))
        return;
    if (s.result)
        finishWithResult(ti, *s.result, static_cast<std::int64_t>(s.resultSize));
    else
        finishWithResult(ti, std::move(effective), size);
}

void Execution::Engine::enterSucceed(int ti)
{
    Json effective;
    std::int64_t size;
    if (!effectiveInput(ti, false, effective, size, true))
        return;
    applyOutputPath(ti, std::move(effective), size);
}

void Execution::Engine::enterFail(int ti)
{
    const CompiledState &s = m.state(T(ti).state);
    ExecThread &t = T(ti);
    Failure failure;
    t.failure.hasError = s.error.has_value() || s.errorPath.path || s.errorCall;
    t.failure.hasCause = s.cause.has_value() || s.causePath.path || s.causeCall;
    if (s.error)
        failure.error = *s.error;
    if (s.cause)
        failure.cause = *s.cause;
    ExpressionContext ctx = contextFor(ti, T(ti).input);
    auto resolve = [&](const PathField &path, const std::shared_ptr<IntrinsicCall> &call,
                       std::string &out) -> bool {
        std::optional<Json> value;
        if (call) {
            auto r = call->evaluate(ctx);
            if (!r.ok()) {
                runtimeFailure(ti, r.failure());
                return false;
            }
            value = std::move(r.value());
        } else if (path.path) {
            auto r = path.path->evaluate(ctx);
            if (!r.ok()) {
                runtimeFailure(ti, r.failure());
                return false;
            }
            value = std::move(r.value());
        } else {
            return true;
        }
        out = valueText(*value);
        return true;
    };
    if (!resolve(s.errorPath, s.errorCall, failure.error)
        || !resolve(s.causePath, s.causeCall, failure.cause))
        return;
    ExecThread &tt = T(ti);
    tt.failure.failure = std::move(failure);
    tt.phase = Phase::Fail;
}

void Execution::Engine::enterChoice(int ti)
{
    const CompiledState &s = m.state(T(ti).state);
    Json effective;
    std::int64_t size;
    if (!effectiveInput(ti, false, effective, size, true))
        return;
    ExpressionContext ctx = contextFor(ti, effective);
    int next = -1;
    for (const ChoiceRule &rule : s.choices) {
        auto matched = rule.evaluate(ctx);
        if (!matched.ok()) {
            runtimeFailure(ti, matched.failure());
            return;
        }
        if (matched.value()) {
            next = rule.nextIndex;
            if (!assignVariables(ti, s.assign, effective)
                || !assignVariables(ti, rule.assign, effective))
                return;
            break;
        }
    }
    if (next < 0) {
        if (s.defaultIndex < 0) {
            T(ti).failure = {{"States.NoChoiceMatched", "No Matches!"}};
            T(ti).phase = Phase::Fail;
            return;
        }
        next = s.defaultIndex;
        if (!assignVariables(ti, s.assign, effective))
            return;
    }
    T(ti).nextState = next;
    applyOutputPath(ti, std::move(effective), size);
}

void Execution::Engine::enterWait(int ti)
{
    const CompiledState &s = m.state(T(ti).state);
    Json effective;
    std::int64_t size;
    if (!effectiveInput(ti, false, effective, size, true))
        return;
    ExpressionContext ctx = contextFor(ti, effective);
    std::int64_t until = rt.now;
    auto tooLong
        = [&](std::int64_t target) { return target - rt.now > std::int64_t(31536000) * 1000; };
    if (s.seconds) {
        until = rt.now + clampedInteger(*s.seconds, 0, std::int64_t(1) << 40) * 1000;
    } else if (s.secondsPath.path) {
        const std::string &path = s.secondsPath.path->text();
        auto value = s.secondsPath.path->select(ctx);
        if (!value) {
            runtimeFailure(
                ti, {"States.Runtime",
                     "The SecondsPath parameter does not reference an input value: " + path});
            return;
        }
        if (!value->is_number_integer()) {
            runtimeFailure(ti, {"States.Runtime",
                                "The SecondsPath parameter cannot be parsed as a long value: "
                                    + path + " == " + valueText(*value)});
            return;
        }
        const std::int64_t seconds = clampedInteger(*value, -1, std::int64_t(1) << 40);
        if (seconds < 0) {
            runtimeFailure(ti, {"States.Runtime",
                                "The SecondsPath parameter references a negative value: " + path
                                    + " == " + valueText(*value)});
            return;
        }
        until = rt.now + seconds * 1000;
    } else {
        std::string text;
        std::string what = "The Timestamp parameter";
        if (s.timestamp) {
            text = *s.timestamp;
        } else if (s.timestampPath.path) {
            what = "The TimestampPath parameter";
            auto value = s.timestampPath.path->select(ctx);
            if (!value) {
                runtimeFailure(ti, {"States.Runtime", what + " does not reference an input value: "
                                                          + s.timestampPath.path->text()});
                return;
            }
            text = valueText(*value);
            auto parsed = value->is_string() ? parseTimestamp(text) : std::nullopt;
            if (!parsed) {
                runtimeFailure(ti, {"States.Runtime",
                                    what
                                        + " does not reference a valid ISO-8601 extended offset "
                                          "date-time format string: "
                                        + s.timestampPath.path->text() + " == " + text});
                return;
            }
        }
        auto parsed = parseTimestamp(text);
        if (parsed)
            until = std::max(rt.now, parsed->toMillis());
    }
    if (tooLong(until)) {
        runtimeFailure(ti, {"States.Runtime", "Wait state delay is too long."});
        return;
    }
    applyOutputPath(ti, std::move(effective), size);
    if (T(ti).phase == Phase::Exit) {
        T(ti).wakeAt = until;
        T(ti).nextState = s.end ? -1 : s.next;
    }
}

} // namespace Stepwise::Sim
