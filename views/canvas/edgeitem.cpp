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
    setFlag(ItemUsesExtendedStyleOption); // paint() culls by the exposed rectangle
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
    m_labelRect = QRectF();
    m_head.clear();
    m_shape = QPainterPath();
    m_runs.clear();
    if (m_route.isEmpty())
        return;
    constexpr int kRunPoints = 24;
    qreal travelled = 0;
    for (const QPolygonF &flat : m_route.toSubpathPolygons()) {
        // Short segments, so that runs are small and culling works on long straight parts.
        QPolygonF polygon;
        for (int i = 0; i < flat.size(); ++i) {
            if (i > 0) {
                const QLineF segment(flat[i - 1], flat[i]);
                const int pieces = static_cast<int>(segment.length() / 48);
                for (int piece = 1; piece <= pieces; ++piece)
                    polygon << segment.pointAt(qreal(piece) / (pieces + 1));
            }
            polygon << flat[i];
        }
        for (int first = 0; first + 1 < polygon.size(); first += kRunPoints - 1) {
            const int count = std::min<int>(kRunPoints, static_cast<int>(polygon.size()) - first);
            Run run{polygon.mid(first, count), QRectF(), travelled};
            run.bounds = run.points.boundingRect().adjusted(-3, -3, 3, 3);
            for (int i = 1; i < run.points.size(); ++i)
                travelled += QLineF(run.points[i - 1], run.points[i]).length();
            m_runs.push_back(std::move(run));
        }
    }
    const qreal length = m_route.length();
    if (!m_label.isEmpty()) {
        const QFontMetricsF metrics(CanvasStyle::labelFont());
        const QSizeF size(metrics.horizontalAdvance(m_label) + 10, metrics.height() + 4);
        // Labels sit near the start of long edges, where the branches fan out.
        const QPointF at = m_route.pointAtPercent(
            length > 160 ? m_route.percentAtLength(std::min(length * 0.3, 90.0)) : 0.5);
        m_labelRect = QRectF(at - QPointF(size.width() / 2, size.height() / 2), size);
        m_bounds = m_bounds.united(m_labelRect.adjusted(-2, -2, 2, 2));
    }
    const QPointF end = m_route.currentPosition();
    const qreal angle = m_route.angleAtPercent(1.0) * M_PI / 180.0;
    const QPointF direction(std::cos(angle), -std::sin(angle));
    const QPointF normal(-direction.y(), direction.x());
    m_head << end << end - direction * 9 + normal * 4.5 << end - direction * 9 - normal * 4.5;
}

void EdgeItem::setLabelCentre(QPointF centre)
{
    if (m_labelRect.isEmpty() || m_labelRect.center() == centre)
        return;
    prepareGeometryChange();
    m_labelRect.moveCenter(centre);
    m_bounds = m_bounds.united(m_labelRect.adjusted(-2, -2, 2, 2));
    m_shape = QPainterPath();
}

qreal EdgeItem::routeLength() const
{
    if (m_runs.empty())
        return 0;
    const Run &last = m_runs.back();
    qreal length = last.offset;
    for (int i = 1; i < last.points.size(); ++i)
        length += QLineF(last.points[i - 1], last.points[i]).length();
    return length;
}

QPointF EdgeItem::pointAtDistance(qreal distance) const
{
    for (const Run &run : m_runs) {
        qreal travelled = run.offset;
        for (int i = 1; i < run.points.size(); ++i) {
            const QLineF segment(run.points[i - 1], run.points[i]);
            if (travelled + segment.length() >= distance && segment.length() > 0)
                return segment.pointAt((distance - travelled) / segment.length());
            travelled += segment.length();
        }
    }
    return m_route.currentPosition();
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
    if (m_shape.isEmpty() && !m_route.isEmpty()) {
        QPainterPathStroker stroker;
        stroker.setWidth(10);
        m_shape = stroker.createStroke(m_route);
        if (!m_label.isEmpty())
            m_shape.addRect(labelRect());
    }
    return m_shape;
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
    // One unit wide: up to 100% zoom Qt strokes such lines (dashed too) with its fast
    // thin-line rasteriser, which makes big graphs paint several times faster than 1.4.
    QPen pen(color, selected ? 2.2 : 1.0);
    // Dashes shorter than a pixel are invisible and costly: far out, Catch edges go solid.
    const qreal detail = option->levelOfDetailFromTransform(painter->worldTransform());
    if (m_kind == Model::TransitionKind::Catch && detail >= 0.35)
        pen.setStyle(Qt::DashLine);
    painter->setBrush(Qt::NoBrush);
    QRectF exposed = option->exposedRect.isEmpty() ? m_bounds : option->exposedRect;
    // The exposed rectangle is the whole item when the scene renders into an image (minimap,
    // export); the clip bounds it then. Not the device's size: a view inside a window paints
    // redirected into the window with an offset (and scaled on high-DPI screens), and such a
    // bound cut off lines in the view's right and bottom parts while arrowheads still showed.
    if (painter->hasClipping())
        exposed &= painter->clipBoundingRect().adjusted(-4, -4, 4, 4);
    for (const Run &run : m_runs) {
        if (!run.bounds.intersects(exposed))
            continue;
        // Dashes continue across runs.
        pen.setDashOffset(run.offset / pen.widthF());
        painter->setPen(pen);
        painter->drawPolyline(run.points);
    }

    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(m_head);

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

QVariant EdgeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    // A selected edge comes to the front so its end grip can be grabbed over the state.
    if (change == ItemSelectedHasChanged)
        setZValue(value.toBool() ? 3 : 0);
    return QGraphicsItem::itemChange(change, value);
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
