#pragma once

#include "model/result.h"

#include <QString>

class QGraphicsScene;

namespace Stepwise::App {

// Pictures of the diagram: the scene's items, framed with a margin, on the scene's
// background. PNG at `scale` times the scene size (2: sharp on HiDPI screens and slides).
Model::Result<bool> exportSvg(QGraphicsScene *scene, const QString &path, const QString &title);
Model::Result<bool> exportPng(QGraphicsScene *scene, const QString &path, qreal scale = 2.0);

} // namespace Stepwise::App
