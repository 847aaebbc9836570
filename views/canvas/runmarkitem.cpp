#include "views/canvas/runmarkitem.h"

#include "views/canvas/canvasstyle.h"
#include "views/canvas/stateitem.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace Stepwise::Views {

namespace {

QFont badgeFont()
{
    QFont font;
    font.setPixelSize(11); // pixel size: the same in exports as on screen
    font.setBold(true);
    return font;
}

} // namespace

RunMarkItem::RunMarkItem(StateItem *state)
    : QGraphicsItem(state)
    , m_state(state)
{
    // Above the state's own painting, below diagnostic badges; clicks go to the state.
    setZValue(5);
    setAcceptedMouseButtons(Qt::NoButton);
    syncGeometry();
}

void RunMarkItem::setInfo(const StateRunInfo &info)
{
    if (info == m_info)
        return;
    m_info = info;
    syncGeometry();
    update();
}

void RunMarkItem::setOnPath(bool onPath)
{
    if (onPath == m_onPath)
        return;
    m_onPath = onPath;
    update();
}

void RunMarkItem::syncGeometry()
{
    QRectF bounds = m_state->rect().adjusted(-8, -8, 8, 8);
    bounds |= badgeRect().adjusted(-2, -2, 2, 2);
    bounds |= countdownRect().adjusted(-2, -2, 2, 2);
    if (bounds != m_bounds) {
        prepareGeometryChange();
        m_bounds = bounds;
    }
}

QRectF RunMarkItem::boundingRect() const
{
    return m_bounds;
}

QRectF RunMarkItem::badgeRect() const
{
    if (m_info.activeCount < 2)
        return {};
    const QString text = QStringLiteral("\u00d7%1").arg(m_info.activeCount);
    const qreal width = QFontMetricsF(badgeFont()).horizontalAdvance(text) + 12;
    const QRectF state = m_state->rect();
    return QRectF(state.right() - width + 6, -9, width, 18);
}

QString RunMarkItem::countdownLabel() const
{
    return m_info.remainingMillis ? countdownText(*m_info.remainingMillis) : QString();
}

QRectF RunMarkItem::countdownRect() const
{
    if (!m_info.remainingMillis)
        return {};
    const QString text = countdownLabel();
    const qreal width = QFontMetricsF(badgeFont()).horizontalAdvance(text) + 26;
    const QRectF state = m_state->rect();
    return QRectF(state.right() - width + 6, state.bottom() - 9, width, 18);
}

void RunMarkItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QColor color = runStatusColor(m_info.status);
    if (!color.isValid() && !m_onPath)
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    const QPainterPath outline = m_state->outline();
    const QPalette palette = scene() ? scene()->palette() : QPalette();

    if (m_onPath) {
        // The picked branch or iteration's way through the diagram.
        QColor path = palette.color(QPalette::Highlight);
        painter->setPen(QPen(path, 2, Qt::DashLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(m_state->rect().adjusted(-5, -5, 5, 5), 9, 9);
    }
    if (color.isValid()) {
        QColor tint = color;
        tint.setAlphaF(m_info.status == RunStatus::Active ? 0.22 : 0.3);
        painter->save();
        if (m_state->isContainer()) // tint the title only: the lanes show their own states
            painter->setClipRect(QRectF(0, 0, m_state->size().width(), CanvasStyle::kHeaderHeight));
        painter->fillPath(outline, tint);
        painter->restore();
        if (m_info.status == RunStatus::Active) {
            QColor glow = color;
            glow.setAlphaF(0.35);
            painter->strokePath(outline, QPen(glow, 9));
        }
        painter->strokePath(outline, QPen(color, m_info.status == RunStatus::Active ? 3 : 2.5));
    }

    painter->setFont(badgeFont());
    const QRectF badge = badgeRect();
    if (!badge.isEmpty()) {
        painter->setPen(QPen(palette.color(QPalette::Base), 1.5));
        painter->setBrush(runStatusColor(RunStatus::Active));
        painter->drawRoundedRect(badge, 9, 9);
        painter->setPen(Qt::white);
        painter->drawText(badge, Qt::AlignCenter,
                          QStringLiteral("\u00d7%1").arg(m_info.activeCount));
    }
    const QRectF countdown = countdownRect();
    if (!countdown.isEmpty()) {
        painter->setPen(QPen(palette.color(QPalette::Base), 1.5));
        painter->setBrush(QColor(0x23, 0x2f, 0x3e));
        painter->drawRoundedRect(countdown, 9, 9);
        // A small clock face, then the time left.
        const QRectF face(countdown.left() + 6, countdown.top() + 4, 10, 10);
        painter->setPen(QPen(Qt::white, 1.3));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(face);
        painter->drawLine(face.center(), face.center() + QPointF(0, -3.5));
        painter->drawLine(face.center(), face.center() + QPointF(2.5, 0));
        painter->drawText(countdown.adjusted(20, 0, -6, 0), Qt::AlignCenter, countdownLabel());
    }
}

} // namespace Stepwise::Views
