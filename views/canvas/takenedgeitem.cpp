#include "views/canvas/takenedgeitem.h"

#include "views/canvas/edgeitem.h"
#include "views/canvas/runstatus.h"

#include <QPainter>

#include <algorithm>

namespace Stepwise::Views {

TakenEdgeItem::TakenEdgeItem(EdgeItem *edge)
    : QGraphicsItem(edge)
    , m_edge(edge)
{
    setZValue(3);
    setAcceptedMouseButtons(Qt::NoButton);
}

void TakenEdgeItem::setProgress(qreal progress)
{
    m_progress = std::clamp(progress, 0.0, 1.0);
    update();
}

QRectF TakenEdgeItem::boundingRect() const
{
    // The edge's route is in its parent's coordinates, as ours (the edge sits at 0,0).
    return m_edge->mapFromParent(m_edge->route().boundingRect())
        .boundingRect()
        .adjusted(-9, -9, 9, 9);
}

void TakenEdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QColor color = runStatusColor(RunStatus::Active);
    painter->setRenderHint(QPainter::Antialiasing);
    const QPainterPath route = m_edge->mapFromParent(m_edge->route());
    QColor glow = color;
    glow.setAlphaF(0.3);
    painter->strokePath(route, QPen(glow, 7, Qt::SolidLine, Qt::RoundCap));
    painter->strokePath(route, QPen(color, 2.5, Qt::SolidLine, Qt::RoundCap));
    if (m_progress < 1) {
        const QPointF at
            = m_edge->mapFromParent(m_edge->pointAtDistance(m_progress * m_edge->routeLength()));
        painter->setPen(QPen(Qt::white, 2));
        painter->setBrush(color);
        painter->drawEllipse(at, 6, 6);
    }
}

} // namespace Stepwise::Views
