#include "views/canvas/minimapview.h"

#include "views/canvas/canvasscene.h"
#include "views/canvas/canvasview.h"

#include <QMouseEvent>
#include <QScrollBar>

namespace Stepwise::Views {

MinimapView::MinimapView(CanvasView *canvas)
    : QGraphicsView(canvas->scene(), canvas)
    , m_canvas(canvas)
{
    setInteractive(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setRenderHint(QPainter::Antialiasing);
    setViewportUpdateMode(QGraphicsView::NoViewportUpdate);
    setFrameShape(QFrame::Box);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Overview: click to scroll the canvas"));
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(150);
    connect(&m_refresh, &QTimer::timeout, this, [this] {
        refit();
        viewport()->update();
    });
    auto later = [this] {
        if (!m_refresh.isActive())
            m_refresh.start();
    };
    connect(canvas->scene(), &QGraphicsScene::changed, this, later);
    connect(canvas->horizontalScrollBar(), &QScrollBar::valueChanged, this, later);
    connect(canvas->verticalScrollBar(), &QScrollBar::valueChanged, this, later);
    connect(canvas, &CanvasView::zoomChanged, this, later);
}

void MinimapView::refit()
{
    QRectF rect = scene()->itemsBoundingRect().adjusted(-20, -20, 20, 20);
    setSceneRect(rect);
    fitInView(rect, Qt::KeepAspectRatio);
}

void MinimapView::drawForeground(QPainter *painter, const QRectF &rect)
{
    Q_UNUSED(rect);
    const QRectF visible = m_canvas->mapToScene(m_canvas->viewport()->rect()).boundingRect();
    QColor highlight = palette().color(QPalette::Highlight);
    painter->setPen(QPen(highlight, 0));
    highlight.setAlphaF(0.15);
    painter->setBrush(highlight);
    painter->drawRect(visible);
}

void MinimapView::mousePressEvent(QMouseEvent *event)
{
    m_canvas->centerOn(mapToScene(event->position().toPoint()));
    viewport()->update();
}

void MinimapView::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton) {
        m_canvas->centerOn(mapToScene(event->position().toPoint()));
        viewport()->update();
    }
}

void MinimapView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    refit();
}

void MinimapView::wheelEvent(QWheelEvent *event)
{
    event->ignore();
}

} // namespace Stepwise::Views
