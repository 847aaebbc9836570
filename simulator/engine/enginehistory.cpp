#include "simulator/engine/engine.h"

// History and events: every event goes through reserveEvent() (ids, chaining, the history
// limit) and, when someone reads it, record(); the execution starts and ends here.

namespace Stepwise::Sim {

using Model::Json;

namespace EngineShared {

Json payloadDetails(const char *key, const Json &value)
{
    Json details = Json::object();
    details[key] = value.dump();
    details[std::string(key) + "Details"] = {{"truncated", false}};
    return details;
}

std::string valueText(const Json &value)
{
    return value.is_string() ? value.get<std::string>() : value.dump();
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

Failure dataLimitExceeded(const std::string &what)
{
    return {"States.DataLimitExceeded",
            "The state/task '" + what
                + "' returned a result with a size exceeding the maximum number of bytes service "
                  "limit."};
}

} // namespace EngineShared

std::int64_t Execution::Engine::reserveEvent(int ti, HistoryEventType type, bool chain)
{
    if (rt.status != ExecutionStatus::Running)
        return 0;
    const int limit
        = x.m_options.type == Model::StateMachineType::Express ? 0 : x.m_options.maxHistoryEvents;
    if (limit > 0 && rt.eventCount + 1 >= limit && !endsExecution(type)
        && type != HistoryEventType::ExecutionStarted
        && type != HistoryEventType::ExecutionRedriven) {
        rt.failure = {{"States.Runtime", "The execution reached the maximum number of history "
                                         "events ("
                                             + std::to_string(limit) + ")."}};
        finishExecution(ti, ExecutionStatus::Failed);
        return 0;
    }
    if (T(ti).hidden)
        return 0;
    const std::int64_t id = ++rt.eventCount;
    ExecThread &t = T(ti);
    m_previousEventId = t.lastEventId;
    if (chain)
        t.lastEventId = id;
    if (t.parent >= 0) {
        ContainerVisit &p = T(t.parent).container;
        p.lastChildEvent = id;
        if (chain)
            p.lastChainedChildEvent = id;
    }
    return id;
}

bool Execution::Engine::recordsEvents() const
{
    return x.m_options.recordHistory || x.m_listener;
}

bool Execution::Engine::needsDetails(HistoryEventType type) const
{
    if (x.m_options.recordHistory || x.m_listenerDetails)
        return true;
    // What a reader of light events still needs: errors, Map iterations' names, the end.
    static const std::vector<bool> kept = [] {
        std::vector<bool> table;
        for (int t = 0; t <= static_cast<int>(HistoryEventType::WaitStateExited); ++t) {
            const std::string_view name = toString(static_cast<HistoryEventType>(t));
            auto endsWith = [&](std::string_view tail) {
                return name.size() >= tail.size() && name.substr(name.size() - tail.size()) == tail;
            };
            table.push_back(endsWith("Failed") || endsWith("TimedOut") || endsWith("Aborted")
                            || name.substr(0, 9) == "Execution"
                            || name.substr(0, 12) == "MapIteration");
        }
        return table;
    }();
    const auto index = static_cast<size_t>(type);
    return index >= kept.size() || kept[index];
}

void Execution::Engine::record(std::int64_t id, std::int64_t previous, HistoryEventType type,
                               Json details, int state)
{
    // One allocation less than a default-constructed event: light events have null details.
    HistoryEvent event{id, previous, rt.now, type, std::move(details), state};
    if (x.m_listener)
        x.m_listener(event);
    if (x.m_options.recordHistory)
        rt.history.push_back(std::move(event));
}

std::int64_t Execution::Engine::emitPlain(int ti, HistoryEventType type, bool chain)
{
    return emit(
        ti, type, [] { return Json::object(); }, chain);
}

void Execution::Engine::start()
{
    rt.started = true;
    ExecThread root;
    root.kind = ThreadKind::Root;
    root.scope = 0;
    root.state = m.scope(0).startAt;
    root.variables = x.m_options.variables.is_object() ? x.m_options.variables : Json::object();
    if (const auto &redrive = x.m_options.redrive) {
        startRedriven(std::move(root), *redrive);
        return;
    }
    rt.threads.push_back(std::move(root));
    rt.live.push_back(0);
    emit(
        0, HistoryEventType::ExecutionStarted,
        [&] {
            Json d = EngineShared::payloadDetails("input", rt.input);
            d["roleArn"] = roleArn();
            return Json{{"executionStartedEventDetails", d}};
        },
        false);
    // Nothing reads the execution's input after this event.
    T(0).input = std::move(rt.input);
}

// A redrive goes on from the state that did not complete, numbering events after the earlier
// attempts' last one; task calls are counted on from theirs.
void Execution::Engine::startRedriven(ExecThread root, const Redrive &redrive)
{
    const int state = m.findState(redrive.point.stateName);
    // The point comes from this very definition; a state not at its top level cannot be
    // resumed alone, so the machine starts over.
    const bool resumes = state >= 0 && m.state(state).scope == 0;
    if (resumes) {
        root.state = state;
        if (redrive.point.variables.is_object())
            root.variables = redrive.point.variables;
    }
    root.lastEventId = redrive.lastEventId;
    rt.eventCount = redrive.lastEventId;
    rt.threads.push_back(std::move(root));
    rt.live.push_back(0);
    emit(0, HistoryEventType::ExecutionRedriven, [&] {
        return Json{{"executionRedrivenEventDetails", {{"redriveCount", redrive.redriveCount}}}};
    });
    rt.invocations.assign(m.states().size(), 0);
    for (const auto &[name, count] : redrive.point.taskInvocations) {
        if (const int index = m.findState(name); index >= 0)
            rt.invocations[static_cast<size_t>(index)] = count;
    }
    if (resumes) {
        T(0).input = redrive.point.input;
        rt.keptChildren = redrive.point.keptChildren;
    } else {
        T(0).input = std::move(rt.input);
    }
}

void Execution::Engine::finishExecution(int ti, ExecutionStatus status)
{
    if (rt.status != ExecutionStatus::Running)
        return;
    const HistoryEventType type
        = status == ExecutionStatus::Succeeded  ? HistoryEventType::ExecutionSucceeded
          : status == ExecutionStatus::TimedOut ? HistoryEventType::ExecutionTimedOut
                                                : HistoryEventType::ExecutionFailed;
    emit(ti, type, [&] {
        Json details = Json::object();
        if (status == ExecutionStatus::Succeeded) {
            details["executionSucceededEventDetails"]
                = EngineShared::payloadDetails("output", rt.output);
        } else {
            Json d = Json::object();
            if (rt.failure.hasCause)
                d["cause"] = rt.failure.failure.cause;
            if (rt.failure.hasError)
                d["error"] = rt.failure.failure.error;
            details[std::string(detailsKey(type))] = d;
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

// MapIterationStarted / Succeeded / Failed: the iteration's index and the Map's name.
void Execution::Engine::emitIterationEvent(int ti, HistoryEventType type)
{
    // The end markers do not chain: the Map's next event follows the iteration's last state
    // event.
    const bool chain = type == HistoryEventType::MapIterationStarted;
    emit(
        ti, type,
        [&] {
            return Json{{std::string(detailsKey(type)),
                         {{"index", T(ti).slot}, {"name", m.state(T(T(ti).parent).state).name}}}};
        },
        chain);
}

} // namespace Stepwise::Sim
