#include "simulator/debug/debugsession.h"

#include "simulator/debug/framebuilder.h"
#include "simulator/debug/historyio.h"
#include "simulator/debug/payloadvalue.h"
#include "simulator/debug/statetable.h"
#include "simulator/engine/choicerule.h"
#include "simulator/engine/compiledmachine.h"
#include "simulator/engine/execution.h"

#include "simulator/debug/eventdetails.h"

#include <algorithm>

namespace Stepwise::Sim {

using Model::Json;

using namespace EventDetails;

namespace {

// The operand types a Choice rule needs (the engine's compiler leaves them to validation).
std::string operandProblem(const Json &rule)
{
    if (!rule.is_object())
        return "a condition is a Choice rule object";
    for (const char *combinator : {"And", "Or"}) {
        if (auto it = rule.find(combinator); it != rule.end()) {
            if (!it->is_array() || it->empty())
                return std::string(combinator) + " takes a non-empty list of rules";
            for (const Json &child : *it) {
                if (std::string problem = operandProblem(child); !problem.empty())
                    return problem;
            }
        }
    }
    if (auto it = rule.find("Not"); it != rule.end())
        return operandProblem(*it);
    for (auto it = rule.begin(); it != rule.end(); ++it) {
        const std::string &key = it.key();
        if (key == "Variable" || key == "And" || key == "Or" || key == "Not" || key == "Next"
            || endsWith(key, "Path"))
            continue;
        const Json &value = it.value();
        const bool ok = key.rfind("Numeric", 0) == 0     ? value.is_number()
                        : key.rfind("String", 0) == 0    ? value.is_string()
                        : key.rfind("Timestamp", 0) == 0 ? value.is_string()
                                                         : value.is_boolean();
        if (!ok)
            return key + " does not take " + value.dump();
    }
    return {};
}

} // namespace

struct DebugSession::Checkpoint
{
    std::int64_t eventIndex = 0;
    std::shared_ptr<const Execution::Snapshot> snapshot;
};

struct DebugSession::BreakpointEntry
{
    Breakpoint breakpoint;
    std::shared_ptr<ChoiceRule> condition;
};

DebugSession::DebugSession() = default;
DebugSession::~DebugSession() = default;

Model::Result<std::unique_ptr<DebugSession>>
DebugSession::create(const Json &definition, Json input, DebugSessionOptions options,
                     std::vector<std::shared_ptr<TaskExecutor>> executors)
{
    auto machine = CompiledMachine::compile(definition);
    if (!machine)
        return machine.error();
    std::unique_ptr<DebugSession> session(new DebugSession);
    session->m_definition = definition;
    session->m_machine = machine.value();
    session->m_table = std::make_shared<StateTable>(definition);
    session->m_frames = std::make_unique<FrameBuilder>(session->m_table);
    session->m_checkpointEvery = std::max(1, options.checkpointEvery);

    ExecutionOptions execution = options.execution;
    execution.recordHistory = false; // the session keeps the timeline itself
    execution.recordStages = options.keepStages;
    execution.callbacksFromCaller = true;
    session->m_options = std::move(options);
    session->m_execution
        = std::make_unique<Execution>(session->m_machine, std::move(input), execution);
    session->m_questions = std::make_shared<AskMeExecutor::Book>();
    session->m_askFirst = std::make_shared<AskMeExecutor>(AskMeExecutor::Position::First,
                                                          session->m_questions, executors);
    session->m_askLast
        = std::make_shared<AskMeExecutor>(AskMeExecutor::Position::Last, session->m_questions,
                                          std::vector<std::shared_ptr<TaskExecutor>>());
    session->setAskMe(session->m_options.askMe, session->m_options.askMeAllTasks);
    session->m_execution->addTaskExecutor(session->m_askFirst);
    for (auto &executor : executors)
        session->m_execution->addTaskExecutor(std::move(executor));
    session->m_execution->addTaskExecutor(session->m_askLast);
    std::vector<int> tableIndex;
    for (const CompiledState &state : session->m_machine->states())
        tableIndex.push_back(session->m_table->find(state.name));
    session->m_frames->setEngineStates(std::move(tableIndex));
    session->updateEventListener();
    session->takeCheckpoint();
    return session;
}

// ---- breakpoints ------------------------------------------------------------------------

Model::Result<int> DebugSession::setBreakpoint(Breakpoint breakpoint)
{
    if (m_table->find(breakpoint.stateName) < 0) {
        Model::Error error;
        error.message = "no state named '" + breakpoint.stateName + "'";
        return error;
    }
    BreakpointEntry entry;
    if (breakpoint.condition) {
        if (std::string problem = operandProblem(*breakpoint.condition); !problem.empty()) {
            Model::Error error;
            error.message = "breakpoint condition: " + problem;
            error.location.pointer = "/condition";
            return error;
        }
        auto rule = ChoiceRule::compile(*breakpoint.condition, "/condition");
        if (!rule)
            return rule.error();
        entry.condition = std::make_shared<ChoiceRule>(std::move(rule.value()));
    }
    breakpoint.id = m_nextBreakpointId++;
    entry.breakpoint = std::move(breakpoint);
    m_breakpoints.push_back(std::move(entry));
    updateEventListener();
    return m_breakpoints.back().breakpoint.id;
}

bool DebugSession::removeBreakpoint(int id)
{
    auto it = std::find_if(m_breakpoints.begin(), m_breakpoints.end(),
                           [id](const BreakpointEntry &e) { return e.breakpoint.id == id; });
    if (it == m_breakpoints.end())
        return false;
    m_breakpoints.erase(it);
    updateEventListener();
    return true;
}

bool DebugSession::setBreakpointEnabled(int id, bool enabled)
{
    for (BreakpointEntry &entry : m_breakpoints) {
        if (entry.breakpoint.id == id) {
            entry.breakpoint.enabled = enabled;
            return true;
        }
    }
    return false;
}

std::vector<Breakpoint> DebugSession::breakpoints() const
{
    std::vector<Breakpoint> out;
    for (const BreakpointEntry &entry : m_breakpoints)
        out.push_back(entry.breakpoint);
    return out;
}

void DebugSession::setBreakOnError(bool on)
{
    m_options.breakOnError = on;
}

void DebugSession::setAskMe(bool on, bool allTasks)
{
    m_options.askMe = on;
    m_options.askMeAllTasks = allTasks;
    m_askFirst->setMode(on, allTasks);
    m_askLast->setMode(on, allTasks);
}

// ---- events and checkpoints -------------------------------------------------------------

void DebugSession::updateEventListener()
{
    // A run that keeps neither events nor visits (Express, millions of events) takes the
    // engine's light events: the canvas needs which state, not the payloads. A breakpoint
    // condition reads the state's input from its entered event.
    bool withDetails = m_options.keepEvents || m_options.keepStages;
    for (const BreakpointEntry &entry : m_breakpoints)
        withDetails = withDetails || entry.condition;
    DebugSession *self = this;
    m_execution->setEventListener([self](const HistoryEvent &event) { self->onEvent(event); },
                                  withDetails);
}

void DebugSession::onEvent(const HistoryEvent &event)
{
    if (!m_options.keepEvents) {
        m_current = event;
        m_lastEvent = &m_current;
        m_frames->apply(m_current);
        return;
    }
    const auto index = static_cast<size_t>(event.id);
    if (index > m_timeline.size()) {
        m_timeline.push_back(event);
        if (m_timelineListener)
            m_timelineListener(m_timeline.back());
    }
    m_lastEvent = &m_timeline[index - 1];
    m_frames->apply(*m_lastEvent);
}

void DebugSession::takeCheckpoint()
{
    const std::int64_t at = m_execution->eventCount();
    if (!m_checkpoints.empty() && m_checkpoints.back().eventIndex >= at)
        return;
    m_checkpoints.push_back({at, m_execution->snapshot()});
    // Keep step back cheap and memory bounded: past 256 checkpoints, keep every other one.
    if (m_checkpoints.size() > 256) {
        m_checkpointEvery *= 2;
        std::vector<Checkpoint> kept;
        for (Checkpoint &c : m_checkpoints) {
            if (c.eventIndex % m_checkpointEvery == 0)
                kept.push_back(std::move(c));
        }
        m_checkpoints = std::move(kept);
    }
}

bool DebugSession::stepOne()
{
    applyJournal();
    const std::int64_t before = m_execution->eventCount();
    if (!m_execution->step())
        return false;
    if (m_execution->eventCount() == before) {
        // A retry's wait began with no event: a moment of its own, before the clock jumps.
        ++m_quietStops;
        int &seen = m_quietAfter[before];
        seen = std::max(seen, m_quietStops);
        return true;
    }
    m_quietStops = 0;
    if (m_options.keepEvents && m_execution->eventCount() % m_checkpointEvery == 0)
        takeCheckpoint();
    return true;
}

void DebugSession::rewindTo(std::int64_t eventIndex, int quietStops)
{
    auto it = std::upper_bound(
        m_checkpoints.begin(), m_checkpoints.end(), eventIndex,
        [](std::int64_t index, const Checkpoint &c) { return index < c.eventIndex; });
    const Checkpoint &checkpoint = *std::prev(it); // the one at 0 always exists
    m_execution->restore(*checkpoint.snapshot);
    m_quietStops = 0; // checkpoints are taken as their event happened
    m_frames->reset();
    for (std::int64_t i = 0; i < checkpoint.eventIndex; ++i)
        m_frames->apply(m_timeline[static_cast<size_t>(i)]);
    m_lastEvent = checkpoint.eventIndex > 0
                      ? &m_timeline[static_cast<size_t>(checkpoint.eventIndex - 1)]
                      : nullptr;
    // Answers given at the checkpoint's moment came after it was taken: apply them again.
    m_journalApplied = static_cast<size_t>(
        std::count_if(m_journal.begin(), m_journal.end(),
                      [&](const CallerAnswer &a) { return a.atEvent < checkpoint.eventIndex; }));
    while (m_execution->eventCount() < eventIndex) {
        if (!stepOne())
            break;
    }
    while (m_quietStops < quietStops && m_execution->eventCount() == eventIndex) {
        if (!stepOne())
            break;
    }
}

// ---- moving -----------------------------------------------------------------------------

PauseReason DebugSession::stopReason() const
{
    if (m_execution->finished())
        return PauseReason::Finished;
    if (!askMeTasks().empty())
        return PauseReason::AskMe;
    return PauseReason::Callback;
}

PauseReason DebugSession::advance(std::int64_t maxEvents, bool toStateEvent,
                                  const std::string &runTo)
{
    m_pauseRequested.store(false, std::memory_order_relaxed);
    m_breakpointHit = -1;
    std::int64_t done = 0;
    PauseReason reason = PauseReason::None;
    while (true) {
        if (maxEvents >= 0 && done >= maxEvents) {
            reason = PauseReason::None;
            break;
        }
        if (m_pauseRequested.exchange(false, std::memory_order_relaxed)) {
            reason = PauseReason::Paused;
            break;
        }
        if (!stepOne()) {
            reason = stopReason();
            break;
        }
        ++done;
        if (m_quietStops > 0)
            continue; // a retry's wait: no event to break on
        reason = pausePointAfter(*m_lastEvent, runTo);
        if (reason != PauseReason::None)
            break;
        if (toStateEvent && isStateEvent(m_lastEvent->type)) {
            reason = PauseReason::Step;
            break;
        }
    }
    if (reason == PauseReason::None && m_execution->finished())
        reason = PauseReason::Finished;
    m_paused = reason;
    return reason;
}

PauseReason DebugSession::stepEvent()
{
    const PauseReason reason = advance(1, false, {});
    m_paused = reason == PauseReason::None ? PauseReason::Step : reason;
    return m_paused;
}

PauseReason DebugSession::stepState()
{
    return advance(-1, true, {});
}

PauseReason DebugSession::continueRun(std::int64_t maxEvents)
{
    return advance(maxEvents, false, {});
}

PauseReason DebugSession::runToState(const std::string &stateName)
{
    return advance(-1, false, stateName);
}

void DebugSession::requestPause()
{
    m_pauseRequested.store(true, std::memory_order_relaxed);
}

PauseReason DebugSession::pausePointAfter(const HistoryEvent &event, const std::string &runTo)
{
    const HistoryEventType type = event.type;
    if (endsExecution(type))
        return m_options.breakOnError && type != HistoryEventType::ExecutionSucceeded
                   ? PauseReason::Error
                   : PauseReason::Finished;
    if (m_options.breakOnError && isFailureEvent(type))
        return PauseReason::Error;
    const bool entered = isStateEntered(type);
    const bool exited = !entered && isStateExited(type);
    if ((entered || exited) && (!runTo.empty() || !m_breakpoints.empty())) {
        const std::string &name = event.state >= 0 ? m_machine->state(event.state).name
                                                   : stringField(detailsOf(event), "name");
        if (entered && !runTo.empty() && name == runTo)
            return PauseReason::RunToHere;
        const Breakpoint::When when
            = entered ? Breakpoint::When::BeforeEntry : Breakpoint::When::AfterExit;
        for (const BreakpointEntry &entry : m_breakpoints) {
            const Breakpoint &b = entry.breakpoint;
            if (b.enabled && b.when == when && b.stateName == name
                && conditionMatches(entry, event)) {
                m_breakpointHit = b.id;
                return PauseReason::Breakpoint;
            }
        }
    }
    // A Task that just started (or, for .sync, was submitted) and now waits for an answer,
    // unless the journal already holds it (a re-run after stepping back goes on by itself).
    if (m_options.askMe
        && (eventAction(type) == HistoryEventAction::Started
            || type == HistoryEventType::TaskSubmitted)) {
        for (const PendingCallback &pending : m_execution->pendingCallbacks()) {
            if (pending.askedCaller
                && (pending.startedEventId == event.id
                    || pending.startedEventId == event.previousEventId)
                && !journalAnswers(pending.taskToken))
                return PauseReason::AskMe;
        }
    }
    return PauseReason::None;
}

bool DebugSession::conditionMatches(const BreakpointEntry &entry, const HistoryEvent &event) const
{
    if (!entry.condition)
        return true;
    // The state's input: the entered event's; for an exit, its visit's.
    const bool exited = isStateExited(event.type);
    const std::int64_t enteredId = exited ? m_frames->visitOf(event.id) : event.id;
    std::optional<StateVisit> stages = visit(enteredId);
    Json input;
    if (!exited) {
        input = payloadValue(detailsOf(event) ? detailsOf(event)->value("input", Json()) : Json());
    } else if (stages && stages->data.contains("input")) {
        input = stages->data["input"];
    } else if (enteredId > 0 && enteredId <= static_cast<std::int64_t>(m_timeline.size())) {
        const Json *details = detailsOf(m_timeline[static_cast<size_t>(enteredId - 1)]);
        input = payloadValue(details ? details->value("input", Json()) : Json());
    } else {
        return false;
    }
    Json variables = Json::object();
    if (stages && stages->data.contains("variables"))
        variables = stages->data["variables"];
    ExpressionContext context;
    context.input = &input;
    context.variables = &variables;
    auto matched = entry.condition->evaluate(context);
    return matched.ok() && matched.value();
}

bool DebugSession::stepBack()
{
    if ((eventIndex() == 0 && m_quietStops == 0) || !m_options.keepEvents)
        return false;
    if (m_quietStops > 0) {
        rewindTo(eventIndex(), m_quietStops - 1);
    } else {
        const std::int64_t previous = eventIndex() - 1;
        auto quiet = m_quietAfter.find(previous);
        rewindTo(previous, quiet != m_quietAfter.end() ? quiet->second : 0);
    }
    m_paused = PauseReason::Step;
    return true;
}

bool DebugSession::stepStateBack()
{
    std::int64_t target = eventIndex() - 1;
    if (target < 0 || !m_options.keepEvents)
        return false;
    while (target > 0 && !isStateEvent(m_timeline[static_cast<size_t>(target - 1)].type))
        --target;
    rewindTo(target);
    m_paused = PauseReason::Step;
    return true;
}

bool DebugSession::jumpTo(std::int64_t target)
{
    if (target < 0 || (target < eventIndex() && !m_options.keepEvents))
        return false;
    if (target < eventIndex()) {
        rewindTo(target);
        m_paused = PauseReason::Step;
        return true;
    }
    while (eventIndex() < target) {
        if (!stepOne()) {
            m_paused = stopReason();
            return false;
        }
    }
    m_paused = m_execution->finished() ? PauseReason::Finished : PauseReason::Step;
    return true;
}

// ---- caller answers ---------------------------------------------------------------------

void DebugSession::truncateFuture()
{
    const std::int64_t at = eventIndex();
    // The retry waits after this moment may not come again.
    m_quietAfter.erase(m_quietAfter.upper_bound(at), m_quietAfter.end());
    if (m_quietStops > 0)
        m_quietAfter[at] = m_quietStops;
    else
        m_quietAfter.erase(at);
    if (at >= static_cast<std::int64_t>(m_timeline.size()) && m_journalApplied == m_journal.size())
        return;
    m_timeline.resize(static_cast<size_t>(at));
    m_lastEvent = at > 0 ? &m_timeline.back() : nullptr;
    m_journal.resize(m_journalApplied);
    while (m_checkpoints.size() > 1 && m_checkpoints.back().eventIndex > at)
        m_checkpoints.pop_back();
    ++m_generation;
}

bool DebugSession::applyAnswer(const CallerAnswer &answer)
{
    switch (answer.kind) {
    case CallerAnswer::Kind::TaskResult:
    case CallerAnswer::Kind::TaskSuccess:
        return m_execution->sendTaskSuccess(answer.taskToken, answer.output);
    case CallerAnswer::Kind::TaskError:
    case CallerAnswer::Kind::TaskFailure:
        return m_execution->sendTaskFailure(answer.taskToken, answer.error, answer.cause);
    case CallerAnswer::Kind::TaskHeartbeat:
        return m_execution->sendTaskHeartbeat(answer.taskToken);
    case CallerAnswer::Kind::TimeOutNow:
        for (const PendingCallback &pending : m_execution->pendingCallbacks()) {
            if (pending.taskToken == answer.taskToken && pending.timesOutAtMillis >= 0) {
                m_execution->advanceClock(pending.timesOutAtMillis);
                return true;
            }
        }
        return false;
    }
    return false;
}

void DebugSession::journalAnswer(CallerAnswer answer)
{
    // Answers at a past moment replace the future; pending ones at this moment go too.
    truncateFuture();
    answer.atEvent = eventIndex();
    answer.atQuietStop = m_quietStops;
    m_journal.push_back(std::move(answer));
    m_journalApplied = m_journal.size();
}

bool DebugSession::journalAnswers(const std::string &taskToken) const
{
    const std::int64_t now = m_execution->eventCount();
    for (size_t i = m_journalApplied; i < m_journal.size() && m_journal[i].atEvent <= now; ++i) {
        if (m_journal[i].atEvent == now && m_journal[i].taskToken == taskToken)
            return true;
    }
    return false;
}

void DebugSession::applyJournal()
{
    const std::int64_t now = m_execution->eventCount();
    while (m_journalApplied < m_journal.size()) {
        const CallerAnswer &answer = m_journal[m_journalApplied];
        if (answer.atEvent > now || (answer.atEvent == now && answer.atQuietStop > m_quietStops))
            break;
        applyAnswer(answer);
        ++m_journalApplied;
    }
}

bool DebugSession::answerTask(std::int64_t askId, Json output)
{
    CallerAnswer answer;
    answer.kind = CallerAnswer::Kind::TaskResult;
    answer.askId = askId;
    answer.taskToken = askToken(askId);
    answer.output = std::move(output);
    if (answer.taskToken.empty() || !applyAnswer(answer))
        return false;
    journalAnswer(std::move(answer));
    return true;
}

bool DebugSession::failTask(std::int64_t askId, std::optional<std::string> error,
                            std::optional<std::string> cause)
{
    CallerAnswer answer;
    answer.kind = CallerAnswer::Kind::TaskError;
    answer.askId = askId;
    answer.taskToken = askToken(askId);
    answer.error = std::move(error);
    answer.cause = std::move(cause);
    if (answer.taskToken.empty() || !applyAnswer(answer))
        return false;
    journalAnswer(std::move(answer));
    return true;
}

bool DebugSession::sendTaskSuccess(const std::string &taskToken, Json output)
{
    CallerAnswer answer;
    answer.kind = CallerAnswer::Kind::TaskSuccess;
    answer.taskToken = taskToken;
    answer.output = std::move(output);
    if (!applyAnswer(answer))
        return false;
    journalAnswer(std::move(answer));
    return true;
}

bool DebugSession::sendTaskFailure(const std::string &taskToken, std::optional<std::string> error,
                                   std::optional<std::string> cause)
{
    CallerAnswer answer;
    answer.kind = CallerAnswer::Kind::TaskFailure;
    answer.taskToken = taskToken;
    answer.error = std::move(error);
    answer.cause = std::move(cause);
    if (!applyAnswer(answer))
        return false;
    journalAnswer(std::move(answer));
    return true;
}

bool DebugSession::sendTaskHeartbeat(const std::string &taskToken)
{
    CallerAnswer answer;
    answer.kind = CallerAnswer::Kind::TaskHeartbeat;
    answer.taskToken = taskToken;
    if (!applyAnswer(answer))
        return false;
    journalAnswer(std::move(answer));
    return true;
}

bool DebugSession::timeOutNow(const std::string &taskToken)
{
    CallerAnswer answer;
    answer.kind = CallerAnswer::Kind::TimeOutNow;
    answer.taskToken = taskToken;
    if (!applyAnswer(answer))
        return false;
    journalAnswer(std::move(answer));
    return true;
}

// ---- what there is to see ---------------------------------------------------------------

std::int64_t DebugSession::eventIndex() const
{
    return m_execution->eventCount();
}

std::int64_t DebugSession::nowMillis() const
{
    return m_execution->nowMillis();
}

std::int64_t DebugSession::eventCount() const
{
    if (!m_options.keepEvents)
        return eventIndex();
    return static_cast<std::int64_t>(m_timeline.size());
}

bool DebugSession::finished() const
{
    return m_execution->finished();
}

const StateTable &DebugSession::states() const
{
    return *m_table;
}

void DebugSession::setTimelineListener(std::function<void(const HistoryEvent &)> listener)
{
    m_timelineListener = std::move(listener);
}

Json DebugSession::historyJson() const
{
    std::vector<HistoryEvent> events(
        m_timeline.begin(), m_timeline.begin() + static_cast<std::ptrdiff_t>(eventIndex()));
    return historyToJson(events);
}

Json DebugSession::scheduledPayload(const std::string &stateName) const
{
    const int state = m_table->find(stateName);
    // The latest TaskScheduled of that state before now: bounded, callbacks are recent.
    const std::int64_t from = eventIndex();
    for (std::int64_t id = from; id > 0 && id > from - 100000; --id) {
        const HistoryEvent &event = m_timeline[static_cast<size_t>(id - 1)];
        if (m_frames->ownerOf(id) == state
            && eventAction(event.type) == HistoryEventAction::Scheduled)
            return payloadValue(detailsOf(event) ? detailsOf(event)->value("parameters", Json())
                                                 : Json());
    }
    return Json();
}

std::vector<AskMeTask> DebugSession::askMeTasks() const
{
    std::vector<AskMeTask> tasks;
    for (const PendingCallback &pending : m_execution->pendingCallbacks()) {
        if (!pending.askedCaller)
            continue;
        AskMeTask task;
        task.id = pending.askId;
        task.stateName = pending.stateName;
        task.invocation = pending.invocation;
        auto it = m_questions->find({pending.stateName, pending.invocation});
        if (it != m_questions->end()) {
            const AskMeExecutor::Question &question = it->second;
            task.resource = question.resource;
            task.parameters = question.parameters;
            if (question.suggestion && question.suggestion->succeeded) {
                task.suggestedResult = question.suggestion->output;
            } else if (question.suggestion) {
                const Failure &failure = question.suggestion->failure;
                if (!failure.errorIsNull)
                    task.suggestedError = failure.error;
                if (!failure.causeIsNull)
                    task.suggestedCause = failure.cause;
            }
        }
        tasks.push_back(std::move(task));
    }
    return tasks;
}

std::string DebugSession::askToken(std::int64_t askId) const
{
    for (const PendingCallback &pending : m_execution->pendingCallbacks()) {
        if (pending.askedCaller && pending.askId == askId)
            return pending.taskToken;
    }
    return {};
}

DebugFrame DebugSession::frame() const
{
    DebugFrame frame = m_frames->frame();
    frame.eventIndex = eventIndex();
    frame.eventCount = eventCount();
    frame.nowMillis = m_execution->nowMillis();
    frame.startMillis = m_execution->startMillis();
    frame.paused = m_paused;
    frame.breakpointId = m_paused == PauseReason::Breakpoint ? m_breakpointHit : -1;
    for (const PendingCallback &pending : m_execution->pendingCallbacks()) {
        if (pending.askedCaller)
            continue;
        WaitingCallback waiting;
        waiting.taskToken = pending.taskToken;
        waiting.stateName = pending.stateName;
        waiting.payload = scheduledPayload(pending.stateName);
        waiting.timesOutAtMillis = pending.timesOutAtMillis;
        frame.callbacks.push_back(std::move(waiting));
    }
    frame.askMeTasks = askMeTasks();
    // Waits and retry backoffs count down on the canvas (task timeouts show with the task).
    for (const ActiveState &active : m_execution->activeStates()) {
        if (active.timer != ActiveState::Timer::Wait
            && active.timer != ActiveState::Timer::RetryBackoff)
            continue;
        Countdown countdown;
        countdown.kind = active.timer == ActiveState::Timer::Wait ? Countdown::Kind::Wait
                                                                  : Countdown::Kind::RetryBackoff;
        countdown.stateName = m_machine->state(active.state).name;
        countdown.startedAtMillis = active.timerStartMillis;
        countdown.deadlineMillis = active.timerEndMillis;
        frame.countdowns.push_back(std::move(countdown));
    }
    return frame;
}

std::vector<StateVisit> DebugSession::visits() const
{
    std::vector<StateVisit> out;
    for (const StageRecord &record : m_execution->stages()) {
        StateVisit visit;
        visit.stateName = record.stateName;
        const int state = m_table->find(record.stateName);
        if (state >= 0)
            visit.pointer = m_table->entry(state).pointer;
        visit.enteredEventId = record.enteredEventId;
        visit.exitedEventId = m_frames->exitOf(record.enteredEventId);
        visit.line = static_cast<int>(record.line);
        visit.lineIndex = record.lineIndex;
        visit.data = record.data;
        visit.context = record.context;
        out.push_back(std::move(visit));
    }
    return out;
}

std::optional<StateVisit> DebugSession::visit(std::int64_t enteredEventId) const
{
    const auto &stages = m_execution->stages();
    auto it = std::lower_bound(
        stages.begin(), stages.end(), enteredEventId,
        [](const StageRecord &r, std::int64_t id) { return r.enteredEventId < id; });
    if (it == stages.end() || it->enteredEventId != enteredEventId)
        return std::nullopt;
    StateVisit visit;
    visit.stateName = it->stateName;
    const int state = m_table->find(it->stateName);
    if (state >= 0)
        visit.pointer = m_table->entry(state).pointer;
    visit.enteredEventId = it->enteredEventId;
    visit.exitedEventId = m_frames->exitOf(enteredEventId);
    visit.line = static_cast<int>(it->line);
    visit.lineIndex = it->lineIndex;
    visit.data = it->data;
    visit.context = it->context;
    return visit;
}

} // namespace Stepwise::Sim
