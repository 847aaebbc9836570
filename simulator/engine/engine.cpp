#include "simulator/engine/engine.h"

#include "simulator/engine/timestamp.h"
#include "simulator/expr/jsonsize.h"

#include <algorithm>

// The engine's core: which line of execution moves next, what each phase does, how lines
// start, exit their states and end, and the context object ($$) the states read.

namespace Stepwise::Sim {

using Model::Json;
using Model::StateType;

namespace {

const Json &emptyObject()
{
    static const Json empty = Json::object();
    return empty;
}

// pickThread()'s answer when only the caller can move the execution on.
constexpr int waitingForCaller = -2;

} // namespace

Execution::Engine::Engine(Execution &execution)
    : x(execution)
    , rt(*execution.m_runtime)
    , m(*execution.m_machine)
    , m_runnable(execution.m_runtime->runnable)
{}

std::string Execution::Engine::roleArn() const
{
    if (!x.m_options.roleArn.empty())
        return x.m_options.roleArn;
    return "arn:aws:iam::" + EngineShared::arnPart(x.m_options.stateMachineArn, 4)
           + ":role/StepwiseSimulatorRole";
}

// ---- scheduling ---------------------------------------------------------------------------

int Execution::Engine::pickThread()
{
    for (;;) {
        std::int64_t earliest = INT64_MAX;
        m_runnable.clear();
        // Tasks waiting for their token: they time out once the clock reaches their
        // deadline, but only move the clock themselves when no caller can answer them.
        int awaitingForever = 0;
        int awaitingCaller = 0;
        std::int64_t callerDeadline = INT64_MAX;
        for (int ti : rt.live) {
            const ExecThread &t = T(ti);
            if (t.phase == Phase::ContainerWait || t.phase == Phase::Done)
                continue;
            if (t.phase == Phase::TaskAwaitCallback && t.wakeAt > rt.now) {
                if (x.m_options.callbacksFromCaller) {
                    ++awaitingCaller;
                    callerDeadline = std::min(callerDeadline, t.wakeAt);
                    continue;
                }
                if (t.wakeAt == INT64_MAX) {
                    ++awaitingForever;
                    continue;
                }
            }
            if (t.wakeAt <= rt.now)
                m_runnable.push_back(ti);
            else
                earliest = std::min(earliest, t.wakeAt);
        }
        const int runnable = static_cast<int>(m_runnable.size());
        if (runnable == 1)
            return m_runnable.front();
        if (runnable > 1) {
            std::uniform_int_distribution<int> pick(0, runnable - 1);
            return m_runnable[static_cast<size_t>(pick(rt.random))];
        }
        if (earliest == INT64_MAX && awaitingCaller > 0)
            return waitingForCaller;
        if (earliest == INT64_MAX && awaitingForever == 0)
            return -1;
        earliest = std::min(earliest, callerDeadline);
        // Only timers remain: the clock jumps to the first, unless the execution's own
        // time limit comes first (tasks nobody answers wait for that too).
        const std::int64_t limit = executionDeadline();
        if (earliest > limit) {
            rt.now = limit;
            rt.failure = {{"States.Timeout", ""}, true, false};
            finishExecution(0, ExecutionStatus::TimedOut);
            return -1;
        }
        rt.now = earliest;
    }
}

// When the execution times out: its TimeoutSeconds, capped by its type's longest duration.
std::int64_t Execution::Engine::executionDeadline() const
{
    const bool express = x.m_options.type == Model::StateMachineType::Express;
    std::int64_t millis
        = (express ? AwsLimits::maxExpressExecutionSeconds : AwsLimits::maxExecutionSeconds) * 1000;
    if (m.timeoutSeconds())
        millis = std::min(millis, static_cast<std::int64_t>(*m.timeoutSeconds() * 1000.0));
    return rt.start + millis;
}

bool Execution::Engine::stepOnce()
{
    if (!rt.started) {
        start();
        return true;
    }
    if (rt.status != ExecutionStatus::Running)
        return false;
    if (!rt.finished.empty())
        recycleThreads();
    const int ti = pickThread();
    if (ti == waitingForCaller)
        return false;
    if (ti < 0) {
        if (rt.status == ExecutionStatus::Running) {
            rt.failure.failure = {"States.Runtime", "The execution has no runnable state."};
            finishExecution(0, ExecutionStatus::Failed);
        }
        return true;
    }
    advance(ti);
    return true;
}

void Execution::Engine::advance(int ti)
{
    switch (T(ti).phase) {
    case Phase::IterationStart:
        emitIterationEvent(ti, HistoryEventType::MapIterationStarted);
        T(ti).phase = Phase::Enter;
        return;
    case Phase::Enter:
        enterState(ti);
        return;
    case Phase::Reenter:
        runState(ti);
        return;
    case Phase::TaskSchedule:
        scheduleTask(ti);
        return;
    case Phase::TaskStart:
        startTask(ti);
        return;
    case Phase::TaskSubmit:
        submitTask(ti);
        return;
    case Phase::TaskAwaitCallback:
        callbackTimedOut(ti);
        return;
    case Phase::TaskFinish:
        finishTask(ti);
        return;
    case Phase::ContainerStart:
        startContainer(ti);
        return;
    case Phase::MapRunStart:
        startMapRun(ti);
        return;
    case Phase::ContainerEnd:
    case Phase::MapRunEnd:
        endContainer(ti);
        return;
    case Phase::Exit:
        exitState(ti);
        return;
    case Phase::Fail:
        failLine(ti);
        return;
    case Phase::IterationEnd:
        endIteration(ti);
        return;
    case Phase::Finish:
        rt.output = std::move(T(ti).output);
        finishExecution(ti, ExecutionStatus::Succeeded);
        return;
    case Phase::ContainerWait:
    case Phase::Done:
        return;
    }
}

// ---- lines of execution -------------------------------------------------------------------

void Execution::Engine::markDone(int ti)
{
    T(ti).phase = Phase::Done;
    auto it = std::find(rt.live.begin(), rt.live.end(), ti);
    if (it != rt.live.end()) {
        rt.live.erase(it);
        if (ti != 0)
            rt.finished.push_back(ti);
    }
}

void Execution::Engine::abortChildren(int ti)
{
    const std::vector<int> live = rt.live;
    for (int child : live) {
        if (T(child).parent != ti || T(child).phase == Phase::Done)
            continue;
        abortChildren(child);
        markDone(child);
    }
}

// Finished lines' slots are reused by new ones, so long Maps run in flat memory. (A slot
// keeps its last line's data until addThread() overwrites it.)
void Execution::Engine::recycleThreads()
{
    for (int ti : rt.finished) {
        T(ti).phase = Phase::Done;
        rt.freeThreads.push_back(ti);
    }
    rt.finished.clear();
}

int Execution::Engine::addThread(ExecThread thread)
{
    thread.line = rt.linesStarted++;
    int index;
    if (!rt.freeThreads.empty()) {
        index = rt.freeThreads.back();
        rt.freeThreads.pop_back();
        T(index) = std::move(thread);
    } else {
        index = static_cast<int>(rt.threads.size());
        rt.threads.push_back(std::move(thread));
    }
    rt.live.push_back(index);
    return index;
}

// AWS's quotas on variables: what one state assigns, and all a line of execution holds.
// (Counted only while the payload quota is: benchmarks turn both off.)
bool Execution::Engine::assignWithinQuota(int ti)
{
    ExecThread &t = T(ti);
    if (!tracksSizes() || !t.pendingAssign.is_object() || t.pendingAssign.empty())
        return true;
    const std::size_t assigned = jsonTextSize(t.pendingAssign);
    bool within = assigned <= AwsLimits::maxAssignBytes;
    if (within) {
        // Bounded above by the present variables plus the new values.
        within = jsonTextSize(t.variables) + assigned <= AwsLimits::maxVariablesBytes;
    }
    if (within)
        return true;
    t.pendingAssign = Json();
    stateError(ti, EngineShared::dataLimitExceeded(m.state(t.state).name), true, true, false);
    return false;
}

void Execution::Engine::exitState(int ti)
{
    const CompiledState &s = m.state(T(ti).state);
    if (!assignWithinQuota(ti))
        return;
    emit(ti, exitedEventType(s.type), [&] {
        Json d = Json::object();
        d["name"] = s.name;
        d["output"] = T(ti).output.dump();
        d["outputDetails"] = {{"truncated", false}};
        return Json{{"stateExitedEventDetails", d}};
    });
    ExecThread &t = T(ti);
    if (t.pendingAssign.is_object()) {
        for (auto it = t.pendingAssign.begin(); it != t.pendingAssign.end(); ++it)
            t.variables[it.key()] = std::move(it.value());
        if (x.m_options.recordStages && t.stageIndex >= 0)
            rt.stages[static_cast<size_t>(t.stageIndex)].data["variablesAfter"] = t.variables;
    }
    t.pendingAssign = Json();
    t.stageIndex = -1;
    if (t.nextState >= 0 && s.type != StateType::Succeed) {
        t.state = t.nextState;
        t.input = std::move(t.output);
        t.inputSize = t.outputSize;
        t.output = Json();
        t.outputSize = -1;
        t.phase = Phase::Enter;
        return;
    }
    endLine(ti);
}

void Execution::Engine::endLine(int ti)
{
    ExecThread &t = T(ti);
    switch (t.kind) {
    case ThreadKind::Root:
        t.phase = Phase::Finish;
        return;
    case ThreadKind::Branch: {
        const int pi = t.parent;
        T(pi).container.results[static_cast<size_t>(t.slot)] = std::move(t.output);
        T(pi).container.markSucceeded(t.slot);
        markDone(ti);
        childFinished(pi);
        return;
    }
    case ThreadKind::Iteration:
        t.phase = Phase::IterationEnd;
        return;
    }
}

// The line of execution ends in failure.
void Execution::Engine::failLine(int ti)
{
    ExecThread &t = T(ti);
    if (t.kind == ThreadKind::Root) {
        rt.failure = t.failure;
        finishExecution(ti, ExecutionStatus::Failed);
        return;
    }
    childFailed(ti);
}

// ---- the context object -------------------------------------------------------------------

ExpressionContext Execution::Engine::contextFor(int ti, const Json &input)
{
    ExecThread &t = T(ti);
    ExpressionContext ctx;
    ctx.input = &input;
    ctx.variables = &t.variables;
    ctx.random = &rt.random;
    const CompiledState &s = m.state(t.state);
    if (s.readsContext) {
        prepareContext(ti);
        ctx.context = &rt.context;
    } else {
        ctx.context = &emptyObject();
    }
    return ctx;
}

void Execution::Engine::prepareContext(int ti)
{
    if (x.m_options.contextObject)
        return;
    ExecThread &t = T(ti);
    const CompiledState &s = m.state(t.state);
    // The context changes only when another state visit (or retry) reads it.
    const ContextKey key{ti, t.state, t.enteredEventId, t.enteredAt, t.retryCount};
    if (rt.contextKey == key)
        return;
    rt.contextKey = key;
    Json &state = rt.context["State"];
    if (rt.contextTimeMillis != t.enteredAt || !state.contains("EnteredTime")) {
        rt.contextTimeMillis = t.enteredAt;
        rt.contextTimeText = formatTimestampMillis(t.enteredAt);
    }
    state["EnteredTime"] = rt.contextTimeText;
    state["Name"] = s.name;
    if (s.type == StateType::Task || x.m_options.testState)
        state["RetryCount"] = t.retryCount;
    else
        state.erase("RetryCount");
    if (s.waitForTaskToken) {
        rt.context["Task"] = {{"Token", taskToken(ti)}};
    } else {
        rt.context.erase("Task");
    }
    rt.context.erase("Map");
}

std::string Execution::Engine::taskToken(int ti)
{
    ExecThread &t = T(ti);
    if (t.task.token.empty())
        t.task.token = "token-" + std::to_string(t.enteredEventId) + "-" + std::to_string(ti);
    return t.task.token;
}

} // namespace Stepwise::Sim
