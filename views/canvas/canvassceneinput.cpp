// The scene's direct interaction: dragging states, drawing and re-drawing connections with the
// mouse, and the context menus of states and edges. Every edit goes through Modeling.
#include "views/canvas/canvasscene.h"

#include "views/canvas/canvasstyle.h"
#include "views/canvas/edgeitem.h"
#include "views/canvas/laneitem.h"
#include "views/canvas/markeritem.h"
#include "views/canvas/nameeditor.h"
#include "views/canvas/stateitem.h"

#include <QAction>
#include <QGraphicsPathItem>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QMenu>

namespace Stepwise::Views {

using Model::ScopeId;
using Model::StateId;
using Model::StateType;
using Model::TransitionKind;

void CanvasScene::stateItemMoved(StateItem *item)
{
    if (m_placing)
        return;
    const Model::Workflow &workflow = *m_document->workflow();
    ScopeId scope = workflow.scopeOf(item->stateId());
    auto it = m_scopes.find(scope);
    if (it == m_scopes.end())
        return;
    for (EdgeItem *edge : it->second.edges) {
        if (edge->from() == item->stateId() || edge->to() == item->stateId())
            routeEdge(edge, scope);
    }
}

void CanvasScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsScene::mousePressEvent(event);
    m_dragStart.clear();
    if (event->button() != Qt::LeftButton)
        return;
    for (QGraphicsItem *item : selectedItems()) {
        if (auto state = qgraphicsitem_cast<StateItem *>(item))
            m_dragStart[state] = state->pos();
    }
}

void CanvasScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsScene::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton || m_dragStart.empty())
        return;
    std::map<StateId, std::optional<QPointF>> positions;
    const Model::Workflow &workflow = *m_document->workflow();
    for (const auto &[item, start] : m_dragStart) {
        if (item->pos() == start)
            continue;
        const StateId id = item->stateId();
        positions[id] = item->pos() - contentOffset(workflow.scopeOf(id));
    }
    m_dragStart.clear();
    if (!positions.empty())
        m_modeling.move(positions);
}

void CanvasScene::beginConnection(StateItem *from, QPointF scenePos)
{
    clearConnectionDrag();
    m_connectFrom = from->stateId();
    m_reconnecting = false;
    m_connectStart = from->mapToScene(from->handleRect().center());
    m_connectLine = addPath(QPainterPath());
    QPen pen(palette().color(QPalette::Highlight), 1.5, Qt::DashLine);
    m_connectLine->setPen(pen);
    m_connectLine->setZValue(20);
    updateConnection(scenePos);
}

void CanvasScene::beginReconnection(EdgeItem *edge, QPointF scenePos)
{
    clearConnectionDrag();
    m_connectFrom = edge->from();
    m_connectKind = edge->kind();
    m_connectIndex = edge->index();
    m_reconnecting = true;
    m_connectStart = edge->mapToScene(edge->route().pointAtPercent(0));
    // Faded, not hidden: hiding would take the mouse grab away from it.
    edge->setOpacity(0.3);
    m_connectLine = addPath(QPainterPath());
    m_connectLine->setPen(QPen(palette().color(QPalette::Highlight), 1.5, Qt::DashLine));
    m_connectLine->setZValue(20);
    updateConnection(scenePos);
}

void CanvasScene::updateConnection(QPointF scenePos)
{
    if (!m_connectLine)
        return;
    QPainterPath path(m_connectStart);
    const qreal dy = std::max(40.0, (scenePos.y() - m_connectStart.y()) / 2);
    path.cubicTo(m_connectStart + QPointF(0, dy), scenePos - QPointF(0, dy), scenePos);
    m_connectLine->setPath(path);
}

void CanvasScene::finishConnection(QPointF scenePos)
{
    const StateId from = m_connectFrom;
    const bool reconnecting = m_reconnecting;
    const TransitionKind kind = m_connectKind;
    const int index = m_connectIndex;
    clearConnectionDrag();
    StateItem *target = stateAt(scenePos);
    const Model::Workflow &workflow = *m_document->workflow();
    if (!target || from == 0 || !workflow.contains(from)
        || workflow.scopeOf(target->stateId()) != workflow.scopeOf(from)) {
        flush();
        for (EdgeItem *edge : edgeItems())
            edge->setOpacity(1);
        return;
    }
    if (reconnecting) {
        m_modeling.reconnect(from, kind, index, target->stateId());
    } else {
        connectStates(from, target->stateId());
    }
    for (EdgeItem *edge : edgeItems())
        edge->setOpacity(1);
}

void CanvasScene::clearConnectionDrag()
{
    delete m_connectLine;
    m_connectLine = nullptr;
    m_connectFrom = 0;
    m_connectKind = TransitionKind::Next;
    m_connectIndex = -1;
    m_reconnecting = false;
}

void CanvasScene::showStateMenu(StateId id, const QPoint &screenPos)
{
    const Model::Workflow &workflow = *m_document->workflow();
    if (!workflow.contains(id))
        return;
    const StateType type = workflow.type(id);
    const ScopeId scope = workflow.scopeOf(id);
    const Model::Rules rules = m_modeling.rules();
    QMenu menu;
    menu.addAction(tr("Rename"), this, [this, id] { beginRename(id); });
    menu.addAction(tr("Delete"), this, [this] { deleteSelection(); });
    QAction *start = menu.addAction(tr("Set as start"), this, [this, id] { setStart(id); });
    start->setEnabled(rules.canSetStart(id).ok());
    menu.addSeparator();
    auto addTargets = [&](QMenu *sub, TransitionKind kind) {
        for (StateId other : workflow.states(scope)) {
            if (other == id && kind != TransitionKind::Next)
                continue;
            sub->addAction(QString::fromStdString(workflow.name(other)), this,
                           [this, id, other, kind] { connectStates(id, other, kind); });
        }
    };
    if (rules.canHaveTransition(id, TransitionKind::Next))
        addTargets(menu.addMenu(type == StateType::Choice ? tr("Add rule to") : tr("Next")),
                   type == StateType::Choice ? TransitionKind::ChoiceRule : TransitionKind::Next);
    if (type == StateType::Choice)
        addTargets(menu.addMenu(tr("Default to")), TransitionKind::Default);
    if (rules.canHaveTransition(id, TransitionKind::Catch)) {
        addTargets(menu.addMenu(tr("Add catch to")), TransitionKind::Catch);
        menu.addAction(tr("Add retry"), this, [this, id] { addRetry(id); });
    }
    // The window's actions on the selection (Group into Parallel / Map) that ask to be here.
    bool separated = false;
    for (QGraphicsView *view : views()) {
        for (QAction *action : view->actions()) {
            if (!action->property("stateMenu").toBool())
                continue;
            if (!separated)
                menu.addSeparator();
            separated = true;
            menu.addAction(action);
        }
    }
    menu.exec(screenPos);
}

void CanvasScene::showEdgeMenu(EdgeItem *edge, const QPoint &screenPos)
{
    QMenu menu;
    const StateId from = edge->from();
    const TransitionKind kind = edge->kind();
    const int index = edge->index();
    QMenu *insert = menu.addMenu(tr("Insert state"));
    for (StateType type : Model::allStateTypes) {
        insert->addAction(
            QString::fromUtf8(Model::toString(type).data()), this,
            [this, from, kind, index, type] { insertOnEdge(edgeItem(from, kind, index), type); });
    }
    menu.addAction(tr("Delete transition"), this,
                   [this, from, kind, index] { disconnect(edgeItem(from, kind, index)); });
    menu.exec(screenPos);
}

} // namespace Stepwise::Views
