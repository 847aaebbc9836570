#include "views/canvas/breakpointmarkitem.h"

#include "views/canvas/stateitem.h"

#include <QCoreApplication>
#include <QGraphicsScene>
#include <QPainter>

namespace Stepwise::Views {

BreakpointMarkItem::BreakpointMarkItem(StateItem *state)
    : QGraphicsItem(state)
    , m_state(state)
{
    setZValue(11);
    setAcceptHoverEvents(true); // for the tooltip
    setAcceptedMouseButtons(Qt::NoButton);
    syncGeometry();
}

void BreakpointMarkItem::setMark(const BreakpointMark &mark)
{
    m_mark = mark;
    QStringList when;
    if (mark.beforeEntry)
        when << QCoreApplication::translate("BreakpointMarkItem", "before entry");
    if (mark.afterExit)
        when << QCoreApplication::translate("BreakpointMarkItem", "after exit");
    QString tip = QCoreApplication::translate("BreakpointMarkItem", "Breakpoint: stops %1")
                      .arg(when.join(QStringLiteral(" and ")));
    if (mark.conditional)
        tip += QCoreApplication::translate("BreakpointMarkItem", " when its condition holds");
    if (!mark.enabled)
        tip += QCoreApplication::translate("BreakpointMarkItem", " (disabled)");
    setToolTip(tip);
    update();
}

void BreakpointMarkItem::syncGeometry()
{
    setPos(-kSize / 2, m_state->rect().top() + 6);
}

QRectF BreakpointMarkItem::boundingRect() const
{
    return QRectF(0, 0, kSize, kSize).adjusted(-1.5, -1.5, 1.5, 1.5);
}

void BreakpointMarkItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QColor red(0xe5, 0x1c, 0x23);
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    const QRectF disc(0, 0, kSize, kSize);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(m_mark.enabled ? palette.color(QPalette::Base) : red, 1.5));
    painter->setBrush(m_mark.enabled && m_mark.beforeEntry ? QBrush(red) : QBrush(palette.base()));
    painter->drawEllipse(disc);
    if (m_mark.afterExit) {
        painter->setPen(QPen(red, 2));
        painter->setBrush(m_mark.enabled ? QBrush(red) : Qt::NoBrush);
        if (m_mark.beforeEntry)
            painter->setPen(QPen(Qt::white, 1.5));
        painter->drawEllipse(disc.adjusted(3.5, 3.5, -3.5, -3.5));
    }
    if (m_mark.conditional) {
        painter->setPen(QPen(m_mark.enabled ? Qt::white : red, 1.6));
        painter->drawLine(QPointF(3.5, kSize / 2), QPointF(kSize - 3.5, kSize / 2));
    }
}

} // namespace Stepwise::Views
