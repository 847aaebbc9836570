#include "views/canvas/minimapview.h"

#include "views/canvas/canvasscene.h"
#include "views/canvas/canvasview.h"
#include "views/canvas/stateitem.h"

#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>

namespace Stepwise::Views {

namespace {

constexpr int kMaxWidth = 168;
constexpr int kMaxHeight = 112;
constexpr int kMargin = 4;

} // namespace

MinimapView::MinimapView(CanvasView *canvas)
    : QWidget(canvas)
    , m_canvas(canvas)
{
    setAttribute(Qt::WA_TranslucentBackground);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Overview: click to scroll the canvas (View > Show Minimap hides it)"));
    resize(kMaxWidth, kMaxHeight);
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(250);
    connect(&m_refresh, &QTimer::timeout, this, [this] {
        // Redrawing the whole diagram mid-drag would cost a frame: wait for the drop.
        if (m_canvas->isDragging())
            m_refresh.start();
        else
            refresh();
    });
    connect(canvas->scene(), &QGraphicsScene::changed, this, &MinimapView::scheduleRefresh);
    connect(canvas->scene(), &CanvasScene::layoutUpdated, this, &MinimapView::scheduleRefresh);
    // Scrolling and zooming move the outline only.
    auto outline = [this] {
        updateVisibility();
        update();
    };
    connect(canvas->horizontalScrollBar(), &QScrollBar::valueChanged, this, outline);
    connect(canvas->verticalScrollBar(), &QScrollBar::valueChanged, this, outline);
    connect(canvas, &CanvasView::zoomChanged, this, outline);
}

void MinimapView::setWanted(bool wanted)
{
    m_wanted = wanted;
    if (wanted)
        refresh();
    updateVisibility();
}

void MinimapView::scheduleRefresh()
{
    if (m_wanted && !m_refresh.isActive())
        m_refresh.start();
}

void MinimapView::refresh()
{
    QGraphicsScene *scene = m_canvas->scene();
    m_sceneArea = scene->itemsBoundingRect().adjusted(-20, -20, 20, 20);
    if (m_sceneArea.isEmpty()) {
        m_picture = QPixmap();
        updateVisibility();
        return;
    }
    // As big as the corner allows with the diagram's proportions.
    QSizeF size = m_sceneArea.size().scaled(QSizeF(kMaxWidth, kMaxHeight), Qt::KeepAspectRatio);
    // Very tall or wide diagrams still get a strip wide enough to point at.
    size = size.expandedTo(QSizeF(48, 48));
    resize(size.toSize() + QSize(2 * kMargin, 2 * kMargin));
    m_target = QRectF(QPointF(kMargin, kMargin), size);
    const qreal ratio = devicePixelRatioF();
    m_picture = QPixmap((size * ratio).toSize());
    m_picture.setDevicePixelRatio(ratio);
    m_picture.fill(Qt::transparent);
    {
        QPainter painter(&m_picture);
        painter.setRenderHint(QPainter::Antialiasing);
        if (scale() >= 0.02) {
            scene->render(&painter, QRectF(QPointF(0, 0), size), m_sceneArea, Qt::KeepAspectRatio);
        } else {
            // So small that drawn items would vanish: a mark of at least a pixel per state.
            QColor mark = palette().color(QPalette::Text);
            mark.setAlphaF(0.5);
            for (QGraphicsItem *item : scene->items()) {
                if (item->type() != StateItem::Type || item->parentItem())
                    continue;
                const QRectF box = item->sceneBoundingRect();
                QRectF drawn(fromScene(box.topLeft()) - m_target.topLeft(), box.size() * scale());
                drawn.setSize(drawn.size().expandedTo(QSizeF(1.5, 1)));
                painter.fillRect(drawn, mark);
            }
        }
    }
    m_canvas->placeMinimap();
    updateVisibility();
    update();
}

void MinimapView::updateVisibility()
{
    bool needed = m_wanted && !m_sceneArea.isEmpty();
    if (needed) {
        // Nothing to navigate when the whole diagram is on screen.
        const QRectF visible = m_canvas->mapToScene(m_canvas->viewport()->rect()).boundingRect();
        needed = !visible.contains(m_sceneArea.adjusted(20, 20, -20, -20));
    }
    if (needed != isVisible())
        setVisible(needed);
}

qreal MinimapView::scale() const
{
    // As QGraphicsScene::render draws with Qt::KeepAspectRatio: fitted and centred.
    return std::min(m_target.width() / m_sceneArea.width(),
                    m_target.height() / m_sceneArea.height());
}

QPointF MinimapView::fromScene(QPointF scenePos) const
{
    if (m_sceneArea.isEmpty() || m_target.isEmpty())
        return {};
    return m_target.center() + (scenePos - m_sceneArea.center()) * scale();
}

QPointF MinimapView::toScene(QPointF widgetPos) const
{
    if (m_sceneArea.isEmpty() || m_target.isEmpty())
        return {};
    return m_sceneArea.center() + (widgetPos - m_target.center()) / scale();
}

QRectF MinimapView::visibleArea() const
{
    const QRectF visible = m_canvas->mapToScene(m_canvas->viewport()->rect()).boundingRect();
    QRectF area = QRectF(fromScene(visible.topLeft()), fromScene(visible.bottomRight()))
                      .intersected(m_target);
    // On a huge diagram the visible part is a speck: keep it big enough to see.
    const QPointF centre = area.center();
    area.setSize(area.size().expandedTo(QSizeF(8, 6)));
    area.moveCenter(centre);
    return area;
}

void MinimapView::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event);
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    // Translucent so the diagram underneath shows through; solid while pointed at.
    QColor base = palette().color(QPalette::Base);
    base.setAlphaF(m_hovered ? 0.95 : 0.7);
    QColor frame = palette().color(QPalette::Text);
    frame.setAlphaF(0.25);
    painter.setPen(QPen(frame, 1));
    painter.setBrush(base);
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    painter.setOpacity(m_hovered ? 1.0 : 0.75);
    painter.drawPixmap(m_target.topLeft(), m_picture);
    painter.setOpacity(1.0);
    QColor highlight = palette().color(QPalette::Highlight);
    painter.setPen(QPen(highlight, 1.2));
    highlight.setAlphaF(0.15);
    painter.setBrush(highlight);
    painter.drawRect(visibleArea());
}

void MinimapView::mousePressEvent(QMouseEvent *event)
{
    m_canvas->centerOn(toScene(event->position()));
    event->accept();
}

void MinimapView::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        m_canvas->centerOn(toScene(event->position()));
    event->accept();
}

void MinimapView::enterEvent(QEnterEvent *event)
{
    m_hovered = true;
    update();
    QWidget::enterEvent(event);
}

void MinimapView::leaveEvent(QEvent *event)
{
    m_hovered = false;
    update();
    QWidget::leaveEvent(event);
}

void MinimapView::wheelEvent(QWheelEvent *event)
{
    event->ignore();
}

} // namespace Stepwise::Views
