#pragma once

#include "model/document.h"

#include <QGraphicsView>

#include <vector>

namespace Stepwise::Views {

class CanvasScene;
class MinimapView;

// The workflow canvas widget: shows a CanvasScene built from the document, with zoom
// (Ctrl+wheel, pinch, Ctrl+= / Ctrl+- / Ctrl+0), pan (scrollbars, middle drag,
// Space+drag), rubber-band selection, a minimap, drops from the palette (MIME type
// PaletteView::mimeType(): onto the canvas, onto an edge to insert, into a container),
// keyboard editing (Delete, F2, arrows, Ctrl+C/X/V/A) and the clipboard as ASL fragments
// (text/plain JSON plus fragmentMimeType() with positions, so it works between windows).
class CanvasView : public QGraphicsView
{
    Q_OBJECT

  public:
    explicit CanvasView(Model::Document *document, QWidget *parent = nullptr);
    ~CanvasView() override;

    // The scene, e.g. to render it to SVG/PNG (QGraphicsScene::render).
    CanvasScene *scene() const { return m_scene; }
    MinimapView *minimap() const { return m_minimap; }
    Model::Document *document() const { return m_document; }

    std::vector<Model::StateId> selectedStates() const;
    qreal zoom() const;
    // True while a mouse button is held on the canvas (a drag may be under way).
    bool isDragging() const { return m_buttonDown; }
    // Puts the minimap in the viewport's bottom-right corner (after it changed size).
    void placeMinimap();
    // The clipboard's own format: {"fragment": ASL {"StartAt", "States"}, "positions": {...}}.
    static QString fragmentMimeType();

  public Q_SLOTS:
    void selectState(Stepwise::Model::StateId id);
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void fitToView();
    void setZoom(qreal zoom);
    void autoLayout();
    void copy();
    void cut();
    void paste();
    void deleteSelection();
    void renameSelected();
    void selectAll();
    // Adds a state of `type` below the selected one, connected after it (palette
    // double-click), or below everything when nothing is selected.
    void addState(Stepwise::Model::StateType type);

  Q_SIGNALS:
    void selectionChanged(std::vector<Stepwise::Model::StateId> states);
    void zoomChanged(qreal zoom);

  protected:
    bool viewportEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;

  private:
    bool isEditingText() const;
    void updateSceneRect();
    void nudgeSelection(QPointF delta);
    void highlightDropTarget(QPointF scenePos);

    Model::Document *m_document;
    CanvasScene *m_scene;
    MinimapView *m_minimap;
    bool m_spacePanning = false;
    bool m_middlePanning = false;
    QPoint m_panOrigin;
    QPointF m_lastScenePos;
    bool m_hasMouse = false;
    bool m_buttonDown = false;
};

} // namespace Stepwise::Views
