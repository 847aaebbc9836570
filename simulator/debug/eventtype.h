#pragma once

#include "simulator/engine/historyevent.h"

#include <string_view>

namespace Stepwise::Sim {

// An event's type by its AWS name: to show it (the history table) and to read it from a
// recorded history (once, as the event is read). Everything else in the debug layer tests
// HistoryEvent::type (eventFamily(), eventAction(), isStateEntered(), isFailureEvent()...).
std::string_view eventTypeName(const HistoryEvent &event);
// False when `name` is not a history event type the engine knows.
bool setEventType(HistoryEvent &event, std::string_view name);

} // namespace Stepwise::Sim
