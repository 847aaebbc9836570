#include "model/layout/layout.h"

namespace Stepwise::Model {

Layout::Layout(QObject *parent)
    : QObject(parent)
{}

std::optional<QPointF> Layout::position(StateId id) const
{
    auto it = m_positions.find(id);
    if (it == m_positions.end())
        return std::nullopt;
    return it->second;
}

void Layout::setPosition(StateId id, QPointF position)
{
    m_positions[id] = position;
    Q_EMIT positionChanged(id);
}

void Layout::clearPosition(StateId id)
{
    if (m_positions.erase(id) > 0)
        Q_EMIT positionChanged(id);
}

void Layout::clear()
{
    m_positions.clear();
    Q_EMIT layoutReset();
}

Json Layout::toSidecar(const Workflow &workflow) const
{
    Json states = Json::object();
    for (StateId id : workflow.allStates()) {
        auto it = m_positions.find(id);
        if (it == m_positions.end())
            continue;
        states[workflow.pointer(id)] = Json{{"x", it->second.x()}, {"y", it->second.y()}};
    }
    return Json{{"version", 1}, {"states", states}};
}

void Layout::fromSidecar(const Json &sidecar, const Workflow &workflow)
{
    m_positions.clear();
    if (sidecar.is_object() && sidecar.contains("states") && sidecar["states"].is_object()) {
        const Json &states = sidecar["states"];
        for (auto it = states.begin(); it != states.end(); ++it) {
            const Json &pos = it.value();
            if (!pos.is_object() || !pos.contains("x") || !pos.contains("y")
                || !pos["x"].is_number() || !pos["y"].is_number())
                continue;
            StateId id = workflow.stateAtPointer(it.key());
            if (id != 0 && workflow.pointer(id) == it.key())
                m_positions[id] = QPointF(pos["x"].get<double>(), pos["y"].get<double>());
        }
    }
    Q_EMIT layoutReset();
}

} // namespace Stepwise::Model
