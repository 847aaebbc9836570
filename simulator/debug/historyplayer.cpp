#include "simulator/debug/historyplayer.h"

#include "simulator/debug/eventtype.h"
#include "simulator/debug/framebuilder.h"
#include "simulator/debug/payloadvalue.h"
#include "simulator/engine/timestamp.h"

#include "simulator/debug/eventdetails.h"

#include <algorithm>
#include <cmath>

namespace Stepwise::Sim {

using Model::Json;

using namespace EventDetails;

namespace {

Json payloadOf(const HistoryEvent &event, const char *key)
{
    const Json *details = detailsOf(event);
    if (!details)
        return Json();
    auto it = details->find(key);
    return it == details->end() ? Json() : payloadValue(*it);
}

} // namespace

namespace {

// The definition's states, and those only the history names (replayed without its
// definition, or with another version of it), typed from their entered event.
std::shared_ptr<const StateTable> tableFor(const Json &definition,
                                           const std::vector<HistoryEvent> &events)
{
    auto table = std::make_shared<StateTable>(definition);
    for (const HistoryEvent &event : events) {
        if (!isStateEntered(event.type))
            continue;
        const std::string name = event.stateName();
        if (!name.empty() && table->find(name) < 0)
            table->addState(name, std::string(Model::toString(enteredStateType(event.type))));
    }
    return table;
}

} // namespace

HistoryPlayer::HistoryPlayer(const Json &definition, std::vector<HistoryEvent> events)
    : m_table(tableFor(definition, events))
    , m_events(std::move(events))
    , m_frames(std::make_unique<FrameBuilder>(m_table))
    , m_whole(std::make_unique<FrameBuilder>(m_table))
{
    std::stable_sort(m_events.begin(), m_events.end(),
                     [](const HistoryEvent &a, const HistoryEvent &b) { return a.id < b.id; });
    // Ids index the events from here on: renumber a history that has gaps.
    for (size_t i = 0; i < m_events.size(); ++i) {
        if (m_events[i].id != static_cast<std::int64_t>(i) + 1) {
            m_events[i].id = static_cast<std::int64_t>(i) + 1;
        }
    }
    m_visitEvents.resize(m_events.size() + 1);
    for (const HistoryEvent &e : m_events) {
        m_whole->apply(e);
        if (const std::int64_t visit = m_whole->visitOf(e.id); visit > 0)
            m_visitEvents[static_cast<size_t>(visit)].push_back(e.id);
        if (e.type == HistoryEventType::ParallelStateStarted
            || e.type == HistoryEventType::MapStateStarted)
            noteRetry(e);
    }
}

// A container's first start follows its entered event; a start that follows one of its
// children's events is a retry, and the wait before it began at the children's last event.
void HistoryPlayer::noteRetry(const HistoryEvent &started)
{
    const int container = m_whole->ownerOf(started.id);
    if (container < 0 || m_whole->ownerOf(started.previousEventId) == container)
        return;
    const std::int64_t oldest = std::max<std::int64_t>(1, started.id - 100000);
    for (std::int64_t id = started.id - 1; id >= oldest; --id) {
        const int owner = m_whole->ownerOf(id);
        if (owner != container && (owner < 0 || !m_table->isInside(owner, container)))
            continue;
        if (event(id).timestampMillis < started.timestampMillis)
            m_retryWaits.push_back({container, id, started.id});
        return;
    }
}

HistoryPlayer::~HistoryPlayer() = default;

const HistoryEvent &HistoryPlayer::event(std::int64_t id) const
{
    return m_events[static_cast<size_t>(id - 1)];
}

void HistoryPlayer::rebuild(std::int64_t eventIndex)
{
    m_frames->reset();
    for (std::int64_t i = 0; i < eventIndex; ++i)
        m_frames->apply(m_events[static_cast<size_t>(i)]);
    m_index = eventIndex;
}

bool HistoryPlayer::stepEvent()
{
    if (atEnd())
        return false;
    m_frames->apply(m_events[static_cast<size_t>(m_index++)]);
    m_paused = atEnd() ? PauseReason::Finished : PauseReason::Step;
    return true;
}

bool HistoryPlayer::forwardUntil(const std::function<bool(const HistoryEvent &)> &stop)
{
    if (atEnd())
        return false;
    while (!atEnd()) {
        const HistoryEvent &e = m_events[static_cast<size_t>(m_index++)];
        m_frames->apply(e);
        if (stop(e))
            return true;
    }
    m_paused = PauseReason::Finished;
    return true;
}

bool HistoryPlayer::stepState()
{
    const bool moved = forwardUntil([](const HistoryEvent &e) { return isStateEvent(e.type); });
    if (moved && !atEnd())
        m_paused = PauseReason::Step;
    else if (moved)
        m_paused = PauseReason::Finished;
    return moved;
}

bool HistoryPlayer::runToState(const std::string &stateName)
{
    bool found = false;
    forwardUntil([&](const HistoryEvent &e) {
        found = isStateEntered(e.type) && m_whole->ownerOf(e.id) == m_table->find(stateName);
        return found;
    });
    m_paused = found ? PauseReason::RunToHere : PauseReason::Finished;
    return found;
}

bool HistoryPlayer::stepBack()
{
    if (m_index == 0)
        return false;
    rebuild(m_index - 1);
    m_paused = PauseReason::Step;
    return true;
}

bool HistoryPlayer::stepStateBack()
{
    if (m_index == 0)
        return false;
    std::int64_t target = m_index - 1;
    while (target > 0 && !isStateEvent(event(target).type))
        --target;
    rebuild(target);
    m_paused = PauseReason::Step;
    return true;
}

bool HistoryPlayer::jumpTo(std::int64_t eventIndex)
{
    if (eventIndex < 0 || eventIndex > eventCount())
        return false;
    if (eventIndex < m_index)
        rebuild(eventIndex);
    while (m_index < eventIndex)
        m_frames->apply(m_events[static_cast<size_t>(m_index++)]);
    m_paused = atEnd() ? PauseReason::Finished : PauseReason::Step;
    return true;
}

std::vector<std::int64_t> HistoryPlayer::openVisits() const
{
    std::vector<std::int64_t> open;
    for (std::int64_t id = 1; id <= m_index; ++id) {
        if (!isStateEntered(event(id).type))
            continue;
        const auto &mine = m_visitEvents[static_cast<size_t>(id)];
        // Open: the visit has events after now, and none of them so far ended it.
        const std::int64_t exit = m_whole->exitOf(id);
        if (exit > m_index || (exit == 0 && !mine.empty() && mine.back() > m_index))
            open.push_back(id);
    }
    return open;
}

DebugFrame HistoryPlayer::frame() const
{
    DebugFrame frame = m_frames->frame();
    frame.eventIndex = m_index;
    frame.eventCount = eventCount();
    frame.paused = m_paused;
    if (m_index > 0)
        frame.nowMillis = event(m_index).timestampMillis;
    // The events ahead say when each Wait ends and when a retry runs again.
    for (const RetryWait &wait : m_retryWaits) {
        if (wait.from <= m_index && m_index < wait.restart)
            frame.countdowns.push_back(
                {Countdown::Kind::RetryBackoff, m_table->entry(wait.container).name,
                 event(wait.from).timestampMillis, event(wait.restart).timestampMillis});
    }
    for (const std::int64_t visit : openVisits()) {
        const int state = m_whole->ownerOf(visit);
        if (state < 0)
            continue;
        const auto &mine = m_visitEvents[static_cast<size_t>(visit)];
        const auto next = std::upper_bound(mine.begin(), mine.end(), m_index);
        if (next == mine.end())
            continue;
        const HistoryEvent &upcoming = event(*next);
        const HistoryEvent &last = event(*std::prev(next));
        const std::string &type = m_table->entry(state).type;
        if (type == "Wait") {
            frame.countdowns.push_back({Countdown::Kind::Wait, m_table->entry(state).name,
                                        event(visit).timestampMillis, upcoming.timestampMillis});
        } else if (isFailureEvent(last.type)
                   && eventAction(upcoming.type) == HistoryEventAction::Scheduled) {
            frame.countdowns.push_back({Countdown::Kind::RetryBackoff, m_table->entry(state).name,
                                        last.timestampMillis, upcoming.timestampMillis});
        } else if (last.type == HistoryEventType::TaskSubmitted) {
            WaitingCallback waiting;
            waiting.stateName = m_table->entry(state).name;
            for (auto it = mine.begin(); it != next; ++it) {
                if (eventAction(event(*it).type) == HistoryEventAction::Scheduled) {
                    const HistoryEvent &scheduled = event(*it);
                    waiting.payload = payloadOf(scheduled, "parameters");
                    const Json timeout = payloadOf(scheduled, "timeoutInSeconds");
                    if (timeout.is_number())
                        waiting.timesOutAtMillis
                            = scheduled.timestampMillis
                              + static_cast<std::int64_t>(timeout.get<double>() * 1000);
                }
            }
            frame.callbacks.push_back(std::move(waiting));
        }
    }
    return frame;
}

std::vector<StateVisit> HistoryPlayer::visits() const
{
    std::vector<StateVisit> out;
    Json executionInput;
    std::int64_t startMillis = 0;
    for (std::int64_t id = 1; id <= m_index; ++id) {
        const HistoryEvent &entered = event(id);
        const HistoryEventType type = entered.type;
        if (type == HistoryEventType::ExecutionStarted) {
            executionInput = payloadOf(entered, "input");
            startMillis = entered.timestampMillis;
        }
        if (!isStateEntered(type))
            continue;
        const int state = m_whole->ownerOf(id);
        StateVisit visit;
        visit.stateName = state >= 0 ? m_table->entry(state).name : entered.stateName();
        visit.pointer = state >= 0 ? m_table->entry(state).pointer : std::string();
        visit.enteredEventId = id;
        visit.data["input"] = payloadOf(entered, "input");
        int retries = 0;
        for (const std::int64_t e : m_visitEvents[static_cast<size_t>(id)]) {
            if (e > m_index)
                break;
            const HistoryEvent &event = this->event(e);
            const HistoryEventType t = event.type;
            if (eventAction(t) == HistoryEventAction::Scheduled) {
                visit.data["afterParameters"] = payloadOf(event, "parameters");
            } else if (t == HistoryEventType::TaskSucceeded
                       || t == HistoryEventType::LambdaFunctionSucceeded
                       || t == HistoryEventType::ActivitySucceeded) {
                visit.data["result"] = payloadOf(event, "output");
            } else if (isFailureEvent(t)) {
                const Json *details = detailsOf(event);
                Json error = Json::object();
                if (details && details->contains("error"))
                    error["error"] = (*details)["error"];
                if (details && details->contains("cause"))
                    error["cause"] = (*details)["cause"];
                visit.data["error"] = std::move(error);
                ++retries;
            } else if (isStateExited(t)) {
                visit.exitedEventId = e;
                visit.data["output"] = payloadOf(event, "output");
                const Json *details = detailsOf(event);
                if (details && details->contains("assignedVariables")) {
                    Json assigned = Json::object();
                    for (auto &[name, value] : (*details)["assignedVariables"].items())
                        assigned[name] = payloadValue(value);
                    visit.data["assignedVariables"] = std::move(assigned);
                }
            }
        }
        visit.context
            = {{"Execution",
                {{"Input", executionInput}, {"StartTime", formatTimestampMillis(startMillis)}}},
               {"State",
                {{"Name", visit.stateName},
                 {"EnteredTime", formatTimestampMillis(entered.timestampMillis)},
                 {"RetryCount", std::max(0, retries - (visit.exitedEventId ? 1 : 0))}}}};
        out.push_back(std::move(visit));
    }
    return out;
}

} // namespace Stepwise::Sim
