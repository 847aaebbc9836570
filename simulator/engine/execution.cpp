#include "simulator/engine/execution.h"

#include "simulator/engine/engine.h"
#include "simulator/engine/timestamp.h"
#include "simulator/expr/jsonsize.h"
#include "simulator/tasks/snsemulator.h"

#include <algorithm>
#include <chrono>

// The execution's public face: construction, stepping, what it reports, answers to waiting
// tasks and snapshots. The engine's work is in engine.h and its parts.

namespace Stepwise::Sim {

using Model::Json;

namespace {

// The task's result arrived: it finishes at the next step.
void answerCallback(ExecThread &t, TaskResponse response, std::int64_t now)
{
    t.task.response = std::move(response);
    t.phase = Phase::TaskFinish;
    t.wakeAt = now;
}

ExecThread *threadAwaiting(Execution::Runtime &rt, const std::string &taskToken)
{
    for (int ti : rt.live) {
        ExecThread &t = rt.threads[static_cast<size_t>(ti)];
        if (t.phase == Phase::TaskAwaitCallback && t.task.token == taskToken)
            return &t;
    }
    return nullptr;
}

} // namespace

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
    // TestState runs the state as an express execution of the machine.
    if (auto pos = executionArn.find(":stateMachine:"); pos != std::string::npos)
        executionArn.replace(pos, 14, m_options.testState ? ":express:" : ":execution:");
    rt.executionArn = executionArn + ":" + m_options.executionName;
    Json &ctx = rt.context;
    ctx = Json::object();
    ctx["Execution"] = {{"Id", rt.executionArn},
                        {"Input", m_machine->readsExecutionInput() ? rt.input : Json::object()},
                        {"StartTime", formatTimestampMillis(rt.start)},
                        {"Name", m_options.executionName},
                        {"RoleArn", Engine(*this).roleArn()}};
    if (!m_options.testState)
        ctx["Execution"]["RedriveCount"] = 0;
    if (const auto &redrive = m_options.redrive) {
        // A redrive keeps the first attempt's start; its own time is RedriveTime.
        Json &execution = ctx["Execution"];
        execution["StartTime"] = formatTimestampMillis(redrive->firstStartMillis);
        execution["RedriveCount"] = redrive->redriveCount;
        execution["RedriveTime"] = formatTimestampMillis(rt.start);
    }
    ctx["StateMachine"] = {{"Id", smArn}, {"Name", EngineShared::arnPart(smArn, 6)}};
    ctx["State"] = Json::object();
    if (m_options.contextObject)
        ctx = *m_options.contextObject;
}

Execution::~Execution() = default;

void Execution::addTaskExecutor(std::shared_ptr<TaskExecutor> executor)
{
    m_executors.push_back(std::move(executor));
}

void Execution::setEventListener(std::function<void(const HistoryEvent &)> listener,
                                 bool withDetails)
{
    m_listenerDetails = withDetails;
    m_listener = std::move(listener);
}

bool Execution::step()
{
    return advance(false);
}

bool Execution::stepPaced()
{
    return advance(true);
}

bool Execution::advance(bool stopWhenClockMoves)
{
    Engine engine(*this);
    const std::int64_t before = m_runtime->eventCount;
    const std::int64_t startedAt = m_runtime->now;
    try {
        while (m_runtime->eventCount == before) {
            if (!engine.stepOnce())
                return false;
            if (stopWhenClockMoves && m_runtime->now != startedAt)
                return true;
            // A Parallel or Map retried after its children failed waits with no event of its
            // own: stop before the clock jumps so that the caller sees it counting down.
            if (engine.retryWaitStarted() && m_runtime->eventCount == before)
                return true;
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
    rt.failure = {{"States.Runtime", std::string("Internal simulator error: ") + what}};
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
    return m_runtime->failure.failure;
}

bool Execution::hasError() const
{
    return m_runtime->failure.hasError;
}

bool Execution::hasCause() const
{
    return m_runtime->failure.hasCause;
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

std::optional<MapRunCounts> Execution::mapRunCounts(const std::string &mapRunArn) const
{
    const Runtime &rt = *m_runtime;
    if (rt.status != ExecutionStatus::Running)
        return std::nullopt;
    const int ti = rt.runningMapRun(mapRunArn);
    if (ti < 0)
        return std::nullopt;
    const ContainerVisit &c = rt.threads[static_cast<size_t>(ti)].container;
    MapRunCounts counts;
    counts.total = static_cast<int>(c.results.size());
    counts.running = c.running;
    counts.failed = c.failed;
    counts.succeeded = std::max(0, c.done - c.failed);
    counts.pending = std::max(0, counts.total - c.started);
    return counts;
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

bool Execution::updateMapRun(const std::string &mapRunArn, const MapRunUpdate &update)
{
    try {
        return Engine(*this).updateMapRun(mapRunArn, update);
    } catch (const std::exception &e) {
        internalError(e.what());
        return false;
    }
}

std::optional<RedrivePoint> Execution::redrivePoint() const
{
    if (!m_options.redrivable)
        return std::nullopt;
    const Runtime &rt = *m_runtime;
    const CompiledMachine &m = *m_machine;
    RedrivePoint point;
    if (rt.redriveState >= 0) {
        point.stateName = m.state(rt.redriveState).name;
        point.input = rt.redriveInput;
        point.variables = rt.redriveVariables;
        const CompiledState &s = m.state(rt.redriveState);
        const bool inlineContainer = s.type == Model::StateType::Parallel
                                     || (s.type == Model::StateType::Map && !s.distributed);
        if (inlineContainer && !rt.threads.empty() && rt.threads[0].state == rt.redriveState) {
            const ContainerVisit &c = rt.threads[0].container;
            for (size_t i = 0; i < c.results.size(); ++i) {
                if (c.hasSucceeded(static_cast<int>(i)))
                    point.keptChildren.emplace_back(static_cast<int>(i), c.results[i]);
            }
        }
    } else if (m_options.redrive) {
        // Stopped before its first state: where the redrive itself began.
        point = m_options.redrive->point;
    } else {
        point.stateName = m.state(m.scope(0).startAt).name;
        point.input = rt.started && !rt.threads.empty() ? rt.threads[0].input : rt.input;
        point.variables
            = m_options.variables.is_object() ? m_options.variables : Json(Json::object());
    }
    point.taskInvocations.clear();
    for (size_t i = 0; i < rt.invocations.size(); ++i) {
        if (rt.invocations[i] > 0)
            point.taskInvocations[m.state(static_cast<int>(i)).name] = rt.invocations[i];
    }
    if (rt.invocations.empty() && m_options.redrive)
        point.taskInvocations = m_options.redrive->point.taskInvocations;
    return point;
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
        const std::int64_t deadline = t.task.callbackDeadline();
        pending.push_back({t.task.token, m_machine->state(t.state).name, ti,
                           deadline == INT64_MAX ? -1 : deadline, t.task.askedCaller, t.task.askId,
                           t.task.startedEventId, t.task.invocation});
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
        response.failure = EngineShared::dataLimitExceeded(m_machine->state(t->state).name);
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
    t->task.heartbeatAt = m_runtime->now;
    t->wakeAt = t->task.callbackDeadline();
    return true;
}

std::vector<ActiveState> Execution::activeStates() const
{
    std::vector<ActiveState> out;
    for (int ti : m_runtime->live) {
        const ExecThread &t = m_runtime->threads[static_cast<size_t>(ti)];
        if (t.state < 0 || t.phase == Phase::Done)
            continue;
        const std::int64_t parentLine
            = t.parent >= 0 ? m_runtime->threads[static_cast<size_t>(t.parent)].line : -1;
        ActiveState active{ti, t.state, t.phase == Phase::Enter || t.phase == Phase::IterationStart,
                           t.line, parentLine};
        if (t.wakeAt > m_runtime->now && t.wakeAt != INT64_MAX) {
            active.timerEndMillis = t.wakeAt;
            if (t.phase == Phase::TaskAwaitCallback) {
                active.timer = ActiveState::Timer::TaskTimeout;
                active.timerStartMillis = t.task.startedAt;
            } else if (t.phase == Phase::TaskSchedule || t.phase == Phase::ContainerStart
                       || t.phase == Phase::Reenter) {
                active.timer = ActiveState::Timer::RetryBackoff;
                active.timerStartMillis = t.backoffFrom;
            } else if (t.phase == Phase::Exit) {
                active.timer = ActiveState::Timer::Wait;
                active.timerStartMillis = t.enteredAt;
            } else {
                active.timerEndMillis = 0;
            }
        }
        out.push_back(active);
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
