#include "simulator/engine/redrive.h"

namespace Stepwise::Sim {

using Model::Json;

Json RedrivePoint::toJson() const
{
    Json kept = Json::array();
    for (const auto &[index, output] : keptChildren)
        kept.push_back({{"index", index}, {"output", output}});
    Json invocations = Json::object();
    for (const auto &[state, count] : taskInvocations)
        invocations[state] = count;
    return {{"stateName", stateName},
            {"input", input},
            {"variables", variables},
            {"keptChildren", kept},
            {"taskInvocations", invocations}};
}

std::optional<RedrivePoint> RedrivePoint::fromJson(const Json &json)
{
    if (!json.is_object() || !json.contains("stateName") || !json["stateName"].is_string())
        return std::nullopt;
    RedrivePoint point;
    point.stateName = json["stateName"].get<std::string>();
    point.input = json.value("input", Json::object());
    point.variables = json.value("variables", Json::object());
    if (const auto kept = json.find("keptChildren"); kept != json.end() && kept->is_array()) {
        for (const Json &child : *kept) {
            if (child.is_object() && child.contains("index") && child["index"].is_number_integer())
                point.keptChildren.emplace_back(child["index"].get<int>(),
                                                child.value("output", Json()));
        }
    }
    if (const auto calls = json.find("taskInvocations");
        calls != json.end() && calls->is_object()) {
        for (auto it = calls->begin(); it != calls->end(); ++it) {
            if (it->is_number_integer())
                point.taskInvocations[it.key()] = it->get<int>();
        }
    }
    return point;
}

} // namespace Stepwise::Sim
