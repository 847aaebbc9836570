#include "views/canvas/markeritem.h"

#include "views/canvas/canvasstyle.h"

#include <QCoreApplication>
#include <QGraphicsScene>
#include <QPainter>

namespace Stepwise::Views {

MarkerItem::MarkerItem(Kind kind, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , m_kind(kind)
{}

QRectF MarkerItem::boundingRect() const
{
    return QRectF(QPointF(0, 0), size());
}

void MarkerItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    Q_UNUSED(option);
    Q_UNUSED(widget);
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF r = boundingRect().adjusted(1, 1, -1, -1);
    painter->setPen(QPen(CanvasStyle::edgeColor(palette), 1.2));
    painter->setBrush(palette.color(QPalette::Button));
    painter->drawRoundedRect(r, r.height() / 2, r.height() / 2);
    painter->setPen(palette.color(QPalette::ButtonText));
    painter->setFont(CanvasStyle::summaryFont());
    painter->drawText(r, Qt::AlignCenter,
                      m_kind == Kind::Start ? QCoreApplication::translate("Stepwise", "Start")
                                            : QCoreApplication::translate("Stepwise", "End"));
}

} // namespace Stepwise::Views
