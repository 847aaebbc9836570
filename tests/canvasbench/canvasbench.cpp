// stepwise-canvas-bench [STATES] [--graphviz-limit N]: generates a workflow of STATES states
// (default 1000: chains of Task -> Choice -> Wait/Pass with Catch to a shared Fail, and a
// Parallel every 50 states), opens it on the canvas offscreen and prints
//   open+layout+first paint (ms), the layout share, and median / max frame time (ms) while
// dragging a state with the mouse (each move followed by a synchronous repaint).
#include "model/document.h"
#include "views/canvas/canvasscene.h"
#include "views/canvas/canvasview.h"
#include "views/canvas/stateitem.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace Stepwise;
using Model::Json;

namespace {

Json generate(int count)
{
    Json states = Json::object();
    auto name = [](int i) { return "S" + std::to_string(i); };
    // States are numbered S0..; each points at the next one, the last at Done.
    int total = 2; // Done and Failed
    int i = 0;
    for (; total < count; ++i) {
        const std::string next = name(i + 1);
        Json body;
        switch (i % 5) {
        case 0:
            body = Json{
                {"Type", "Task"},
                {"Resource", "arn:aws:states:::lambda:invoke"},
                {"Parameters", {{"FunctionName", "fn" + std::to_string(i)}}},
                {"Catch", Json::array({Json{{"ErrorEquals", {"States.ALL"}}, {"Next", "Failed"}}})},
                {"Next", next}};
            break;
        case 1:
            body = Json{{"Type", "Choice"},
                        {"Choices", Json::array({Json{{"Variable", "$.n"},
                                                      {"NumericGreaterThan", i},
                                                      {"Next", name(i + 2)}}})},
                        {"Default", next}};
            break;
        case 2:
            body = Json{{"Type", "Wait"}, {"Seconds", 1}, {"Next", next}};
            break;
        case 3:
            if (i % 50 == 3 && total + 5 <= count) {
                Json branch = {{"StartAt", "A"},
                               {"States",
                                {{"A", {{"Type", "Pass"}, {"Next", "B"}}},
                                 {"B", {{"Type", "Wait"}, {"Seconds", 1}, {"End", true}}}}}};
                body = Json{{"Type", "Parallel"},
                            {"Branches", Json::array({branch, branch})},
                            {"Next", next}};
                total += 4; // the branches' states
            } else {
                body = Json{{"Type", "Pass"}, {"Next", next}};
            }
            break;
        default:
            body = Json{{"Type", "Pass"}, {"Result", i}, {"Next", next}};
            break;
        }
        states[name(i)] = body;
        ++total;
    }
    // Transitions past the last state lead to Done.
    auto fix = [&](Json &holder, const char *key) {
        if (holder.contains(key) && !states.contains(holder[key].get<std::string>()))
            holder[key] = "Done";
    };
    for (auto it = states.begin(); it != states.end(); ++it) {
        fix(it.value(), "Next");
        fix(it.value(), "Default");
        if (it.value().contains("Choices"))
            for (Json &rule : it.value()["Choices"])
                fix(rule, "Next");
    }
    states["Done"] = Json{{"Type", "Succeed"}};
    states["Failed"] = Json{{"Type", "Fail"}, {"Error", "Failed"}};
    return Json{{"StartAt", name(0)}, {"States", states}};
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    int count = 1000;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--help") == 0) {
            std::printf("usage: stepwise-canvas-bench [STATES]\n");
            return 0;
        }
        if (argv[i][0] != '-')
            count = std::max(3, std::atoi(argv[i]));
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const Json definition = generate(count);

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

    // Drag a state in the middle of the flow, at 100% zoom and at fit-to-view.
    auto drag = [&](bool fit) {
        if (fit)
            view.fitToView();
        else
            view.resetZoom();
        const auto ids = document.workflow()->states(document.workflow()->rootScope());
        Views::StateItem *item = view.scene()->stateItem(ids[ids.size() / 2]);
        view.centerOn(item);
        QApplication::processEvents();
        const QPoint from = view.mapFromScene(item->sceneBoundingRect().center());
        QTest::mousePress(view.viewport(), Qt::LeftButton, {}, from);
        std::vector<double> frames;
        std::vector<double> moves;
        for (int step = 1; step <= 120; ++step) {
            QElapsedTimer frame;
            frame.start();
            QTest::mouseMove(view.viewport(), from + QPoint(step * 2, step));
            moves.push_back(frame.nsecsElapsed() / 1e6);
            view.viewport()->repaint();
            frames.push_back(frame.nsecsElapsed() / 1e6);
        }
        QElapsedTimer release;
        release.start();
        QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, from + QPoint(240, 120));
        view.viewport()->repaint();
        const double releaseMs = release.nsecsElapsed() / 1e6;
        std::printf("drag at %s zoom %.2f: median frame %.2f ms, max frame %.2f ms, "
                    "of which mouse handling %.2f ms; drop (move command + relayout + repaint) "
                    "%.2f ms\n",
                    fit ? "fit" : "100%", view.zoom(), median(frames),
                    *std::max_element(frames.begin(), frames.end()), median(moves), releaseMs);
    };
    std::printf("states: %zu\nload model: %.1f ms\nscene build + auto-layout: %.1f ms\n"
                "open + layout + first paint: %.1f ms\n",
                states, loadMs, layoutMs, openMs);
    drag(false);
    drag(true);
    return 0;
}
