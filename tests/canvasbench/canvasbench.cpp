// stepwise-canvas-bench [STATES] [--only 100|fit] [--write FILE] [--shots PREFIX]: generates a
// workflow of STATES states (default 1000, see tests/generatedworkflow.h), opens it on the canvas
// offscreen and prints open + layout + first paint (ms), the layout share, and median / max frame
// times (ms) while dragging a state with the mouse, at 100% zoom and at fit-to-view.
#include "generatedworkflow.h"
#include "model/document.h"
#include "views/canvas/canvasscene.h"
#include "views/canvas/canvasview.h"
#include "views/canvas/stateitem.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace Stepwise;
using Model::Json;

namespace {

// Counts the paint events a widget receives, to know when a frame was drawn.
class PaintCounter : public QObject
{
  public:
    int count = 0;

  protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++count;
        return QObject::eventFilter(watched, event);
    }
};

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    int count = 1000;
    QString only;
    const char *write = nullptr;
    QString shots;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--help") == 0) {
            std::printf("usage: stepwise-canvas-bench [STATES] [--only 100|fit] [--write FILE] "
                        "[--shots PREFIX]\n");
            return 0;
        }
        if (std::strcmp(argv[i], "--write") == 0 && i + 1 < argc) {
            // The generated definition as a file, e.g. to open it in the designer.
            write = argv[++i];
            continue;
        }
        if (std::strcmp(argv[i], "--shots") == 0 && i + 1 < argc) {
            // Pictures of the view as the drags start: PREFIX-100.png and PREFIX-fit.png.
            shots = QString::fromLocal8Bit(argv[++i]);
            continue;
        }
        if (std::strcmp(argv[i], "--only") == 0 && i + 1 < argc)
            only = QString::fromLocal8Bit(argv[++i]);
        else if (argv[i][0] != '-')
            count = std::max(3, std::atoi(argv[i]));
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const Json definition = Tests::generateWorkflow(count);
    if (write) {
        QFile file(QString::fromLocal8Bit(write));
        if (!file.open(QIODevice::WriteOnly))
            return 1;
        file.write(QByteArray::fromStdString(definition.dump(2)));
        return 0;
    }

    QElapsedTimer timer;
    timer.start();
    Model::Document document;
    document.workflow()->load(definition);
    const double loadMs = timer.nsecsElapsed() / 1e6;
    Views::CanvasView view(&document);
    const double layoutMs = view.scene()->lastLayoutMs();
    view.resize(1400, 900);
    view.show();
    view.fitToView();
    view.viewport()->repaint();
    const double openMs = timer.nsecsElapsed() / 1e6;
    const size_t states = document.workflow()->allStates().size();
    PaintCounter paints;
    view.viewport()->installEventFilter(&paints);

    // Drag a state in the middle of the flow, at 100% zoom and at fit-to-view, as a user
    // does: mouse events into the viewport, then the event loop runs until the view has
    // painted the frame (only what changed, as on screen). A second figure repaints the
    // whole viewport after each move, the worst case (e.g. a window exposed mid-drag).
    auto drag = [&](bool fit) {
        if (fit)
            view.fitToView();
        else
            view.resetZoom();
        const auto ids = document.workflow()->states(document.workflow()->rootScope());
        Views::StateItem *item = view.scene()->stateItem(ids[ids.size() / 2]);
        view.centerOn(item);
        QApplication::processEvents();
        if (!shots.isEmpty())
            view.grab().save(shots
                             + (fit ? QStringLiteral("-fit.png") : QStringLiteral("-100.png")));
        const QPointF before = item->pos();
        const QPoint from = view.mapFromScene(item->sceneBoundingRect().center());
        QTest::mousePress(view.viewport(), Qt::LeftButton, {}, from);
        std::vector<double> frames;
        std::vector<double> fullFrames;
        int missed = 0;
        for (int step = 1; step <= 160; ++step) {
            const bool full = step % 2 == 0;
            QElapsedTimer frame;
            frame.start();
            const int painted = paints.count;
            QTest::mouseMove(view.viewport(), from + QPoint(step * 2, step));
            if (full) {
                view.viewport()->repaint();
            } else {
                for (int round = 0; round < 10 && paints.count == painted; ++round)
                    QApplication::processEvents();
                missed += paints.count == painted ? 1 : 0;
            }
            (full ? fullFrames : frames).push_back(frame.nsecsElapsed() / 1e6);
        }
        const QPointF moved = item->pos() - before;
        QElapsedTimer release;
        release.start();
        QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, from + QPoint(320, 160));
        QApplication::processEvents();
        view.viewport()->repaint();
        const double releaseMs = release.nsecsElapsed() / 1e6;
        std::printf("drag at %s (zoom %.2f), state moved by (%.0f, %.0f):\n"
                    "  frame (move + painted update): median %.2f ms, max %.2f ms%s\n"
                    "  frame with full-viewport repaint: median %.2f ms, max %.2f ms\n"
                    "  drop (move command + relayout + repaint): %.2f ms\n",
                    fit ? "fit" : "100%", view.zoom(), moved.x(), moved.y(), median(frames),
                    *std::max_element(frames.begin(), frames.end()),
                    missed > 0 ? " (some moves painted nothing!)" : "", median(fullFrames),
                    *std::max_element(fullFrames.begin(), fullFrames.end()), releaseMs);
    };
    std::printf("states: %zu\nload model: %.1f ms\nscene build + auto-layout: %.1f ms (%s)\n"
                "open + layout + first paint: %.1f ms\n",
                states, loadMs, layoutMs, count > 120 ? "in-house layered layout" : "Graphviz dot",
                openMs);
    if (only.isEmpty() || only == QLatin1String("100"))
        drag(false);
    if (only.isEmpty() || only == QLatin1String("fit"))
        drag(true);
    return 0;
}
