#pragma once

#include "model/asl/statetype.h"

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QRectF>
#include <QSizeF>

class QPainter;

namespace Stepwise::Views::CanvasStyle {

// Sizes in scene units (device-independent pixels).
inline constexpr qreal kStateWidth = 200;
inline constexpr qreal kStateHeight = 52;
inline constexpr qreal kTerminalWidth = 160;
inline constexpr qreal kTerminalHeight = 40;
inline constexpr qreal kHeaderHeight = 52;    // a container's own title area
inline constexpr qreal kLanePadding = 16;     // around a lane's states
inline constexpr qreal kLaneTitleHeight = 22; // "Branch 1", "Item processor"
inline constexpr qreal kLaneGap = 12;         // between lanes and around them
inline constexpr qreal kHandleRadius = 5;

QSizeF nodeSize(Model::StateType type);

// Pixel-size fonts so exports (SVG, PDF) draw text at the size seen on screen.
QFont nameFont();
QFont summaryFont();
QFont labelFont();

// A hue per state type, readable on light and dark bases.
QColor accent(Model::StateType type);
// The fill of a state: the palette's base tinted with its accent.
QColor fill(const QPalette &palette, Model::StateType type);
QColor edgeColor(const QPalette &palette);

// Draws the type's icon (vector strokes, no image files) inside `rect`.
void paintIcon(QPainter *painter, Model::StateType type, const QRectF &rect, const QColor &color);

} // namespace Stepwise::Views::CanvasStyle
