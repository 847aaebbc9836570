#include "model/commands/statesnapshot.h"

#include <algorithm>

namespace Stepwise::Model {

StateSnapshot StateSnapshot::take(const Document &document, StateId id)
{
    const Workflow &workflow = *document.workflow();
    StateSnapshot snapshot;
    snapshot.scope = ScopeRef(workflow, workflow.scopeOf(id));
    snapshot.name = workflow.name(id);
    const std::vector<StateId> siblings = workflow.states(workflow.scopeOf(id));
    snapshot.index
        = static_cast<int>(std::find(siblings.begin(), siblings.end(), id) - siblings.begin());
    snapshot.body = workflow.stateJson(id);
    const std::string prefix = workflow.pointer(id);
    std::vector<StateId> pending{id};
    while (!pending.empty()) {
        StateId current = pending.back();
        pending.pop_back();
        if (auto position = document.layout()->position(current))
            snapshot.positions.emplace_back(workflow.pointer(current).substr(prefix.size()),
                                            *position);
        for (ScopeId child : workflow.childScopes(current)) {
            for (StateId inner : workflow.states(child))
                pending.push_back(inner);
        }
    }
    return snapshot;
}

StateId StateSnapshot::restore(Document &document) const
{
    Workflow &workflow = *document.workflow();
    ScopeId scopeId = scope.resolve(workflow);
    if (scopeId == 0)
        return 0;
    auto added = workflow.addState(scopeId, name, body, index);
    if (!added.ok())
        return 0;
    const std::string prefix = workflow.pointer(*added);
    for (const auto &[relative, position] : positions) {
        StateId target = relative.empty() ? *added : workflow.stateAtPointer(prefix + relative);
        if (target != 0)
            document.layout()->setPosition(target, position);
    }
    return *added;
}

namespace JsonEdit {

Json replaceKey(const Json &object, const std::string &oldKey, const std::string &newKey,
                const Json &value)
{
    if (!object.is_object())
        return Json{{newKey, value}};
    Json out = Json::object();
    bool replaced = false;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == oldKey) {
            out[newKey] = value;
            replaced = true;
        } else if (it.key() != newKey) {
            out[it.key()] = it.value();
        } else if (!replaced && !object.contains(oldKey)) {
            out[newKey] = value;
            replaced = true;
        }
    }
    if (!replaced)
        out[newKey] = value;
    return out;
}

Json withoutKey(const Json &object, const std::string &key)
{
    Json out = object;
    if (out.is_object())
        out.erase(key);
    return out;
}

} // namespace JsonEdit

} // namespace Stepwise::Model
