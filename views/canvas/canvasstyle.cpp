#include "views/canvas/canvasstyle.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace Stepwise::Views::CanvasStyle {

using Model::StateType;

QSizeF nodeSize(StateType type)
{
    if (type == StateType::Succeed || type == StateType::Fail)
        return {kTerminalWidth, kTerminalHeight};
    return {kStateWidth, kStateHeight};
}

QFont nameFont()
{
    QFont font;
    font.setPixelSize(13);
    font.setBold(true);
    return font;
}

QFont summaryFont()
{
    QFont font;
    font.setPixelSize(11);
    return font;
}

QFont labelFont()
{
    QFont font;
    font.setPixelSize(11);
    return font;
}

QColor accent(StateType type)
{
    switch (type) {
    case StateType::Task:
        return QColor(0x2f, 0x7d, 0xd1);
    case StateType::Pass:
        return QColor(0x6b, 0x7c, 0x93);
    case StateType::Choice:
        return QColor(0xd9, 0x8a, 0x00);
    case StateType::Wait:
        return QColor(0x8e, 0x5c, 0xd9);
    case StateType::Succeed:
        return QColor(0x2e, 0x9e, 0x5b);
    case StateType::Fail:
        return QColor(0xd6, 0x3b, 0x3b);
    case StateType::Parallel:
        return QColor(0x13, 0x9c, 0xa8);
    case StateType::Map:
        return QColor(0xc2, 0x4e, 0x9a);
    case StateType::Unknown:
        break;
    }
    return QColor(0x88, 0x88, 0x88);
}

QColor fill(const QPalette &palette, StateType type)
{
    QColor base = palette.color(QPalette::Base);
    QColor tint = accent(type);
    const qreal amount = base.lightness() > 128 ? 0.08 : 0.18;
    return QColor::fromRgbF(base.redF() * (1 - amount) + tint.redF() * amount,
                            base.greenF() * (1 - amount) + tint.greenF() * amount,
                            base.blueF() * (1 - amount) + tint.blueF() * amount);
}

QColor edgeColor(const QPalette &palette)
{
    QColor text = palette.color(QPalette::Text);
    QColor base = palette.color(QPalette::Base);
    return QColor::fromRgbF((text.redF() * 2 + base.redF()) / 3,
                            (text.greenF() * 2 + base.greenF()) / 3,
                            (text.blueF() * 2 + base.blueF()) / 3);
}

void paintIcon(QPainter *painter, StateType type, const QRectF &rect, const QColor &color)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(color, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    const QRectF r = rect.adjusted(3, 3, -3, -3);
    const QPointF c = r.center();
    const qreal w = r.width();
    switch (type) {
    case StateType::Task: { // a gear
        const int teeth = 8;
        QPainterPath gear;
        for (int i = 0; i < teeth * 2; ++i) {
            const qreal angle = i * M_PI / teeth;
            const qreal radius = (i % 2 == 0) ? w * 0.5 : w * 0.36;
            QPointF p = c + QPointF(std::cos(angle), std::sin(angle)) * radius;
            if (i == 0)
                gear.moveTo(p);
            else
                gear.lineTo(p);
        }
        gear.closeSubpath();
        painter->drawPath(gear);
        painter->drawEllipse(c, w * 0.14, w * 0.14);
        break;
    }
    case StateType::Pass: { // an arrow passing through
        painter->drawLine(QPointF(r.left(), c.y()), QPointF(r.right(), c.y()));
        painter->drawLine(QPointF(r.right() - w * 0.3, c.y() - w * 0.3), QPointF(r.right(), c.y()));
        painter->drawLine(QPointF(r.right() - w * 0.3, c.y() + w * 0.3), QPointF(r.right(), c.y()));
        break;
    }
    case StateType::Choice: { // a fork
        painter->drawLine(QPointF(c.x(), r.bottom()), c);
        painter->drawLine(c, QPointF(r.left() + w * 0.1, r.top() + w * 0.1));
        painter->drawLine(c, QPointF(r.right() - w * 0.1, r.top() + w * 0.1));
        break;
    }
    case StateType::Wait: { // a clock
        painter->drawEllipse(c, w / 2, w / 2);
        painter->drawLine(c, c + QPointF(0, -w * 0.32));
        painter->drawLine(c, c + QPointF(w * 0.22, w * 0.1));
        break;
    }
    case StateType::Succeed: { // a tick
        painter->drawLine(QPointF(r.left(), c.y()),
                          QPointF(r.left() + w * 0.38, r.bottom() - w * 0.1));
        painter->drawLine(QPointF(r.left() + w * 0.38, r.bottom() - w * 0.1),
                          QPointF(r.right(), r.top() + w * 0.1));
        break;
    }
    case StateType::Fail: { // a cross
        const QRectF x = r.adjusted(w * 0.1, w * 0.1, -w * 0.1, -w * 0.1);
        painter->drawLine(x.topLeft(), x.bottomRight());
        painter->drawLine(x.topRight(), x.bottomLeft());
        break;
    }
    case StateType::Parallel: { // parallel lanes
        for (qreal f : {0.15, 0.5, 0.85})
            painter->drawLine(QPointF(r.left() + w * f, r.top()),
                              QPointF(r.left() + w * f, r.bottom()));
        painter->drawLine(r.topLeft(), r.topRight());
        break;
    }
    case StateType::Map: { // stacked cards
        painter->drawRoundedRect(QRectF(r.left() + w * 0.25, r.top(), w * 0.75, w * 0.6), 2, 2);
        painter->drawRoundedRect(QRectF(r.left(), r.top() + w * 0.4, w * 0.75, w * 0.6), 2, 2);
        break;
    }
    case StateType::Unknown:
        painter->drawText(r, Qt::AlignCenter, QStringLiteral("?"));
        break;
    }
    painter->restore();
}

} // namespace Stepwise::Views::CanvasStyle
