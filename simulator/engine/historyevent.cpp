#include "simulator/engine/historyevent.h"

#include "simulator/engine/timestamp.h"

namespace Stepwise::Sim {

Model::Json HistoryEvent::toJson() const
{
    Model::Json out = Model::Json::object();
    std::string stamp = formatTimestampMillis(timestampMillis);
    // The AWS CLI prints timestamps with an explicit UTC offset.
    stamp.pop_back();
    out["timestamp"] = stamp + "000+00:00";
    out["type"] = type;
    out["id"] = id;
    out["previousEventId"] = previousEventId;
    for (auto it = details.begin(); it != details.end(); ++it)
        out[it.key()] = it.value();
    return out;
}

std::string HistoryEvent::stateName() const
{
    for (const char *key : {"stateEnteredEventDetails", "stateExitedEventDetails"}) {
        auto it = details.find(key);
        if (it != details.end() && it->contains("name"))
            return it->at("name").get<std::string>();
    }
    return {};
}

} // namespace Stepwise::Sim
