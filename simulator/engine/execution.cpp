#include "simulator/engine/execution.h"

#include "simulator/engine/executionruntime.h"
#include "simulator/engine/jsonnumbers.h"
#include "simulator/engine/timestamp.h"
#include "simulator/expr/jsonmembers.h"
#include "simulator/expr/jsonsize.h"
#include "simulator/tasks/itemreader.h"
#include "simulator/tasks/snsemulator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace Stepwise::Sim {

using Model::Json;
using Model::StateType;

namespace {

const Json &emptyObject()
{
    static const Json empty = Json::object();
    return empty;
}

Json payloadDetails(const char *key, const Json &value)
{
    Json details = Json::object();
    details[key] = value.dump();
    details[std::string(key) + "Details"] = {{"truncated", false}};
    return details;
}

// "<Type>StateEntered" / "<Type>StateExited", built once per type.
const char *stateEventType(StateType type, bool entered)
{
    static const auto names = [] {
        std::vector<std::pair<std::string, std::string>> out;
        for (int t = 0; t <= static_cast<int>(StateType::Unknown); ++t) {
            const std::string prefix(Model::toString(static_cast<StateType>(t)));
            out.emplace_back(prefix + "StateEntered", prefix + "StateExited");
        }
        return out;
    }();
    const auto &pair = names.at(static_cast<size_t>(type));
    return entered ? pair.first.c_str() : pair.second.c_str();
}

// Which events of a container the next iteration's previousEventId may point at: AWS chains
// a new iteration to the last state event, not to the previous iteration's end marker.
bool isTerminalError(const std::string &error)
{
    return error == "States.Runtime";
}

bool errorMatches(const std::vector<std::string> &names, const std::string &error)
{
    for (const std::string &name : names) {
        if (name == error)
            return true;
        if (name == "States.ALL" && !isTerminalError(error))
            return true;
        if (name == "States.TaskFailed" && error != "States.Timeout" && !isTerminalError(error))
            return true;
    }
    return false;
}

std::string arnPart(const std::string &arn, int index)
{
    size_t start = 0;
    for (int i = 0; i < index; ++i) {
        start = arn.find(':', start);
        if (start == std::string::npos)
            return {};
        ++start;
    }
    size_t end = arn.find(':', start);
    return arn.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::string valueText(const Json &value)
{
    return value.is_string() ? value.get<std::string>() : value.dump();
}

// AWS's quota on a state's or task's data; `what` is the state or the task's resource.
Failure dataLimitExceeded(const std::string &what)
{
    return {"States.DataLimitExceeded",
            "The state/task '" + what
                + "' returned a result with a size exceeding the maximum number of bytes service "
                  "limit."};
}

// When a task waiting for its token times out: TimeoutSeconds after it started or
// HeartbeatSeconds after its last heartbeat, whichever comes first (INT64_MAX: never).
std::int64_t callbackDeadline(const ExecThread &t)
{
    std::int64_t deadline = INT64_MAX;
    if (t.taskTimeoutMillis >= 0)
        deadline = std::min(deadline, t.taskStartedAt + t.taskTimeoutMillis);
    if (t.taskHeartbeatMillis >= 0)
        deadline = std::min(deadline, t.taskHeartbeatAt + t.taskHeartbeatMillis);
    return deadline;
}

// The task's result arrived: it finishes at the next step.
void answerCallback(ExecThread &t, TaskResponse response, std::int64_t now)
{
    t.response = std::move(response);
    t.phase = Phase::TaskFinish;
    t.wakeAt = now;
}

ExecThread *threadAwaiting(Execution::Runtime &rt, const std::string &taskToken)
{
    for (int ti : rt.live) {
        ExecThread &t = rt.threads[static_cast<size_t>(ti)];
        if (t.phase == Phase::TaskAwaitCallback && t.taskToken == taskToken)
            return &t;
    }
    return nullptr;
}

} // namespace

class Execution::Engine
{
  public:
    Engine(Execution &execution)
        : x(execution)
        , rt(*execution.m_runtime)
        , m(*execution.m_machine)
    {}

    ExecThread &T(int index) { return rt.threads[static_cast<size_t>(index)]; }

    // ---- events -------------------------------------------------------------------------

    template<typename DetailsFn>
    std::int64_t emit(int ti, const char *type, DetailsFn &&details, bool chain = true)
    {
        if (rt.status != ExecutionStatus::Running)
            return 0;
        const int limit = x.m_options.maxHistoryEvents;
        const bool terminal = std::string_view(type).rfind("Execution", 0) == 0;
        if (limit > 0 && rt.eventCount + 1 >= limit && !terminal) {
            rt.failure
                = {"States.Runtime", "The execution reached the maximum number of history events ("
                                         + std::to_string(limit) + ")."};
            rt.hasError = rt.hasCause = true;
            finishExecution(ti, ExecutionStatus::Failed);
            return 0;
        }
        if (T(ti).hidden)
            return 0;
        const std::int64_t id = ++rt.eventCount;
        ExecThread &t = T(ti);
        const std::int64_t previous = t.lastEventId;
        if (chain)
            t.lastEventId = id;
        if (t.parent >= 0) {
            ExecThread &p = T(t.parent);
            p.lastChildEvent = id;
            if (chain)
                p.lastChainedChildEvent = id;
        }
        if (x.m_options.recordHistory || x.m_listener) {
            HistoryEvent event;
            event.id = id;
            event.previousEventId = previous;
            event.timestampMillis = rt.now;
            event.type = type;
            event.details = details();
            if (x.m_listener)
                x.m_listener(event);
            if (x.m_options.recordHistory)
                rt.history.push_back(std::move(event));
        }
        return id;
    }

    std::int64_t emitPlain(int ti, const char *type, bool chain = true)
    {
        return emit(
            ti, type, [] { return Json::object(); }, chain);
    }

    void finishExecution(int ti, ExecutionStatus status)
    {
        if (rt.status != ExecutionStatus::Running)
            return;
        const char *type = status == ExecutionStatus::Succeeded  ? "ExecutionSucceeded"
                           : status == ExecutionStatus::TimedOut ? "ExecutionTimedOut"
                                                                 : "ExecutionFailed";
        emit(ti, type, [&] {
            Json details = Json::object();
            if (status == ExecutionStatus::Succeeded) {
                details["executionSucceededEventDetails"] = payloadDetails("output", rt.output);
            } else {
                Json d = Json::object();
                if (rt.hasCause)
                    d["cause"] = rt.failure.cause;
                if (rt.hasError)
                    d["error"] = rt.failure.error;
                details[status == ExecutionStatus::TimedOut ? "executionTimedOutEventDetails"
                                                            : "executionFailedEventDetails"]
                    = d;
            }
            return details;
        });
        rt.status = status;
        for (int live : rt.live) {
            if (T(live).phase == Phase::TaskAwaitCallback)
                rt.unansweredCallbacks.push_back(m.state(T(live).state).name);
            T(live).phase = Phase::Done;
        }
        rt.live.clear();
    }

    // ---- scheduling ---------------------------------------------------------------------

    void start()
    {
        rt.started = true;
        ExecThread root;
        root.kind = ThreadKind::Root;
        root.scope = 0;
        root.state = m.scope(0).startAt;
        root.variables = x.m_options.variables.is_object() ? x.m_options.variables : Json::object();
        rt.threads.push_back(std::move(root));
        rt.live.push_back(0);
        emit(
            0, "ExecutionStarted",
            [&] {
                Json d = payloadDetails("input", rt.input);
                d["roleArn"] = roleArn();
                return Json{{"executionStartedEventDetails", d}};
            },
            false);
        // Nothing reads the execution's input after this event.
        T(0).input = std::move(rt.input);
    }

    std::string roleArn() const
    {
        if (!x.m_options.roleArn.empty())
            return x.m_options.roleArn;
        return "arn:aws:iam::" + arnPart(x.m_options.stateMachineArn, 4)
               + ":role/StepwiseSimulatorRole";
    }

    // pickThread()'s answer when only the caller can move the execution on.
    static constexpr int waitingForCaller = -2;

    int pickThread()
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
            const std::int64_t limit
                = rt.start
                  + (m.timeoutSeconds() ? static_cast<std::int64_t>(*m.timeoutSeconds() * 1000.0)
                                        : AwsLimits::maxExecutionSeconds * 1000);
            if (earliest > limit) {
                rt.now = limit;
                rt.failure = {"States.Timeout", ""};
                rt.hasCause = false;
                finishExecution(0, ExecutionStatus::TimedOut);
                return -1;
            }
            rt.now = earliest;
        }
    }

    void markDone(int ti)
    {
        T(ti).phase = Phase::Done;
        auto it = std::find(rt.live.begin(), rt.live.end(), ti);
        if (it != rt.live.end()) {
            rt.live.erase(it);
            if (ti != 0)
                rt.finished.push_back(ti);
        }
    }

    void abortChildren(int ti)
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
    void recycleThreads()
    {
        for (int ti : rt.finished) {
            T(ti).phase = Phase::Done;
            rt.freeThreads.push_back(ti);
        }
        rt.finished.clear();
    }

    int addThread(ExecThread thread)
    {
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

    bool stepOnce()
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
                rt.failure = {"States.Runtime", "The execution has no runnable state."};
                finishExecution(0, ExecutionStatus::Failed);
            }
            return true;
        }
        advance(ti);
        return true;
    }

    // ---- expression context -------------------------------------------------------------

    ExpressionContext contextFor(int ti, const Json &input)
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

    void prepareContext(int ti)
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
        if (s.type == StateType::Task)
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

    std::string taskToken(int ti)
    {
        ExecThread &t = T(ti);
        if (t.taskToken.empty())
            t.taskToken = "token-" + std::to_string(t.enteredEventId) + "-" + std::to_string(ti);
        return t.taskToken;
    }

    // ---- failures -----------------------------------------------------------------------

    // A failure raised while processing the state's data: AWS words these with a prefix.
    void runtimeFailure(int ti, Failure failure)
    {
        ExecThread &t = T(ti);
        if (failure.error == "States.Runtime") {
            failure.cause = "An error occurred while executing the state '" + m.state(t.state).name
                            + "' (entered at the event id #" + std::to_string(t.enteredEventId)
                            + "). " + failure.cause;
        }
        t.failure = std::move(failure);
        t.hasError = t.hasCause = true;
        t.phase = Phase::Fail;
    }

    // Schedules the state again when a retrier matches `failure` and has attempts left.
    bool retry(int ti, const Failure &failure)
    {
        ExecThread &t = T(ti);
        const CompiledState &s = m.state(t.state);
        if (!isTerminalError(failure.error)) {
            for (size_t i = 0; i < s.retriers.size(); ++i) {
                const CompiledRetrier &r = s.retriers[i];
                if (!errorMatches(r.errorEquals, failure.error))
                    continue;
                int &attempts = t.retryAttempts[i];
                if (attempts < r.maxAttempts) {
                    double delay = r.intervalSeconds * std::pow(r.backoffRate, attempts);
                    if (r.maxDelaySeconds)
                        delay = std::min(delay, *r.maxDelaySeconds);
                    if (!(delay >= 0))
                        delay = 0;
                    delay = std::min(delay, 1e10);
                    if (r.fullJitter) {
                        std::uniform_real_distribution<double> jitter(0.0, delay);
                        delay = jitter(rt.random);
                    }
                    ++attempts;
                    ++t.retryCount;
                    t.wakeAt = rt.now + static_cast<std::int64_t>(std::llround(delay * 1000.0));
                    t.phase
                        = s.type == StateType::Task ? Phase::TaskSchedule : Phase::ContainerStart;
                    if (s.type == StateType::Parallel || s.type == StateType::Map)
                        resetContainer(ti);
                    return true;
                }
                break;
            }
        }
        return false;
    }

    // An error the state can retry or catch (task failures, branch failures, ...).
    void stateError(int ti, const Failure &failure, bool hasError = true, bool hasCause = true,
                    bool retriable = true)
    {
        if (retriable && retry(ti, failure))
            return;
        const CompiledState &s = m.state(T(ti).state);
        if (!isTerminalError(failure.error) || failure.error == "States.DataLimitExceeded") {
            for (const CompiledCatcher &c : s.catchers) {
                bool matches = errorMatches(c.errorEquals, failure.error);
                if (!matches && failure.error == "States.DataLimitExceeded")
                    matches = std::find(c.errorEquals.begin(), c.errorEquals.end(), failure.error)
                              != c.errorEquals.end();
                if (!matches)
                    continue;
                Json errorOutput = Json::object();
                if (hasError)
                    errorOutput["Error"] = failure.error;
                else if (failure.errorIsNull)
                    errorOutput["Error"] = nullptr;
                if (hasCause)
                    errorOutput["Cause"] = failure.cause;
                else if (failure.causeIsNull)
                    errorOutput["Cause"] = nullptr;
                if (c.assign) {
                    ExpressionContext ctx = contextFor(ti, errorOutput);
                    auto assigned = c.assign->evaluate(ctx);
                    if (!assigned.ok()) {
                        runtimeFailure(ti, assigned.failure());
                        return;
                    }
                    T(ti).pendingAssign = std::move(assigned.value());
                }
                ExecThread &tt = T(ti);
                auto output = c.resultPath.apply(std::move(tt.input), std::move(errorOutput));
                if (!output.ok()) {
                    runtimeFailure(ti, output.failure());
                    return;
                }
                tt.output = std::move(output.value());
                tt.outputSize = -1;
                tt.nextState = c.nextIndex;
                tt.phase = Phase::Exit;
                return;
            }
        }
        ExecThread &tt = T(ti);
        tt.failure = failure;
        tt.hasError = hasError;
        tt.hasCause = hasCause;
        tt.phase = Phase::Fail;
    }

    void resetContainer(int ti)
    {
        ExecThread &t = T(ti);
        abortChildren(ti);
        t.results.assign(t.results.size(), Json());
        t.childrenStarted = t.childrenRunning = t.childrenDone = t.childrenFailed = 0;
        t.childFailed = false;
    }

    // The line of execution ends in failure.
    void failLine(int ti)
    {
        ExecThread &t = T(ti);
        if (t.kind == ThreadKind::Root) {
            rt.failure = t.failure;
            rt.hasError = t.hasError;
            rt.hasCause = t.hasCause;
            finishExecution(ti, ExecutionStatus::Failed);
            return;
        }
        if (t.kind == ThreadKind::Iteration) {
            // An iteration's end marker: the Map's next event follows the iteration's last
            // state event, as after MapIterationSucceeded.
            emit(
                ti, "MapIterationFailed",
                [&] {
                    return Json{{"mapIterationFailedEventDetails",
                                 {{"index", t.slot}, {"name", m.state(T(t.parent).state).name}}}};
                },
                false);
        }
        const int pi = t.parent;
        ExecThread &p = T(pi);
        const Failure failure = t.failure;
        const bool hasError = t.hasError, hasCause = t.hasCause;
        markDone(ti);
        if (p.childFailed)
            return;
        if (T(ti).kind == ThreadKind::Iteration) {
            ++p.childrenFailed;
            const int total = static_cast<int>(p.items.size());
            const bool tolerant = p.toleratedCount >= 0 || p.toleratedPercentage >= 0;
            bool exceeded = !tolerant;
            if (p.toleratedCount >= 0 && p.childrenFailed > p.toleratedCount)
                exceeded = true;
            if (p.toleratedPercentage >= 0 && total > 0
                && 100.0 * p.childrenFailed / total > p.toleratedPercentage)
                exceeded = true;
            if (!exceeded) {
                Json errorOutput = Json::object();
                if (hasError)
                    errorOutput["Error"] = failure.error;
                if (hasCause)
                    errorOutput["Cause"] = failure.cause;
                p.results[static_cast<size_t>(T(ti).slot)] = std::move(errorOutput);
                childFinished(pi);
                return;
            }
            if (tolerant) {
                containerFailed(pi,
                                {"States.ExceedToleratedFailureThreshold",
                                 "The specified tolerated failure threshold was exceeded"},
                                true, true);
                return;
            }
        }
        containerFailed(pi, failure, hasError, hasCause);
    }

    void containerFailed(int pi, const Failure &failure, bool hasError, bool hasCause)
    {
        ExecThread &p = T(pi);
        p.childFailed = true;
        p.childFailure = failure;
        p.childHasError = hasError;
        p.childHasCause = hasCause;
        abortChildren(pi);
        ExecThread &pp = T(pi);
        pp.phase = Phase::ContainerEnd;
        pp.lastEventId = pp.lastChainedChildEvent;
    }

    void childFinished(int pi)
    {
        ExecThread &p = T(pi);
        --p.childrenRunning;
        ++p.childrenDone;
        const int total = static_cast<int>(p.results.size());
        if (p.childFailed)
            return;
        if (m.state(p.state).type == StateType::Map) {
            while (T(pi).childrenStarted < total && T(pi).childrenRunning < T(pi).maxConcurrency) {
                if (!spawnIteration(pi))
                    return;
            }
        }
        ExecThread &pp = T(pi);
        if (pp.childrenDone == total) {
            pp.phase = Phase::ContainerEnd;
            pp.lastEventId = pp.lastChildEvent;
        }
    }

    // ---- stage data ---------------------------------------------------------------------

    void stage(int ti, const char *key, const Json &value)
    {
        if (!x.m_options.recordStages)
            return;
        const int index = T(ti).stageIndex;
        if (index >= 0)
            rt.stages[static_cast<size_t>(index)].data[key] = value;
    }

    // ---- state processing ---------------------------------------------------------------

    // InputPath (+ Parameters when `withParameters`): the effective input, or a failure.
    // `consume`: the state needs its raw input no more, so it may be moved. `size` receives
    // an upper bound of its JSON text's size when known without walking it, else -1.
    bool effectiveInput(int ti, bool withParameters, Json &out, std::int64_t &size,
                        bool consume = false)
    {
        size = -1;
        ExecThread &t = T(ti);
        const CompiledState &s = m.state(t.state);
        Json afterInputPath;
        const Json *current = &t.input;
        const Json *located = nullptr;
        if (s.inputPathDirect) {
            ExpressionContext ctx = contextFor(ti, t.input);
            located = s.inputPathDirect->locate(ctx);
        }
        if (located) {
            current = located;
        } else if (!s.inputPath.isIdentity()) {
            ExpressionContext ctx = contextFor(ti, t.input);
            auto selected = s.inputPath.apply(T(ti).input, ctx);
            if (!selected.ok()) {
                runtimeFailure(ti, selected.failure());
                return false;
            }
            afterInputPath = std::move(selected.value());
            current = &afterInputPath;
        }
        stage(ti, "afterInputPath", *current);
        if (withParameters && s.parameters) {
            ExpressionContext ctx = contextFor(ti, *current);
            // What InputPath built is ours; the state's input is when nothing reads it later.
            const bool ours = current == &afterInputPath;
            const bool consuming = ours || s.parametersTakeInput;
            // Sizes before anything moves: moved nodes weigh at most what they left.
            const bool track = tracksSizes();
            const std::int64_t before = !track ? 0
                                        : ours ? textSize(afterInputPath)
                                               : inputSize(ti);
            PayloadTemplate::Taken taken;
            auto built = consuming ? s.parameters->evaluateConsuming(
                             ctx, const_cast<Json &>(*current), track ? &taken : nullptr)
                                   : s.parameters->evaluate(ctx);
            if (!built.ok()) {
                runtimeFailure(ti, built.failure());
                return false;
            }
            out = std::move(built.value());
            stage(ti, "afterParameters", out);
            if (!track) {
                if (consuming && !ours)
                    T(ti).inputSize = -1;
                return true;
            }
            if (taken.nodes == 0) {
                size = textSize(out); // built from copies: as costly to count as to copy
            } else {
                // Only what did not move is walked. The moved nodes are disjoint parts of
                // `current`, so they weigh at most its size; each left a null (4 bytes) behind.
                size = static_cast<std::int64_t>(taken.sizeWithoutThem) + before;
                if (!ours)
                    T(ti).inputSize += 4 * static_cast<std::int64_t>(taken.nodes);
            }
            if (!withinQuota(size, out)) {
                payloadTooLarge(ti);
                return false;
            }
            return true;
        }
        if (current == &afterInputPath) {
            out = std::move(afterInputPath);
        } else if (current == &T(ti).input) {
            size = tracksSizes() ? inputSize(ti) : -1;
            if (consume)
                out = std::move(T(ti).input);
            else
                out = *current;
        } else {
            out = *current;
        }
        return true;
    }

    static std::int64_t textSize(const Json &value)
    {
        return static_cast<std::int64_t>(jsonTextSize(value));
    }

    // Sizes are counted only for the payload quota. A thread's sizes are upper bounds (exact
    // when walked): a bound within the quota settles the check, a larger one is replaced by
    // the value's exact size.
    bool tracksSizes() const { return x.m_options.maxPayloadBytes != 0; }

    bool withinQuota(std::int64_t &bound, const Json &value) const
    {
        if (bound <= maxPayload())
            return true;
        bound = textSize(value);
        return bound <= maxPayload();
    }

    std::int64_t maxPayload() const
    {
        const std::size_t limit = x.m_options.maxPayloadBytes;
        return limit == 0 ? INT64_MAX : static_cast<std::int64_t>(limit);
    }

    // A bound of the current state's input text's size; walked once when unknown.
    std::int64_t inputSize(int ti)
    {
        ExecThread &t = T(ti);
        if (t.inputSize < 0)
            t.inputSize = textSize(t.input);
        return t.inputSize;
    }

    // AWS's quota on a state's data (its effective input after Parameters, its output).
    void payloadTooLarge(int ti)
    {
        const CompiledState &s = m.state(T(ti).state);
        stateError(ti, dataLimitExceeded(s.name), true, true, false);
    }

    // ResultSelector -> Assign -> ResultPath -> OutputPath, then the state exits.
    // `resultSize`: an upper bound of the result text's size when known, else -1.
    void finishWithResult(int ti, Json result, std::int64_t resultSize = -1)
    {
        const CompiledState &s = m.state(T(ti).state);
        stage(ti, "result", result);
        if (s.resultSelector) {
            resultSize = -1;
            ExpressionContext ctx = contextFor(ti, result);
            auto selected = s.resultSelector->evaluate(ctx);
            if (!selected.ok()) {
                runtimeFailure(ti, selected.failure());
                return;
            }
            result = std::move(selected.value());
            stage(ti, "afterResultSelector", result);
        }
        if (s.assign) {
            ExpressionContext ctx = contextFor(ti, result);
            auto assigned = s.assign->evaluate(ctx);
            if (!assigned.ok()) {
                runtimeFailure(ti, assigned.failure());
                return;
            }
            T(ti).pendingAssign = std::move(assigned.value());
        }
        // The output's size follows from the input's and the result's: only what ResultPath
        // adds or replaces is walked.
        const bool track = tracksSizes();
        std::int64_t size = -1;
        std::int64_t growth = 0;
        if (track && !s.resultPath.discardsResult() && resultSize < 0)
            resultSize = textSize(result);
        if (!track) {
            size = -1;
        } else if (s.resultPath.replacesInput()) {
            size = resultSize;
        } else {
            size = inputSize(ti);
            // Parameters may have left little of the input (a loop moving a large payload
            // through InputPath/Parameters/ResultPath): count what is left rather than let
            // the bound double.
            if (size + std::max<std::int64_t>(resultSize, 0) > maxPayload())
                size = T(ti).inputSize = textSize(T(ti).input);
        }
        ExecThread &t = T(ti);
        auto afterResultPath = s.resultPath.replacesInput()
                                   ? s.resultPath.apply(Json(), std::move(result))
                                   : s.resultPath.apply(std::move(t.input), std::move(result),
                                                        track ? &growth : nullptr);
        if (!afterResultPath.ok()) {
            runtimeFailure(ti, afterResultPath.failure());
            return;
        }
        if (track && s.resultPath.path())
            size += growth + resultSize;
        stage(ti, "afterResultPath", afterResultPath.value());
        T(ti).nextState = s.end ? -1 : s.next;
        applyOutputPath(ti, std::move(afterResultPath.value()), size);
    }

    // `size`: an upper bound of the value text's size when known, else -1.
    void applyOutputPath(int ti, Json value, std::int64_t size = -1)
    {
        const CompiledState &s = m.state(T(ti).state);
        if (s.outputPath.isIdentity()) {
            T(ti).output = std::move(value);
            T(ti).outputSize = size >= 0 || !tracksSizes() ? size : textSize(T(ti).output);
        } else {
            ExpressionContext ctx = contextFor(ti, value);
            auto output = s.outputPath.apply(std::move(value), ctx);
            if (!output.ok()) {
                runtimeFailure(ti, output.failure());
                return;
            }
            T(ti).output = std::move(output.value());
            T(ti).outputSize = tracksSizes() ? textSize(T(ti).output) : -1;
        }
        if (tracksSizes() && !withinQuota(T(ti).outputSize, T(ti).output)) {
            payloadTooLarge(ti);
            return;
        }
        stage(ti, "output", T(ti).output);
        T(ti).phase = Phase::Exit;
    }

    void enterState(int ti)
    {
        ExecThread &t = T(ti);
        const CompiledState &s = m.state(t.state);
        const char *entered = stateEventType(s.type, true);
        t.enteredAt = rt.now;
        const std::int64_t id = emit(ti, entered, [&] {
            Json d = payloadDetails("input", T(ti).input);
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
        tt.childrenStarted = tt.childrenRunning = tt.childrenDone = tt.childrenFailed = 0;
        tt.childFailed = false;
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
        case StateType::Pass: {
            if (static_cast<std::int64_t>(s.resultSize) > maxPayload()) {
                T(ti).failure = dataLimitExceeded(s.name);
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
            return;
        }
        case StateType::Succeed: {
            Json effective;
            std::int64_t size;
            if (!effectiveInput(ti, false, effective, size, true))
                return;
            applyOutputPath(ti, std::move(effective), size);
            return;
        }
        case StateType::Fail:
            enterFail(ti);
            return;
        case StateType::Choice:
            enterChoice(ti);
            return;
        case StateType::Wait:
            enterWait(ti);
            return;
        case StateType::Task: {
            T(ti).taskToken.clear();
            if (!resolveTaskTimeouts(ti))
                return;
            Json effective;
            std::int64_t size;
            if (!effectiveInput(ti, true, effective, size))
                return;
            T(ti).effective = std::move(effective);
            T(ti).phase = Phase::TaskSchedule;
            return;
        }
        case StateType::Parallel: {
            Json effective;
            std::int64_t size;
            if (!effectiveInput(ti, true, effective, size))
                return;
            T(ti).containerInput = std::move(effective);
            T(ti).results.assign(s.branches.size(), Json());
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

    bool assignVariables(int ti, const std::shared_ptr<PayloadTemplate> &assign, const Json &input)
    {
        if (!assign)
            return true;
        ExpressionContext ctx = contextFor(ti, input);
        auto assigned = assign->evaluate(ctx);
        if (!assigned.ok()) {
            runtimeFailure(ti, assigned.failure());
            return false;
        }
        Json &pending = T(ti).pendingAssign;
        if (pending.is_object()) {
            for (auto it = assigned->begin(); it != assigned->end(); ++it)
                pending[it.key()] = std::move(it.value());
        } else {
            pending = std::move(assigned.value());
        }
        return true;
    }

    void enterChoice(int ti)
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
                T(ti).failure = {"States.NoChoiceMatched", "No Matches!"};
                T(ti).hasError = T(ti).hasCause = true;
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

    void enterWait(int ti)
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
                    ti, {"States.Runtime", "The SecondsPath parameter does not reference an input "
                                           "value: "
                                               + path});
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
                    runtimeFailure(ti,
                                   {"States.Runtime", what + " does not reference an input value: "
                                                          + s.timestampPath.path->text()});
                    return;
                }
                text = valueText(*value);
                auto parsed = value->is_string() ? parseTimestamp(text) : std::nullopt;
                if (!parsed) {
                    runtimeFailure(ti,
                                   {"States.Runtime",
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

    void enterFail(int ti)
    {
        const CompiledState &s = m.state(T(ti).state);
        ExecThread &t = T(ti);
        Failure failure;
        t.hasError = s.error.has_value() || s.errorPath.path || s.errorCall;
        t.hasCause = s.cause.has_value() || s.causePath.path || s.causeCall;
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
        tt.failure = std::move(failure);
        tt.phase = Phase::Fail;
    }

    // TimeoutSeconds(Path) and HeartbeatSeconds(Path), the paths read from the state input.
    bool resolveTaskTimeouts(int ti)
    {
        const CompiledState &s = m.state(T(ti).state);
        auto resolve = [&](const std::optional<double> &fixed, const PathField &path,
                           const char *name, std::int64_t ExecThread::*out) {
            T(ti).*out = -1;
            if (fixed) {
                T(ti).*out = static_cast<std::int64_t>(std::llround(*fixed * 1000.0));
            } else if (path.path) {
                ExpressionContext ctx = contextFor(ti, T(ti).input);
                auto seconds = integerField(ti, ctx, path, name);
                if (!seconds)
                    return false;
                T(ti).*out = std::int64_t(*seconds) * 1000;
            }
            return true;
        };
        return resolve(s.timeoutSeconds, s.timeoutSecondsPath, "TimeoutSecondsPath",
                       &ExecThread::taskTimeoutMillis)
               && resolve(s.heartbeatSeconds, s.heartbeatSecondsPath, "HeartbeatSecondsPath",
                          &ExecThread::taskHeartbeatMillis);
    }

    std::optional<int> integerField(int ti, const ExpressionContext &ctx, const PathField &field,
                                    const char *name)
    {
        auto value = field.path->select(ctx);
        if (value && value->is_string()) {
            // AWS accepts a decimal integer given as text.
            const std::string &text = value->get_ref<const std::string &>();
            char *end = nullptr;
            const long long parsed = std::strtoll(text.c_str(), &end, 10);
            if (!text.empty() && end && *end == '\0')
                return static_cast<int>(parsed);
        }
        if (!value || !value->is_number_integer()) {
            runtimeFailure(ti, {"States.Runtime",
                                std::string("The ") + name + " field refers to value \""
                                    + (value ? valueText(*value) : std::string("null"))
                                    + "\" which is not a valid integer: " + field.path->text()});
            return std::nullopt;
        }
        return static_cast<int>(clampedInteger(*value, INT32_MIN, INT32_MAX));
    }

    // The ItemReader's object, cut to MaxItems; nullopt when the state already failed.
    std::optional<Outcome<Json>> readItemsFor(int ti, const ExpressionContext &ctx)
    {
        const CompiledState &s = m.state(T(ti).state);
        ItemReaderRequest request;
        request.s3Root = x.m_options.s3Root;
        if (auto it = s.itemReader->find("Resource"); it != s.itemReader->end())
            request.resource = it->is_string() ? it->get<std::string>() : it->dump();
        if (auto it = s.itemReader->find("ReaderConfig"); it != s.itemReader->end())
            request.readerConfig = *it;
        if (s.itemReaderParameters) {
            auto parameters = s.itemReaderParameters->evaluate(ctx);
            if (!parameters.ok()) {
                runtimeFailure(ti, parameters.failure());
                return std::nullopt;
            }
            request.parameters = std::move(parameters.value());
        }
        long long maxItems = s.maxItems.value_or(0);
        if (s.maxItemsPath.path) {
            auto v = integerField(ti, ctx, s.maxItemsPath, "MaxItemsPath");
            if (!v)
                return std::nullopt;
            maxItems = *v;
        }
        if (maxItems < 0)
            return Outcome<Json>(
                Failure{"States.ItemReaderFailed", "field MaxItems must be positive"});
        auto read = readItems(request);
        if (read.ok() && maxItems > 0 && read->is_array()
            && read->size() > static_cast<size_t>(maxItems))
            read->erase(read->begin() + maxItems, read->end());
        return read;
    }

    void enterMap(int ti)
    {
        const CompiledState &s = m.state(T(ti).state);
        // With no InputPath the Map reads its raw input, which it keeps until ResultPath:
        // no copy of a possibly large input.
        const bool usesInput = s.inputPath.isIdentity();
        Json effectiveCopy;
        std::int64_t size;
        if (usesInput)
            stage(ti, "afterInputPath", T(ti).input);
        else if (!effectiveInput(ti, false, effectiveCopy, size))
            return;
        const Json &effective = usesInput ? T(ti).input : effectiveCopy;
        ExpressionContext ctx = contextFor(ti, effective);
        Json items;
        T(ti).itemReaderFailure.reset();
        if (s.itemReader) {
            // AWS reads the items once the map run started: a failure shows there.
            auto read = readItemsFor(ti, ctx);
            if (!read)
                return;
            if (read->ok()) {
                items = std::move(read->value());
                if (s.itemsPath.path && !items.is_array()) {
                    ExpressionContext readCtx = ctx;
                    readCtx.input = &items;
                    auto selected = s.itemsPath.path->evaluate(readCtx);
                    if (!selected.ok()) {
                        runtimeFailure(ti, selected.failure());
                        return;
                    }
                    Json chosen = std::move(selected.value());
                    items = std::move(chosen);
                }
                if (!items.is_array()) {
                    T(ti).itemReaderFailure = Failure{"States.ItemReaderFailed",
                                                      "Attempting to map over non-iterable node."};
                    items = Json::array();
                }
            } else {
                T(ti).itemReaderFailure = read->failure();
                items = Json::array();
            }
            if (T(ti).itemReaderFailure && !s.distributed) {
                const Failure failure = *T(ti).itemReaderFailure;
                T(ti).itemReaderFailure.reset();
                stateError(ti, failure);
                return;
            }
        } else if (s.itemsPath.path) {
            auto selected = s.itemsPath.path->evaluate(ctx);
            if (!selected.ok()) {
                runtimeFailure(ti, selected.failure());
                return;
            }
            items = std::move(selected.value());
        } else {
            items = effective;
        }
        if (!items.is_array()) {
            runtimeFailure(ti, {"States.Runtime", "Invalid path '"
                                                      + (s.itemsPath.path ? s.itemsPath.path->text()
                                                                          : std::string("$"))
                                                      + "' : The value must be an array, got "
                                                      + std::string(items.type_name()) + "."});
            return;
        }
        int maxConcurrency = s.maxConcurrency.value_or(0);
        if (s.maxConcurrencyPath.path) {
            auto v = integerField(ti, ctx, s.maxConcurrencyPath, "MaxConcurrencyPath");
            if (!v)
                return;
            maxConcurrency = *v;
        }
        int toleratedCount = -1;
        double toleratedPercentage = -1;
        if (s.toleratedFailureCount && s.toleratedFailureCount->is_number())
            toleratedCount
                = static_cast<int>(clampedInteger(*s.toleratedFailureCount, -2, INT32_MAX));
        if (s.toleratedFailureCountPath.path) {
            auto v
                = integerField(ti, ctx, s.toleratedFailureCountPath, "ToleratedFailureCountPath");
            if (!v)
                return;
            toleratedCount = *v;
        }
        if (s.toleratedFailurePercentage && s.toleratedFailurePercentage->is_number())
            toleratedPercentage = clampedDouble(*s.toleratedFailurePercentage, -1, 100);
        if (s.toleratedFailurePercentagePath.path) {
            auto value = s.toleratedFailurePercentagePath.path->select(ctx);
            if (value && value->is_string()) {
                const std::string &text = value->get_ref<const std::string &>();
                char *end = nullptr;
                const double parsed = std::strtod(text.c_str(), &end);
                if (!text.empty() && end && *end == '\0')
                    value = Json(parsed);
            }
            if (!value || !value->is_number()) {
                runtimeFailure(ti, {"States.Runtime",
                                    "The ToleratedFailurePercentagePath field refers to value \""
                                        + (value ? valueText(*value) : std::string("null"))
                                        + "\" which is not a valid number: "
                                        + s.toleratedFailurePercentagePath.path->text()});
                return;
            }
            toleratedPercentage = clampedDouble(*value, -1, 1e9);
        }
        if (toleratedCount < -1 || (s.toleratedFailureCountPath.path && toleratedCount < 0)) {
            runtimeFailure(ti, {"States.Runtime", "ToleratedFailureCount cannot be negative."});
            return;
        }
        // Batching groups items: {"Items": [...]} plus BatchInput.
        if (s.itemBatcher) {
            int perBatch = s.maxItemsPerBatch.value_or(0);
            if (s.maxItemsPerBatchPath.path) {
                auto v = integerField(ti, ctx, s.maxItemsPerBatchPath, "MaxItemsPerBatchPath");
                if (!v)
                    return;
                perBatch = *v;
            }
            if (perBatch <= 0)
                perBatch = static_cast<int>(items.size());
            Json batchInput;
            if (s.batchInput) {
                auto built = s.batchInput->evaluate(ctx);
                if (!built.ok()) {
                    runtimeFailure(ti, built.failure());
                    return;
                }
                batchInput = std::move(built.value());
            }
            Json batches = Json::array();
            for (size_t i = 0; i < items.size(); i += static_cast<size_t>(perBatch)) {
                Json batch = Json::object();
                if (batchInput.is_object())
                    batch["BatchInput"] = batchInput;
                Json group = Json::array();
                for (size_t j = i; j < std::min(items.size(), i + static_cast<size_t>(perBatch));
                     ++j)
                    group.push_back(std::move(items[j]));
                batch["Items"] = std::move(group);
                batches.push_back(std::move(batch));
            }
            items = std::move(batches);
        }
        ExecThread &t = T(ti);
        t.items = std::move(items.get_ref<Json::array_t &>());
        t.results.assign(t.items.size(), Json());
        // Inline Map runs at most 40 iterations at a time, as AWS does.
        constexpr int inlineLimit = 40;
        t.maxConcurrency
            = maxConcurrency <= 0 ? inlineLimit : std::min(maxConcurrency, inlineLimit);
        t.toleratedCount = toleratedCount;
        t.toleratedPercentage = toleratedPercentage;
        t.containerUsesInput = usesInput;
        if (!usesInput)
            t.containerInput = std::move(effectiveCopy);
        t.phase = Phase::ContainerStart;
    }

    bool spawnIteration(int pi)
    {
        ExecThread &p = T(pi);
        const CompiledState &s = m.state(p.state);
        const int index = p.childrenStarted++;
        Json input;
        if (s.itemSelector) {
            ExpressionContext ctx
                = contextFor(pi, p.containerUsesInput ? p.input : p.containerInput);
            ctx.context = &rt.context;
            prepareContext(pi);
            // The item lends itself to $$.Map.Item.Value for the time of the evaluation.
            // ($$.Map itself is kept between iterations, out of the context object.)
            Json &item = p.items[static_cast<size_t>(index)];
            if (!rt.mapContext.is_object())
                rt.mapContext = {{"Item", {{"Index", 0}, {"Value", nullptr}}}};
            Json &mapItem = rt.mapContext["Item"];
            mapItem["Index"] = index;
            mapItem["Value"] = std::move(item);
            Json &map = setMember(rt.context, "Map", std::move(rt.mapContext));
            auto built = s.itemSelector->evaluate(ctx);
            item = std::move(map["Item"]["Value"]);
            rt.mapContext = std::move(map);
            rt.context.erase("Map");
            if (!built.ok()) {
                ExecThread &pp = T(pi);
                pp.childFailed = true;
                Failure f = built.failure();
                if (f.error == "States.Runtime")
                    f.cause = "An error occurred while executing the state '" + s.name
                              + "' (entered at the event id #" + std::to_string(pp.enteredEventId)
                              + "). " + f.cause;
                pp.childFailure = f;
                pp.childHasError = pp.childHasCause = true;
                abortChildren(pi);
                T(pi).phase = Phase::ContainerEnd;
                return false;
            }
            input = std::move(built.value());
        } else {
            // A retry runs every item again: keep them while a retrier may fire.
            Json &item = p.items[static_cast<size_t>(index)];
            input = s.retriers.empty() ? std::move(item) : item;
        }
        ExecThread child;
        child.kind = ThreadKind::Iteration;
        child.parent = pi;
        child.slot = index;
        child.scope = s.processor;
        child.state = m.scope(s.processor).startAt;
        child.phase = Phase::IterationStart;
        child.hidden = T(pi).hidden || s.distributed;
        child.input = std::move(input);
        child.variables = T(pi).variables;
        child.lastEventId = T(pi).lastChainedChildEvent;
        child.wakeAt = rt.now;
        addThread(std::move(child));
        ++T(pi).childrenRunning;
        return true;
    }

    void startContainer(int ti)
    {
        const CompiledState &s = m.state(T(ti).state);
        const bool isMap = s.type == StateType::Map;
        const std::int64_t id = emit(ti, isMap ? "MapStateStarted" : "ParallelStateStarted", [&] {
            if (isMap)
                return Json{{"mapStateStartedEventDetails", {{"length", T(ti).items.size()}}}};
            return Json::object();
        });
        if (rt.status != ExecutionStatus::Running)
            return;
        ExecThread &t = T(ti);
        t.lastChildEvent = t.lastChainedChildEvent = id;
        t.phase = Phase::ContainerWait;
        if (isMap && s.distributed) {
            t.phase = Phase::MapRunStart;
            return;
        }
        spawnChildren(ti, id);
    }

    void startMapRun(int ti)
    {
        const CompiledState &s = m.state(T(ti).state);
        const std::string &smArn = x.m_options.stateMachineArn;
        std::string mapRunArn = smArn;
        if (auto pos = mapRunArn.find(":stateMachine:"); pos != std::string::npos)
            mapRunArn.replace(pos, 14, ":mapRun:");
        mapRunArn += "/" + s.name + ":" + makeUuid(rt.random);
        const std::int64_t id = emit(ti, "MapRunStarted", [&] {
            return Json{{"mapRunStartedEventDetails", {{"mapRunArn", mapRunArn}}}};
        });
        if (rt.status != ExecutionStatus::Running)
            return;
        ExecThread &t = T(ti);
        t.lastChildEvent = t.lastChainedChildEvent = id;
        if (t.itemReaderFailure) {
            t.childFailed = true;
            t.childFailure = *t.itemReaderFailure;
            t.childHasError = t.childHasCause = true;
            t.phase = Phase::ContainerEnd;
            return;
        }
        t.phase = Phase::ContainerWait;
        spawnChildren(ti, id);
    }

    void spawnChildren(int ti, std::int64_t id)
    {
        const CompiledState &s = m.state(T(ti).state);
        const bool isMap = s.type == StateType::Map;
        ExecThread &t = T(ti);
        if (isMap) {
            const int total = static_cast<int>(t.items.size());
            if (total == 0) {
                t.phase = Phase::ContainerEnd;
                return;
            }
            while (T(ti).childrenStarted < total && T(ti).childrenRunning < T(ti).maxConcurrency) {
                if (!spawnIteration(ti))
                    return;
            }
            return;
        }
        for (size_t b = 0; b < s.branches.size(); ++b) {
            ExecThread child;
            child.kind = ThreadKind::Branch;
            child.parent = ti;
            child.slot = static_cast<int>(b);
            child.scope = s.branches[b];
            child.state = m.scope(s.branches[b]).startAt;
            child.phase = Phase::Enter;
            child.hidden = T(ti).hidden;
            child.input = T(ti).containerInput;
            child.variables = T(ti).variables;
            child.lastEventId = id;
            child.wakeAt = rt.now;
            addThread(std::move(child));
            ++T(ti).childrenStarted;
            ++T(ti).childrenRunning;
        }
    }

    void endContainer(int ti)
    {
        const CompiledState &s = m.state(T(ti).state);
        const bool isMap = s.type == StateType::Map;
        if (isMap && s.distributed && T(ti).phase == Phase::ContainerEnd) {
            emitPlain(ti, T(ti).childFailed ? "MapRunFailed" : "MapRunSucceeded");
            T(ti).phase = Phase::MapRunEnd;
            return;
        }
        ExecThread &t = T(ti);
        if (t.childFailed) {
            // A retry starts the state again with no <Type>StateFailed first, as AWS records.
            const Failure failure = t.childFailure;
            if (retry(ti, failure))
                return;
            emitPlain(ti, isMap ? "MapStateFailed" : "ParallelStateFailed");
            ExecThread &tt = T(ti);
            stateError(ti, failure, tt.childHasError, tt.childHasCause, false);
            return;
        }
        emitPlain(ti, isMap ? "MapStateSucceeded" : "ParallelStateSucceeded", false);
        ExecThread &tt = T(ti);
        Json results(std::move(tt.results));
        tt.results.clear();
        tt.items.clear();
        finishWithResult(ti, std::move(results));
    }

    // ---- tasks --------------------------------------------------------------------------

    void scheduleTask(int ti)
    {
        const CompiledState &s = m.state(T(ti).state);
        const std::string region = arnPart(x.m_options.stateMachineArn, 3);
        switch (s.taskFamily) {
        case TaskFamily::LambdaFunction:
            emit(ti, "LambdaFunctionScheduled", [&] {
                Json d = payloadDetails("input", T(ti).effective);
                d["resource"] = s.resource;
                if (T(ti).taskTimeoutMillis >= 0)
                    d["timeoutInSeconds"] = T(ti).taskTimeoutMillis / 1000;
                return Json{{"lambdaFunctionScheduledEventDetails", d}};
            });
            break;
        case TaskFamily::Activity:
            emit(ti, "ActivityScheduled", [&] {
                Json d = payloadDetails("input", T(ti).effective);
                d["resource"] = s.resource;
                return Json{{"activityScheduledEventDetails", d}};
            });
            break;
        case TaskFamily::Service:
            emit(ti, "TaskScheduled", [&] {
                Json d = Json::object();
                d["resourceType"] = s.resourceType;
                d["resource"] = s.resourceName;
                d["region"] = region;
                d["parameters"] = T(ti).effective.dump();
                if (T(ti).taskTimeoutMillis >= 0)
                    d["timeoutInSeconds"] = T(ti).taskTimeoutMillis / 1000;
                if (T(ti).taskHeartbeatMillis >= 0)
                    d["heartbeatInSeconds"] = T(ti).taskHeartbeatMillis / 1000;
                return Json{{"taskScheduledEventDetails", d}};
            });
            break;
        }
        T(ti).phase = Phase::TaskStart;
    }

    void startTask(int ti)
    {
        const CompiledState &s = m.state(T(ti).state);
        switch (s.taskFamily) {
        case TaskFamily::LambdaFunction:
            emitPlain(ti, "LambdaFunctionStarted");
            break;
        case TaskFamily::Activity:
            emitPlain(ti, "ActivityStarted");
            break;
        case TaskFamily::Service:
            emit(ti, "TaskStarted", [&] {
                return Json{{"taskStartedEventDetails",
                             {{"resourceType", s.resourceType}, {"resource", s.resourceName}}}};
            });
            break;
        }
        TaskRequest request;
        request.stateName = s.name;
        request.resource = s.resource;
        request.parameters = T(ti).effective;
        request.region = arnPart(x.m_options.stateMachineArn, 3);
        request.account = arnPart(x.m_options.stateMachineArn, 4);
        request.invocation = rt.invocations[static_cast<size_t>(s.index)]++;
        request.random = &rt.random;
        request.nowMillis = rt.now;
        if (s.waitForTaskToken)
            request.taskToken = taskToken(ti);
        T(ti).taskStartedAt = T(ti).taskHeartbeatAt = rt.now;
        std::optional<TaskResponse> response;
        for (const auto &executor : x.m_executors) {
            response = executor->invoke(request);
            if (response)
                break;
        }
        if (!response && s.waitForTaskToken && x.m_options.callbacksFromCaller) {
            // The service call itself is not modelled; what matters is the token coming back.
            response = TaskResponse();
            response->output = Json::object();
            response->awaitsCallback = true;
        }
        if (!response) {
            runtimeFailure(ti, {"States.Runtime",
                                "No mocked response and no built-in emulation for the task of "
                                "state '"
                                    + s.name + "' (resource '" + s.resource
                                    + "'): give one with --mocks FILE --test-case NAME."});
            return;
        }
        if (response->succeeded && !response->awaitsCallback) {
            const std::size_t size = jsonTextSize(response->output);
            if (static_cast<std::int64_t>(size) > maxPayload()) {
                response->succeeded = false;
                response->failure = dataLimitExceeded(
                    s.taskFamily == TaskFamily::Service ? s.resourceType : s.resource);
            }
        }
        T(ti).response = std::move(*response);
        T(ti).phase = s.submits ? Phase::TaskSubmit : Phase::TaskFinish;
    }

    void finishTask(int ti)
    {
        const CompiledState &s = m.state(T(ti).state);
        TaskResponse response = std::move(T(ti).response);
        T(ti).response = TaskResponse();
        const bool lambda = s.taskFamily == TaskFamily::LambdaFunction;
        const bool activity = s.taskFamily == TaskFamily::Activity;
        if (response.succeeded) {
            const char *type = lambda     ? "LambdaFunctionSucceeded"
                               : activity ? "ActivitySucceeded"
                                          : "TaskSucceeded";
            emit(ti, type, [&] {
                Json d = payloadDetails("output", response.output);
                if (!lambda && !activity) {
                    d["resourceType"] = s.resourceType;
                    d["resource"] = s.resourceName;
                }
                return Json{{lambda     ? "lambdaFunctionSucceededEventDetails"
                             : activity ? "activitySucceededEventDetails"
                                        : "taskSucceededEventDetails",
                             d}};
            });
            T(ti).effective = Json();
            finishWithResult(ti, std::move(response.output));
            return;
        }
        const bool timedOut = response.failure.error == "States.Timeout"
                              || response.failure.error == "States.HeartbeatTimeout";
        const char *type = lambda ? (timedOut ? "LambdaFunctionTimedOut" : "LambdaFunctionFailed")
                           : activity ? (timedOut ? "ActivityTimedOut" : "ActivityFailed")
                                      : (timedOut ? "TaskTimedOut" : "TaskFailed");
        emit(ti, type, [&] {
            Json d = Json::object();
            if (!response.failure.cause.empty())
                d["cause"] = response.failure.cause;
            if (!response.failure.errorIsNull)
                d["error"] = response.failure.error;
            if (!lambda && !activity) {
                d["resourceType"] = s.resourceType;
                d["resource"] = s.resourceName;
            }
            std::string key = type;
            key[0] = static_cast<char>(std::tolower(key[0]));
            return Json{{key + "EventDetails", d}};
        });
        stateError(ti, response.failure, !response.failure.errorIsNull,
                   !response.failure.causeIsNull);
    }

    // ---- the step -----------------------------------------------------------------------

    void exitState(int ti)
    {
        const CompiledState &s = m.state(T(ti).state);
        const char *exited = stateEventType(s.type, false);
        emit(ti, exited, [&] {
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

    void endLine(int ti)
    {
        ExecThread &t = T(ti);
        switch (t.kind) {
        case ThreadKind::Root:
            t.phase = Phase::Finish;
            return;
        case ThreadKind::Branch: {
            const int pi = t.parent;
            T(pi).results[static_cast<size_t>(t.slot)] = std::move(t.output);
            markDone(ti);
            childFinished(pi);
            return;
        }
        case ThreadKind::Iteration:
            t.phase = Phase::IterationEnd;
            return;
        }
    }

    void advance(int ti)
    {
        switch (T(ti).phase) {
        case Phase::IterationStart:
            emit(ti, "MapIterationStarted", [&] {
                return Json{
                    {"mapIterationStartedEventDetails",
                     {{"index", T(ti).slot}, {"name", m.state(T(T(ti).parent).state).name}}}};
            });
            T(ti).phase = Phase::Enter;
            return;
        case Phase::Enter:
            enterState(ti);
            return;
        case Phase::TaskSchedule:
            scheduleTask(ti);
            return;
        case Phase::TaskStart:
            startTask(ti);
            return;
        case Phase::TaskSubmit: {
            const CompiledState &s = m.state(T(ti).state);
            const bool awaits = T(ti).response.awaitsCallback;
            emit(ti, "TaskSubmitted", [&] {
                Json d = payloadDetails("output", awaits ? T(ti).response.output : Json::object());
                d["resourceType"] = s.resourceType;
                d["resource"] = s.resourceName;
                return Json{{"taskSubmittedEventDetails", d}};
            });
            if (awaits) {
                ExecThread &t = T(ti);
                t.response = TaskResponse();
                t.phase = Phase::TaskAwaitCallback;
                t.wakeAt = callbackDeadline(t);
                return;
            }
            T(ti).phase = Phase::TaskFinish;
            return;
        }
        case Phase::TaskAwaitCallback: {
            // Picked only once its deadline passed: no token came back in time.
            ExecThread &t = T(ti);
            t.response = TaskResponse();
            t.response.succeeded = false;
            t.response.failure = {"States.Timeout", ""};
            finishTask(ti);
            return;
        }
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
        case Phase::IterationEnd: {
            emit(
                ti, "MapIterationSucceeded",
                [&] {
                    return Json{
                        {"mapIterationSucceededEventDetails",
                         {{"index", T(ti).slot}, {"name", m.state(T(T(ti).parent).state).name}}}};
                },
                false);
            const int pi = T(ti).parent;
            T(pi).results[static_cast<size_t>(T(ti).slot)] = std::move(T(ti).output);
            markDone(ti);
            childFinished(pi);
            return;
        }
        case Phase::Finish:
            rt.output = std::move(T(ti).output);
            finishExecution(ti, ExecutionStatus::Succeeded);
            return;
        case Phase::ContainerWait:
        case Phase::Done:
            return;
        }
    }

  private:
    Execution &x;
    Runtime &rt;
    const CompiledMachine &m;
    std::vector<int> m_runnable; // pickThread()'s scratch list
};

// ---- Execution ----------------------------------------------------------------------------

Execution::Execution(std::shared_ptr<const CompiledMachine> machine, Json input,
                     ExecutionOptions options)
    : m_machine(std::move(machine))
    , m_options(std::move(options))
    , m_runtime(std::make_unique<Runtime>())
{
    Runtime &rt = *m_runtime;
    rt.random.seed(m_options.seed);
    if (m_options.executionName.empty())
        m_options.executionName = makeUuid(rt.random);
    rt.start = m_options.startTimeMillis.value_or(
        std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now().time_since_epoch())
            .count());
    rt.now = rt.start;
    rt.input = std::move(input);
    const std::string &smArn = m_options.stateMachineArn;
    std::string executionArn = smArn;
    if (auto pos = executionArn.find(":stateMachine:"); pos != std::string::npos)
        executionArn.replace(pos, 14, ":execution:");
    rt.executionArn = executionArn + ":" + m_options.executionName;
    Json &ctx = rt.context;
    ctx = Json::object();
    ctx["Execution"] = {{"Id", rt.executionArn},
                        {"Input", m_machine->readsExecutionInput() ? rt.input : Json::object()},
                        {"StartTime", formatTimestampMillis(rt.start)},
                        {"Name", m_options.executionName},
                        {"RoleArn", Engine(*this).roleArn()},
                        {"RedriveCount", 0}};
    ctx["StateMachine"] = {{"Id", smArn}, {"Name", arnPart(smArn, 6)}};
    ctx["State"] = Json::object();
    if (m_options.contextObject)
        ctx = *m_options.contextObject;
}

Execution::~Execution() = default;

void Execution::addTaskExecutor(std::shared_ptr<TaskExecutor> executor)
{
    m_executors.push_back(std::move(executor));
}

void Execution::setEventListener(std::function<void(const HistoryEvent &)> listener)
{
    m_listener = std::move(listener);
}

bool Execution::step()
{
    Engine engine(*this);
    const std::int64_t before = m_runtime->eventCount;
    try {
        while (m_runtime->eventCount == before) {
            if (!engine.stepOnce())
                return false;
        }
    } catch (const std::exception &e) {
        internalError(e.what());
    }
    return true;
}

ExecutionStatus Execution::run(std::int64_t maxEvents)
{
    Engine engine(*this);
    const std::int64_t stopAt = maxEvents < 0 ? INT64_MAX : m_runtime->eventCount + maxEvents;
    try {
        while (m_runtime->eventCount < stopAt) {
            if (!engine.stepOnce())
                break;
        }
    } catch (const std::exception &e) {
        internalError(e.what());
    }
    return m_runtime->status;
}

void Execution::internalError(const char *what)
{
    // A JSON library exception must not escape the simulator: the execution fails instead.
    Runtime &rt = *m_runtime;
    if (rt.status != ExecutionStatus::Running)
        return;
    rt.failure = {"States.Runtime", std::string("Internal simulator error: ") + what};
    rt.hasError = rt.hasCause = true;
    rt.status = ExecutionStatus::Failed;
    rt.live.clear();
}

ExecutionStatus Execution::status() const
{
    return m_runtime->status;
}

const Json &Execution::output() const
{
    return m_runtime->output;
}

const Failure &Execution::failure() const
{
    return m_runtime->failure;
}

bool Execution::hasError() const
{
    return m_runtime->hasError;
}

bool Execution::hasCause() const
{
    return m_runtime->hasCause;
}

const std::vector<HistoryEvent> &Execution::history() const
{
    return m_runtime->history;
}

std::int64_t Execution::eventCount() const
{
    return m_runtime->eventCount;
}

std::int64_t Execution::statesEntered() const
{
    return m_runtime->statesEntered;
}

std::int64_t Execution::nowMillis() const
{
    return m_runtime->now;
}

std::int64_t Execution::startMillis() const
{
    return m_runtime->start;
}

const std::string &Execution::executionArn() const
{
    return m_runtime->executionArn;
}

const std::vector<std::string> &Execution::unansweredCallbacks() const
{
    return m_runtime->unansweredCallbacks;
}

std::vector<PendingCallback> Execution::pendingCallbacks() const
{
    std::vector<PendingCallback> pending;
    for (int ti : m_runtime->live) {
        const ExecThread &t = m_runtime->threads[static_cast<size_t>(ti)];
        if (t.phase != Phase::TaskAwaitCallback)
            continue;
        const std::int64_t deadline = callbackDeadline(t);
        pending.push_back({t.taskToken, m_machine->state(t.state).name, ti,
                           deadline == INT64_MAX ? -1 : deadline});
    }
    return pending;
}

bool Execution::sendTaskSuccess(const std::string &taskToken, Json output)
{
    ExecThread *t = threadAwaiting(*m_runtime, taskToken);
    if (!t)
        return false;
    TaskResponse response;
    if (m_options.maxPayloadBytes != 0 && jsonTextSize(output) > m_options.maxPayloadBytes) {
        response.succeeded = false;
        response.failure = dataLimitExceeded(m_machine->state(t->state).name);
    } else {
        response.output = std::move(output);
    }
    answerCallback(*t, std::move(response), m_runtime->now);
    return true;
}

bool Execution::sendTaskFailure(const std::string &taskToken, std::optional<std::string> error,
                                std::optional<std::string> cause)
{
    ExecThread *t = threadAwaiting(*m_runtime, taskToken);
    if (!t)
        return false;
    TaskResponse response;
    response.succeeded = false;
    response.failure.error = error.value_or("");
    response.failure.cause = cause.value_or("");
    response.failure.errorIsNull = !error;
    response.failure.causeIsNull = !cause;
    answerCallback(*t, std::move(response), m_runtime->now);
    return true;
}

void Execution::advanceClock(std::int64_t toMillis)
{
    m_runtime->now = std::max(m_runtime->now, toMillis);
}

bool Execution::sendTaskHeartbeat(const std::string &taskToken)
{
    ExecThread *t = threadAwaiting(*m_runtime, taskToken);
    if (!t)
        return false;
    t->taskHeartbeatAt = m_runtime->now;
    t->wakeAt = callbackDeadline(*t);
    return true;
}

std::vector<ActiveState> Execution::activeStates() const
{
    std::vector<ActiveState> out;
    for (int ti : m_runtime->live) {
        const ExecThread &t = m_runtime->threads[static_cast<size_t>(ti)];
        if (t.state < 0 || t.phase == Phase::Done)
            continue;
        out.push_back({ti, t.state, t.phase == Phase::Enter || t.phase == Phase::IterationStart});
    }
    return out;
}

const std::vector<StageRecord> &Execution::stages() const
{
    return m_runtime->stages;
}

std::shared_ptr<const Execution::Snapshot> Execution::snapshot() const
{
    return std::make_shared<Snapshot>(*m_runtime);
}

void Execution::restore(const Snapshot &snapshot)
{
    *m_runtime = snapshot.runtime();
}

} // namespace Stepwise::Sim
