#include "model/document.h"
#include "model/json/jsonreader.h"
#include "views/canvas/canvasscene.h"
#include "views/canvas/canvasview.h"
#include "views/canvas/edgeitem.h"
#include "views/canvas/laneitem.h"
#include "views/canvas/markeritem.h"
#include "views/canvas/stateitem.h"
#include "views/palette/paletteview.h"

#include <QClipboard>
#include <QGraphicsTextItem>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QSignalSpy>
#include <QtTest>

using namespace Stepwise;
using Model::StateId;
using Model::StateType;
using Model::TransitionKind;

namespace {

const char *const kTimer = STEPWISE_SOURCE_DIR "/resources/examples/timer.asl.json";

} // namespace

// What a user does on the canvas, with the mouse and keyboard, offscreen.
class tst_Canvas : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void init();
    void cleanup();
    void drawsEveryStateAndTransition();
    void dropFromPaletteAddsState_data();
    void dropFromPaletteAddsState();
    void dropIntoContainerAddsToItsScope();
    void dropOntoEdgeInsertsState();
    void dragFromHandleConnects();
    void dragEdgeEndReconnects();
    void renameInPlace();
    void deleteKeyRemovesAndUndoRestores();
    void copyPasteThroughClipboard();
    void dragMovesAsOneUndoStepAndSidecarKeepsIt();
    void autoLayoutIsUndoable();
    void zoomKeysAndFit();
    void paletteSearchFilters();
    void textEditRebuildsScene();

  private:
    void load(const QByteArray &json);
    QPoint viewPos(QPointF scenePos) const { return m_view->mapFromScene(scenePos); }
    QPoint centreOf(StateId id) const
    {
        return viewPos(m_view->scene()->stateItem(id)->sceneBoundingRect().center());
    }
    StateId id(const char *name) const
    {
        return m_doc->workflow()->findState(m_doc->workflow()->rootScope(), name);
    }
    void drop(StateType type, QPoint at);

    std::unique_ptr<Model::Document> m_doc;
    std::unique_ptr<Views::CanvasView> m_view;
};

void tst_Canvas::init()
{
    m_doc = std::make_unique<Model::Document>();
    auto parsed = Model::readJsonFile(kTimer);
    QVERIFY(parsed.ok());
    m_doc->workflow()->load(parsed->value);
    m_view = std::make_unique<Views::CanvasView>(m_doc.get());
    m_view->resize(1000, 800);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_view->resetZoom();
    m_view->centerOn(m_view->scene()->stateItem(id("Wait")));
}

void tst_Canvas::cleanup()
{
    m_view.reset();
    m_doc.reset();
}

void tst_Canvas::load(const QByteArray &json)
{
    auto parsed = Model::readJson(std::string_view(json.constData(), json.size()));
    QVERIFY(parsed.ok());
    m_doc->workflow()->load(parsed->value);
    m_view->scene()->flush();
    m_view->resetZoom();
    m_view->centerOn(m_view->scene()->itemsBoundingRect().center());
}

void tst_Canvas::drop(StateType type, QPoint at)
{
    std::unique_ptr<QMimeData> mime(Views::PaletteView::mimeDataFor(type));
    QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_view->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDragMoveEvent move(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_view->viewport(), &move);
    QVERIFY(move.isAccepted());
    QDropEvent dropEvent(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_view->viewport(), &dropEvent);
    QVERIFY(dropEvent.isAccepted());
}

void tst_Canvas::drawsEveryStateAndTransition()
{
    Views::CanvasScene *scene = m_view->scene();
    QVERIFY(scene->stateItem(id("Wait")));
    QVERIFY(scene->stateItem(id("Publish")));
    QCOMPARE(scene->stateItem(id("Wait"))->summary(), QStringLiteral("for $.timer_seconds"));
    QCOMPARE(scene->stateItem(id("Publish"))->summary(), QStringLiteral("sns:publish"));
    QVERIFY(scene->edgeItem(id("Wait"), TransitionKind::Next));
    QVERIFY(scene->startMarker()->isVisible());
    QVERIFY(scene->endMarker()->isVisible());
    // Laid out top-down: Start above Wait above Publish above End.
    QVERIFY(scene->startMarker()->y() < scene->stateItem(id("Wait"))->y());
    QVERIFY(scene->stateItem(id("Wait"))->y() < scene->stateItem(id("Publish"))->y());
    QVERIFY(scene->stateItem(id("Publish"))->y() < scene->endMarker()->y());
}

void tst_Canvas::dropFromPaletteAddsState_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("name");
    for (StateType type : Model::allStateTypes)
        QTest::newRow(Model::toString(type).data())
            << int(type) << QString::fromUtf8(Model::toString(type).data());
}

void tst_Canvas::dropFromPaletteAddsState()
{
    QFETCH(int, type);
    QFETCH(QString, name);
    // An empty spot to the right of the flow.
    const QPoint at = centreOf(id("Wait")) + QPoint(300, 0);
    drop(static_cast<StateType>(type), at);
    // "Wait" exists already, so a dropped Wait is "Wait 2".
    const QString expected = name == QLatin1String("Wait") ? QStringLiteral("Wait 2") : name;
    StateId added = id(qPrintable(expected));
    QVERIFY(added != 0);
    QVERIFY(m_doc->workflow()->type(added) == static_cast<StateType>(type));
    Views::StateItem *item = m_view->scene()->stateItem(added);
    QVERIFY(item);
    QVERIFY(item->isSelected());
    // Its title is where it was dropped.
    const QRectF title = item->mapRectToScene(QRectF(0, 0, item->size().width(), 52));
    QVERIFY(title.contains(m_view->mapToScene(at)));
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Add %1 state").arg(name));
    m_doc->undoStack()->undo();
    QVERIFY(!m_view->scene()->stateItem(added));
    m_doc->undoStack()->redo();
    QVERIFY(m_view->scene()->stateItem(id(qPrintable(expected))));
}

void tst_Canvas::dropIntoContainerAddsToItsScope()
{
    load(R"({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
        {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}]}}})");
    const Model::ScopeId second = m_doc->workflow()->childScopes(id("P")).at(1);
    Views::LaneItem *lane = m_view->scene()->laneItem(second);
    QVERIFY(lane);
    // Below B inside the second branch.
    const QPointF below
        = lane->mapToScene(QPointF(lane->size().width() / 2, lane->size().height() - 6));
    drop(StateType::Wait, viewPos(below));
    const StateId wait = m_doc->workflow()->findState(second, "Wait");
    QVERIFY(wait != 0);
    QCOMPARE(m_view->scene()->stateItem(wait)->parentItem(), lane);
    // The branch grew around its new state.
    QVERIFY(
        lane->sceneBoundingRect().contains(m_view->scene()->stateItem(wait)->sceneBoundingRect()));
}

void tst_Canvas::dropOntoEdgeInsertsState()
{
    Views::EdgeItem *edge = m_view->scene()->edgeItem(id("Wait"), TransitionKind::Next);
    QVERIFY(edge);
    const QPointF middle = edge->mapToScene(edge->route().pointAtPercent(0.5));
    drop(StateType::Pass, viewPos(middle));
    const StateId pass = id("Pass");
    QVERIFY(pass != 0);
    QCOMPARE(m_doc->workflow()->field(id("Wait"), "Next"), Model::Json("Pass"));
    QCOMPARE(m_doc->workflow()->field(pass, "Next"), Model::Json("Publish"));
    // Auto-laid-out flows reflow: the new state sits between the two.
    m_view->scene()->flush();
    const qreal y = m_view->scene()->stateItem(pass)->y();
    QVERIFY(y > m_view->scene()->stateItem(id("Wait"))->y());
    QVERIFY(y < m_view->scene()->stateItem(id("Publish"))->y());
    QVERIFY(m_view->scene()->edgeItem(pass, TransitionKind::Next));
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->workflow()->field(id("Wait"), "Next"), Model::Json("Publish"));
    QCOMPARE(id("Pass"), StateId(0));
}

void tst_Canvas::dragFromHandleConnects()
{
    drop(StateType::Succeed, centreOf(id("Wait")) + QPoint(320, 0));
    const StateId done = id("Succeed");
    QVERIFY(done != 0);
    Views::StateItem *publish = m_view->scene()->stateItem(id("Publish"));
    const QPoint handle = viewPos(publish->mapToScene(publish->handleRect().center()));
    QTest::mousePress(m_view->viewport(), Qt::LeftButton, {}, handle);
    QTest::mouseMove(m_view->viewport(), centreOf(done) - QPoint(20, 0));
    QTest::mouseMove(m_view->viewport(), centreOf(done));
    QTest::mouseRelease(m_view->viewport(), Qt::LeftButton, {}, centreOf(done));
    QCOMPARE(m_doc->workflow()->field(id("Publish"), "Next"), Model::Json("Succeed"));
    QVERIFY(!m_doc->workflow()->hasField(id("Publish"), "End"));
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Connect Publish to Succeed"));
    QVERIFY(m_view->scene()->edgeItem(id("Publish"), TransitionKind::Next));
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->workflow()->field(id("Publish"), "End"), Model::Json(true));
    QVERIFY(!m_view->scene()->edgeItem(id("Publish"), TransitionKind::Next));
}

void tst_Canvas::dragEdgeEndReconnects()
{
    drop(StateType::Pass, centreOf(id("Publish")) + QPoint(320, 0));
    const StateId pass = id("Pass");
    Views::EdgeItem *edge = m_view->scene()->edgeItem(id("Wait"), TransitionKind::Next);
    QVERIFY(edge);
    // Click the edge to select it, then drag its end grip onto Pass.
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
                      viewPos(edge->mapToScene(edge->route().pointAtPercent(0.5))));
    QVERIFY(edge->isSelected());
    const QPoint grip = viewPos(edge->mapToScene(edge->route().currentPosition()));
    QTest::mousePress(m_view->viewport(), Qt::LeftButton, {}, grip);
    QTest::mouseMove(m_view->viewport(), centreOf(pass));
    QTest::mouseRelease(m_view->viewport(), Qt::LeftButton, {}, centreOf(pass));
    QCOMPARE(m_doc->workflow()->field(id("Wait"), "Next"), Model::Json("Pass"));
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Reconnect Wait to Pass"));
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->workflow()->field(id("Wait"), "Next"), Model::Json("Publish"));
}

void tst_Canvas::renameInPlace()
{
    const StateId wait = id("Wait");
    QTest::mouseDClick(m_view->viewport(), Qt::LeftButton, {}, centreOf(wait));
    auto *editor = dynamic_cast<QGraphicsTextItem *>(m_view->scene()->focusItem());
    QVERIFY(editor);
    QTest::keyClicks(m_view->viewport(), "Delay");
    QTest::keyClick(m_view->viewport(), Qt::Key_Return);
    QCOMPARE(m_doc->workflow()->name(wait), std::string("Delay"));
    QCOMPARE(m_view->scene()->stateItem(wait)->name(), QStringLiteral("Delay"));
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Rename Wait to Delay"));
    // F2 then Escape changes nothing.
    QTest::keyClick(m_view->viewport(), Qt::Key_F2);
    QVERIFY(dynamic_cast<QGraphicsTextItem *>(m_view->scene()->focusItem()));
    QTest::keyClicks(m_view->viewport(), "Other");
    QTest::keyClick(m_view->viewport(), Qt::Key_Escape);
    QCOMPARE(m_doc->workflow()->name(wait), std::string("Delay"));
    m_doc->undoStack()->undo();
    QCOMPARE(m_view->scene()->stateItem(wait)->name(), QStringLiteral("Wait"));
}

void tst_Canvas::deleteKeyRemovesAndUndoRestores()
{
    const std::string before = m_doc->workflow()->toJson().dump();
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, centreOf(id("Wait")));
    QCOMPARE(m_view->selectedStates(), std::vector<StateId>{id("Wait")});
    QTest::keyClick(m_view->viewport(), Qt::Key_Delete);
    QCOMPARE(id("Wait"), StateId(0));
    QCOMPARE(m_doc->workflow()->startAt(m_doc->workflow()->rootScope()), std::string("Publish"));
    QVERIFY(m_view->scene()->edgeItems().size() == 2); // Start -> Publish -> End
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->workflow()->toJson().dump(), before);
    QVERIFY(m_view->scene()->stateItem(id("Wait")));
    QVERIFY(m_view->scene()->edgeItem(id("Wait"), TransitionKind::Next));
    m_doc->undoStack()->redo();
    QCOMPARE(id("Wait"), StateId(0));
}

void tst_Canvas::copyPasteThroughClipboard()
{
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, centreOf(id("Wait")));
    QTest::keyClick(m_view->viewport(), Qt::Key_C, Qt::ControlModifier);
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    QVERIFY(mime->hasFormat(Views::CanvasView::fragmentMimeType()));
    auto text = Model::readJson(mime->text().toStdString());
    QVERIFY(text.ok());
    QCOMPARE(text->value["States"]["Wait"]["SecondsPath"], Model::Json("$.timer_seconds"));

    QTest::mouseMove(m_view->viewport(), centreOf(id("Wait")) + QPoint(300, 0));
    QTest::keyClick(m_view->viewport(), Qt::Key_V, Qt::ControlModifier);
    const StateId copy = id("Wait 2");
    QVERIFY(copy != 0);
    QCOMPARE(m_doc->workflow()->field(copy, "Next"), Model::Json("Publish"));
    QCOMPARE(m_view->selectedStates(), std::vector<StateId>{copy});
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Paste 1 states"));

    // Plain ASL text from elsewhere (another app) pastes too.
    QApplication::clipboard()->setText(R"({"Type": "Pass", "Result": 1, "End": true})");
    QTest::keyClick(m_view->viewport(), Qt::Key_V, Qt::ControlModifier);
    QVERIFY(id("Pass") != 0);
    m_doc->undoStack()->undo();
    m_doc->undoStack()->undo();
    QCOMPARE(id("Wait 2"), StateId(0));
}

void tst_Canvas::dragMovesAsOneUndoStepAndSidecarKeepsIt()
{
    const StateId publish = id("Publish");
    Views::StateItem *item = m_view->scene()->stateItem(publish);
    const QPointF start = item->pos();
    const QPoint from = centreOf(publish);
    QTest::mousePress(m_view->viewport(), Qt::LeftButton, {}, from);
    for (int step = 1; step <= 10; ++step)
        QTest::mouseMove(m_view->viewport(), from + QPoint(25 * step, 8 * step));
    QTest::mouseRelease(m_view->viewport(), Qt::LeftButton, {}, from + QPoint(250, 80));
    QCOMPARE(m_doc->undoStack()->count(), 1);
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Move Publish"));
    QVERIFY(m_doc->layout()->hasPosition(publish));
    const QPointF moved = m_doc->layout()->position(publish).value();
    QCOMPARE(moved, start + QPointF(250, 80));
    // The edge follows.
    Views::EdgeItem *edge = m_view->scene()->edgeItem(id("Wait"), TransitionKind::Next);
    QVERIFY(QLineF(edge->mapToScene(edge->route().currentPosition()),
                   item->sceneBoundingRect().center())
                .length()
            < 60);

    // Saved in the sidecar and read back into another document, the state stays there.
    const Model::Json sidecar = m_doc->layout()->toSidecar(*m_doc->workflow());
    Model::Document reopened;
    reopened.workflow()->load(m_doc->workflow()->toJson());
    reopened.layout()->fromSidecar(sidecar, *reopened.workflow());
    Views::CanvasView other(&reopened);
    other.scene()->flush();
    const StateId again
        = reopened.workflow()->findState(reopened.workflow()->rootScope(), "Publish");
    QCOMPARE(other.scene()->stateItem(again)->pos(), moved);

    m_doc->undoStack()->undo();
    QVERIFY(!m_doc->layout()->hasPosition(publish));
    QCOMPARE(item->pos(), start);
}

void tst_Canvas::autoLayoutIsUndoable()
{
    const StateId wait = id("Wait");
    const QPointF autoPos = m_view->scene()->stateItem(wait)->pos();
    m_doc->layout()->setPosition(wait, QPointF(900, 900));
    m_view->scene()->flush();
    QCOMPARE(m_view->scene()->stateItem(wait)->pos(), QPointF(900, 900));
    m_view->autoLayout();
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Auto-layout"));
    QCOMPARE(m_view->scene()->stateItem(wait)->pos(), autoPos);
    m_doc->undoStack()->undo();
    QCOMPARE(m_view->scene()->stateItem(wait)->pos(), QPointF(900, 900));
}

void tst_Canvas::zoomKeysAndFit()
{
    QSignalSpy zoomed(m_view.get(), &Views::CanvasView::zoomChanged);
    QTest::keyClick(m_view->viewport(), Qt::Key_Equal, Qt::ControlModifier);
    QVERIFY(m_view->zoom() > 1.1);
    QTest::keyClick(m_view->viewport(), Qt::Key_Minus, Qt::ControlModifier);
    QTest::keyClick(m_view->viewport(), Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(m_view->zoom() < 1.0);
    QTest::keyClick(m_view->viewport(), Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(m_view->zoom(), 1.0);
    QVERIFY(zoomed.count() >= 3);
    m_view->fitToView();
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    QVERIFY(visible.contains(m_view->scene()->stateItem(id("Publish"))->sceneBoundingRect()));
}

void tst_Canvas::paletteSearchFilters()
{
    Views::PaletteView palette;
    QCOMPARE(palette.visibleTypes().size(), qsizetype(8));
    QTest::keyClicks(palette.searchBox(), "wai");
    QVERIFY(palette.visibleTypes() == QList<StateType>{StateType::Wait});
    palette.searchBox()->clear();
    // Searching the descriptions: "each item" finds Map.
    QTest::keyClicks(palette.searchBox(), "each item");
    QVERIFY(palette.visibleTypes() == QList<StateType>{StateType::Map});
    QSignalSpy activated(&palette, &Views::PaletteView::stateTypeActivated);
    palette.searchBox()->clear();
    Q_EMIT palette.list()->itemActivated(palette.list()->item(3));
    QCOMPARE(activated.count(), 1);
}

void tst_Canvas::textEditRebuildsScene()
{
    const StateId wait = id("Wait");
    Model::Json edited = m_doc->workflow()->toJson();
    edited["States"]["Publish"]["Next"] = "Done";
    edited["States"]["Publish"].erase("End");
    edited["States"]["Done"] = Model::Json{{"Type", "Succeed"}};
    m_doc->workflow()->load(edited);
    QCOMPARE(id("Wait"), wait);
    QVERIFY(m_view->scene()->stateItem(id("Done")));
    QVERIFY(m_view->scene()->edgeItem(id("Publish"), TransitionKind::Next));
}

QTEST_MAIN(tst_Canvas)
#include "tst_canvas.moc"
