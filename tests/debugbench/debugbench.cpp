// stepwise-debug-bench [--transitions N] [--skip-cli]: measures the debugger in the real main
// window (offscreen unless a display is set):
// 1. a Pass/Choice loop of N transitions (default 1,000,000) as an Express run at "instant":
//    input latency (a key event posted every 10 ms until delivered) and repaint latency (an
//    update() until the canvas paints), max and p99, and the run's wall time;
// 2. the same loop through `stepwise-cli run --type express` (the whole process);
// 3. step-to-paint: F10 on the timer example until the canvas has painted the new frame;
// 4. frames per second of the canvas during a live run of the 1,000-state generated graph
//    (tests/generatedworkflow.h, its Tasks as SNS publishes) at 100x real time, with a repaint
//    asked every 10 ms as a screen would, and the latency of those repaints and of input.
#include "app/gui/mainwindow.h"
#include "app/gui/rundebugger.h"
#include "generatedworkflow.h"
#include "model/document.h"
#include "views/canvas/canvasview.h"
#include "views/debug/runsettingsview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QKeyEvent>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace Stepwise;

namespace {

struct Stats
{
    double max = 0;
    double p99 = 0;
    double median = 0;
    size_t count = 0;
};

Stats stats(std::vector<double> values)
{
    Stats s;
    if (values.empty())
        return s;
    std::sort(values.begin(), values.end());
    s.count = values.size();
    s.max = values.back();
    s.p99 = values[std::min(values.size() - 1, size_t(double(values.size()) * 0.99))];
    s.median = values[values.size() / 2];
    return s;
}

// Records when watched widgets receive paint events and when probe key events arrive.
class Probe : public QObject
{
  public:
    QElapsedTimer clock;
    std::vector<qint64> paints; // ms since clock start
    qint64 keyPostedAt = -1;
    std::vector<double> keyLatency;
    qint64 updateAskedAt = -1;
    std::vector<double> paintLatency;

  protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            const qint64 now = clock.elapsed();
            paints.push_back(now);
            if (updateAskedAt >= 0) {
                paintLatency.push_back(double(now - updateAskedAt));
                updateAskedAt = -1;
            }
        } else if (event->type() == QEvent::KeyPress
                   && static_cast<QKeyEvent *>(event)->key() == Qt::Key_F24) {
            if (keyPostedAt >= 0)
                keyLatency.push_back(double(clock.elapsed() - keyPostedAt));
            keyPostedAt = -1;
            return true;
        }
        return QObject::eventFilter(watched, event);
    }
};

void setSettings(App::RunDebugger *debugger, bool express, Views::RunSettings::Speed speed,
                 double factor, const QString &input)
{
    Views::RunSettings settings = debugger->settingsView()->settings();
    settings.express = express;
    settings.speed = speed;
    settings.speedFactor = factor;
    settings.inputText = input;
    debugger->settingsView()->setSettings(settings);
}

bool waitFinished(App::RunDebugger *debugger, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        QApplication::processEvents(QEventLoop::AllEvents, 5);
        if (!debugger->isRunning() && debugger->frame().paused == Sim::PauseReason::Finished)
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    long transitions = 1000000;
    bool skipCli = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--help") == 0) {
            std::printf("usage: stepwise-debug-bench [--transitions N] [--skip-cli]\n");
            return 0;
        }
        if (std::strcmp(argv[i], "--transitions") == 0 && i + 1 < argc)
            transitions = std::atol(argv[++i]);
        else if (std::strcmp(argv[i], "--skip-cli") == 0)
            skipCli = true;
    }
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("StepwiseBench"));

    App::MainWindow window;
    window.resize(1600, 1000);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    App::RunDebugger *debugger = window.runDebugger();
    Probe probe;
    probe.clock.start();
    QWidget *viewport = window.canvas()->viewport();
    viewport->installEventFilter(&probe);
    window.canvas()->installEventFilter(&probe);

    // 1. The million-transition Express run at "instant".
    const QString loop = QStringLiteral(STEPWISE_SHARED_DIR "/bench/pass_loop.asl.json");
    if (!window.openFile(loop, false)) {
        std::fprintf(stderr, "cannot open %s\n", qPrintable(loop));
        return 1;
    }
    const long n = transitions / 2; // transitions = 2n + 1
    const QString input = QStringLiteral("{\"i\": 0, \"n\": %1}").arg(n);
    setSettings(debugger, true, Views::RunSettings::Speed::Instant, 1, input);
    QTimer probeTimer;
    probeTimer.setInterval(10);
    QObject::connect(&probeTimer, &QTimer::timeout, [&] {
        if (probe.keyPostedAt < 0) {
            probe.keyPostedAt = probe.clock.elapsed();
            QApplication::postEvent(window.canvas(),
                                    new QKeyEvent(QEvent::KeyPress, Qt::Key_F24, Qt::NoModifier));
        }
        if (probe.updateAskedAt < 0) {
            probe.updateAskedAt = probe.clock.elapsed();
            viewport->update();
        }
    });
    QElapsedTimer runClock;
    runClock.start();
    debugger->startOrContinue();
    probeTimer.start();
    const bool finished = waitFinished(debugger, 600000);
    const double runMs = double(runClock.elapsed());
    probeTimer.stop();
    const Stats key = stats(probe.keyLatency);
    const Stats paint = stats(probe.paintLatency);
    std::printf("express run, %ld transitions at instant: %s in %.0f ms (%lld events)\n", 2 * n + 1,
                finished ? debugger->frame().executionStatus.c_str() : "NOT FINISHED", runMs,
                static_cast<long long>(debugger->frame().eventCount));
    std::printf("  input latency:   max %.1f ms, p99 %.1f ms, median %.1f ms (%zu probes)\n",
                key.max, key.p99, key.median, key.count);
    std::printf("  repaint latency: max %.1f ms, p99 %.1f ms, median %.1f ms (%zu probes)\n",
                paint.max, paint.p99, paint.median, paint.count);
    debugger->stop();

    // 2. The same run through the command line, start to exit.
    if (!skipCli) {
        QProcess cli;
        QElapsedTimer cliClock;
        cliClock.start();
        cli.start(QCoreApplication::applicationDirPath() + QStringLiteral("/stepwise-cli"),
                  {QStringLiteral("run"), QStringLiteral("--type"), QStringLiteral("express"), loop,
                   QStringLiteral("--input"), input});
        cli.waitForFinished(600000);
        std::printf("stepwise-cli run --type express (same loop): exit %d in %lld ms; the GUI "
                    "run took %.2fx that\n",
                    cli.exitCode(), static_cast<long long>(cliClock.elapsed()),
                    runMs / std::max<qint64>(1, cliClock.elapsed()));
    }

    // 3. Step to paint on the timer example.
    window.openFile(QStringLiteral(STEPWISE_SOURCE_DIR "/resources/examples/timer.asl.json"),
                    false);
    setSettings(debugger, false, Views::RunSettings::Speed::Stepped, 1,
                QStringLiteral("{\"topic\": \"arn:aws:sns:us-east-1:123456789012:t\", "
                               "\"message\": \"hi\", \"timer_seconds\": 10}"));
    std::vector<double> stepToPaint;
    for (int round = 0; round < 20; ++round) {
        const bool back = round % 8 >= 4 && debugger->frame().eventIndex > 0;
        const size_t paintsBefore = probe.paints.size();
        const qint64 pressed = probe.clock.elapsed();
        QTest::keyClick(&window, Qt::Key_F10, back ? Qt::ShiftModifier : Qt::NoModifier);
        if (back)
            QTest::keyClick(&window, Qt::Key_F11, Qt::ShiftModifier);
        QElapsedTimer wait;
        wait.start();
        // The frame arrives, then the canvas paints it.
        while (wait.elapsed() < 5000 && probe.paints.size() == paintsBefore)
            QApplication::processEvents(QEventLoop::AllEvents, 1);
        if (probe.paints.size() > paintsBefore)
            stepToPaint.push_back(double(probe.paints[paintsBefore] - pressed));
        if (debugger->frame().paused == Sim::PauseReason::Finished)
            debugger->stop();
        QTest::qWait(30);
    }
    const Stats step = stats(stepToPaint);
    std::printf("step to paint (timer, F10 / Shift+F11): median %.1f ms, max %.1f ms over %zu "
                "steps\n",
                step.median, step.max, step.count);
    debugger->stop();

    // 4. Frames per second on the 1,000-state graph during a live run.
    // Made runnable to its end: the Choices read $.n, so no state replaces its input (the
    // Tasks and Parallels discard their results, the Passes' results go beside it).
    Model::Json big = Tests::generateWorkflow(1000);
    for (auto it = big["States"].begin(); it != big["States"].end(); ++it) {
        const std::string type = it.value().value("Type", "");
        if (type == "Task") {
            it.value()["Resource"] = "arn:aws:states:::sns:publish";
            it.value()["Parameters"] = Model::Json{
                {"TopicArn", "arn:aws:sns:us-east-1:123456789012:bench"}, {"Message", "hi"}};
        }
        if (type == "Task" || type == "Parallel")
            it.value()["ResultPath"] = nullptr;
        if (type == "Pass" && it.value().contains("Result"))
            it.value()["ResultPath"] = "$.last";
    }
    QTemporaryDir dir;
    const QString bigPath = dir.filePath(QStringLiteral("generated1000.asl.json"));
    QFile bigFile(bigPath);
    bigFile.open(QIODevice::WriteOnly);
    bigFile.write(QByteArray::fromStdString(big.dump()));
    bigFile.close();
    window.openFile(bigPath, false);
    setSettings(debugger, false, Views::RunSettings::Speed::Scaled, 100,
                QStringLiteral("{\"n\": 0}"));
    QApplication::processEvents();
    const size_t paintsBefore = probe.paints.size();
    const qint64 started = probe.clock.elapsed();
    // As the screen would: a repaint asked every 10 ms (faster than 60 Hz), so the paints
    // measure what the window can deliver while the run goes on, not only when it changed.
    probe.paintLatency.clear();
    probe.updateAskedAt = -1;
    probe.keyPostedAt = -1;
    probe.keyLatency.clear();
    debugger->startOrContinue();
    probeTimer.start();
    waitFinished(debugger, 20000);
    probeTimer.stop();
    const qint64 ended = probe.clock.elapsed();
    const Stats liveRepaint = stats(probe.paintLatency);
    const Stats liveKey = stats(probe.keyLatency);
    std::vector<double> gaps;
    for (size_t i = paintsBefore + 1; i < probe.paints.size(); ++i)
        gaps.push_back(double(probe.paints[i] - probe.paints[i - 1]));
    const size_t frames = probe.paints.size() - paintsBefore;
    const Stats gap = stats(gaps);
    std::printf("1,000-state graph, live run at 100x: %zu canvas paints in %lld ms = %.1f fps; "
                "frame gap median %.1f ms, p99 %.1f ms, max %.1f ms (%s)\n",
                frames, static_cast<long long>(ended - started),
                1000.0 * double(frames) / std::max<qint64>(1, ended - started), gap.median, gap.p99,
                gap.max, debugger->frame().executionStatus.c_str());
    std::printf("  repaint latency during it: max %.1f ms, p99 %.1f ms, median %.1f ms (%zu "
                "probes); input latency max %.1f ms, p99 %.1f ms\n",
                liveRepaint.max, liveRepaint.p99, liveRepaint.median, liveRepaint.count,
                liveKey.max, liveKey.p99);
    debugger->stop();
    window.document()->undoStack()->setClean();
    return 0;
}
