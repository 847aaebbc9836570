#include "simulator/engine/engine.h"

#include "simulator/engine/jsonnumbers.h"
#include "simulator/engine/pathvalues.h"
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
    if (x.m_options.redrivable && t.kind == ThreadKind::Root) {
        rt.redriveState = t.state;
        rt.redriveInput = t.input;
        rt.redriveVariables = t.variables;
    }
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
    tt.enteredPreviousEventId = m_previousEventId;
    tt.retryCount = 0;
    tt.retryAttempts.assign(s.retriers.size(), 0);
    tt.pendingAssign = Json();
    tt.nextState = -1;
    ContainerVisit &c = tt.container;
    c.started = c.running = c.done = c.failed = 0;
    c.succeeded.clear();
    c.failure.reset();
    if (x.m_options.recordStages) {
        StageRecord record;
        record.stateName = s.name;
        record.enteredEventId = id;
        record.line = tt.line;
        record.lineIndex = tt.kind == ThreadKind::Root ? -1 : tt.slot;
        record.data["input"] = tt.input;
        record.data["variables"] = tt.variables;
        if (x.m_options.contextObject) {
            record.context = *x.m_options.contextObject;
        } else {
            prepareContext(ti);
            record.context = rt.context;
        }
        tt.stageIndex = static_cast<int>(rt.stages.size());
        rt.stages.push_back(std::move(record));
    }
    if (rt.invocations.empty())
        rt.invocations.assign(m.states().size(), 0);
    runState(ti);
}

// The state's own work, after its entered event (again when a retry re-evaluates it).
void Execution::Engine::runState(int ti)
{
    const CompiledState &s = m.state(T(ti).state);
    T(ti).retryEntry = false;
    if (s.jsonata) {
        enterJsonata(ti);
        return;
    }
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
    // ErrorPath and CausePath select a string; an intrinsic's result is taken as its text.
    auto resolve = [&](const char *field, const PathField &path,
                       const std::shared_ptr<IntrinsicCall> &call, std::string &out) -> bool {
        if (call) {
            auto r = call->evaluate(ctx);
            if (!r.ok()) {
                runtimeFailure(ti, r.failure());
                return false;
            }
            out = valueText(*r);
        } else if (path.path) {
            auto r = readStringPath(field, *path.path, ctx);
            if (!r.ok()) {
                runtimeFailure(ti, r.failure());
                return false;
            }
            out = std::move(r.value());
        }
        return true;
    };
    if (!resolve("ErrorPath", s.errorPath, s.errorCall, failure.error)
        || !resolve("CausePath", s.causePath, s.causeCall, failure.cause))
        return;
    ExecThread &tt = T(ti);
    if (x.m_options.recordStages) {
        Json details = Json::object();
        if (tt.failure.hasError)
            details["error"] = failure.error;
        if (tt.failure.hasCause)
            details["cause"] = failure.cause;
        stage(ti, "errorDetails", details);
    }
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
        auto seconds = readWaitSecondsPath(*s.secondsPath.path, ctx);
        if (!seconds.ok()) {
            runtimeFailure(ti, seconds.failure());
            return;
        }
        until = rt.now + std::min<std::int64_t>(*seconds, std::int64_t(1) << 40) * 1000;
    } else if (s.timestampPath.path) {
        auto at = readWaitTimestampPath(*s.timestampPath.path, ctx);
        if (!at.ok()) {
            runtimeFailure(ti, at.failure());
            return;
        }
        until = std::max(rt.now, *at);
    } else if (s.timestamp) {
        auto parsed = parseTimestamp(*s.timestamp);
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
