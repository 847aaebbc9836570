#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace Stepwise::App {

// A line icon from the resources (an SVG drawn with stroke="currentColor") in the given
// colour, rendered from the vector at each size and device pixel ratio so it is sharp on
// HiDPI screens; pass the palette's text colour so it reads in dark and light themes.
QIcon themedIcon(const QString &resource, const QColor &color);

} // namespace Stepwise::App
