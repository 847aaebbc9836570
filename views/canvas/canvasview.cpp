#include "views/canvas/canvasview.h"

#include "model/document.h"
#include "model/json/jsonreader.h"
#include "model/json/jsonwriter.h"
#include "views/canvas/canvasfollower.h"
#include "views/canvas/canvasscene.h"
#include "views/canvas/canvasstyle.h"
#include "views/canvas/edgeitem.h"
#include "views/canvas/laneitem.h"
#include "views/canvas/minimapview.h"
#include "views/canvas/stateitem.h"
#include "views/palette/paletteview.h"

#include <QApplication>
#include <QClipboard>
#include <QGestureEvent>
#include <QGraphicsTextItem>
#include <QKeyEvent>
#include <QMimeData>
#include <QPinchGesture>
#include <QScrollBar>

#include <cmath>

namespace Stepwise::Views {

using Model::StateId;
using Model::StateType;

namespace {

constexpr qreal kMinZoom = 0.1;
constexpr qreal kMaxZoom = 4.0;
constexpr qreal kZoomStep = 1.2;

} // namespace

CanvasView::CanvasView(Model::Document *document, QWidget *parent)
    : QGraphicsView(parent)
    , m_document(document)
    , m_scene(new CanvasScene(document, this))
{
    setScene(m_scene);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::MinimalViewportUpdate);
    setAcceptDrops(true);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->grabGesture(Qt::PinchGesture);
    m_minimap = new MinimapView(this);

    connect(m_scene, &QGraphicsScene::selectionChanged, this,
            [this] { Q_EMIT selectionChanged(m_scene->selectedStates()); });
    connect(m_scene, &CanvasScene::layoutUpdated, this, &CanvasView::updateSceneRect);
    // States without a saved position are placed by the auto-layout; a large diagram opens
    // readable around its StartAt instead of fitted into an unreadable column.
    connect(m_document, &Model::Document::loaded, this, [this] {
        m_scene->flush();
        CanvasFollower::showReadable(this);
    });
    updateSceneRect();
}

CanvasView::~CanvasView()
{
    // The scene is a child object and is destroyed after this body runs; its teardown emits
    // selectionChanged and changed, which must not reach this half-destroyed view or its minimap.
    QObject::disconnect(m_scene, nullptr, this, nullptr);
    QObject::disconnect(m_scene, nullptr, m_minimap, nullptr);
    delete m_scene;
    m_scene = nullptr;
}

QString CanvasView::fragmentMimeType()
{
    return QStringLiteral("application/x-stepwise-asl-fragment");
}

std::vector<StateId> CanvasView::selectedStates() const
{
    return m_scene->selectedStates();
}

qreal CanvasView::zoom() const
{
    return transform().m11();
}

void CanvasView::selectState(StateId id)
{
    m_scene->selectStates({id});
    if (StateItem *item = m_scene->stateItem(id))
        ensureVisible(item, 40, 40);
}

void CanvasView::setZoom(qreal zoom)
{
    zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    if (qFuzzyCompare(zoom, this->zoom()))
        return;
    setTransform(QTransform::fromScale(zoom, zoom));
    Q_EMIT zoomChanged(zoom);
}

void CanvasView::zoomIn()
{
    setZoom(zoom() * kZoomStep);
}

void CanvasView::zoomOut()
{
    setZoom(zoom() / kZoomStep);
}

void CanvasView::resetZoom()
{
    setZoom(1.0);
}

void CanvasView::fitToView()
{
    m_scene->flush();
    const QRectF bounds = m_scene->itemsBoundingRect().adjusted(-30, -30, 30, 30);
    if (bounds.isEmpty())
        return;
    fitInView(bounds, Qt::KeepAspectRatio);
    // Small workflows stay at a readable size instead of being blown up.
    if (zoom() > 1.0) {
        setTransform(QTransform());
        centerOn(bounds.center());
    } else if (zoom() < kMinZoom) {
        setTransform(QTransform::fromScale(kMinZoom, kMinZoom));
        centerOn(bounds.center());
    }
    Q_EMIT zoomChanged(zoom());
}

void CanvasView::autoLayout()
{
    m_scene->autoLayout();
}

void CanvasView::updateSceneRect()
{
    // Room around the drawing to drop new states and to scroll past the edges.
    // It only grows, and the visible centre stays put, so adding a state never scrolls.
    const QRectF bounds = m_scene->itemsBoundingRect().adjusted(-400, -300, 400, 300);
    const QRectF wanted = bounds.united(QRectF(-200, -200, 800, 600)).united(sceneRect());
    if (wanted == sceneRect())
        return;
    const QPointF centre = mapToScene(viewport()->rect().center());
    setSceneRect(wanted);
    centerOn(centre);
}

void CanvasView::placeMinimap()
{
    const QRect area = viewport()->geometry();
    m_minimap->move(area.right() - m_minimap->width() - 12,
                    area.bottom() - m_minimap->height() - 12);
    m_minimap->raise();
}

void CanvasView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    placeMinimap();
}

void CanvasView::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, palette().color(QPalette::Base));
    if (zoom() < 0.5)
        return;
    // A light dot grid, the usual cue of a canvas.
    QColor dot = palette().color(QPalette::Text);
    dot.setAlphaF(0.18);
    // Two-pixel squares at whole device pixels: the raster engine fills those directly,
    // where even aliased wide points go through its general stroker (a fifth of a frame).
    painter->save();
    const QTransform toDevice = painter->worldTransform();
    painter->resetTransform();
    painter->setRenderHint(QPainter::Antialiasing, false);
    const qreal step = 24;
    for (qreal x = std::floor(rect.left() / step) * step; x < rect.right(); x += step) {
        for (qreal y = std::floor(rect.top() / step) * step; y < rect.bottom(); y += step) {
            const QPointF at = toDevice.map(QPointF(x, y));
            painter->fillRect(QRect(qRound(at.x()) - 1, qRound(at.y()) - 1, 2, 2), dot);
        }
    }
    painter->restore();
}

// --- zoom and pan -------------------------------------------------------------------------

bool CanvasView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::Gesture) {
        auto gesture = static_cast<QGestureEvent *>(event);
        if (auto pinch = static_cast<QPinchGesture *>(gesture->gesture(Qt::PinchGesture))) {
            if (pinch->changeFlags() & QPinchGesture::ScaleFactorChanged)
                setZoom(zoom() * pinch->scaleFactor());
            gesture->accept(pinch);
            return true;
        }
    }
    return QGraphicsView::viewportEvent(event);
}

void CanvasView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const qreal steps = event->angleDelta().y() / 120.0;
        setZoom(zoom() * std::pow(kZoomStep, steps));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void CanvasView::mousePressEvent(QMouseEvent *event)
{
    m_buttonDown = true;
    if (event->button() == Qt::MiddleButton) {
        m_middlePanning = true;
        m_panOrigin = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void CanvasView::mouseMoveEvent(QMouseEvent *event)
{
    m_lastScenePos = mapToScene(event->position().toPoint());
    m_hasMouse = true;
    if (m_middlePanning) {
        const QPoint delta = event->position().toPoint() - m_panOrigin;
        m_panOrigin = event->position().toPoint();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void CanvasView::mouseReleaseEvent(QMouseEvent *event)
{
    m_buttonDown = event->buttons() != Qt::NoButton;
    if (m_middlePanning && event->button() == Qt::MiddleButton) {
        m_middlePanning = false;
        viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

bool CanvasView::isEditingText() const
{
    return qgraphicsitem_cast<QGraphicsTextItem *>(m_scene->focusItem()) != nullptr
           || dynamic_cast<QGraphicsTextItem *>(m_scene->focusItem()) != nullptr;
}

void CanvasView::keyPressEvent(QKeyEvent *event)
{
    if (isEditingText()) {
        QGraphicsView::keyPressEvent(event);
        return;
    }
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spacePanning = true;
        setDragMode(QGraphicsView::ScrollHandDrag);
        setInteractive(false);
        return;
    }
    if (event->matches(QKeySequence::Delete) || event->key() == Qt::Key_Backspace
        || event->key() == Qt::Key_Delete) {
        deleteSelection();
        return;
    }
    if (event->key() == Qt::Key_F2) {
        renameSelected();
        return;
    }
    if (event->matches(QKeySequence::Copy)) {
        copy();
        return;
    }
    if (event->matches(QKeySequence::Cut)) {
        cut();
        return;
    }
    if (event->matches(QKeySequence::Paste)) {
        paste();
        return;
    }
    if (event->matches(QKeySequence::SelectAll)) {
        selectAll();
        return;
    }
    if (event->matches(QKeySequence::ZoomIn)
        || ((event->modifiers() & Qt::ControlModifier)
            && (event->key() == Qt::Key_Equal || event->key() == Qt::Key_Plus))) {
        zoomIn();
        return;
    }
    if (event->matches(QKeySequence::ZoomOut)
        || ((event->modifiers() & Qt::ControlModifier) && event->key() == Qt::Key_Minus)) {
        zoomOut();
        return;
    }
    if ((event->modifiers() & Qt::ControlModifier) && event->key() == Qt::Key_0) {
        resetZoom();
        return;
    }
    const qreal step = (event->modifiers() & Qt::ShiftModifier) ? 1 : 10;
    switch (event->key()) {
    case Qt::Key_Left:
        nudgeSelection(QPointF(-step, 0));
        return;
    case Qt::Key_Right:
        nudgeSelection(QPointF(step, 0));
        return;
    case Qt::Key_Up:
        nudgeSelection(QPointF(0, -step));
        return;
    case Qt::Key_Down:
        nudgeSelection(QPointF(0, step));
        return;
    default:
        break;
    }
    QGraphicsView::keyPressEvent(event);
}

void CanvasView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat() && m_spacePanning) {
        m_spacePanning = false;
        setDragMode(QGraphicsView::RubberBandDrag);
        setInteractive(true);
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void CanvasView::nudgeSelection(QPointF delta)
{
    std::map<StateId, std::optional<QPointF>> positions;
    for (StateId id : m_scene->selectedStates())
        positions[id] = m_scene->statePosition(id) + delta;
    if (!positions.empty())
        m_scene->modeling()->move(positions, true);
}

// --- editing --------------------------------------------------------------------------------

void CanvasView::deleteSelection()
{
    m_scene->deleteSelection();
}

void CanvasView::renameSelected()
{
    const auto selected = m_scene->selectedStates();
    if (selected.size() == 1)
        m_scene->beginRename(selected.front());
}

void CanvasView::selectAll()
{
    std::vector<StateId> all;
    for (StateId id : m_document->workflow()->states(m_document->workflow()->rootScope()))
        all.push_back(id);
    m_scene->selectStates(all);
}

void CanvasView::copy()
{
    const Model::Workflow &workflow = *m_document->workflow();
    const auto selected = m_scene->selectedStates();
    if (selected.empty())
        return;
    // One scope per fragment: the first selected state's.
    const Model::ScopeId scope = workflow.scopeOf(selected.front());
    Model::Json states = Model::Json::object();
    Model::Json positions = Model::Json::object();
    QPointF origin(1e9, 1e9);
    for (StateId id : selected) {
        if (workflow.scopeOf(id) != scope)
            continue;
        const QPointF at = m_scene->statePosition(id);
        origin = QPointF(std::min(origin.x(), at.x()), std::min(origin.y(), at.y()));
    }
    for (StateId id : selected) {
        if (workflow.scopeOf(id) != scope)
            continue;
        states[workflow.name(id)] = workflow.stateJson(id);
        const QPointF at = m_scene->statePosition(id) - origin;
        positions[workflow.name(id)] = Model::Json{{"x", at.x()}, {"y", at.y()}};
    }
    Model::Json fragment
        = Model::Json{{"StartAt", workflow.name(selected.front())}, {"States", states}};
    auto *mime = new QMimeData;
    mime->setText(QString::fromStdString(Model::toCanonicalText(fragment)));
    mime->setData(fragmentMimeType(), QByteArray::fromStdString(Model::toCompactText(Model::Json{
                                          {"fragment", fragment}, {"positions", positions}})));
    QApplication::clipboard()->setMimeData(mime);
}

void CanvasView::cut()
{
    copy();
    deleteSelection();
}

void CanvasView::paste()
{
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    if (!mime)
        return;
    Model::Json fragment;
    Model::Json relative = Model::Json::object();
    if (mime->hasFormat(fragmentMimeType())) {
        const QByteArray data = mime->data(fragmentMimeType());
        auto parsed = Model::readJson(std::string_view(data.constData(), data.size()));
        if (parsed.ok() && parsed->value.is_object()) {
            fragment = parsed->value.value("fragment", Model::Json());
            relative = parsed->value.value("positions", Model::Json::object());
        }
    }
    if (fragment.is_null() && mime->hasText()) {
        const std::string text = mime->text().toStdString();
        auto parsed = Model::readJson(text);
        if (parsed.ok() && parsed->value.is_object()) {
            const Model::Json &value = parsed->value;
            if (value.contains("States") && value["States"].is_object())
                fragment = value;
            else if (value.contains("Type") && value["Type"].is_string())
                fragment = Model::Json{{"States", {{value["Type"].get<std::string>(), value}}}};
        }
    }
    if (!fragment.is_object() || !fragment.contains("States"))
        return;
    // Paste where the mouse is, or in the middle of the view.
    const QPointF anchorScene = m_hasMouse && viewport()->underMouse()
                                    ? m_lastScenePos
                                    : mapToScene(viewport()->rect().center());
    auto [scope, anchor] = m_scene->scopeAt(anchorScene);
    std::map<std::string, QPointF> positions;
    qreal row = 0;
    for (auto it = fragment["States"].begin(); it != fragment["States"].end(); ++it) {
        QPointF offset(0, row);
        if (relative.contains(it.key()) && relative[it.key()].is_object())
            offset
                = QPointF(relative[it.key()].value("x", 0.0), relative[it.key()].value("y", 0.0));
        positions[it.key()] = anchor + offset;
        row += CanvasStyle::kStateHeight + 40;
    }
    Model::Result<std::vector<StateId>> pasted
        = m_scene->modeling()->paste(scope, fragment, positions);
    if (pasted)
        m_scene->selectStates(*pasted);
}

void CanvasView::addState(StateType type)
{
    const Model::Workflow &workflow = *m_document->workflow();
    const auto selected = m_scene->selectedStates();
    if (selected.size() == 1) {
        const StateId after = selected.front();
        if (EdgeItem *next = m_scene->edgeItem(after, Model::TransitionKind::Next)) {
            const bool manual = m_document->layout()->hasPosition(after);
            std::optional<QPointF> at;
            if (manual)
                at = m_scene->statePosition(after)
                     + QPointF(0, m_scene->stateItem(after)->size().height() + 60);
            m_scene->insertOnEdge(next, type, at);
            return;
        }
        const QPointF at = m_scene->statePosition(after)
                           + QPointF(0, m_scene->stateItem(after)->size().height() + 60);
        // Joined to `after` by a Next when it can take one; one undo step.
        Model::Result<StateId> added = m_scene->modeling()->addStateAfter(after, type, at);
        if (added)
            selectState(*added);
        return;
    }
    // Below everything in the root scope.
    m_scene->flush();
    qreal bottom = 0;
    qreal centre = 0;
    bool any = false;
    for (StateId id : workflow.states(workflow.rootScope())) {
        if (StateItem *item = m_scene->stateItem(id)) {
            const QRectF r(m_scene->statePosition(id), item->size());
            if (!any || r.bottom() > bottom) {
                bottom = r.bottom();
                centre = r.center().x();
            }
            any = true;
        }
    }
    const QSizeF size = CanvasStyle::nodeSize(type);
    const QPointF at = any ? QPointF(centre - size.width() / 2, bottom + 60) : QPointF(0, 0);
    StateId added = m_scene->addState(type, workflow.rootScope(), at);
    if (added != 0)
        selectState(added);
}

// --- palette drops ------------------------------------------------------------------------

void CanvasView::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(PaletteView::mimeType())) {
        event->acceptProposedAction();
        return;
    }
    event->ignore();
}

void CanvasView::dragMoveEvent(QDragMoveEvent *event)
{
    if (!event->mimeData()->hasFormat(PaletteView::mimeType())) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    highlightDropTarget(mapToScene(event->position().toPoint()));
}

void CanvasView::dragLeaveEvent(QDragLeaveEvent *event)
{
    highlightDropTarget(QPointF(1e12, 1e12));
    event->accept();
}

void CanvasView::highlightDropTarget(QPointF scenePos)
{
    const auto [scope, local] = m_scene->scopeAt(scenePos);
    Q_UNUSED(local);
    for (Model::ScopeId other : m_document->workflow()->allScopes()) {
        if (LaneItem *lane = m_scene->laneItem(other))
            lane->setHighlighted(other == scope);
    }
    EdgeItem *edge = m_scene->edgeAt(scenePos);
    for (EdgeItem *other : m_scene->edgeItems())
        other->setSelected(other == edge);
}

void CanvasView::dropEvent(QDropEvent *event)
{
    if (!event->mimeData()->hasFormat(PaletteView::mimeType())) {
        event->ignore();
        return;
    }
    const StateType type = PaletteView::typeFromMimeData(event->mimeData());
    if (type == StateType::Unknown) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    const QPointF scenePos = mapToScene(event->position().toPoint());
    highlightDropTarget(QPointF(1e12, 1e12));
    const QSizeF size = CanvasStyle::nodeSize(type);
    const auto [scope, local] = m_scene->scopeAt(scenePos);
    const QPointF topLeft = local - QPointF(size.width() / 2, size.height() / 2);
    if (EdgeItem *edge = m_scene->edgeAt(scenePos)) {
        // Into an auto-laid-out flow the new state stays auto, so the flow reflows around it.
        const bool manual = m_document->layout()->hasPosition(edge->from());
        m_scene->insertOnEdge(edge, type, manual ? std::optional<QPointF>(topLeft) : std::nullopt);
    } else {
        m_scene->addState(type, scope, topLeft);
    }
    setFocus(Qt::OtherFocusReason);
}

} // namespace Stepwise::Views
