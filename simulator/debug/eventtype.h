#pragma once

#include "simulator/engine/historyevent.h"

#include <string_view>

namespace Stepwise::Sim {

// The one place the debug layer reads or sets an event's type by its AWS name, so a change
// of the engine's representation touches only eventtype.cpp.
std::string_view eventTypeName(const HistoryEvent &event);
// False when `name` is not a history event type the engine knows.
bool setEventType(HistoryEvent &event, std::string_view name);

} // namespace Stepwise::Sim
