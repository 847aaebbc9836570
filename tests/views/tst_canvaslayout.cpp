#include "generatedworkflow.h"
#include "model/document.h"
#include "model/json/jsonreader.h"
#include "testdata.h"
#include "views/canvas/canvasscene.h"
#include "views/canvas/canvasview.h"
#include "views/canvas/edgeitem.h"
#include "views/canvas/markeritem.h"
#include "views/canvas/minimapview.h"
#include "views/canvas/stateitem.h"

#include <QtTest>

#include <algorithm>
#include <functional>

using namespace Stepwise;

namespace {

// States in a definition, nested ones included.
int countStates(const Model::Json &definition)
{
    int count = 0;
    if (!definition.is_object() || !definition.contains("States")
        || !definition["States"].is_object())
        return 0;
    for (const auto &[name, state] : definition["States"].items()) {
        ++count;
        if (!state.is_object())
            continue;
        if (state.contains("Branches") && state["Branches"].is_array())
            for (const auto &branch : state["Branches"])
                count += countStates(branch);
        for (const char *key : {"ItemProcessor", "Iterator"})
            if (state.contains(key))
                count += countStates(state[key]);
    }
    return count;
}

// The most Choice rules any one Choice state of a definition has.
int busiestChoice(const Model::Json &definition)
{
    int most = 0;
    if (!definition.is_object() || !definition.contains("States")
        || !definition["States"].is_object())
        return 0;
    for (const auto &[name, state] : definition["States"].items()) {
        if (!state.is_object())
            continue;
        if (state.value("Type", "") == "Choice" && state.contains("Choices")
            && state["Choices"].is_array())
            most = std::max(most, static_cast<int>(state["Choices"].size()));
        if (state.contains("Branches") && state["Branches"].is_array())
            for (const auto &branch : state["Branches"])
                most = std::max(most, busiestChoice(branch));
        for (const char *key : {"ItemProcessor", "Iterator"})
            if (state.contains(key))
                most = std::max(most, busiestChoice(state[key]));
    }
    return most;
}

// The corpus definitions that score highest, best first.
QStringList topCorpusFiles(const std::function<int(const Model::Json &)> &score, int count)
{
    std::vector<std::pair<int, QString>> scored;
    for (const QString &file : Tests::filesUnder(Tests::sharedPath(QStringLiteral("corpus")))) {
        auto parsed = Model::readJsonFile(file.toStdString());
        if (parsed.ok())
            scored.emplace_back(score(parsed->value), file);
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    QStringList out;
    for (int i = 0; i < count && i < static_cast<int>(scored.size()); ++i)
        out << scored[i].second;
    return out;
}

bool segmentEntersRect(QLineF segment, const QRectF &rect)
{
    if (!QRectF(segment.p1(), segment.p2()).normalized().adjusted(-1, -1, 1, 1).intersects(rect))
        return false;
    const int steps = std::max(1, static_cast<int>(segment.length() / 2));
    for (int i = 0; i <= steps; ++i) {
        if (rect.contains(segment.pointAt(static_cast<qreal>(i) / steps)))
            return true;
    }
    return false;
}

// How far a point lies outside a rectangle (0 inside it).
qreal distanceToRect(QPointF point, const QRectF &rect)
{
    const qreal dx = std::max({rect.left() - point.x(), 0.0, point.x() - rect.right()});
    const qreal dy = std::max({rect.top() - point.y(), 0.0, point.y() - rect.bottom()});
    return std::hypot(dx, dy);
}

} // namespace

// How the auto-layout draws big and busy diagrams, checked on what the user sees: the
// items of the canvas after opening a definition.
class tst_CanvasLayout : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void edgesAvoidStates_data();
    void edgesAvoidStates();
    void labelsDoNotOverlap_data();
    void labelsDoNotOverlap();
    void edgesJoinTheirEnds_data();
    void edgesJoinTheirEnds();
    void edgesArePaintedAlongTheirRoutes_data();
    void edgesArePaintedAlongTheirRoutes();
    void minimapStaysSmallAndHideable();

  private:
    void addDefinitionRows(const QStringList &files);
};

void tst_CanvasLayout::addDefinitionRows(const QStringList &files)
{
    QTest::addColumn<QByteArray>("definition");
    for (const QString &file : files) {
        QFile in(file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QTest::newRow(qPrintable(QFileInfo(file).fileName())) << in.readAll();
    }
    // Beyond Graphviz's size limit: the in-house layered layout.
    for (int states : {300, 1000})
        QTest::newRow(qPrintable(QStringLiteral("generated %1 states").arg(states)))
            << QByteArray::fromStdString(Tests::generateWorkflow(states).dump());
}

void tst_CanvasLayout::edgesAvoidStates_data()
{
    addDefinitionRows(topCorpusFiles(countStates, 3));
}

// No transition is drawn through a state it does not connect.
void tst_CanvasLayout::edgesAvoidStates()
{
    QFETCH(QByteArray, definition);
    auto parsed = Model::readJson(std::string_view(definition.constData(), definition.size()));
    QVERIFY(parsed.ok());
    Model::Document document;
    document.workflow()->load(parsed->value);
    Views::CanvasView view(&document);
    view.scene()->flush();
    std::vector<Views::StateItem *> states;
    for (Model::StateId id : document.workflow()->allStates())
        states.push_back(view.scene()->stateItem(id));
    int checked = 0;
    for (Views::EdgeItem *edge : view.scene()->edgeItems()) {
        const QPainterPath path = edge->mapToScene(edge->route());
        for (const QPolygonF &polygon : path.toSubpathPolygons()) {
            for (int i = 1; i < polygon.size(); ++i) {
                const QLineF segment(polygon[i - 1], polygon[i]);
                for (Views::StateItem *state : states) {
                    // Its own ends, and states of other scopes (the container is checked).
                    if (state->stateId() == edge->from() || state->stateId() == edge->to()
                        || state->parentItem() != edge->parentItem())
                        continue;
                    const QRectF box = state->mapRectToScene(state->rect()).adjusted(2, 2, -2, -2);
                    if (segmentEntersRect(segment, box))
                        QFAIL(qPrintable(
                            QStringLiteral("the edge %1 -> %2 crosses %3")
                                .arg(
                                    QString::fromStdString(document.workflow()->name(edge->from())),
                                    QString::fromStdString(document.workflow()->name(edge->to())),
                                    state->name())));
                }
                ++checked;
            }
        }
    }
    QVERIFY(checked > 0);
}

void tst_CanvasLayout::labelsDoNotOverlap_data()
{
    addDefinitionRows(topCorpusFiles(busiestChoice, 3));
}

// Condition and error labels overlap neither each other nor any state.
void tst_CanvasLayout::labelsDoNotOverlap()
{
    QFETCH(QByteArray, definition);
    auto parsed = Model::readJson(std::string_view(definition.constData(), definition.size()));
    QVERIFY(parsed.ok());
    Model::Document document;
    document.workflow()->load(parsed->value);
    Views::CanvasView view(&document);
    view.scene()->flush();
    std::vector<std::pair<QRectF, Views::EdgeItem *>> labels;
    for (Views::EdgeItem *edge : view.scene()->edgeItems()) {
        if (!edge->label().isEmpty())
            labels.emplace_back(edge->mapRectToScene(edge->labelRect()), edge);
    }
    QVERIFY(!labels.empty());
    auto name
        = [&](Model::StateId id) { return QString::fromStdString(document.workflow()->name(id)); };
    for (size_t i = 0; i < labels.size(); ++i) {
        for (size_t j = i + 1; j < labels.size(); ++j) {
            if (labels[i].first.intersects(labels[j].first))
                QFAIL(qPrintable(QStringLiteral("labels '%1' and '%2' overlap")
                                     .arg(labels[i].second->label(), labels[j].second->label())));
        }
        for (Model::StateId id : document.workflow()->allStates()) {
            Views::StateItem *state = view.scene()->stateItem(id);
            if (state->isContainer())
                continue; // labels inside its lanes are on it
            if (state->mapRectToScene(state->rect()).intersects(labels[i].first))
                QFAIL(qPrintable(
                    QStringLiteral("label '%1' (%2) covers the state %3")
                        .arg(labels[i].second->label(), name(labels[i].second->from()), name(id))));
        }
    }
}

void tst_CanvasLayout::edgesJoinTheirEnds_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &file : Tests::filesUnder(Tests::sharedPath(QStringLiteral("corpus")))) {
        auto parsed = Model::readJsonFile(file.toStdString());
        if (parsed.ok() && parsed->value.is_object() && parsed->value.contains("States"))
            QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
    }
}

// Every arrow, Start and End links included, is a line drawn from its source's border to
// its target's, not an arrowhead alone or a line that stops short of a state.
void tst_CanvasLayout::edgesJoinTheirEnds()
{
    QFETCH(QString, file);
    auto parsed = Model::readJsonFile(file.toStdString());
    QVERIFY(parsed.ok());
    Model::Document document;
    document.workflow()->load(parsed->value);
    Views::CanvasView view(&document);
    Views::CanvasScene *scene = view.scene();
    scene->flush();
    auto box = [&](Model::StateId id, const QGraphicsItem *marker) {
        const QGraphicsItem *item = id != 0 ? scene->stateItem(id) : marker;
        return item ? item->sceneBoundingRect() : QRectF();
    };
    auto name = [&](Model::StateId id) {
        return id != 0 ? QString::fromStdString(document.workflow()->name(id))
                       : QStringLiteral("marker");
    };
    constexpr qreal kSlack = 6;
    for (Views::EdgeItem *edge : scene->edgeItems()) {
        const QRectF from = box(edge->from(), scene->startMarker());
        const QRectF to = box(edge->to(), scene->endMarker());
        QVERIFY(!from.isEmpty() && !to.isEmpty());
        const QPainterPath route = edge->mapToScene(edge->route());
        const QPointF first = route.elementAt(0);
        const QPointF last = route.currentPosition();
        const QString what = name(edge->from()) + QStringLiteral(" -> ") + name(edge->to());
        if (distanceToRect(first, from) > kSlack)
            QFAIL(qPrintable(what + QStringLiteral(" starts away from its source")));
        if (distanceToRect(last, to) > kSlack)
            QFAIL(qPrintable(what + QStringLiteral(" ends away from its target")));
        // The painted line covers the gap between the two boxes.
        const qreal gap
            = std::max(0.0, std::max(to.top() - from.bottom(), from.top() - to.bottom()));
        if (edge->routeLength() + 2 * kSlack < gap)
            QFAIL(qPrintable(what
                             + QStringLiteral(" is drawn %1 long over a gap of %2")
                                   .arg(edge->routeLength())
                                   .arg(gap)));
    }
}

void tst_CanvasLayout::edgesArePaintedAlongTheirRoutes_data()
{
    QTest::addColumn<QString>("file");
    const QString dir = Tests::sharedPath(QStringLiteral("corpus/real-world"));
    for (const QString &file : Tests::filesUnder(dir))
        QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
}

// Wherever an edge runs in view, its line is on screen, also when the canvas sits inside a
// window away from its top-left corner, as in the main window (it is painted redirected).
void tst_CanvasLayout::edgesArePaintedAlongTheirRoutes()
{
    QFETCH(QString, file);
    auto parsed = Model::readJsonFile(file.toStdString());
    QVERIFY(parsed.ok());
    Model::Document document;
    document.workflow()->load(parsed->value);
    QWidget window;
    window.resize(1400, 1000);
    auto *view = new Views::CanvasView(&document, &window);
    view->setGeometry(400, 300, 1000, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    Views::CanvasScene *scene = view->scene();
    scene->flush();
    view->resetZoom();
    const std::vector<Views::EdgeItem *> edges = scene->edgeItems();
    if (edges.empty())
        QSKIP("no edges");
    const QImage shown = window.grab().toImage();
    for (Views::EdgeItem *edge : edges)
        edge->setVisible(false);
    const QImage hidden = window.grab().toImage();
    for (Views::EdgeItem *edge : edges)
        edge->setVisible(true);
    QCOMPARE(shown.size(), hidden.size());
    const qreal ratio = shown.devicePixelRatio();

    // What paints over an edge: states (but not containers it runs inside), the Start and
    // End markers, edge labels.
    std::vector<std::pair<QRectF, QGraphicsItem *>> covers;
    for (Views::EdgeItem *edge : edges)
        if (!edge->labelRect().isEmpty())
            covers.emplace_back(edge->mapRectToScene(edge->labelRect()).adjusted(-3, -3, 3, 3),
                                nullptr);
    for (QGraphicsItem *item : scene->items())
        if (item->isVisible()
            && (item->type() == Views::StateItem::Type || item->type() == Views::MarkerItem::Type))
            covers.emplace_back(item->sceneBoundingRect().adjusted(-3, -3, 3, 3), item);
    const QRect viewport = view->viewport()->rect().adjusted(4, 4, -4, -4);
    auto name = [&](Model::StateId id) {
        return id != 0 ? QString::fromStdString(document.workflow()->name(id))
                       : QStringLiteral("marker");
    };
    int checked = 0;
    for (Views::EdgeItem *edge : edges) {
        const qreal length = edge->routeLength();
        // Up to the arrowhead, which is painted on its own.
        for (qreal at = 0; at < length - 14; at += 8) {
            const QPointF scenePoint = edge->mapToScene(edge->pointAtDistance(at));
            if (std::any_of(covers.begin(), covers.end(), [&](const auto &cover) {
                    return cover.first.contains(scenePoint)
                           && !(cover.second && cover.second->isAncestorOf(edge));
                }))
                continue;
            const QPoint inViewport = view->mapFromScene(scenePoint);
            if (!viewport.contains(inViewport))
                continue;
            const QPoint pixel
                = (view->viewport()->mapTo(&window, inViewport).toPointF() * ratio).toPoint();
            bool painted = false;
            for (int dx = -2; dx <= 2 && !painted; ++dx)
                for (int dy = -2; dy <= 2 && !painted; ++dy)
                    painted = shown.pixel(pixel + QPoint(dx, dy))
                              != hidden.pixel(pixel + QPoint(dx, dy));
            if (!painted)
                QFAIL(qPrintable(QStringLiteral("%1 -> %2 is not drawn at %3 of %4 along it")
                                     .arg(name(edge->from()), name(edge->to()))
                                     .arg(at)
                                     .arg(length)));
            ++checked;
        }
    }
    if (checked == 0)
        QSKIP("no edge line in view");
}

// On a big diagram the minimap sits small in the bottom-right corner; it hides on request
// and when the whole diagram is in view, and clicking it scrolls the canvas there.
void tst_CanvasLayout::minimapStaysSmallAndHideable()
{
    Model::Document document;
    document.workflow()->load(Tests::generateWorkflow(300));
    Views::CanvasView view(&document);
    view.resize(1000, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.resetZoom();
    Views::MinimapView *minimap = view.minimap();
    minimap->refresh();
    QVERIFY(minimap->isVisible());
    const QRect viewport = view.viewport()->geometry();
    QVERIFY(minimap->width() <= viewport.width() / 5);
    QVERIFY(minimap->height() <= viewport.height() / 5);
    QVERIFY(viewport.contains(minimap->geometry()));
    QVERIFY(minimap->geometry().right() > viewport.center().x() + viewport.width() / 3);
    QVERIFY(minimap->geometry().bottom() > viewport.center().y() + viewport.height() / 3);

    // From the diagram's end, clicking near the minimap's top scrolls back to its start.
    const QRectF diagram = view.scene()->itemsBoundingRect();
    view.centerOn(diagram.center().x(), diagram.bottom());
    const QPointF before = view.mapToScene(view.viewport()->rect().center());
    const QPointF target(minimap->fromScene(diagram.center()).x(),
                         minimap->fromScene(diagram.topLeft()).y() + 4);
    QTest::mouseClick(minimap, Qt::LeftButton, {}, target.toPoint());
    const QPointF after = view.mapToScene(view.viewport()->rect().center());
    QVERIFY(after.y() < before.y() - 100);

    minimap->setWanted(false);
    QVERIFY(!minimap->isVisible());
    minimap->setWanted(true);
    QVERIFY(minimap->isVisible());
    // The whole diagram in view: nothing to navigate.
    document.workflow()->load(Tests::generateWorkflow(3));
    view.scene()->flush();
    view.fitToView();
    minimap->refresh();
    QVERIFY(!minimap->isVisible());
}

QTEST_MAIN(tst_CanvasLayout)
#include "tst_canvaslayout.moc"
