#include "model/commands/removestatescommand.h"

#include <QCoreApplication>

#include <algorithm>
#include <set>

namespace Stepwise::Model {

namespace {

bool isInside(const Workflow &workflow, StateId id, const std::set<StateId> &candidates)
{
    for (StateId owner = workflow.ownerOf(workflow.scopeOf(id)); owner != 0;
         owner = workflow.ownerOf(workflow.scopeOf(owner))) {
        if (candidates.count(owner) > 0)
            return true;
    }
    return false;
}

// Where a transition into a removed state should lead instead: the first surviving state
// down its chain of single Next transitions, or "" when there is none.
std::string bridgeTarget(const Workflow &workflow, StateId removed,
                         const std::set<StateId> &removedSet)
{
    StateId current = removed;
    for (size_t guard = 0; guard <= removedSet.size(); ++guard) {
        Json next = workflow.field(current, "Next");
        if (!next.is_string())
            return {};
        StateId target = workflow.findState(workflow.scopeOf(current), next.get<std::string>());
        if (target == 0)
            return {};
        if (removedSet.count(target) == 0)
            return next.get<std::string>();
        current = target;
    }
    return {};
}

} // namespace

RemoveStatesCommand::RemoveStatesCommand(Document *document, const std::vector<StateId> &states,
                                         QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
{
    const Workflow &workflow = *document->workflow();
    std::set<StateId> candidates;
    for (StateId id : states) {
        if (workflow.contains(id))
            candidates.insert(id);
    }
    // States inside another deleted container go with it.
    for (StateId id : workflow.allStates()) {
        if (candidates.count(id) > 0 && !isInside(workflow, id, candidates))
            m_targets.emplace_back(workflow, id);
    }
    if (m_targets.size() == 1)
        setText(
            QCoreApplication::translate("Stepwise", "Delete %1")
                .arg(QString::fromStdString(workflow.name(m_targets.front().resolve(workflow)))));
    else
        setText(QCoreApplication::translate("Stepwise", "Delete %n states", nullptr,
                                            static_cast<int>(m_targets.size())));
    if (m_targets.empty())
        setObsolete(true);
}

void RemoveStatesCommand::redo()
{
    Workflow &workflow = *m_document->workflow();
    m_snapshots.clear();
    m_edited.clear();
    m_starts.clear();
    std::set<StateId> removed;
    std::vector<StateId> ids;
    for (const StateRef &ref : m_targets) {
        if (StateId id = ref.resolve(workflow)) {
            removed.insert(id);
            ids.push_back(id);
        }
    }
    std::set<ScopeId> scopes;
    for (StateId id : ids)
        scopes.insert(workflow.scopeOf(id));

    for (ScopeId scope : scopes) {
        auto replacement = [&](const std::string &target) {
            return bridgeTarget(workflow, workflow.findState(scope, target), removed);
        };
        auto isRemovedName = [&](const Json &name) {
            if (!name.is_string())
                return false;
            StateId target = workflow.findState(scope, name.get<std::string>());
            return target != 0 && removed.count(target) > 0;
        };
        std::string start = workflow.startAt(scope);
        if (isRemovedName(Json(start))) {
            std::string next = replacement(start);
            if (next.empty()) {
                for (StateId other : workflow.states(scope)) {
                    if (removed.count(other) == 0) {
                        next = workflow.name(other);
                        break;
                    }
                }
            }
            m_starts.push_back({ScopeRef(workflow, scope), start});
            workflow.setScopeField(scope, "StartAt", next);
        }
        for (StateId other : workflow.states(scope)) {
            if (removed.count(other) > 0)
                continue;
            const Json before = workflow.stateJson(other);
            Json body = before;
            if (isRemovedName(body.value("Next", Json()))) {
                std::string next = replacement(body["Next"].get<std::string>());
                body = next.empty() ? JsonEdit::replaceKey(body, "Next", "End", true)
                                    : JsonEdit::replaceKey(body, "Next", "Next", next);
            }
            if (isRemovedName(body.value("Default", Json()))) {
                std::string next = replacement(body["Default"].get<std::string>());
                body = next.empty() ? JsonEdit::withoutKey(body, "Default")
                                    : JsonEdit::replaceKey(body, "Default", "Default", next);
            }
            for (const char *list : {"Choices", "Catch"}) {
                if (!body.contains(list) || !body[list].is_array())
                    continue;
                Json kept = Json::array();
                for (Json entry : body[list]) {
                    if (entry.is_object() && isRemovedName(entry.value("Next", Json()))) {
                        std::string next = replacement(entry["Next"].get<std::string>());
                        if (next.empty())
                            continue;
                        entry["Next"] = next;
                    }
                    kept.push_back(entry);
                }
                body[list] = kept;
            }
            if (body != before) {
                m_edited.push_back({StateRef(workflow, other), before});
                workflow.setStateJson(other, body);
            }
        }
    }
    for (StateId id : workflow.allStates()) {
        if (removed.count(id) > 0)
            m_snapshots.push_back(StateSnapshot::take(*m_document, id));
    }
    for (StateId id : ids) {
        m_document->layout()->clearPosition(id);
        workflow.removeState(id);
    }
}

void RemoveStatesCommand::undo()
{
    Workflow &workflow = *m_document->workflow();
    // Ascending written order, so each index is valid when its state goes back.
    for (const StateSnapshot &snapshot : m_snapshots)
        snapshot.restore(*m_document);
    for (const EditedState &edited : m_edited) {
        if (StateId id = edited.state.resolve(workflow))
            workflow.setStateJson(id, edited.before);
    }
    for (const ScopeStart &start : m_starts) {
        if (ScopeId scope = start.scope.resolve(workflow))
            workflow.setScopeField(scope, "StartAt", start.startAt);
    }
}

} // namespace Stepwise::Model
