#pragma once

#include <QGraphicsView>
#include <QTimer>

namespace Stepwise::Views {

class CanvasView;

// A small overview of the whole canvas with the main view's visible area outlined;
// clicking or dragging in it scrolls the canvas there. Repaints are throttled so it costs
// nothing while a state is being dragged.
class MinimapView : public QGraphicsView
{
    Q_OBJECT

  public:
    explicit MinimapView(CanvasView *canvas);

    void refit();

  protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

  private:
    CanvasView *m_canvas;
    QTimer m_refresh;
};

} // namespace Stepwise::Views
