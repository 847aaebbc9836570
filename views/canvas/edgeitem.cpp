#include "views/canvas/edgeitem.h"

#include "views/canvas/canvasscene.h"
#include "views/canvas/canvasstyle.h"

#include <QFontMetricsF>
#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace Stepwise::Views {

namespace {

constexpr int kMaxLabel = 30;

QString shortened(const std::string &text)
{
    QString label = QString::fromStdString(text);
    if (label.size() > kMaxLabel)
        label = label.left(kMaxLabel - 1) + QChar(0x2026);
    return label;
}

} // namespace

EdgeItem::EdgeItem(Role role, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , m_role(role)
{
    if (role == Role::Transition)
        setFlags(ItemIsSelectable);
    setZValue(0);
}

void EdgeItem::setTransition(Model::StateId from, const Model::Transition &transition)
{
    m_from = from;
    m_to = transition.targetId;
    m_kind = transition.kind;
    m_index = transition.index;
    m_label
        = transition.kind == Model::TransitionKind::Next ? QString() : shortened(transition.label);
    setToolTip(QString::fromStdString(transition.label));
    update();
}

void EdgeItem::setEnds(Model::StateId from, Model::StateId to)
{
    m_from = from;
    m_to = to;
}

void EdgeItem::setRoute(const QPainterPath &route)
{
    prepareGeometryChange();
    m_route = route;
    m_bounds = m_route.boundingRect().adjusted(-8, -8, 8, 8);
    if (!m_label.isEmpty())
        m_bounds = m_bounds.united(labelRect().adjusted(-2, -2, 2, 2));
}

QRectF EdgeItem::labelRect() const
{
    if (m_label.isEmpty() || m_route.isEmpty())
        return {};
    const QFontMetricsF metrics(CanvasStyle::labelFont());
    const QSizeF size(metrics.horizontalAdvance(m_label) + 10, metrics.height() + 4);
    // Labels sit near the start of the edge, where the branches fan out.
    const QPointF at = m_route.pointAtPercent(m_route.length() > 160 ? 0.3 : 0.5);
    return QRectF(at - QPointF(size.width() / 2, size.height() / 2), size);
}

QRectF EdgeItem::gripRect() const
{
    const QPointF end = m_route.currentPosition();
    return QRectF(end - QPointF(6, 6), QSizeF(12, 12));
}

QRectF EdgeItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath EdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    QPainterPath path = stroker.createStroke(m_route);
    if (!m_label.isEmpty())
        path.addRect(labelRect());
    return path;
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    Q_UNUSED(widget);
    if (m_route.isEmpty())
        return;
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    const bool selected = option->state & QStyle::State_Selected;
    QColor color = selected ? palette.color(QPalette::Highlight) : CanvasStyle::edgeColor(palette);
    if (m_kind == Model::TransitionKind::Catch && !selected)
        color = CanvasStyle::accent(Model::StateType::Fail);
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(color, selected ? 2.2 : 1.4);
    if (m_kind == Model::TransitionKind::Catch)
        pen.setStyle(Qt::DashLine);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_route);

    // Arrow head along the final direction.
    const QPointF end = m_route.currentPosition();
    const qreal angle = m_route.angleAtPercent(1.0) * M_PI / 180.0;
    const QPointF direction(std::cos(angle), -std::sin(angle));
    const QPointF normal(-direction.y(), direction.x());
    QPolygonF head;
    head << end << end - direction * 9 + normal * 4.5 << end - direction * 9 - normal * 4.5;
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(head);

    if (!m_label.isEmpty()) {
        const QRectF box = labelRect();
        painter->setPen(QPen(color, 0.8));
        painter->setBrush(palette.color(QPalette::Base));
        painter->drawRoundedRect(box, 4, 4);
        painter->setPen(palette.color(QPalette::Text));
        painter->setFont(CanvasStyle::labelFont());
        painter->drawText(box, Qt::AlignCenter, m_label);
    }
    if (selected && m_role == Role::Transition) {
        painter->setPen(QPen(palette.color(QPalette::Base), 1.5));
        painter->setBrush(palette.color(QPalette::Highlight));
        painter->drawEllipse(gripRect());
    }
}

CanvasScene *EdgeItem::canvas() const
{
    return static_cast<CanvasScene *>(scene());
}

void EdgeItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_role == Role::Transition && isSelected() && event->button() == Qt::LeftButton
        && gripRect().adjusted(-3, -3, 3, 3).contains(mapToParent(event->pos())) && canvas()) {
        m_dragging = true;
        canvas()->beginReconnection(this, event->scenePos());
        event->accept();
        return;
    }
    QGraphicsItem::mousePressEvent(event);
}

void EdgeItem::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_dragging) {
        canvas()->updateConnection(event->scenePos());
        return;
    }
    QGraphicsItem::mouseMoveEvent(event);
}

void EdgeItem::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_dragging) {
        m_dragging = false;
        canvas()->finishConnection(event->scenePos());
        return;
    }
    QGraphicsItem::mouseReleaseEvent(event);
}

void EdgeItem::contextMenuEvent(QGraphicsSceneContextMenuEvent *event)
{
    if (m_role != Role::Transition || !canvas())
        return;
    scene()->clearSelection();
    setSelected(true);
    canvas()->showEdgeMenu(this, event->screenPos());
    event->accept();
}

} // namespace Stepwise::Views
