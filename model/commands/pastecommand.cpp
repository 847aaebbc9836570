#include "model/commands/pastecommand.h"

#include "model/commands/addstatecommand.h"
#include "model/commands/statesnapshot.h"

#include <QCoreApplication>

#include <set>

namespace Stepwise::Model {

PasteCommand::PasteCommand(Document *document, ScopeId scope, const Json &fragment,
                           const std::map<std::string, QPointF> &positions, QUndoCommand *parent)
    : QUndoCommand(parent)
{
    const Workflow &workflow = *document->workflow();
    const Json states
        = fragment.is_object() && fragment.contains("States") && fragment["States"].is_object()
              ? fragment["States"]
              : Json::object();
    std::map<std::string, std::string> renamed;
    std::set<std::string> taken;
    for (auto it = states.begin(); it != states.end(); ++it) {
        std::string candidate = it.key();
        for (int n = 2; workflow.findState(scope, candidate) != 0 || taken.count(candidate) > 0;
             ++n)
            candidate = it.key() + " " + std::to_string(n);
        taken.insert(candidate);
        renamed[it.key()] = candidate;
    }
    auto retarget = [&](Json &holder, const char *key, bool endWhenOutside) {
        if (!holder.is_object() || !holder.contains(key) || !holder[key].is_string())
            return;
        const std::string target = holder[key].get<std::string>();
        auto it = renamed.find(target);
        if (it != renamed.end())
            holder[key] = it->second;
        else if (endWhenOutside && workflow.findState(scope, target) == 0)
            holder = JsonEdit::replaceKey(holder, key, "End", true);
    };
    for (auto it = states.begin(); it != states.end(); ++it) {
        Json body = it.value();
        retarget(body, "Next", true);
        retarget(body, "Default", false);
        for (const char *list : {"Choices", "Catch"}) {
            if (body.is_object() && body.contains(list) && body[list].is_array()) {
                for (Json &entry : body[list])
                    retarget(entry, "Next", false);
            }
        }
        std::optional<QPointF> position;
        if (auto found = positions.find(it.key()); found != positions.end())
            position = found->second;
        new AddStateCommand(document, scope, renamed[it.key()], body, position, -1, this);
    }
    setText(QCoreApplication::translate("Stepwise", "Paste %n states", nullptr,
                                        static_cast<int>(renamed.size())));
    if (renamed.empty())
        setObsolete(true);
}

std::vector<StateId> PasteCommand::stateIds() const
{
    std::vector<StateId> ids;
    for (int i = 0; i < childCount(); ++i) {
        if (StateId id = static_cast<const AddStateCommand *>(child(i))->stateId())
            ids.push_back(id);
    }
    return ids;
}

std::vector<std::string> PasteCommand::stateNames() const
{
    std::vector<std::string> names;
    for (int i = 0; i < childCount(); ++i)
        names.push_back(static_cast<const AddStateCommand *>(child(i))->name());
    return names;
}

} // namespace Stepwise::Model
