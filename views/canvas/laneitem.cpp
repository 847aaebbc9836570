#include "views/canvas/laneitem.h"

#include "views/canvas/canvasstyle.h"

#include <QGraphicsScene>
#include <QPainter>

namespace Stepwise::Views {

LaneItem::LaneItem(Model::ScopeId scope, const QString &title, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , m_scope(scope)
    , m_title(title)
{}

void LaneItem::setSize(const QSizeF &size)
{
    if (size == m_size)
        return;
    prepareGeometryChange();
    m_size = size;
}

void LaneItem::setHighlighted(bool highlighted)
{
    if (highlighted == m_highlighted)
        return;
    m_highlighted = highlighted;
    update();
}

QRectF LaneItem::boundingRect() const
{
    return QRectF(QPointF(0, 0), m_size);
}

void LaneItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    Q_UNUSED(option);
    Q_UNUSED(widget);
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor border = palette.color(m_highlighted ? QPalette::Highlight : QPalette::Mid);
    painter->setPen(QPen(border, m_highlighted ? 2 : 1, Qt::DashLine));
    QColor background = palette.color(QPalette::AlternateBase);
    background.setAlphaF(0.6);
    painter->setBrush(background);
    painter->drawRoundedRect(boundingRect().adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    QColor text = palette.color(QPalette::Text);
    text.setAlphaF(0.6);
    painter->setPen(text);
    painter->setFont(CanvasStyle::summaryFont());
    painter->drawText(QRectF(8, 2, m_size.width() - 16, CanvasStyle::kLaneTitleHeight),
                      Qt::AlignLeft | Qt::AlignVCenter, m_title);
}

} // namespace Stepwise::Views
