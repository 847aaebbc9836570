#include "app/gui/diagramexport.h"

#include <QBuffer>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace Stepwise::App {

namespace {

constexpr qreal kMargin = 24.0;

Model::Error exportError(const QString &path, const QString &message)
{
    Model::Error error;
    error.message = message.toStdString();
    error.location.file = path.toStdString();
    return error;
}

QRectF framedRect(QGraphicsScene *scene)
{
    return scene->itemsBoundingRect().adjusted(-kMargin, -kMargin, kMargin, kMargin);
}

Model::Result<bool> saveBytes(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return exportError(path, file.errorString());
    return true;
}

} // namespace

Model::Result<bool> exportSvg(QGraphicsScene *scene, const QString &path, const QString &title)
{
    const QRectF source = framedRect(scene);
    if (source.isEmpty())
        return exportError(path, QStringLiteral("the diagram is empty"));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setTitle(title);
    generator.setDescription(QStringLiteral("Exported from Stepwise"));
    generator.setSize(source.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
    {
        QPainter painter(&generator);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.fillRect(QRectF(QPointF(0, 0), source.size()),
                         scene->backgroundBrush().style() == Qt::NoBrush
                             ? QBrush(Qt::white)
                             : scene->backgroundBrush());
        scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    }
    buffer.close();
    return saveBytes(path, buffer.data());
}

Model::Result<bool> exportPng(QGraphicsScene *scene, const QString &path, qreal scale)
{
    const QRectF source = framedRect(scene);
    if (source.isEmpty())
        return exportError(path, QStringLiteral("the diagram is empty"));
    QImage image((source.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(scene->backgroundBrush().style() == Qt::NoBrush ? QColor(Qt::white)
                                                               : scene->backgroundBrush().color());
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing
                               | QPainter::SmoothPixmapTransform);
        scene->render(&painter, QRectF(QPointF(0, 0), QSizeF(image.size())), source);
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return exportError(path, QStringLiteral("could not encode the PNG"));
    return saveBytes(path, bytes);
}

} // namespace Stepwise::App
