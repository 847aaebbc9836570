#pragma once

#include <QPixmap>
#include <QTimer>
#include <QWidget>

namespace Stepwise::Views {

class CanvasView;

// A small, translucent overview of the whole diagram in a corner of the canvas, with the
// visible area outlined; clicking or dragging in it scrolls the canvas there. The diagram
// is drawn into a cached picture at most a few times a second and never while the user
// drags on the canvas, so it costs nothing per frame; scrolling only moves the outline.
// It stays hidden while the whole diagram fits in the view (nothing to navigate).
class MinimapView : public QWidget
{
    Q_OBJECT

  public:
    explicit MinimapView(CanvasView *canvas);

    // The user's choice (View > Show Minimap); it still hides when there is nothing to show.
    void setWanted(bool wanted);
    bool isWanted() const { return m_wanted; }
    // Redraws the cached picture now (normally throttled).
    void refresh();
    // Where the view's visible area is drawn, in this widget's coordinates.
    QRectF visibleArea() const;
    // Where a scene point is drawn, in this widget's coordinates.
    QPointF fromScene(QPointF scenePos) const;

  protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void enterEvent(QEnterEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

  private:
    void scheduleRefresh();
    void updateVisibility();
    QPointF toScene(QPointF widgetPos) const;
    qreal scale() const;

    CanvasView *m_canvas;
    QTimer m_refresh;
    QPixmap m_picture;
    QRectF m_sceneArea; // the scene rectangle the picture shows
    QRectF m_target;    // where the picture is drawn in the widget
    bool m_wanted = true;
    bool m_hovered = false;
};

} // namespace Stepwise::Views
