#include "views/canvas/diagnosticbadgeitem.h"

#include "views/theme/theme.h"

#include <QGraphicsScene>
#include <QPainter>

namespace Stepwise::Views {

DiagnosticBadgeItem::DiagnosticBadgeItem(QGraphicsItem *parent)
    : QGraphicsItem(parent)
{
    setZValue(10);
    setAcceptHoverEvents(true); // for the tooltip
}

void DiagnosticBadgeItem::setProblems(Model::Severity worst, int count, const QString &tooltip)
{
    m_severity = worst;
    m_count = count;
    setToolTip(tooltip);
    update();
}

QRectF DiagnosticBadgeItem::boundingRect() const
{
    return QRectF(0, 0, kSize, kSize).adjusted(-1, -1, 1, 1);
}

void DiagnosticBadgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    const ThemeColors colors = themeColors(palette);
    const QColor fill = m_severity == Model::Severity::Error     ? colors.error
                        : m_severity == Model::Severity::Warning ? colors.warning
                                                                 : colors.info;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(palette.color(QPalette::Base), 1.5));
    painter->setBrush(fill);
    painter->drawEllipse(QRectF(0, 0, kSize, kSize));
    QFont font = painter->font();
    font.setPixelSize(12); // pixel size: the same in SVG/PNG exports as on screen
    font.setBold(true);
    painter->setFont(font);
    painter->setPen(Qt::white);
    painter->drawText(QRectF(0, 0, kSize, kSize), Qt::AlignCenter,
                      m_count > 1 ? QString::number(std::min(m_count, 9)) : QStringLiteral("!"));
}

} // namespace Stepwise::Views
