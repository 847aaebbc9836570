#include "model/commands/groupstatescommand.h"

#include "model/commands/transitionedit.h"

#include <QCoreApplication>

#include <algorithm>
#include <set>

namespace Stepwise::Model {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Stepwise", text);
}

// What grouping needs to know about a selection: its states in written order, the one
// the rest of the scope enters by, and the one state it leaves to (if any).
struct GroupPlan
{
    ScopeId scope = 0;
    std::vector<StateId> members; // written order
    StateId entry = 0;
    std::string exit; // the state the run's Next leads to outside it; "" when it ends
    QString error;
};

GroupPlan plan(const Workflow &workflow, const std::vector<StateId> &states)
{
    GroupPlan out;
    std::set<StateId> selected;
    for (StateId id : states) {
        if (workflow.contains(id))
            selected.insert(id);
    }
    if (selected.empty()) {
        out.error = tr("Select the states to group");
        return out;
    }
    out.scope = workflow.scopeOf(*selected.begin());
    for (StateId id : selected) {
        if (workflow.scopeOf(id) != out.scope) {
            out.error = tr("The states to group must be in the same scope");
            return out;
        }
    }
    for (StateId id : workflow.states(out.scope)) {
        if (selected.count(id) > 0)
            out.members.push_back(id);
    }
    // Entries: members the rest of the scope (or StartAt) leads to.
    std::set<StateId> entries;
    std::set<StateId> reachedInside;
    if (StateId start = workflow.findState(out.scope, workflow.startAt(out.scope));
        selected.count(start) > 0) {
        entries.insert(start);
    }
    std::set<std::string> exits;
    for (StateId id : workflow.states(out.scope)) {
        const bool inside = selected.count(id) > 0;
        for (const Transition &t : workflow.transitions(id)) {
            const bool toInside = t.targetId != 0 && selected.count(t.targetId) > 0;
            if (!inside && toInside)
                entries.insert(t.targetId);
            if (inside && toInside)
                reachedInside.insert(t.targetId);
            if (inside && !toInside) {
                if (t.kind != TransitionKind::Next) {
                    out.error = tr("A Choice rule, Default or Catch in the selection leads out "
                                   "of it; only a Next can leave a group");
                    return out;
                }
                exits.insert(t.target);
            }
        }
    }
    if (entries.size() > 1) {
        out.error = tr("The selection is entered at more than one state");
        return out;
    }
    if (exits.size() > 1) {
        out.error = tr("The selection leads out to more than one state");
        return out;
    }
    if (entries.empty()) {
        for (StateId id : out.members) {
            if (reachedInside.count(id) == 0) {
                entries.insert(id);
                break;
            }
        }
    }
    if (entries.empty()) {
        out.error = tr("The selection has no state to start at");
        return out;
    }
    out.entry = *entries.begin();
    out.exit = exits.empty() ? std::string() : *exits.begin();
    // Every member must be reachable from the entry inside the selection.
    std::set<StateId> seen{out.entry};
    std::vector<StateId> pending{out.entry};
    while (!pending.empty()) {
        const StateId id = pending.back();
        pending.pop_back();
        for (const Transition &t : workflow.transitions(id)) {
            if (t.targetId != 0 && selected.count(t.targetId) > 0 && seen.insert(t.targetId).second)
                pending.push_back(t.targetId);
        }
    }
    if (seen.size() != selected.size()) {
        out.error = tr("The selected states are not one connected chain");
        return out;
    }
    return out;
}

} // namespace

GroupStatesCommand::GroupStatesCommand(Document *document, const std::vector<StateId> &states,
                                       Container container, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_container(container)
{
    const Workflow &workflow = *document->workflow();
    const GroupPlan p = plan(workflow, states);
    setText(container == Container::Parallel ? tr("Group into Parallel") : tr("Group into Map"));
    if (!p.error.isEmpty()) {
        setObsolete(true);
        return;
    }
    for (StateId id : p.members)
        m_targets.emplace_back(workflow, id);
    m_scope = ScopeRef(workflow, p.scope);
}

QString GroupStatesCommand::whyNot(const Workflow &workflow, const std::vector<StateId> &states)
{
    return plan(workflow, states).error;
}

void GroupStatesCommand::redo()
{
    Workflow &workflow = *m_document->workflow();
    std::vector<StateId> ids;
    for (const StateRef &ref : m_targets) {
        if (StateId id = ref.resolve(workflow))
            ids.push_back(id);
    }
    const GroupPlan p = plan(workflow, ids);
    if (!p.error.isEmpty() || ids.empty()) {
        setObsolete(true);
        return;
    }
    m_snapshots.clear();
    m_edited.clear();
    const ScopeId scope = p.scope;
    const std::set<StateId> selected(ids.begin(), ids.end());
    const std::string base = m_container == Container::Parallel ? "Parallel" : "Map";
    m_name = workflow.uniqueName(scope, base);

    // The inner scope: the members in written order; a Next out of the run ends it.
    Json inner = Json::object();
    for (StateId id : p.members) {
        Json body = workflow.stateJson(id);
        if (body.is_object() && body.contains("Next") && body["Next"].is_string()) {
            const StateId target = workflow.findState(scope, body["Next"].get<std::string>());
            if (target == 0 || selected.count(target) == 0)
                body = JsonEdit::replaceKey(body, "Next", "End", true);
        }
        inner[workflow.name(id)] = body;
    }
    Json processor = Json::object();
    if (m_container == Container::Map)
        processor["ProcessorConfig"] = Json{{"Mode", "INLINE"}};
    processor["StartAt"] = workflow.name(p.entry);
    processor["States"] = inner;
    Json container{{"Type", base}};
    if (m_container == Container::Parallel)
        container["Branches"] = Json::array({processor});
    else
        container["ItemProcessor"] = processor;
    if (p.exit.empty())
        container["End"] = true;
    else
        container["Next"] = p.exit;

    // Outside transitions into the run lead to the container.
    const std::string entryName = workflow.name(p.entry);
    for (StateId other : workflow.states(scope)) {
        if (selected.count(other) > 0)
            continue;
        const Json before = workflow.stateJson(other);
        Json body = before;
        for (const Transition &t : workflow.transitions(other)) {
            if (t.targetId == p.entry)
                body = TransitionEdit::retargeted(body, t.kind, t.index, m_name);
        }
        if (body != before) {
            m_edited.push_back({StateRef(workflow, other), before});
            workflow.setStateJson(other, body);
        }
    }
    m_startBefore = workflow.startAt(scope);
    m_startChanged = m_startBefore == entryName;
    if (m_startChanged)
        workflow.setScopeField(scope, "StartAt", m_name);

    const std::vector<StateId> order = workflow.states(scope);
    const auto first = std::find(order.begin(), order.end(), p.members.front());
    int index = int(first - order.begin());
    std::optional<QPointF> position = m_document->layout()->position(p.members.front());
    for (StateId id : workflow.states(scope)) {
        if (selected.count(id) > 0)
            m_snapshots.push_back(StateSnapshot::take(*m_document, id));
    }
    for (StateId id : p.members) {
        m_document->layout()->clearPosition(id);
        workflow.removeState(id);
    }
    auto added = workflow.addState(scope, m_name, container, index);
    if (added.ok()) {
        m_created = StateRef(workflow, *added);
        if (position)
            m_document->layout()->setPosition(*added, *position);
    }
}

void GroupStatesCommand::undo()
{
    Workflow &workflow = *m_document->workflow();
    if (StateId created = m_created.resolve(workflow)) {
        m_document->layout()->clearPosition(created);
        workflow.removeState(created);
    }
    for (const StateSnapshot &snapshot : m_snapshots)
        snapshot.restore(*m_document);
    for (const EditedState &edited : m_edited) {
        if (StateId id = edited.state.resolve(workflow))
            workflow.setStateJson(id, edited.before);
    }
    if (ScopeId scope = m_scope.resolve(workflow); scope != 0 && m_startChanged)
        workflow.setScopeField(scope, "StartAt", m_startBefore);
}

} // namespace Stepwise::Model
