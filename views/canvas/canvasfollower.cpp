#include "views/canvas/canvasfollower.h"

#include "views/canvas/canvasscene.h"
#include "views/canvas/canvasview.h"
#include "views/canvas/stateitem.h"

#include <QMouseEvent>
#include <QScrollBar>

namespace Stepwise::Views {

CanvasFollower::CanvasFollower(CanvasView *view)
    : QObject(view)
    , m_view(view)
{
    // actionTriggered comes from the user only (drags, clicks, wheel), not from setValue.
    auto panned = [this] { m_userPanned = true; };
    connect(view->horizontalScrollBar(), &QScrollBar::actionTriggered, this, panned);
    connect(view->verticalScrollBar(), &QScrollBar::actionTriggered, this, panned);
    view->viewport()->installEventFilter(this);
}

bool CanvasFollower::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::MouseMove) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        // Middle drag, or Space + drag (the view is in hand-drag mode then).
        if ((mouse->buttons() & Qt::MiddleButton)
            || ((mouse->buttons() & Qt::LeftButton)
                && m_view->dragMode() == QGraphicsView::ScrollHandDrag))
            m_userPanned = true;
    }
    return QObject::eventFilter(watched, event);
}

void CanvasFollower::follow(Model::StateId id)
{
    if (m_userPanned)
        return;
    StateItem *item = m_view->scene()->stateItem(id);
    if (!item)
        return;
    const QRectF area = item->sceneBoundingRect();
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    // Containers can be larger than the view: their title is what must show.
    const QRectF wanted
        = item->isContainer() ? QRectF(area.topLeft(), QSizeF(area.width(), 80)) & area : area;
    if (!visible.adjusted(20, 20, -20, -20).contains(wanted))
        m_view->centerOn(wanted.center());
}

void CanvasFollower::showReadable(CanvasView *view)
{
    view->fitToView();
    if (view->zoom() >= kReadableZoom)
        return;
    CanvasScene *scene = view->scene();
    const Model::Workflow *workflow = scene->document()->workflow();
    const std::string start = workflow->startAt(workflow->rootScope());
    view->setZoom(kReadableZoom);
    if (StateItem *item = scene->stateItem(workflow->findState(workflow->rootScope(), start))) {
        const QRectF area = item->sceneBoundingRect();
        const QRectF visible = view->mapToScene(view->viewport()->rect()).boundingRect();
        // StartAt a little below the top edge, centred across.
        view->centerOn(area.center().x(), area.top() - 60 + visible.height() / 2);
    }
}

} // namespace Stepwise::Views
