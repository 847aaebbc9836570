#pragma once

#include "model/asl/workflow.h"
#include "views/canvas/runstatus.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <map>
#include <optional>
#include <set>
#include <unordered_map>

namespace Stepwise::Views {

class CanvasScene;
class EdgeItem;
class StateItem;

// A run drawn on the canvas, as the DiagnosticOverlay draws problems: each state's status
// colour, active glow, count badge and countdown; the transition just taken (animated);
// breakpoint dots; the path of the branch or iteration picked in a navigator. It keeps what
// it was given and re-applies it whenever the scene laid itself out again (items are
// rebuilt when the definition changes). Setters touch only the items whose look changed, so
// a run on a large diagram can update it at screen rate.
class RunOverlay : public QObject
{
    Q_OBJECT

  public:
    explicit RunOverlay(CanvasScene *scene, QObject *parent = nullptr);
    ~RunOverlay() override;

    // The run's picture of every state; states left out were not run.
    void setStates(std::unordered_map<Model::StateId, StateRunInfo> states);
    // One state's picture (NotRun when it has none).
    StateRunInfo info(Model::StateId id) const;
    // Animates the edge of `from`'s transition (kind, index as in CanvasScene::edgeItem) over
    // `animationMs`, then keeps it drawn until the next one or clearTakenEdge().
    void setTakenEdge(Model::StateId from, Model::TransitionKind kind, int index = -1,
                      int animationMs = 450);
    void clearTakenEdge();
    // The edge drawn as taken, or nullptr.
    EdgeItem *takenEdge() const;
    // States outlined as one branch's or iteration's path; empty: none.
    void setPath(std::set<Model::StateId> path);
    void setBreakpoints(std::map<Model::StateId, BreakpointMark> marks);
    const std::map<Model::StateId, BreakpointMark> &breakpoints() const { return m_breakpoints; }
    // Forgets the run (breakpoints stay).
    void clearRun();

  private:
    void apply();
    void applyState(StateItem *item);
    void applyEdge();
    void animate();

    CanvasScene *m_scene;
    std::unordered_map<Model::StateId, StateRunInfo> m_states;
    std::set<Model::StateId> m_path;
    std::map<Model::StateId, BreakpointMark> m_breakpoints;
    struct Edge
    {
        Model::StateId from = 0;
        Model::TransitionKind kind = Model::TransitionKind::Next;
        int index = -1;
    };
    std::optional<Edge> m_edge;
    QTimer m_animation;
    QElapsedTimer m_animationClock;
    int m_animationMs = 0;
};

} // namespace Stepwise::Views
