#include "simulator/debug/eventtype.h"

namespace Stepwise::Sim {

std::string_view eventTypeName(const HistoryEvent &event)
{
    return event.typeName();
}

bool setEventType(HistoryEvent &event, std::string_view name)
{
    const auto type = historyEventTypeFromString(name);
    if (!type)
        return false;
    event.type = *type;
    return true;
}

} // namespace Stepwise::Sim
