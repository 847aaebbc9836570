#include "generatedworkflow.h"
#include "model/document.h"
#include "model/json/jsonreader.h"
#include "views/canvas/breakpointmarkitem.h"
#include "views/canvas/canvasfollower.h"
#include "views/canvas/canvasscene.h"
#include "views/canvas/canvasview.h"
#include "views/canvas/edgeitem.h"
#include "views/canvas/runmarkitem.h"
#include "views/canvas/runoverlay.h"
#include "views/canvas/stateitem.h"
#include "views/canvas/takenedgeitem.h"
#include "views/editor/asleditor.h"

#include <QScrollBar>

#include <QSignalSpy>
#include <QTextBlock>
#include <QtTest>
#include <algorithm>

using namespace Stepwise;
using Model::StateId;
using Views::RunStatus;
using Views::StateRunInfo;

namespace {

const char *const kTimer = STEPWISE_SOURCE_DIR "/resources/examples/timer.asl.json";

template<typename T>
T *child(QGraphicsItem *item)
{
    for (QGraphicsItem *c : item->childItems()) {
        if (auto *t = qgraphicsitem_cast<T *>(c))
            return t;
    }
    return nullptr;
}

int distance(const QColor &a, const QColor &b)
{
    return std::max({std::abs(a.red() - b.red()), std::abs(a.green() - b.green()),
                     std::abs(a.blue() - b.blue())});
}

// The pixel closest to `wanted` within `radius` pixels of a scene point (strokes are
// antialiased: their edges blend with what is under them).
QColor closestPixel(Views::CanvasView *view, QPointF scenePos, const QColor &wanted, int radius)
{
    const QImage image = view->viewport()->grab().toImage();
    const QPoint centre = view->mapFromScene(scenePos) * image.devicePixelRatio();
    QColor best;
    for (int dy = -radius; dy <= radius; ++dy) {
        for (int dx = -radius; dx <= radius; ++dx) {
            const QPoint p = centre + QPoint(dx, dy);
            if (!image.rect().contains(p))
                continue;
            const QColor c = image.pixelColor(p);
            if (!best.isValid() || distance(c, wanted) < distance(best, wanted))
                best = c;
        }
    }
    return best;
}

} // namespace

// The run drawn on the canvas and in the ASL gutter: status colours, badges, countdowns,
// the taken edge, breakpoint dots, following the active state.
class tst_RunOverlay : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void init();
    void cleanup();
    void statusColoursTheState_data();
    void statusColoursTheState();
    void badgeAndCountdownShow();
    void countdownText_data();
    void countdownText();
    void onlyChangedStatesAreTouched();
    void takenEdgeIsDrawnOverItsEdge();
    void survivesARebuild();
    void breakpointDots();
    void gutterClickAsksForABreakpoint();
    void followsUntilTheUserPans();
    void largeDiagramOpensReadableAroundStart();

  private:
    StateId id(const char *name) const
    {
        return m_doc->workflow()->findState(m_doc->workflow()->rootScope(), name);
    }
    Views::StateItem *item(const char *name) const { return m_view->scene()->stateItem(id(name)); }

    std::unique_ptr<Model::Document> m_doc;
    std::unique_ptr<Views::CanvasView> m_view;
    std::unique_ptr<Views::RunOverlay> m_overlay;
};

void tst_RunOverlay::init()
{
    m_doc = std::make_unique<Model::Document>();
    auto parsed = Model::readJsonFile(kTimer);
    QVERIFY(parsed.ok());
    m_doc->workflow()->load(parsed->value);
    m_view = std::make_unique<Views::CanvasView>(m_doc.get());
    m_overlay = std::make_unique<Views::RunOverlay>(m_view->scene());
    m_view->resize(900, 700);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_view->scene()->flush();
    m_view->resetZoom();
}

void tst_RunOverlay::cleanup()
{
    m_overlay.reset();
    m_view.reset();
    m_doc.reset();
}

void tst_RunOverlay::statusColoursTheState_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QColor>("expected");
    QTest::newRow("succeeded is green") << int(RunStatus::Succeeded) << QColor(0x1d, 0x81, 0x02);
    QTest::newRow("failed is red") << int(RunStatus::Failed) << QColor(0xd1, 0x32, 0x12);
    QTest::newRow("caught is orange") << int(RunStatus::Caught) << QColor(0xf0, 0x8c, 0x00);
    QTest::newRow("cancelled is grey") << int(RunStatus::Cancelled) << QColor(0x87, 0x95, 0x96);
    QTest::newRow("active is blue") << int(RunStatus::Active) << QColor(0x00, 0x73, 0xbb);
}

void tst_RunOverlay::statusColoursTheState()
{
    QFETCH(int, status);
    QFETCH(QColor, expected);
    Views::StateItem *wait = item("Wait");
    QVERIFY(wait);
    const QPointF border = wait->mapToScene(QPointF(wait->size().width() / 2, 0));
    const QColor before = closestPixel(m_view.get(), border, expected, 3);
    m_overlay->setStates({{wait->stateId(), StateRunInfo{RunStatus(status), 1, {}, false}}});
    auto *mark = child<Views::RunMarkItem>(wait);
    QVERIFY(mark);
    QCOMPARE(int(mark->info().status), status);
    // The border is painted in the status colour (what the user sees).
    const QColor after = closestPixel(m_view.get(), border, expected, 3);
    QVERIFY2(distance(after, expected) < distance(before, expected), qPrintable(before.name()));
    QVERIFY2(distance(after, expected) < 24,
             qPrintable(after.name() + QStringLiteral(" vs ") + expected.name()));
    // Not run: nothing drawn over the other state.
    QVERIFY(!child<Views::RunMarkItem>(item("Publish")));
    m_overlay->clearRun();
    QVERIFY(!child<Views::RunMarkItem>(wait));
}

void tst_RunOverlay::badgeAndCountdownShow()
{
    Views::StateItem *wait = item("Wait");
    m_overlay->setStates({{wait->stateId(), StateRunInfo{RunStatus::Active, 12, 7000, false}}});
    auto *mark = child<Views::RunMarkItem>(wait);
    QVERIFY(mark);
    // The badge and countdown stick out of the state at its right edge.
    QVERIFY(mark->boundingRect().right() > wait->size().width());
    QVERIFY(mark->boundingRect().bottom() > wait->size().height());
    QCOMPARE(mark->countdownLabel(), QStringLiteral("7.0 s"));
}

void tst_RunOverlay::countdownText_data()
{
    QTest::addColumn<qint64>("remainingMillis");
    QTest::addColumn<QString>("shown");
    // Under 10 s the tenths count down, rounded up: what is left has not finished.
    QTest::newRow("tenths") << qint64(2400) << QStringLiteral("2.4 s");
    QTest::newRow("tenthsRoundUp") << qint64(2350) << QStringLiteral("2.4 s");
    QTest::newRow("lastTenth") << qint64(40) << QStringLiteral("0.1 s");
    QTest::newRow("done") << qint64(0) << QStringLiteral("0.0 s");
    QTest::newRow("wholeUnderTen") << qint64(7000) << QStringLiteral("7.0 s");
    QTest::newRow("almostTen") << qint64(9950) << QStringLiteral("10 s");
    QTest::newRow("seconds") << qint64(12300) << QStringLiteral("13 s");
    QTest::newRow("minutes") << qint64(125000) << QStringLiteral("2 min 5 s");
    QTest::newRow("hours") << qint64(3600000 + 180000) << QStringLiteral("1 h 3 min");
}

void tst_RunOverlay::countdownText()
{
    QFETCH(qint64, remainingMillis);
    QFETCH(QString, shown);
    QCOMPARE(Views::countdownText(remainingMillis), shown);
    // The state's mark draws that text, its box wide enough for it.
    Views::StateItem *wait = item("Wait");
    m_overlay->setStates(
        {{wait->stateId(), StateRunInfo{RunStatus::Active, 1, remainingMillis, false}}});
    auto *mark = child<Views::RunMarkItem>(wait);
    QVERIFY(mark);
    QCOMPARE(mark->countdownLabel(), shown);
    QVERIFY(mark->boundingRect().bottom() > wait->size().height());
}

void tst_RunOverlay::onlyChangedStatesAreTouched()
{
    const StateId wait = id("Wait");
    const StateId send = id("Publish");
    m_overlay->setStates({{wait, {RunStatus::Succeeded}}, {send, {RunStatus::Active, 1}}});
    auto *waitMark = child<Views::RunMarkItem>(item("Wait"));
    QVERIFY(waitMark);
    m_overlay->setStates({{wait, {RunStatus::Succeeded}}, {send, {RunStatus::Succeeded}}});
    // The same item, still there: unchanged states keep their marks.
    QCOMPARE(child<Views::RunMarkItem>(item("Wait")), waitMark);
    QCOMPARE(int(m_overlay->info(send).status), int(RunStatus::Succeeded));
}

void tst_RunOverlay::takenEdgeIsDrawnOverItsEdge()
{
    const StateId wait = id("Wait");
    m_overlay->setTakenEdge(wait, Model::TransitionKind::Next, -1, 100);
    Views::EdgeItem *edge = m_overlay->takenEdge();
    QVERIFY(edge);
    QCOMPARE(edge->from(), wait);
    auto *taken = child<Views::TakenEdgeItem>(edge);
    QVERIFY(taken);
    QVERIFY(taken->progress() < 1);
    QTRY_COMPARE(taken->progress(), 1.0);
    m_overlay->clearTakenEdge();
    QVERIFY(!child<Views::TakenEdgeItem>(edge));
}

void tst_RunOverlay::survivesARebuild()
{
    const StateId wait = id("Wait");
    m_overlay->setStates({{wait, {RunStatus::Failed}}});
    m_overlay->setBreakpoints({{wait, Views::BreakpointMark{}}});
    m_overlay->setTakenEdge(wait, Model::TransitionKind::Next, -1, 0);
    // Reloading rebuilds every item; the overlay puts its marks back.
    auto parsed = Model::readJsonFile(kTimer);
    m_doc->workflow()->load(parsed->value);
    m_view->scene()->flush();
    const StateId again = id("Wait");
    QVERIFY(m_view->scene()->stateItem(again));
    // Ids may change on reload; the app maps names again. Same ids: marks are back.
    if (again == wait) {
        QVERIFY(child<Views::RunMarkItem>(item("Wait")));
        QVERIFY(child<Views::BreakpointMarkItem>(item("Wait")));
        QVERIFY(m_overlay->takenEdge());
        QVERIFY(child<Views::TakenEdgeItem>(m_overlay->takenEdge()));
    }
}

void tst_RunOverlay::breakpointDots()
{
    const StateId send = id("Publish");
    Views::BreakpointMark mark;
    mark.afterExit = true;
    mark.conditional = true;
    m_overlay->setBreakpoints({{send, mark}});
    auto *dot = child<Views::BreakpointMarkItem>(item("Publish"));
    QVERIFY(dot);
    QVERIFY(dot->toolTip().contains(QStringLiteral("after exit")));
    QVERIFY(dot->toolTip().contains(QStringLiteral("condition")));
    // The dot is painted red on the state's left edge.
    const QColor wanted(0xe5, 0x1c, 0x23);
    const QColor red = closestPixel(m_view.get(), dot->sceneBoundingRect().center(), wanted, 5);
    QVERIFY2(distance(red, wanted) < 24, qPrintable(red.name()));
    m_overlay->setBreakpoints({});
    QVERIFY(!child<Views::BreakpointMarkItem>(item("Publish")));
}

void tst_RunOverlay::gutterClickAsksForABreakpoint()
{
    Views::AslEditor editor(m_doc.get());
    editor.resize(600, 700);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.syncWithModel();
    const StateId send = id("Publish");
    const int line = editor.stateLine(send);
    QVERIFY(line > 0);
    QSignalSpy asked(&editor, &Views::AslEditor::breakpointToggleRequested);
    QTextCursor cursor(editor.document()->findBlockByNumber(line));
    const int y = editor.cursorRect(cursor).center().y();
    QWidget *gutter = nullptr;
    for (QWidget *w : editor.findChildren<QWidget *>()) {
        if (w->metaObject()->className() == QByteArray("Stepwise::Views::LineNumberArea")
            || (w->geometry().left() <= 2 && w->width() == editor.lineNumberAreaWidth()))
            gutter = w;
    }
    QVERIFY(gutter);
    QTest::mouseClick(gutter, Qt::LeftButton, {}, QPoint(6, y));
    QCOMPARE(asked.count(), 1);
    QCOMPARE(asked.first().first().value<StateId>(), send);
    // A dot drawn on that line.
    editor.setBreakpoints({{send, Views::BreakpointMark{}}});
    const QImage shot = gutter->grab().toImage();
    bool red = false;
    for (int x = 0; x < 16 && !red; ++x) {
        const QColor c = shot.pixelColor(QPoint(x, y) * shot.devicePixelRatio());
        red = c.red() > 180 && c.green() < 90;
    }
    QVERIFY(red);
}

void tst_RunOverlay::followsUntilTheUserPans()
{
    auto parsed = Tests::generateWorkflow(200);
    m_doc->workflow()->load(parsed);
    m_view->scene()->flush();
    m_view->resetZoom();
    Views::CanvasFollower follower(m_view.get());
    const auto states = m_doc->workflow()->states(m_doc->workflow()->rootScope());
    const StateId far = states.at(states.size() - 5);
    auto visible = [this](StateId state) {
        const QRectF area = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
        return area.contains(m_view->scene()->stateItem(state)->sceneBoundingRect());
    };
    QVERIFY(!visible(far));
    follower.follow(far);
    QVERIFY(visible(far));
    // The user scrolls with the wheel: following stops.
    QWheelEvent wheel(QPointF(100, 100), m_view->viewport()->mapToGlobal(QPointF(100, 100)),
                      QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase,
                      false);
    QApplication::sendEvent(m_view->viewport(), &wheel);
    QVERIFY(follower.userPanned());
    follower.follow(states.front());
    QVERIFY(!visible(states.front()));
    follower.resume();
    follower.follow(states.front());
    QVERIFY(visible(states.front()));
}

void tst_RunOverlay::largeDiagramOpensReadableAroundStart()
{
    m_doc->workflow()->load(Tests::generateWorkflow(1000));
    Views::CanvasFollower::showReadable(m_view.get());
    QVERIFY(m_view->zoom() >= Views::CanvasFollower::kReadableZoom - 1e-6);
    const Model::Workflow *workflow = m_doc->workflow();
    const StateId start
        = workflow->findState(workflow->rootScope(), workflow->startAt(workflow->rootScope()));
    const QRectF area = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    QVERIFY(area.contains(m_view->scene()->stateItem(start)->sceneBoundingRect()));
    // The timer example is small: it is fitted, at a zoom of at most 1.
    m_doc->workflow()->load(Model::readJsonFile(kTimer)->value);
    Views::CanvasFollower::showReadable(m_view.get());
    QVERIFY(m_view->zoom() <= 1.0 + 1e-6);
}

QTEST_MAIN(tst_RunOverlay)
#include "tst_runoverlay.moc"
