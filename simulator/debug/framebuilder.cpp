#include "simulator/debug/framebuilder.h"

#include "simulator/debug/eventdetails.h"
#include "simulator/debug/payloadvalue.h"
#include "simulator/engine/executionstatusname.h"

#include <string_view>

namespace Stepwise::Sim {

using Model::Json;

using namespace EventDetails;

namespace {

bool startsWith(std::string_view text, std::string_view head)
{
    return text.substr(0, head.size()) == head;
}

bool catcherMatches(const StateTable::Entry::Catcher &catcher, const std::string &error)
{
    for (const std::string &name : catcher.errorEquals) {
        if (name == "States.ALL" || name == error
            || (name == "States.TaskFailed" && error != "States.Timeout"
                && startsWith(error, "States.") == false))
            return true;
    }
    return false;
}

// Errors of a failure event; empty when it has none (a Fail state without Error).
constexpr char noError[] = "\x01";

} // namespace

FrameBuilder::FrameBuilder(std::shared_ptr<const StateTable> table)
    : m_table(std::move(table))
{
    reset();
}

void FrameBuilder::reset()
{
    m_states.assign(static_cast<size_t>(m_table->size()), StateRun());
    for (int i = 0; i < m_table->size(); ++i) {
        m_states[static_cast<size_t>(i)].name = m_table->entry(i).name;
        m_states[static_cast<size_t>(i)].pointer = m_table->entry(i).pointer;
    }
    m_pendingError.assign(m_states.size(), std::string());
    m_caughtError.assign(m_states.size(), std::string());
    m_owner.assign(1, -1);
    m_exitEvent.assign(1, 0);
    m_visit.assign(1, 0);
    m_exit.assign(1, 0);
    m_transition.reset();
    m_lastEventId = 0;
    m_nowMillis = 0;
    m_startMillis = 0;
    m_status = "RUNNING";
    m_output.reset();
    m_error.reset();
    m_cause.reset();
}

void FrameBuilder::setEngineStates(std::vector<int> tableIndexOfEngineState)
{
    m_engineStates = std::move(tableIndexOfEngineState);
}

int FrameBuilder::stateOf(const HistoryEvent &event, const Json *details) const
{
    if (event.state >= 0 && static_cast<size_t>(event.state) < m_engineStates.size())
        return m_engineStates[static_cast<size_t>(event.state)];
    return m_table->find(stringField(details, "name"));
}

int FrameBuilder::ownerOf(std::int64_t eventId) const
{
    if (eventId <= 0 || eventId >= static_cast<std::int64_t>(m_owner.size()))
        return -1;
    return m_owner[static_cast<size_t>(eventId)];
}

void FrameBuilder::apply(const HistoryEvent &event)
{
    using Type = HistoryEventType;
    const Type type = event.type;
    const HistoryEventFamily family = eventFamily(type);
    const HistoryEventAction action = eventAction(type);
    const Json *details = detailsOf(event);
    if (event.id >= static_cast<std::int64_t>(m_owner.size())) {
        m_owner.resize(static_cast<size_t>(event.id) + 1, -1);
        m_exitEvent.resize(static_cast<size_t>(event.id) + 1, 0);
        m_visit.resize(static_cast<size_t>(event.id) + 1, 0);
        m_exit.resize(static_cast<size_t>(event.id) + 1, 0);
    }
    m_lastEventId = std::max(m_lastEventId, event.id);
    m_nowMillis = event.timestampMillis;
    const int previousOwner = ownerOf(event.previousEventId);
    int owner = previousOwner;

    if (family == HistoryEventFamily::State && action == HistoryEventAction::Entered) {
        owner = stateOf(event, details);
        if (owner >= 0) {
            enter(owner, event.id, event.previousEventId);
            // A Fail state does no work: its line fails as it enters.
            if (type == Type::FailStateEntered)
                leave(owner, StateRunStatus::Failed);
        }
    } else if (family == HistoryEventFamily::State && action == HistoryEventAction::Exited) {
        owner = stateOf(event, details);
        if (owner >= 0) {
            std::string &pending = m_pendingError[static_cast<size_t>(owner)];
            if (!pending.empty()) {
                m_caughtError[static_cast<size_t>(owner)] = pending;
                pending.clear();
                leave(owner, StateRunStatus::Caught);
            } else {
                m_caughtError[static_cast<size_t>(owner)].clear();
                leave(owner, StateRunStatus::Succeeded);
            }
            m_exitEvent[static_cast<size_t>(event.id)] = 1;
        }
    } else if (family == HistoryEventFamily::State) { // <Type>StateAborted
        if (owner >= 0)
            leave(owner, StateRunStatus::Cancelled);
    } else if (family == HistoryEventFamily::MapIteration) {
        owner = m_table->find(stringField(details, "name"));
        if (type == Type::MapIterationFailed && previousOwner >= 0 && previousOwner != owner
            && m_states[static_cast<size_t>(previousOwner)].running > 0)
            leave(previousOwner, StateRunStatus::Failed);
    } else if (family == HistoryEventFamily::Execution) {
        owner = -1;
        if (type == Type::ExecutionStarted) {
            m_startMillis = event.timestampMillis;
            m_status = "RUNNING";
        } else if (type == Type::ExecutionSucceeded) {
            m_status = endedStatusName(type);
            if (details) {
                auto it = details->find("output");
                if (it != details->end())
                    m_output = payloadValue(*it);
            }
            endAll(StateRunStatus::Cancelled);
        } else if (type == Type::ExecutionFailed || type == Type::ExecutionTimedOut
                   || type == Type::ExecutionAborted) {
            m_status = endedStatusName(type);
            if (details && details->contains("error"))
                m_error = stringField(details, "error");
            if (details && details->contains("cause"))
                m_cause = stringField(details, "cause");
            if (type != Type::ExecutionAborted && previousOwner >= 0
                && m_states[static_cast<size_t>(previousOwner)].running > 0)
                leave(previousOwner, StateRunStatus::Failed);
            endAll(StateRunStatus::Cancelled);
        }
    } else if (family == HistoryEventFamily::Parallel || family == HistoryEventFamily::Map) {
        // ParallelStateStarted/Succeeded/Failed, MapStateStarted/..., MapRun*: the nearest
        // container of that type around the previous event's state.
        const char *want = family == HistoryEventFamily::Parallel ? "Parallel" : "Map";
        int c = previousOwner;
        while (c >= 0 && m_table->entry(c).type != want)
            c = m_table->entry(c).parent;
        owner = c;
        if (c >= 0 && (type == Type::ParallelStateFailed || type == Type::MapStateFailed)) {
            if (previousOwner != c && previousOwner >= 0
                && m_states[static_cast<size_t>(previousOwner)].running > 0)
                leave(previousOwner, StateRunStatus::Failed);
            endContainer(c, StateRunStatus::Cancelled);
            const std::string error = stringField(details, "error");
            m_pendingError[static_cast<size_t>(c)] = error.empty() ? noError : error;
        } else if (c >= 0
                   && (type == Type::ParallelStateStarted || type == Type::MapStateStarted)) {
            m_pendingError[static_cast<size_t>(c)].clear();
        }
    } else if (owner >= 0) {
        // Task, Lambda, Activity and evaluation events of the state the line is in.
        if (isFailureEvent(type)) {
            const std::string error = stringField(details, "error");
            m_pendingError[static_cast<size_t>(owner)] = error.empty() ? noError : error;
        } else if (action == HistoryEventAction::Scheduled
                   || action == HistoryEventAction::Started) {
            m_pendingError[static_cast<size_t>(owner)].clear(); // a retry
        }
    }
    m_owner[static_cast<size_t>(event.id)] = owner;
    std::int64_t visit = 0;
    if (owner >= 0) {
        if (isStateEntered(type))
            visit = event.id;
        else if (previousOwner == owner && event.previousEventId > 0)
            visit = m_visit[static_cast<size_t>(event.previousEventId)];
    }
    m_visit[static_cast<size_t>(event.id)] = visit;
    if (visit > 0 && m_exitEvent[static_cast<size_t>(event.id)])
        m_exit[static_cast<size_t>(visit)] = event.id;
}

std::int64_t FrameBuilder::visitOf(std::int64_t eventId) const
{
    if (eventId <= 0 || eventId >= static_cast<std::int64_t>(m_visit.size()))
        return 0;
    return m_visit[static_cast<size_t>(eventId)];
}

std::int64_t FrameBuilder::exitOf(std::int64_t enteredEventId) const
{
    if (enteredEventId <= 0 || enteredEventId >= static_cast<std::int64_t>(m_exit.size()))
        return 0;
    return m_exit[static_cast<size_t>(enteredEventId)];
}

void FrameBuilder::enter(int state, std::int64_t eventId, std::int64_t previousEventId)
{
    StateRun &run = m_states[static_cast<size_t>(state)];
    ++run.running;
    ++run.visits;
    run.status = StateRunStatus::Running;
    run.lastEnteredEventId = eventId;
    m_pendingError[static_cast<size_t>(state)].clear();

    // A transition is an entry whose previous event is a state's exit in the same line.
    const int from = ownerOf(previousEventId);
    if (from < 0 || m_exitEvent[static_cast<size_t>(previousEventId)] == 0)
        return;
    const StateTable::Entry &source = m_table->entry(from);
    const std::string &to = m_table->entry(state).name;
    TakenTransition transition;
    transition.from = source.name;
    transition.to = to;
    transition.fromPointer = source.pointer;
    transition.toPointer = m_table->entry(state).pointer;
    transition.eventId = eventId;
    const std::string &caught = m_caughtError[static_cast<size_t>(from)];
    if (m_states[static_cast<size_t>(from)].status == StateRunStatus::Caught && !caught.empty()) {
        transition.kind = TransitionKind::Catch;
        for (size_t i = 0; i < source.catchers.size() && transition.index < 0; ++i) {
            if (source.catchers[i].next == to && catcherMatches(source.catchers[i], caught))
                transition.index = static_cast<int>(i);
        }
        for (size_t i = 0; i < source.catchers.size() && transition.index < 0; ++i) {
            if (source.catchers[i].next == to)
                transition.index = static_cast<int>(i);
        }
    } else if (source.type == "Choice") {
        for (size_t i = 0; i < source.choiceNexts.size() && transition.index < 0; ++i) {
            if (source.choiceNexts[i] == to)
                transition.index = static_cast<int>(i);
        }
        transition.kind
            = transition.index >= 0 ? TransitionKind::ChoiceRule : TransitionKind::Default;
    }
    m_transition = std::move(transition);
}

void FrameBuilder::setChoiceHint(std::int64_t enteredEventId, int ruleIndex)
{
    if (m_transition && m_transition->eventId == enteredEventId) {
        m_transition->kind = ruleIndex >= 0 ? TransitionKind::ChoiceRule : TransitionKind::Default;
        m_transition->index = ruleIndex;
    }
}

void FrameBuilder::leave(int state, StateRunStatus status)
{
    StateRun &run = m_states[static_cast<size_t>(state)];
    if (run.running > 0)
        --run.running;
    // While other lines are still in it the state stays lit; the outcome shows once all left.
    run.status = run.running > 0 ? StateRunStatus::Running : status;
    if (status == StateRunStatus::Failed || status == StateRunStatus::Cancelled)
        m_pendingError[static_cast<size_t>(state)].clear();
}

void FrameBuilder::endContainer(int container, StateRunStatus status)
{
    for (int i = 0; i < m_table->size(); ++i) {
        StateRun &run = m_states[static_cast<size_t>(i)];
        if (run.running > 0 && m_table->isInside(i, container)) {
            run.running = 0;
            run.status = status;
        }
    }
}

void FrameBuilder::endAll(StateRunStatus status)
{
    for (StateRun &run : m_states) {
        if (run.running > 0) {
            run.running = 0;
            run.status = status;
        }
    }
}

DebugFrame FrameBuilder::frame() const
{
    DebugFrame frame;
    frame.eventIndex = m_lastEventId;
    frame.eventCount = m_lastEventId;
    frame.nowMillis = m_nowMillis;
    frame.startMillis = m_startMillis;
    frame.executionStatus = m_lastEventId == 0 ? std::string() : m_status;
    frame.states = m_states;
    frame.transition = m_transition;
    frame.output = m_output;
    frame.error = m_error;
    frame.cause = m_cause;
    return frame;
}

} // namespace Stepwise::Sim
