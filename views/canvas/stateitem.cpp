#include "views/canvas/stateitem.h"

#include "views/canvas/canvasscene.h"
#include "views/canvas/canvasstyle.h"

#include <QFontMetricsF>
#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>

namespace Stepwise::Views {

using Model::StateType;

StateItem::StateItem(Model::StateId id, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , m_id(id)
{
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges | ItemIsFocusable);
    setAcceptHoverEvents(true);
    setZValue(1);
}

void StateItem::setContent(StateType stateType, const QString &name, const QString &summary)
{
    m_type = stateType;
    m_name = name;
    m_summary = summary;
    if (!isContainer()) {
        // Wide enough for the name (within reason), so names are rarely cut short.
        const QSizeF base = CanvasStyle::nodeSize(stateType);
        const qreal text
            = std::max(QFontMetricsF(CanvasStyle::nameFont()).horizontalAdvance(name),
                       QFontMetricsF(CanvasStyle::summaryFont()).horizontalAdvance(summary));
        setSize(QSizeF(std::clamp(text + 64, base.width(), 320.0), base.height()));
    }
    setToolTip(summary.isEmpty() ? name : name + QLatin1Char('\n') + summary);
    update();
}

bool StateItem::isContainer() const
{
    return m_type == StateType::Parallel || m_type == StateType::Map;
}

void StateItem::setSize(const QSizeF &size)
{
    if (size == m_size)
        return;
    prepareGeometryChange();
    m_size = size;
}

QRectF StateItem::nameRect() const
{
    const qreal left = m_size.height() >= CanvasStyle::kStateHeight ? 44 : 38;
    const qreal height = isContainer() ? CanvasStyle::kHeaderHeight : m_size.height();
    const qreal top = m_summary.isEmpty() ? height / 2 - 10 : height / 2 - 18;
    return QRectF(left, top, m_size.width() - left - 12, 20);
}

QRectF StateItem::handleRect() const
{
    if (m_type == StateType::Succeed || m_type == StateType::Fail)
        return {};
    const qreal r = CanvasStyle::kHandleRadius;
    return QRectF(m_size.width() / 2 - r, m_size.height() - r, 2 * r, 2 * r);
}

QRectF StateItem::boundingRect() const
{
    const qreal margin = CanvasStyle::kHandleRadius + 3;
    return rect().adjusted(-margin, -margin, margin, margin);
}

QPainterPath StateItem::outline() const
{
    QPainterPath path;
    const QRectF r = rect();
    switch (m_type) {
    case StateType::Choice: {
        const qreal inset = 14;
        QPolygonF hexagon;
        hexagon << QPointF(r.left() + inset, r.top()) << QPointF(r.right() - inset, r.top())
                << QPointF(r.right(), r.center().y()) << QPointF(r.right() - inset, r.bottom())
                << QPointF(r.left() + inset, r.bottom()) << QPointF(r.left(), r.center().y());
        path.addPolygon(hexagon);
        path.closeSubpath();
        break;
    }
    case StateType::Succeed:
    case StateType::Fail:
        path.addRoundedRect(r, r.height() / 2, r.height() / 2);
        break;
    case StateType::Parallel:
    case StateType::Map:
        path.addRoundedRect(r, 10, 10);
        break;
    default:
        path.addRoundedRect(r, 6, 6);
        break;
    }
    return path;
}

QPainterPath StateItem::shape() const
{
    QPainterPath path = outline();
    const QRectF handle = handleRect();
    if (!handle.isEmpty())
        path.addEllipse(handle.adjusted(-2, -2, 2, 2));
    return path;
}

void StateItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    Q_UNUSED(widget);
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    const bool selected = option->state & QStyle::State_Selected;
    const QColor accent = CanvasStyle::accent(m_type);
    painter->setRenderHint(QPainter::Antialiasing);

    // Map: a second card behind, the usual picture of "many".
    if (m_type == StateType::Map) {
        painter->setPen(QPen(accent, 1.2));
        painter->setBrush(CanvasStyle::fill(palette, m_type));
        painter->drawRoundedRect(rect().translated(4, 4), 10, 10);
    }
    painter->setPen(
        QPen(selected ? palette.color(QPalette::Highlight) : accent, selected ? 3.0 : 1.5));
    painter->setBrush(CanvasStyle::fill(palette, m_type));
    painter->drawPath(outline());

    // A coloured stripe on the left says the type at a glance.
    if (m_type != StateType::Choice) {
        painter->save();
        painter->setClipPath(outline());
        painter->fillRect(QRectF(0, 0, 5, m_size.height()), accent);
        painter->restore();
    }

    // Far out the text is a pixel high: grey bars stand for it, at a fraction of the cost.
    const qreal detail = option->levelOfDetailFromTransform(painter->worldTransform());
    if (detail < 0.4) {
        QColor dim = palette.color(QPalette::Text);
        dim.setAlphaF(0.35);
        const QRectF bar = nameRect();
        painter->fillRect(
            QRectF(bar.left(), bar.center().y() - 3, std::min(bar.width(), 8.0 * m_name.size()), 6),
            dim);
        return;
    }

    const bool small = m_size.height() < CanvasStyle::kStateHeight;
    const qreal header = isContainer() ? CanvasStyle::kHeaderHeight : m_size.height();
    const qreal iconSize = small ? 20 : 24;
    const QRectF icon(small || m_type == StateType::Choice ? 14 : 12, header / 2 - iconSize / 2,
                      iconSize, iconSize);
    CanvasStyle::paintIcon(painter, m_type, icon, accent);

    const QRectF nameArea = nameRect();
    painter->setPen(palette.color(QPalette::Text));
    painter->setFont(CanvasStyle::nameFont());
    const QFontMetricsF nameMetrics(CanvasStyle::nameFont());
    const qreal textWidth = nameArea.width() - (m_type == StateType::Choice ? 8 : 0);
    painter->drawText(nameArea, Qt::AlignLeft | Qt::AlignVCenter,
                      nameMetrics.elidedText(m_name, Qt::ElideRight, textWidth));
    if (!m_summary.isEmpty()) {
        QColor dim = palette.color(QPalette::Text);
        dim.setAlphaF(0.65);
        painter->setPen(dim);
        painter->setFont(CanvasStyle::summaryFont());
        const QFontMetricsF metrics(CanvasStyle::summaryFont());
        painter->drawText(nameArea.translated(0, 18), Qt::AlignLeft | Qt::AlignVCenter,
                          metrics.elidedText(m_summary, Qt::ElideMiddle, textWidth));
    }
    if (isContainer()) {
        QColor line = accent;
        line.setAlphaF(0.4);
        painter->setPen(QPen(line, 1));
        painter->drawLine(QPointF(8, header), QPointF(m_size.width() - 8, header));
    }

    const QRectF handle = handleRect();
    if (!handle.isEmpty() && (m_hovered || selected)) {
        painter->setPen(QPen(palette.color(QPalette::Base), 1.5));
        painter->setBrush(accent);
        painter->drawEllipse(handle);
    }
}

CanvasScene *StateItem::canvas() const
{
    return static_cast<CanvasScene *>(scene());
}

QVariant StateItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged && canvas())
        canvas()->stateItemMoved(this);
    return QGraphicsItem::itemChange(change, value);
}

void StateItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void StateItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

void StateItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    const QRectF handle = handleRect().adjusted(-3, -3, 3, 3);
    if (event->button() == Qt::LeftButton && handle.contains(event->pos()) && canvas()) {
        m_connecting = true;
        canvas()->beginConnection(this, event->scenePos());
        event->accept();
        return;
    }
    QGraphicsItem::mousePressEvent(event);
}

void StateItem::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_connecting) {
        canvas()->updateConnection(event->scenePos());
        return;
    }
    QGraphicsItem::mouseMoveEvent(event);
}

void StateItem::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_connecting) {
        m_connecting = false;
        canvas()->finishConnection(event->scenePos());
        return;
    }
    QGraphicsItem::mouseReleaseEvent(event);
}

void StateItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    if (canvas() && event->button() == Qt::LeftButton) {
        canvas()->beginRename(m_id);
        event->accept();
        return;
    }
    QGraphicsItem::mouseDoubleClickEvent(event);
}

void StateItem::contextMenuEvent(QGraphicsSceneContextMenuEvent *event)
{
    if (!canvas())
        return;
    if (!isSelected()) {
        scene()->clearSelection();
        setSelected(true);
    }
    canvas()->showStateMenu(m_id, event->screenPos());
    event->accept();
}

} // namespace Stepwise::Views
