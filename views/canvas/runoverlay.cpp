#include "views/canvas/runoverlay.h"

#include "views/canvas/breakpointmarkitem.h"
#include "views/canvas/canvasscene.h"
#include "views/canvas/edgeitem.h"
#include "views/canvas/runmarkitem.h"
#include "views/canvas/stateitem.h"
#include "views/canvas/takenedgeitem.h"

namespace Stepwise::Views {

namespace {

template<typename T>
T *childOfType(QGraphicsItem *parent)
{
    const QList<QGraphicsItem *> children = parent->childItems();
    for (QGraphicsItem *child : children) {
        if (auto *item = qgraphicsitem_cast<T *>(child))
            return item;
    }
    return nullptr;
}

} // namespace

RunOverlay::RunOverlay(CanvasScene *scene, QObject *parent)
    : QObject(parent)
    , m_scene(scene)
{
    connect(m_scene, &CanvasScene::layoutUpdated, this, &RunOverlay::apply);
    m_animation.setInterval(16);
    connect(&m_animation, &QTimer::timeout, this, &RunOverlay::animate);
}

RunOverlay::~RunOverlay() = default;

void RunOverlay::setStates(std::unordered_map<Model::StateId, StateRunInfo> states)
{
    // Only the states whose picture changed: those in either map.
    std::set<Model::StateId> touched;
    for (const auto &[id, info] : m_states) {
        auto it = states.find(id);
        if (it == states.end() || !(it->second == info))
            touched.insert(id);
    }
    for (const auto &[id, info] : states) {
        if (!m_states.count(id))
            touched.insert(id);
    }
    m_states = std::move(states);
    for (Model::StateId id : touched) {
        if (StateItem *item = m_scene->stateItem(id))
            applyState(item);
    }
}

StateRunInfo RunOverlay::info(Model::StateId id) const
{
    auto it = m_states.find(id);
    return it == m_states.end() ? StateRunInfo{} : it->second;
}

void RunOverlay::setTakenEdge(Model::StateId from, Model::TransitionKind kind, int index,
                              int animationMs)
{
    m_edge = Edge{from, kind, index};
    m_animationMs = animationMs;
    m_animationClock.start();
    applyEdge();
    if (animationMs > 0)
        m_animation.start();
}

void RunOverlay::clearTakenEdge()
{
    m_edge.reset();
    m_animation.stop();
    applyEdge();
}

EdgeItem *RunOverlay::takenEdge() const
{
    if (!m_edge)
        return nullptr;
    return m_scene->edgeItem(m_edge->from, m_edge->kind, m_edge->index);
}

void RunOverlay::setPath(std::set<Model::StateId> path)
{
    std::set<Model::StateId> touched = m_path;
    touched.insert(path.begin(), path.end());
    m_path = std::move(path);
    for (Model::StateId id : touched) {
        if (StateItem *item = m_scene->stateItem(id))
            applyState(item);
    }
}

void RunOverlay::setBreakpoints(std::map<Model::StateId, BreakpointMark> marks)
{
    std::set<Model::StateId> touched;
    for (const auto &entry : m_breakpoints)
        touched.insert(entry.first);
    for (const auto &entry : marks)
        touched.insert(entry.first);
    m_breakpoints = std::move(marks);
    for (Model::StateId id : touched) {
        if (StateItem *item = m_scene->stateItem(id))
            applyState(item);
    }
}

void RunOverlay::clearRun()
{
    setStates({});
    setPath({});
    clearTakenEdge();
}

void RunOverlay::apply()
{
    // Through the workflow's states and the scene's map: items may have been rebuilt.
    for (Model::StateId id : m_scene->document()->workflow()->allStates()) {
        if (StateItem *item = m_scene->stateItem(id))
            applyState(item);
    }
    applyEdge();
}

void RunOverlay::applyState(StateItem *item)
{
    const Model::StateId id = item->stateId();
    auto info = m_states.find(id);
    const bool onPath = m_path.count(id) > 0;
    RunMarkItem *mark = childOfType<RunMarkItem>(item);
    if (info == m_states.end() && !onPath) {
        delete mark;
    } else {
        if (!mark)
            mark = new RunMarkItem(item);
        mark->syncGeometry();
        mark->setInfo(info == m_states.end() ? StateRunInfo{} : info->second);
        mark->setOnPath(onPath);
    }
    BreakpointMarkItem *dot = childOfType<BreakpointMarkItem>(item);
    auto breakpoint = m_breakpoints.find(id);
    if (breakpoint == m_breakpoints.end()) {
        delete dot;
    } else {
        if (!dot)
            dot = new BreakpointMarkItem(item);
        dot->syncGeometry();
        dot->setMark(breakpoint->second);
    }
}

void RunOverlay::applyEdge()
{
    EdgeItem *wanted = takenEdge();
    // At most one taken edge: remove it from any other edge (also after a rebuild).
    for (EdgeItem *edge : m_scene->edgeItems()) {
        TakenEdgeItem *taken = childOfType<TakenEdgeItem>(edge);
        if (edge != wanted) {
            delete taken;
            continue;
        }
        if (!taken)
            taken = new TakenEdgeItem(edge);
        taken->syncGeometry();
        const qreal progress
            = m_animationMs <= 0 ? 1.0 : qreal(m_animationClock.elapsed()) / m_animationMs;
        taken->setProgress(progress);
    }
}

void RunOverlay::animate()
{
    EdgeItem *edge = takenEdge();
    TakenEdgeItem *taken = edge ? childOfType<TakenEdgeItem>(edge) : nullptr;
    const qreal progress = qreal(m_animationClock.elapsed()) / std::max(1, m_animationMs);
    if (taken)
        taken->setProgress(progress);
    if (!taken || progress >= 1)
        m_animation.stop();
}

} // namespace Stepwise::Views
