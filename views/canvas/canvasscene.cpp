#include "views/canvas/canvasscene.h"

#include "views/canvas/canvasstyle.h"
#include "views/canvas/edgeitem.h"
#include "views/canvas/laneitem.h"
#include "views/canvas/markeritem.h"
#include "views/canvas/nameeditor.h"
#include "views/canvas/stateitem.h"
#include "views/canvas/statesummary.h"

#include <QAction>
#include <QElapsedTimer>
#include <QGraphicsPathItem>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QMenu>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <functional>

namespace Stepwise::Views {

using Model::ScopeId;
using Model::StateId;
using Model::StateType;
using Model::TransitionKind;

namespace {

constexpr std::uint64_t kStartKey = 1ull << 62;
constexpr std::uint64_t kEndKey = (1ull << 62) + 1;
constexpr std::uint64_t kStartEdgeKey = 1ull << 61;
constexpr std::uint64_t kEndEdgeBit = 1ull << 60;
constexpr qreal kMarkerGap = 44;

std::uint64_t edgeKey(StateId from, size_t index)
{
    return (static_cast<std::uint64_t>(from) << 16) | index;
}

bool endsExecution(const Model::Workflow &workflow, StateId id)
{
    StateType type = workflow.type(id);
    return type == StateType::Succeed || type == StateType::Fail
           || workflow.field(id, "End") == Model::Json(true);
}

// A route between two rectangles when the auto-layout's does not apply: down when the
// target is below, sideways when beside, around the right side when it goes back up.
QPainterPath fallbackRoute(const QRectF &from, const QRectF &to, bool self)
{
    QPainterPath path;
    if (self) {
        const QPointF start(from.right(), from.center().y() - 8);
        const QPointF end(from.right(), from.center().y() + 8);
        path.moveTo(start);
        path.cubicTo(start + QPointF(50, -30), end + QPointF(50, 30), end);
        return path;
    }
    if (to.top() >= from.bottom() + 8) {
        const QPointF start(from.center().x(), from.bottom());
        const QPointF end(to.center().x(), to.top());
        const qreal dy = (end.y() - start.y()) / 2;
        path.moveTo(start);
        path.cubicTo(start + QPointF(0, dy), end - QPointF(0, dy), end);
        return path;
    }
    if (to.bottom() + 8 <= from.top() || from.intersects(to)) {
        // Back up: leave and enter on the right, bulging out past both.
        const QPointF start(from.right(), from.center().y());
        const QPointF end(to.right(), to.center().y());
        const qreal bulge = std::max(from.right(), to.right()) + 60;
        path.moveTo(start);
        path.cubicTo(QPointF(bulge, start.y()), QPointF(bulge, end.y()), end);
        return path;
    }
    const bool right = to.center().x() > from.center().x();
    const QPointF start(right ? from.right() : from.left(), from.center().y());
    const QPointF end(right ? to.left() : to.right(), to.center().y());
    const qreal dx = (end.x() - start.x()) / 2;
    path.moveTo(start);
    path.cubicTo(start + QPointF(dx, 0), end - QPointF(dx, 0), end);
    return path;
}

} // namespace

CanvasScene::CanvasScene(Model::Document *document, QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
    , m_modeling(document)
{
    // Items move and edges re-route all the time; keeping a BSP tree current costs more
    // than scanning a few thousand bounding rectangles per paint.
    setItemIndexMethod(QGraphicsScene::NoIndex);
    Model::Workflow *workflow = document->workflow();
    connect(workflow, &Model::Workflow::modelReset, this, &CanvasScene::onModelReset);
    connect(workflow, &Model::Workflow::stateAdded, this, &CanvasScene::onStateAdded);
    connect(workflow, &Model::Workflow::stateRemoved, this, &CanvasScene::onStateRemoved);
    connect(workflow, &Model::Workflow::stateChanged, this, &CanvasScene::onStateChanged);
    connect(workflow, &Model::Workflow::stateRenamed, this,
            [this](StateId id, const QString &, const QString &) { onStateRenamed(id); });
    connect(workflow, &Model::Workflow::stateMoved, this, &CanvasScene::onStateMoved);
    connect(workflow, &Model::Workflow::scopeChanged, this, &CanvasScene::onScopeChanged);
    connect(document->layout(), &Model::Layout::positionChanged, this,
            &CanvasScene::onPositionChanged);
    connect(document->layout(), &Model::Layout::layoutReset, this, &CanvasScene::onLayoutReset);
    // Layout work waits until the whole edit is done: one pass per command.
    connect(document->undoStack(), &QUndoStack::indexChanged, this, &CanvasScene::flush);
    rebuild();
}

CanvasScene::~CanvasScene() = default;

StateItem *CanvasScene::stateItem(StateId id) const
{
    auto it = m_states.find(id);
    return it == m_states.end() ? nullptr : it->second;
}

LaneItem *CanvasScene::laneItem(ScopeId scope) const
{
    auto it = m_scopes.find(scope);
    return it == m_scopes.end() ? nullptr : it->second.lane;
}

std::vector<EdgeItem *> CanvasScene::edgeItems() const
{
    std::vector<EdgeItem *> out;
    for (const auto &[scope, view] : m_scopes)
        out.insert(out.end(), view.edges.begin(), view.edges.end());
    return out;
}

EdgeItem *CanvasScene::edgeItem(StateId from, TransitionKind kind, int index) const
{
    auto scope = m_scopes.find(m_document->workflow()->scopeOf(from));
    if (scope == m_scopes.end())
        return nullptr;
    for (EdgeItem *edge : scope->second.edges) {
        if (edge->role() == EdgeItem::Role::Transition && edge->from() == from
            && edge->kind() == kind
            && (edge->index() == index || kind == TransitionKind::Next
                || kind == TransitionKind::Default))
            return edge;
    }
    return nullptr;
}

std::vector<StateId> CanvasScene::selectedStates() const
{
    std::vector<StateId> ids;
    for (QGraphicsItem *item : selectedItems()) {
        if (auto state = qgraphicsitem_cast<StateItem *>(item))
            ids.push_back(state->stateId());
    }
    // Written order, so copies and deletes are stable.
    std::vector<StateId> ordered;
    for (StateId id : m_document->workflow()->allStates()) {
        if (std::find(ids.begin(), ids.end(), id) != ids.end())
            ordered.push_back(id);
    }
    return ordered;
}

void CanvasScene::selectStates(const std::vector<StateId> &ids)
{
    QSignalBlocker blocker(this);
    clearSelection();
    for (StateId id : ids) {
        if (StateItem *item = stateItem(id))
            item->setSelected(true);
    }
    blocker.unblock();
    Q_EMIT selectionChanged();
}

QGraphicsItem *CanvasScene::parentItemFor(ScopeId scope) const
{
    auto it = m_scopes.find(scope);
    return it == m_scopes.end() ? nullptr : it->second.lane;
}

QPointF CanvasScene::contentOffset(ScopeId scope) const
{
    LaneItem *lane = laneItem(scope);
    return lane ? lane->contentOffset() : QPointF();
}

std::pair<ScopeId, QPointF> CanvasScene::scopeAt(QPointF scenePos) const
{
    for (QGraphicsItem *item : items(scenePos)) {
        if (auto lane = qgraphicsitem_cast<LaneItem *>(item))
            return {lane->scopeId(), lane->mapFromScene(scenePos) - lane->contentOffset()};
    }
    return {m_document->workflow()->rootScope(), scenePos};
}

QPointF CanvasScene::scopeToScene(ScopeId scope, QPointF point) const
{
    LaneItem *lane = laneItem(scope);
    return lane ? lane->mapToScene(point + lane->contentOffset()) : point;
}

EdgeItem *CanvasScene::edgeAt(QPointF scenePos) const
{
    for (QGraphicsItem *item : items(scenePos)) {
        if (auto edge = qgraphicsitem_cast<EdgeItem *>(item)) {
            if (edge->role() == EdgeItem::Role::Transition)
                return edge;
        }
        if (qgraphicsitem_cast<StateItem *>(item))
            return nullptr;
    }
    return nullptr;
}

StateItem *CanvasScene::stateAt(QPointF scenePos, const StateItem *ignore) const
{
    for (QGraphicsItem *item : items(scenePos)) {
        auto state = qgraphicsitem_cast<StateItem *>(item);
        if (state && state != ignore)
            return state;
    }
    return nullptr;
}

QPointF CanvasScene::statePosition(StateId id) const
{
    if (auto position = m_document->layout()->position(id))
        return *position;
    auto scope = m_scopes.find(m_document->workflow()->scopeOf(id));
    if (scope != m_scopes.end()) {
        auto it = scope->second.autoLayout.topLeft.find(id);
        if (it != scope->second.autoLayout.topLeft.end())
            return it->second;
    }
    return {};
}

// --- building -----------------------------------------------------------------------------

void CanvasScene::rebuild()
{
    QElapsedTimer timer;
    timer.start();
    clearConnectionDrag();
    m_dragStart.clear();
    clear();
    m_states.clear();
    m_scopes.clear();
    m_startMarker = new MarkerItem(MarkerItem::Kind::Start);
    m_endMarker = new MarkerItem(MarkerItem::Kind::End);
    addItem(m_startMarker);
    addItem(m_endMarker);
    const Model::Workflow &workflow = *m_document->workflow();
    m_scopes[workflow.rootScope()] = ScopeView();
    for (StateId id : workflow.states(workflow.rootScope()))
        createStateItem(id, nullptr);
    for (ScopeId scope : workflow.allScopes())
        markDirty(scope, true);
    flush();
    m_lastLayoutMs = timer.nsecsElapsed() / 1e6;
}

void CanvasScene::createStateItem(StateId id, QGraphicsItem *parent)
{
    const Model::Workflow &workflow = *m_document->workflow();
    auto *item = new StateItem(id, parent);
    if (!parent)
        addItem(item);
    m_states[id] = item;
    updateContent(id);
    for (ScopeId child : workflow.childScopes(id)) {
        auto *lane = new LaneItem(child, QString::fromStdString(workflow.scopeTitle(child)), item);
        ScopeView view;
        view.lane = lane;
        m_scopes[child] = view;
        for (StateId inner : workflow.states(child))
            createStateItem(inner, lane);
        markDirty(child, true);
    }
}

void CanvasScene::destroyStateItem(StateId id)
{
    StateItem *item = stateItem(id);
    if (!item)
        return;
    m_dragStart.erase(item);
    // Forget everything the item takes with it.
    std::vector<QGraphicsItem *> pending{item};
    while (!pending.empty()) {
        QGraphicsItem *current = pending.back();
        pending.pop_back();
        if (auto state = qgraphicsitem_cast<StateItem *>(current)) {
            m_states.erase(state->stateId());
            m_dragStart.erase(state);
        } else if (auto lane = qgraphicsitem_cast<LaneItem *>(current)) {
            m_scopes.erase(lane->scopeId());
            m_dirtyPlacement.erase(lane->scopeId());
            m_dirtyStructure.erase(lane->scopeId());
        }
        for (QGraphicsItem *child : current->childItems())
            pending.push_back(child);
    }
    // Edges of the item's scope may point at it: they are rebuilt, drop them now.
    for (auto &[scope, view] : m_scopes) {
        auto &edges = view.edges;
        edges.erase(std::remove_if(edges.begin(), edges.end(),
                                   [&](EdgeItem *edge) {
                                       if (edge->from() != id && edge->to() != id)
                                           return false;
                                       delete edge;
                                       return true;
                                   }),
                    edges.end());
    }
    delete item;
}

void CanvasScene::updateContent(StateId id)
{
    StateItem *item = stateItem(id);
    if (!item)
        return;
    const Model::Workflow &workflow = *m_document->workflow();
    item->setContent(workflow.type(id), QString::fromStdString(workflow.name(id)),
                     stateSummary(workflow, id));
}

// --- incremental updates ------------------------------------------------------------------

void CanvasScene::markDirty(ScopeId scope, bool structure)
{
    m_dirtyPlacement.insert(scope);
    if (structure)
        m_dirtyStructure.insert(scope);
    scheduleFlush();
}

void CanvasScene::scheduleFlush()
{
    // Edits outside the undo stack (tests, loading) still get laid out.
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    QTimer::singleShot(0, this, [this] {
        if (m_flushScheduled)
            flush();
    });
}

void CanvasScene::flush()
{
    m_flushScheduled = false;
    if (m_dirtyPlacement.empty() && m_dirtyStructure.empty())
        return;
    const Model::Workflow &workflow = *m_document->workflow();
    // Every dirty scope and its ancestors, children before parents: a container's size
    // comes from its lanes.
    std::set<ScopeId> todo;
    for (ScopeId scope : m_dirtyPlacement) {
        for (ScopeId s = scope; s != 0;) {
            if (!todo.insert(s).second)
                break;
            StateId owner = workflow.ownerOf(s);
            s = owner == 0 ? 0 : workflow.scopeOf(owner);
        }
    }
    std::vector<ScopeId> order = workflow.allScopes();
    std::reverse(order.begin(), order.end());
    for (ScopeId scope : order) {
        if (todo.count(scope) > 0 && m_scopes.count(scope) > 0)
            processScope(scope);
    }
    m_dirtyPlacement.clear();
    m_dirtyStructure.clear();
    Q_EMIT layoutUpdated();
}

void CanvasScene::processScope(ScopeId scope)
{
    const Model::Workflow &workflow = *m_document->workflow();
    bool sizesChanged = false;
    for (StateId id : workflow.states(scope)) {
        StateItem *item = stateItem(id);
        if (item && item->isContainer()) {
            const QSizeF before = item->size();
            sizeContainer(id);
            sizesChanged = sizesChanged || before != item->size();
        }
    }
    ScopeView &view = m_scopes[scope];
    const bool structure = m_dirtyStructure.count(scope) > 0;
    if (structure || sizesChanged)
        view.autoValid = false;
    bool needsAuto = false;
    for (StateId id : workflow.states(scope))
        needsAuto = needsAuto || !m_document->layout()->hasPosition(id);
    if (needsAuto && !view.autoValid)
        computeAutoLayout(scope);
    const std::set<StateId> moved = placeItems(scope);
    if (structure || view.edges.empty()) {
        rebuildEdges(scope);
    } else {
        // Only edges whose ends moved need a new route (0 stands for the markers).
        for (EdgeItem *edge : view.edges) {
            if (moved.count(edge->from()) > 0 || moved.count(edge->to()) > 0)
                routeEdge(edge, scope);
        }
    }
    placeLabels(scope);
}

void CanvasScene::placeLabels(ScopeId scope)
{
    const Model::Workflow &workflow = *m_document->workflow();
    ScopeView &view = m_scopes[scope];
    // Boxes to keep clear, bucketed in a coarse grid so big diagrams stay fast.
    constexpr qreal kCell = 160;
    std::unordered_map<std::int64_t, std::vector<QRectF>> grid;
    auto cells = [&](const QRectF &rect, const std::function<void(std::int64_t)> &visit) {
        const auto x0 = static_cast<std::int64_t>(std::floor(rect.left() / kCell));
        const auto x1 = static_cast<std::int64_t>(std::floor(rect.right() / kCell));
        const auto y0 = static_cast<std::int64_t>(std::floor(rect.top() / kCell));
        const auto y1 = static_cast<std::int64_t>(std::floor(rect.bottom() / kCell));
        for (auto x = x0; x <= x1; ++x)
            for (auto y = y0; y <= y1; ++y)
                visit(x * 1000003 + y);
    };
    auto block = [&](const QRectF &rect) {
        cells(rect, [&](std::int64_t cell) { grid[cell].push_back(rect); });
    };
    auto clear = [&](const QRectF &rect) {
        bool free = true;
        cells(rect, [&](std::int64_t cell) {
            auto it = grid.find(cell);
            if (free && it != grid.end())
                free = std::none_of(it->second.begin(), it->second.end(),
                                    [&](const QRectF &other) { return other.intersects(rect); });
        });
        return free;
    };
    for (StateId id : workflow.states(scope)) {
        if (stateItem(id))
            block(nodeRect(id));
    }
    if (!view.lane) {
        for (MarkerItem *marker : {m_startMarker, m_endMarker}) {
            if (marker->isVisible())
                block(QRectF(marker->pos(), MarkerItem::size()));
        }
    }
    constexpr qreal kStep = 8;
    constexpr qreal kReach = 480; // labels stay near where their edge starts
    // Short edges have the fewest places for a label: they choose first.
    std::vector<std::pair<qreal, EdgeItem *>> labelled;
    for (EdgeItem *edge : view.edges) {
        if (!edge->labelRect().isEmpty())
            labelled.emplace_back(edge->routeLength(), edge);
    }
    std::stable_sort(labelled.begin(), labelled.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    for (const auto &[routeLength, edge] : labelled) {
        const QRectF label = edge->labelRect();
        const qreal length = routeLength;
        // Nearest to the edge's own choice first, then further along (or back).
        qreal preferred = 0;
        for (qreal d = 0; d <= std::min(length, kReach); d += 2) {
            if (QLineF(edge->pointAtDistance(d), label.center()).length() < 3) {
                preferred = d;
                break;
            }
        }
        std::vector<qreal> distances;
        for (qreal d = 0; d <= std::min(length, kReach); d += kStep)
            distances.push_back(d);
        std::stable_sort(distances.begin(), distances.end(), [&](qreal a, qreal b) {
            return std::abs(a - preferred) < std::abs(b - preferred);
        });
        std::optional<QPointF> chosen;
        // On the route first; then beside it, where crowded fans leave no room on it.
        for (qreal side : {0.0, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0}) {
            for (qreal d : distances) {
                const QPointF at
                    = edge->pointAtDistance(d) + QPointF(side * (label.width() / 2 + 6), 0);
                const QRectF rect = QRectF(label).translated(at - label.center());
                if (clear(rect.adjusted(-2, -2, 2, 2))) {
                    chosen = at;
                    break;
                }
            }
            if (chosen)
                break;
        }
        if (chosen)
            edge->setLabelCentre(*chosen);
        block(edge->labelRect());
    }
}

void CanvasScene::computeAutoLayout(ScopeId scope)
{
    const Model::Workflow &workflow = *m_document->workflow();
    const bool root = scope == workflow.rootScope();
    GraphLayoutInput input;
    const std::vector<StateId> states = workflow.states(scope);
    if (root && !states.empty())
        input.nodes.push_back({kStartKey, MarkerItem::size()});
    bool anyEnd = false;
    for (StateId id : states) {
        StateItem *item = stateItem(id);
        input.nodes.push_back({id, item ? item->size() : CanvasStyle::nodeSize(StateType::Pass)});
        const auto transitions = workflow.transitions(id);
        for (size_t i = 0; i < transitions.size(); ++i) {
            if (transitions[i].targetId != 0)
                input.edges.push_back({edgeKey(id, i), id, transitions[i].targetId});
        }
        if (root && endsExecution(workflow, id)) {
            input.edges.push_back({kEndEdgeBit | id, id, kEndKey});
            anyEnd = true;
        }
    }
    if (root && anyEnd)
        input.nodes.push_back({kEndKey, MarkerItem::size()});
    if (root) {
        StateId start = workflow.findState(scope, workflow.startAt(scope));
        if (start != 0)
            input.edges.push_back({kStartEdgeKey, kStartKey, start});
    }
    ScopeView &view = m_scopes[scope];
    view.autoLayout = layoutGraph(input);
    view.autoValid = true;
}

std::set<StateId> CanvasScene::placeItems(ScopeId scope)
{
    std::set<StateId> moved;
    const QPointF startBefore = m_startMarker->pos();
    const QPointF endBefore = m_endMarker->pos();
    const Model::Workflow &workflow = *m_document->workflow();
    ScopeView &view = m_scopes[scope];
    const std::vector<StateId> states = workflow.states(scope);
    m_placing = true;
    QRectF bounds;
    for (StateId id : states) {
        if (StateItem *item = stateItem(id))
            bounds = bounds.united(QRectF(statePosition(id), item->size()));
    }
    const QPointF offsetBefore = contentOffset(scope);
    if (view.lane) {
        const qreal pad = CanvasStyle::kLanePadding;
        if (states.empty())
            bounds = QRectF(0, 0, CanvasStyle::kTerminalWidth, 40);
        view.lane->setContentOffset(QPointF(pad, CanvasStyle::kLaneTitleHeight + pad)
                                    - bounds.topLeft());
        view.lane->setSize(QSizeF(std::max(bounds.width() + 2 * pad, 180.0),
                                  bounds.height() + 2 * pad + CanvasStyle::kLaneTitleHeight));
        const qreal extra = std::max(0.0, 180.0 - (bounds.width() + 2 * pad)) / 2;
        view.lane->setContentOffset(view.lane->contentOffset() + QPointF(extra, 0));
    }
    const QPointF offset = contentOffset(scope);
    for (StateId id : states) {
        StateItem *item = stateItem(id);
        if (!item)
            continue;
        const QPointF target = statePosition(id) + offset;
        if (item->pos() != target || offset != offsetBefore) {
            item->setPos(target);
            moved.insert(id);
        }
    }
    if (workflow.rootScope() == scope) {
        const StateId start = workflow.findState(scope, workflow.startAt(scope));
        m_startMarker->setVisible(start != 0);
        bool allAuto = true;
        bool anyEnd = false;
        for (StateId id : states) {
            allAuto = allAuto && !m_document->layout()->hasPosition(id);
            anyEnd = anyEnd || endsExecution(workflow, id);
        }
        m_endMarker->setVisible(anyEnd);
        const auto &autoPos = view.autoLayout.topLeft;
        const QSizeF marker = MarkerItem::size();
        if (allAuto && autoPos.count(kStartKey) > 0)
            m_startMarker->setPos(autoPos.at(kStartKey));
        else if (start != 0)
            m_startMarker->setPos(nodeRect(start).center().x() - marker.width() / 2,
                                  nodeRect(start).top() - kMarkerGap - marker.height());
        if (allAuto && autoPos.count(kEndKey) > 0)
            m_endMarker->setPos(autoPos.at(kEndKey));
        else
            m_endMarker->setPos(bounds.center().x() - marker.width() / 2,
                                bounds.bottom() + kMarkerGap);
        if (m_startMarker->pos() != startBefore || m_endMarker->pos() != endBefore)
            moved.insert(0);
    }
    m_placing = false;
    return moved;
}

void CanvasScene::sizeContainer(StateId id)
{
    StateItem *item = stateItem(id);
    if (!item)
        return;
    qreal x = CanvasStyle::kLaneGap;
    qreal height = 0;
    for (ScopeId child : m_document->workflow()->childScopes(id)) {
        LaneItem *lane = laneItem(child);
        if (!lane)
            continue;
        lane->setPos(x, CanvasStyle::kHeaderHeight + CanvasStyle::kLaneGap / 2);
        x += lane->size().width() + CanvasStyle::kLaneGap;
        height = std::max(height, lane->size().height());
    }
    item->setSize(QSizeF(std::max(x, CanvasStyle::kStateWidth),
                         CanvasStyle::kHeaderHeight + height + CanvasStyle::kLaneGap * 1.5));
}

QRectF CanvasScene::nodeRect(StateId id) const
{
    StateItem *item = stateItem(id);
    return item ? QRectF(item->pos(), item->size()) : QRectF();
}

void CanvasScene::rebuildEdges(ScopeId scope)
{
    const Model::Workflow &workflow = *m_document->workflow();
    ScopeView &view = m_scopes[scope];
    for (EdgeItem *edge : view.edges)
        delete edge;
    view.edges.clear();
    QGraphicsItem *parent = parentItemFor(scope);
    auto add = [&](EdgeItem *edge) {
        if (!parent)
            addItem(edge);
        view.edges.push_back(edge);
        routeEdge(edge, scope);
    };
    for (StateId id : workflow.states(scope)) {
        const auto transitions = workflow.transitions(id);
        for (const Model::Transition &transition : transitions) {
            if (transition.targetId == 0 || !stateItem(transition.targetId))
                continue;
            auto *edge = new EdgeItem(EdgeItem::Role::Transition, parent);
            edge->setTransition(id, transition);
            add(edge);
        }
        if (!parent && endsExecution(workflow, id)) {
            auto *edge = new EdgeItem(EdgeItem::Role::ToEnd);
            edge->setEnds(id, 0);
            add(edge);
        }
    }
    if (!parent) {
        StateId start = workflow.findState(scope, workflow.startAt(scope));
        if (start != 0) {
            auto *edge = new EdgeItem(EdgeItem::Role::FromStart);
            edge->setEnds(0, start);
            add(edge);
        }
    }
}

void CanvasScene::routeEdge(EdgeItem *edge, ScopeId scope)
{
    const Model::Workflow &workflow = *m_document->workflow();
    const ScopeView &view = m_scopes[scope];
    const QPointF offset = contentOffset(scope);
    auto atAuto = [&](StateId id) {
        if (m_document->layout()->hasPosition(id))
            return false;
        auto it = view.autoLayout.topLeft.find(id);
        StateItem *item = stateItem(id);
        return item && it != view.autoLayout.topLeft.end() && item->pos() == it->second + offset;
    };
    std::uint64_t key = 0;
    QRectF from, to;
    bool autoEnds = false;
    switch (edge->role()) {
    case EdgeItem::Role::Transition: {
        const auto transitions = workflow.transitions(edge->from());
        for (size_t i = 0; i < transitions.size(); ++i) {
            if (transitions[i].kind == edge->kind() && transitions[i].index == edge->index())
                key = edgeKey(edge->from(), i);
        }
        from = nodeRect(edge->from());
        to = nodeRect(edge->to());
        autoEnds = atAuto(edge->from()) && atAuto(edge->to());
        break;
    }
    case EdgeItem::Role::FromStart:
        key = kStartEdgeKey;
        from = QRectF(m_startMarker->pos(), MarkerItem::size());
        to = nodeRect(edge->to());
        autoEnds = atAuto(edge->to()) && view.autoLayout.topLeft.count(kStartKey) > 0
                   && m_startMarker->pos() == view.autoLayout.topLeft.at(kStartKey);
        break;
    case EdgeItem::Role::ToEnd:
        key = kEndEdgeBit | edge->from();
        from = nodeRect(edge->from());
        to = QRectF(m_endMarker->pos(), MarkerItem::size());
        autoEnds = atAuto(edge->from()) && view.autoLayout.topLeft.count(kEndKey) > 0
                   && m_endMarker->pos() == view.autoLayout.topLeft.at(kEndKey);
        break;
    }
    auto route = view.autoLayout.routes.find(key);
    if (autoEnds && route != view.autoLayout.routes.end() && route->second.size() >= 4) {
        const QPolygonF &points = route->second;
        QPainterPath path(points[0] + offset);
        for (int i = 1; i + 2 < points.size(); i += 3)
            path.cubicTo(points[i] + offset, points[i + 1] + offset, points[i + 2] + offset);
        edge->setRoute(path);
        return;
    }
    edge->setRoute(fallbackRoute(from, to, edge->from() == edge->to() && edge->from() != 0));
}

// --- model signals --------------------------------------------------------------------------

void CanvasScene::onModelReset()
{
    rebuild();
}

void CanvasScene::onStateAdded(StateId id)
{
    const Model::Workflow &workflow = *m_document->workflow();
    ScopeId scope = workflow.scopeOf(id);
    if (m_scopes.count(scope) == 0)
        return;
    createStateItem(id, parentItemFor(scope));
    markDirty(scope, true);
}

void CanvasScene::onStateRemoved(StateId id, ScopeId scope)
{
    destroyStateItem(id);
    if (m_scopes.count(scope) > 0)
        markDirty(scope, true);
}

void CanvasScene::onStateChanged(StateId id)
{
    const Model::Workflow &workflow = *m_document->workflow();
    StateItem *item = stateItem(id);
    if (!item)
        return;
    ScopeId scope = workflow.scopeOf(id);
    // Rebuilt nested scopes get new ids: re-create the container's inside.
    std::vector<ScopeId> lanes;
    for (QGraphicsItem *child : item->childItems()) {
        if (auto lane = qgraphicsitem_cast<LaneItem *>(child))
            lanes.push_back(lane->scopeId());
    }
    if (lanes != workflow.childScopes(id) || workflow.type(id) != item->stateType()) {
        const bool selected = item->isSelected();
        destroyStateItem(id);
        createStateItem(id, parentItemFor(scope));
        if (selected)
            stateItem(id)->setSelected(true);
    } else {
        updateContent(id);
    }
    markDirty(scope, true);
}

void CanvasScene::onStateRenamed(StateId id)
{
    updateContent(id);
    // The item's width follows its name, and the layout its width.
    markDirty(m_document->workflow()->scopeOf(id), true);
}

void CanvasScene::onStateMoved(StateId id)
{
    markDirty(m_document->workflow()->scopeOf(id), true);
}

void CanvasScene::onScopeChanged(ScopeId scope)
{
    if (m_scopes.count(scope) > 0)
        markDirty(scope, true);
}

void CanvasScene::onPositionChanged(StateId id)
{
    if (stateItem(id))
        markDirty(m_document->workflow()->scopeOf(id), false);
}

void CanvasScene::onLayoutReset()
{
    for (ScopeId scope : m_document->workflow()->allScopes())
        markDirty(scope, false);
}

// --- edits ------------------------------------------------------------------------------------

StateId CanvasScene::addState(StateType type, ScopeId scope, QPointF topLeft)
{
    Model::Result<StateId> added = m_modeling.addState(scope, type, topLeft);
    if (!added)
        return 0;
    selectStates({*added});
    return *added;
}

StateId CanvasScene::insertOnEdge(EdgeItem *edge, StateType type, std::optional<QPointF> topLeft)
{
    if (!edge || edge->role() != EdgeItem::Role::Transition)
        return 0;
    Model::Result<StateId> added
        = m_modeling.insertOnEdge(edge->from(), edge->kind(), edge->index(), type, topLeft);
    if (!added)
        return 0;
    selectStates({*added});
    return *added;
}

void CanvasScene::deleteSelection()
{
    std::vector<StateId> states = selectedStates();
    if (!states.empty()) {
        m_modeling.remove(states);
        return;
    }
    for (QGraphicsItem *item : selectedItems()) {
        if (auto edge = qgraphicsitem_cast<EdgeItem *>(item)) {
            disconnect(edge);
            return;
        }
    }
}

void CanvasScene::renameState(StateId id, const QString &name)
{
    m_modeling.rename(id, name.toStdString());
}

void CanvasScene::connectStates(StateId from, StateId to, TransitionKind kind)
{
    m_modeling.connect(from, to, kind);
}

void CanvasScene::reconnect(EdgeItem *edge, StateId target)
{
    if (!edge || edge->role() != EdgeItem::Role::Transition)
        return;
    m_modeling.reconnect(edge->from(), edge->kind(), edge->index(), target);
}

void CanvasScene::disconnect(EdgeItem *edge)
{
    if (!edge || edge->role() != EdgeItem::Role::Transition)
        return;
    m_modeling.disconnect(edge->from(), edge->kind(), edge->index());
}

void CanvasScene::setStart(StateId id)
{
    m_modeling.setStart(id);
}

void CanvasScene::addRetry(StateId id)
{
    m_modeling.addRetrier(id);
}

void CanvasScene::autoLayout()
{
    m_modeling.autoLayout();
}

void CanvasScene::beginRename(StateId id)
{
    StateItem *item = stateItem(id);
    if (!item)
        return;
    if (auto editor = static_cast<NameEditor *>(m_renameEditor.data()))
        editor->finish(true);
    auto *editor = new NameEditor(
        item->name(), [this, id](const QString &name) { renameState(id, name); }, item);
    const QRectF area = item->nameRect();
    editor->setPos(area.topLeft() - QPointF(4, 4));
    editor->setTextWidth(area.width());
    m_renameEditor = editor;
    clearSelection();
    item->setSelected(true);
    editor->setFocus(Qt::OtherFocusReason);
}

} // namespace Stepwise::Views
