#include "app/gui/framepresenter.h"

#include <map>

namespace Stepwise::App {

namespace {

// TestState's inspectionData names in the order a state applies them.
const char *const kStageOrder[] = {
    "input",
    "afterInputPath",
    "afterItemsPath",
    "afterItemsPointer",
    "afterParameters",
    "afterArguments",
    "afterItemSelector",
    "afterItemBatcher",
    "toleratedFailureCount",
    "toleratedFailurePercentage",
    "maxConcurrency",
    "result",
    "afterResultSelector",
    "afterResultPath",
    "output",
    "errorDetails",
};

} // namespace

FramePresenter::FramePresenter(const Model::Workflow *workflow)
    : m_workflow(workflow)
{}

Model::StateId FramePresenter::stateId(const std::string &pointer) const
{
    auto it = m_byPointer.find(pointer);
    if (it != m_byPointer.end())
        return it->second;
    const Model::StateId id = m_workflow->stateAtPointer(pointer);
    // Only the state itself: a pointer into a field would give its state, not a nested one.
    m_byPointer.emplace(pointer, id);
    return id;
}

Model::StateId FramePresenter::stateNamed(const std::string &name) const
{
    for (Model::StateId id : m_workflow->allStates()) {
        if (m_workflow->name(id) == name)
            return id;
    }
    return 0;
}

void FramePresenter::invalidate()
{
    m_byPointer.clear();
}

Views::RunStatus FramePresenter::runStatus(Sim::StateRunStatus status)
{
    switch (status) {
    case Sim::StateRunStatus::NotRun:
        return Views::RunStatus::NotRun;
    case Sim::StateRunStatus::Running:
        return Views::RunStatus::Active;
    case Sim::StateRunStatus::Succeeded:
        return Views::RunStatus::Succeeded;
    case Sim::StateRunStatus::Failed:
        return Views::RunStatus::Failed;
    case Sim::StateRunStatus::Caught:
        return Views::RunStatus::Caught;
    case Sim::StateRunStatus::Cancelled:
        return Views::RunStatus::Cancelled;
    }
    return Views::RunStatus::NotRun;
}

std::unordered_map<Model::StateId, Views::StateRunInfo>
FramePresenter::stateInfos(const Sim::DebugFrame &frame) const
{
    std::unordered_map<Model::StateId, Views::StateRunInfo> infos;
    std::unordered_map<std::string, Model::StateId> byName;
    for (const Sim::StateRun &run : frame.states) {
        if (run.status == Sim::StateRunStatus::NotRun && run.running == 0)
            continue;
        const Model::StateId id = stateId(run.pointer);
        if (id == 0)
            continue;
        Views::StateRunInfo info;
        info.status = run.running > 0 ? Views::RunStatus::Active : runStatus(run.status);
        info.activeCount = run.running;
        infos[id] = info;
        byName[run.name] = id;
    }
    for (const Sim::Countdown &countdown : frame.countdowns) {
        auto it = byName.find(countdown.stateName);
        if (it == byName.end())
            continue;
        const std::int64_t left = countdown.deadlineMillis - frame.nowMillis;
        Views::StateRunInfo &info = infos[it->second];
        // Several iterations in one Wait: the soonest to finish.
        if (!info.remainingMillis || left < *info.remainingMillis)
            info.remainingMillis = std::max<std::int64_t>(0, left);
    }
    for (const Sim::WaitingCallback &callback : frame.callbacks) {
        if (auto it = byName.find(callback.stateName); it != byName.end()) {
            infos[it->second].waitingForCaller = true;
            if (callback.timesOutAtMillis >= 0 && !infos[it->second].remainingMillis)
                infos[it->second].remainingMillis
                    = std::max<std::int64_t>(0, callback.timesOutAtMillis - frame.nowMillis);
        }
    }
    for (const Sim::AskMeTask &task : frame.askMeTasks) {
        if (auto it = byName.find(task.stateName); it != byName.end())
            infos[it->second].waitingForCaller = true;
    }
    return infos;
}

std::set<Model::StateId> FramePresenter::activeStates(const Sim::DebugFrame &frame) const
{
    std::set<Model::StateId> active;
    for (const Sim::StateRun &run : frame.states) {
        if (run.running > 0) {
            if (const Model::StateId id = stateId(run.pointer))
                active.insert(id);
        }
    }
    return active;
}

std::optional<FramePresenter::Edge> FramePresenter::takenEdge(const Sim::DebugFrame &frame) const
{
    if (!frame.transition)
        return std::nullopt;
    const Sim::TakenTransition &t = *frame.transition;
    Edge edge;
    edge.from = stateId(t.fromPointer);
    if (edge.from == 0)
        return std::nullopt;
    edge.index = t.index;
    switch (t.kind) {
    case Sim::TransitionKind::Next:
        edge.kind = Model::TransitionKind::Next;
        break;
    case Sim::TransitionKind::ChoiceRule:
        edge.kind = Model::TransitionKind::ChoiceRule;
        break;
    case Sim::TransitionKind::Default:
        edge.kind = Model::TransitionKind::Default;
        break;
    case Sim::TransitionKind::Catch:
        edge.kind = Model::TransitionKind::Catch;
        break;
    }
    return edge;
}

std::vector<Views::WaitingTask> FramePresenter::waitingTasks(const Sim::DebugFrame &frame)
{
    std::vector<Views::WaitingTask> tasks;
    for (const Sim::AskMeTask &ask : frame.askMeTasks) {
        Views::WaitingTask task;
        task.kind = Views::WaitingTask::Kind::AskMe;
        task.token = QString::number(ask.id);
        task.stateName = QString::fromStdString(ask.stateName);
        task.payload = ask.parameters;
        task.suggestedResult = ask.suggestedResult.value_or(Model::Json::object());
        task.suggestedError = QString::fromStdString(ask.suggestedError.value_or(std::string()));
        task.suggestedCause = QString::fromStdString(ask.suggestedCause.value_or(std::string()));
        task.resource = QString::fromStdString(ask.resource);
        tasks.push_back(std::move(task));
    }
    for (const Sim::WaitingCallback &callback : frame.callbacks) {
        Views::WaitingTask task;
        task.token = QString::fromStdString(callback.taskToken);
        task.stateName = QString::fromStdString(callback.stateName);
        task.payload = callback.payload;
        task.remainingMillis
            = callback.timesOutAtMillis < 0
                  ? -1
                  : std::max<std::int64_t>(0, callback.timesOutAtMillis - frame.nowMillis);
        task.suggestedResult = Model::Json{{"approved", true}};
        tasks.push_back(std::move(task));
    }
    return tasks;
}

Views::StageVisit FramePresenter::stageVisit(const Sim::StateVisit &visit, int visitNumber)
{
    Views::StageVisit out;
    out.stateName = QString::fromStdString(visit.stateName);
    out.title = QStringLiteral("%1 \u2014 visit %2, entered at event %3")
                    .arg(out.stateName)
                    .arg(visitNumber)
                    .arg(visit.enteredEventId);
    if (visit.exitedEventId > 0)
        out.title += QStringLiteral(", left at event %1").arg(visit.exitedEventId);
    const Model::Json &data = visit.data;
    if (!data.is_object())
        return out;
    for (const char *name : kStageOrder) {
        if (auto it = data.find(name); it != data.end())
            out.stages.emplace_back(QString::fromLatin1(name), *it);
    }
    // Variables as AWS shows them (after the state), then as the state saw them on entry.
    if (auto it = data.find("variablesAfter"); it != data.end())
        out.stages.emplace_back(QStringLiteral("variables"), *it);
    if (auto it = data.find("variables"); it != data.end())
        out.stages.emplace_back(QStringLiteral("variables on entry"), *it);
    // Anything else the layer records, under its own name.
    for (auto it = data.begin(); it != data.end(); ++it) {
        const std::string &key = it.key();
        bool known = key == "variables" || key == "variablesAfter";
        for (const char *name : kStageOrder)
            known = known || key == name;
        if (!known)
            out.stages.emplace_back(QString::fromStdString(key), it.value());
    }
    out.stages.emplace_back(QStringLiteral("context object"), visit.context);
    return out;
}

std::vector<Views::ExecutionLine>
FramePresenter::executionLines(const std::vector<Sim::StateVisit> &visits,
                               const Sim::StateTable &table, const Sim::DebugFrame &frame)
{
    std::map<int, size_t> byLine; // line -> index in `lines`
    std::vector<Views::ExecutionLine> lines;
    std::vector<const Sim::StateVisit *> last;
    for (const Sim::StateVisit &visit : visits) {
        if (visit.line <= 0)
            continue; // the execution's own line
        const int state = table.find(visit.stateName);
        auto found = byLine.find(visit.line);
        if (found == byLine.end()) {
            Views::ExecutionLine line;
            line.id = visit.line;
            const int container = state >= 0 ? table.entry(state).parent : -1;
            if (container >= 0) {
                const Sim::StateTable::Entry &c = table.entry(container);
                line.container = QString::fromStdString(c.name);
                for (int up = c.parent; up >= 0; up = table.entry(up).parent)
                    ++line.depth;
                if (c.type == "Parallel") {
                    // The branch index is in the state's pointer: <container>/Branches/<k>/...
                    const std::string prefix = c.pointer + "/Branches/";
                    const std::string &p = table.entry(state).pointer;
                    if (p.rfind(prefix, 0) == 0)
                        line.index = std::atoi(p.c_str() + prefix.size());
                    line.label = QStringLiteral("Branch %1").arg(line.index + 1);
                } else {
                    const Model::Json *index = nullptr;
                    const Model::Json &ctx = visit.context;
                    if (ctx.contains("Map") && ctx["Map"].contains("Item")
                        && ctx["Map"]["Item"].contains("Index"))
                        index = &ctx["Map"]["Item"]["Index"];
                    line.index = visit.lineIndex >= 0                  ? visit.lineIndex
                                 : index && index->is_number_integer() ? index->get<int>()
                                                                       : 0;
                    line.label = QStringLiteral("Iteration %1").arg(line.index);
                }
            }
            byLine.emplace(visit.line, lines.size());
            lines.push_back(std::move(line));
            last.push_back(nullptr);
            found = byLine.find(visit.line);
        }
        Views::ExecutionLine &line = lines[found->second];
        line.path << QString::fromStdString(visit.stateName);
        line.currentState = QString::fromStdString(visit.stateName);
        last[found->second] = &visit;
    }
    const bool running = frame.executionStatus == "RUNNING";
    for (size_t i = 0; i < lines.size(); ++i) {
        const Sim::StateVisit *visit = last[i];
        // errorDetails without a retry or a catch: the error ended the visit.
        const Model::Json *details = visit && visit->data.contains("errorDetails")
                                         ? &visit->data["errorDetails"]
                                         : nullptr;
        const bool failed
            = details && !details->contains("catchIndex") && !details->contains("retryIndex");
        if (visit && visit->exitedEventId == 0)
            lines[i].status
                = running && !failed ? Views::RunStatus::Active : Views::RunStatus::Failed;
        else
            lines[i].status = failed ? Views::RunStatus::Failed : Views::RunStatus::Succeeded;
    }
    return lines;
}

} // namespace Stepwise::App
