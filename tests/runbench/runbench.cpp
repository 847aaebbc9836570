// stepwise-run-bench [--iterations N] [--shared DIR]: runs the shared pass loop (2N + 1
// transitions; N = 500,000 by default) once through the engine alone, as `stepwise-cli run`
// does, and once through the debugger's RunController at Instant speed, while the calling
// (GUI) thread keeps a 5 ms timer and records how late it fires. Prints one line per run.
#include "model/json/jsonreader.h"
#include "simulator/debug/runcontroller.h"
#include "simulator/engine/compiledmachine.h"
#include "simulator/engine/execution.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Stepwise;
using Model::Json;

namespace {

Json readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Json();
    auto parsed = Model::readJson(file.readAll().toStdString(), {false});
    return parsed ? parsed->value : Json();
}

double percentile(std::vector<qint64> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<size_t>(p * static_cast<double>(values.size() - 1));
    return static_cast<double>(values[index]);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString shared = QStringLiteral(STEPWISE_BENCH_SHARED_DIR);
    std::int64_t iterations = 500000;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--iterations"))
            iterations = args[i + 1].toLongLong();
        else if (args[i] == QLatin1String("--shared"))
            shared = args[i + 1];
    }
    const Json definition = readFile(shared + QStringLiteral("/bench/pass_loop.asl.json"));
    if (!definition.is_object()) {
        std::fprintf(stderr, "cannot read %s/bench/pass_loop.asl.json\n", qPrintable(shared));
        return 2;
    }
    const Json input = {{"i", 0}, {"n", iterations}};
    const std::int64_t transitions = 2 * iterations + 1;

    // The engine alone, as `stepwise-cli run --type express` runs it (no history kept).
    {
        auto machine = Sim::CompiledMachine::compile(definition);
        if (!machine) {
            std::fprintf(stderr, "%s\n", machine.error().toString().c_str());
            return 2;
        }
        Sim::ExecutionOptions options;
        options.recordHistory = false;
        options.maxHistoryEvents = 0;
        QElapsedTimer clock;
        clock.start();
        Sim::Execution execution(machine.value(), input, options);
        const Sim::ExecutionStatus status = execution.run();
        const qint64 ms = clock.elapsed();
        std::printf("engine alone:     %lld transitions, %lld events in %lld ms (%.0f "
                    "transitions/s)%s\n",
                    static_cast<long long>(execution.statesEntered()),
                    static_cast<long long>(execution.eventCount()), static_cast<long long>(ms),
                    static_cast<double>(transitions) * 1000.0
                        / static_cast<double>(std::max<qint64>(1, ms)),
                    status == Sim::ExecutionStatus::Succeeded ? "" : " NOT SUCCEEDED");
    }

    // The run controller at Instant speed, frames coalesced to 16 ms, an Express-style
    // session (no timeline, no stage data), the GUI thread ticking every 5 ms meanwhile.
    Sim::RunController controller;
    Sim::DebugSessionOptions options;
    options.keepEvents = false;
    options.keepStages = false;
    options.execution.maxHistoryEvents = 0;
    int frames = 0;
    std::vector<qint64> frameGaps, tickLate;
    QElapsedTimer clock, sinceFrame, sinceTick;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(5);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        tickLate.push_back(std::max<qint64>(0, sinceTick.elapsed() - 5));
        sinceTick.restart();
    });
    Sim::DebugFrame last;
    QObject::connect(&controller, &Sim::RunController::frameReady,
                     [&](const Sim::DebugFrame &frame) {
                         ++frames;
                         frameGaps.push_back(sinceFrame.restart());
                         last = frame;
                         if (frame.paused == Sim::PauseReason::Finished)
                             app.quit();
                     });
    QObject::connect(&controller, &Sim::RunController::sessionFailed, [&](const QString &m) {
        std::fprintf(stderr, "%s\n", qPrintable(m));
        app.exit(2);
    });
    controller.start(definition, input, options);
    QTimer::singleShot(0, [&] {
        clock.start();
        sinceFrame.start();
        sinceTick.start();
        tick.start();
        controller.continueRun();
    });
    const int code = app.exec();
    const qint64 ms = clock.elapsed();
    std::printf("run controller:   %lld transitions, %lld events in %lld ms (%.0f "
                "transitions/s), status %s\n",
                static_cast<long long>(last.state("Inc") ? last.state("Inc")->visits * 2 + 1 : 0),
                static_cast<long long>(last.eventIndex), static_cast<long long>(ms),
                static_cast<double>(transitions) * 1000.0
                    / static_cast<double>(std::max<qint64>(1, ms)),
                last.executionStatus.c_str());
    std::printf("frames:           %d (gap p50 %.0f ms, p99 %.0f ms, max %.0f ms)\n", frames,
                percentile(frameGaps, 0.5), percentile(frameGaps, 0.99),
                percentile(frameGaps, 1.0));
    std::printf("GUI-thread timer: %zu ticks, late p99 %.0f ms, max %.0f ms\n", tickLate.size(),
                percentile(tickLate, 0.99), percentile(tickLate, 1.0));
    return code;
}
