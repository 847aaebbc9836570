#pragma once

#include "model/commands/stateref.h"
#include "model/document.h"

#include <QPointF>

#include <string>
#include <utility>
#include <vector>

namespace Stepwise::Model {

// Everything needed to re-create a removed state: where it was, its JSON (nested scopes
// included) and the canvas positions of it and of every state inside it.
struct StateSnapshot
{
    ScopeRef scope;
    std::string name;
    int index = -1;
    Json body;
    // Positions keyed by the pointer relative to the state ("" for the state itself).
    std::vector<std::pair<std::string, QPointF>> positions;

    static StateSnapshot take(const Document &document, StateId id);
    // Adds the state back (same name, index, body, positions); returns its new id or 0.
    StateId restore(Document &document) const;
};

// Edits of ASL objects that keep the key order the user wrote.
namespace JsonEdit {
// `object` with `oldKey` replaced in place by `newKey: value` (appended when absent).
Json replaceKey(const Json &object, const std::string &oldKey, const std::string &newKey,
                const Json &value);
Json withoutKey(const Json &object, const std::string &key);
} // namespace JsonEdit

} // namespace Stepwise::Model
