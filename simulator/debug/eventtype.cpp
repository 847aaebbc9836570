#include "simulator/debug/eventtype.h"

namespace Stepwise::Sim {

std::string_view eventTypeName(const HistoryEvent &event)
{
    return event.type;
}

bool setEventType(HistoryEvent &event, std::string_view name)
{
    if (name.empty())
        return false;
    event.type = std::string(name);
    return true;
}

} // namespace Stepwise::Sim
