#pragma once

#include "model/asl/workflow.h"

#include <QObject>
#include <QPointF>

#include <optional>
#include <unordered_map>

namespace Stepwise::Model {

// Where the user placed each state on the canvas. Kept out of the ASL: it is saved in the
// sidecar file `<definition>.layout.json`, keyed by each state's JSON pointer so that it
// survives reloading. States without a position are placed by auto-layout.
class Layout : public QObject
{
    Q_OBJECT

  public:
    explicit Layout(QObject *parent = nullptr);

    std::optional<QPointF> position(StateId id) const;
    bool hasPosition(StateId id) const { return m_positions.count(id) > 0; }
    // Emits positionChanged(id).
    void setPosition(StateId id, QPointF position);
    // Emits positionChanged(id).
    void clearPosition(StateId id);
    // Forgets every position. Emits layoutReset().
    void clear();

    // {"version": 1, "states": {"/States/Wait": {"x": 10, "y": 20}, ...}}
    Json toSidecar(const Workflow &workflow) const;
    // Replaces positions from a sidecar; entries naming no state are ignored. Emits layoutReset().
    void fromSidecar(const Json &sidecar, const Workflow &workflow);

  Q_SIGNALS:
    void positionChanged(Stepwise::Model::StateId id);
    void layoutReset();

  private:
    std::unordered_map<StateId, QPointF> m_positions;
};

} // namespace Stepwise::Model
