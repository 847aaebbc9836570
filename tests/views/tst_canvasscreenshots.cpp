#include "model/document.h"
#include "model/json/jsonreader.h"
#include "testdata.h"
#include "views/canvas/canvasscene.h"
#include "views/canvas/canvasview.h"
#include "views/canvas/edgeitem.h"
#include "views/canvas/stateitem.h"

#include <QFontDatabase>
#include <QtTest>

using namespace Stepwise;

// Draws real definitions and writes PNGs to build/screenshots/ for people to look at;
// checks what can be checked automatically: every state drawn, no two states overlapping,
// every edge with a route.
class tst_CanvasScreenshots : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void drawsWithoutOverlaps_data();
    void drawsWithoutOverlaps();
};

void tst_CanvasScreenshots::drawsWithoutOverlaps_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("png");
    QTest::newRow("timer") << QStringLiteral(STEPWISE_SOURCE_DIR
                                             "/resources/examples/timer.asl.json")
                           << "timer.png";
    // The largest real-world definitions, with nesting.
    QFileInfoList files;
    for (const QString &file :
         Tests::filesUnder(Tests::sharedPath(QStringLiteral("corpus/real-world"))))
        files << QFileInfo(file);
    std::sort(files.begin(), files.end(),
              [](const QFileInfo &a, const QFileInfo &b) { return a.size() > b.size(); });
    for (int i = 0; i < std::min<int>(3, files.size()); ++i)
        QTest::newRow(qPrintable(files[i].fileName()))
            << files[i].absoluteFilePath() << QStringLiteral("large-%1.png").arg(i + 1);
}

void tst_CanvasScreenshots::drawsWithoutOverlaps()
{
    QFETCH(QString, file);
    QFETCH(QString, png);
    QVERIFY(!QFontDatabase::families().isEmpty());
    auto parsed = Model::readJsonFile(file.toStdString());
    QVERIFY(parsed.ok());
    Model::Document document;
    document.workflow()->load(parsed->value);
    Views::CanvasView view(&document);
    view.resize(1400, 1000);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.fitToView();

    const auto ids = document.workflow()->allStates();
    for (Model::StateId id : ids) {
        Views::StateItem *item = view.scene()->stateItem(id);
        QVERIFY(item);
        for (Model::StateId other : ids) {
            Views::StateItem *otherItem = view.scene()->stateItem(other);
            if (other == id || otherItem->parentItem() != item->parentItem())
                continue;
            const QRectF a = item->sceneBoundingRect().adjusted(8, 8, -8, -8);
            const QRectF b = otherItem->sceneBoundingRect().adjusted(8, 8, -8, -8);
            QVERIFY2(!a.intersects(b), qPrintable(item->name() + " overlaps " + otherItem->name()));
        }
    }
    for (Views::EdgeItem *edge : view.scene()->edgeItems())
        QVERIFY(!edge->route().isEmpty());

    const QString dir = QStringLiteral(STEPWISE_BIN_DIR "/../screenshots");
    QDir().mkpath(dir);
    QVERIFY(view.grab().save(dir + QLatin1Char('/') + png));
    // The whole scene at full size too, for detail.
    const QRectF bounds = view.scene()->itemsBoundingRect().adjusted(-20, -20, 20, 20);
    QImage image(bounds.size().toSize(), QImage::Format_ARGB32);
    image.fill(view.palette().color(QPalette::Base));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    view.scene()->render(&painter, QRectF(), bounds);
    painter.end();
    QVERIFY(image.save(dir + QLatin1String("/scene-") + png));
}

QTEST_MAIN(tst_CanvasScreenshots)
#include "tst_canvasscreenshots.moc"
