#pragma once

#include "model/json/json.h"
#include "simulator/engine/historyevent.h"

#include <string>
#include <string_view>

// Reading history events' details members: shared by the session, the frame builder and the
// history player, which see live and recorded events alike. (Their types are tested by the
// engine's HistoryEventType and its family and action, never by name.)
namespace Stepwise::Sim::EventDetails {

inline bool endsWith(std::string_view text, std::string_view tail)
{
    return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

// The event's details member ({"xxxEventDetails": {...}}), or null.
inline const Model::Json *detailsOf(const HistoryEvent &event)
{
    if (!event.details.is_object() || event.details.empty())
        return nullptr;
    const Model::Json &inner = event.details.begin().value();
    return inner.is_object() ? &inner : nullptr;
}

inline std::string stringField(const Model::Json *details, const char *key)
{
    if (!details)
        return {};
    auto it = details->find(key);
    return it != details->end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace Stepwise::Sim::EventDetails
