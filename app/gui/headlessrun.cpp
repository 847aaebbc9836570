#include "app/gui/headlessrun.h"

#include "app/gui/mainwindow.h"
#include "app/gui/rundebugger.h"
#include "views/debug/runsettingsview.h"

#include <QFile>
#include <QObject>
#include <QTimer>

#include <memory>

namespace Stepwise::App {

bool readInputArgument(const QString &value, QString *json, QString *error)
{
    if (!value.startsWith(QLatin1Char('@'))) {
        *json = value;
        return true;
    }
    QFile file(value.mid(1));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(value.mid(1), file.errorString());
        return false;
    }
    *json = QString::fromUtf8(file.readAll());
    return true;
}

bool checkMockArguments(const HeadlessRun &run, QString *error)
{
    if (!run.mocks.isEmpty() && run.testCase.isEmpty()) {
        *error = QStringLiteral("--mocks needs --test-case");
        return false;
    }
    if (run.mocks.isEmpty() && !run.testCase.isEmpty()) {
        *error = QStringLiteral("--test-case needs --mocks");
        return false;
    }
    return true;
}

void applyMockArguments(MainWindow *window, const HeadlessRun &run)
{
    if (run.mocks.isEmpty())
        return;
    Views::RunSettingsView *view = window->runDebugger()->settingsView();
    Views::RunSettings settings = view->settings();
    settings.taskResults = Views::RunSettings::TaskResults::MockFile;
    settings.mockFile = run.mocks;
    settings.testCase = run.testCase;
    view->setSettings(settings);
}

void runHeadless(MainWindow *window, const HeadlessRun &run,
                 std::function<void(const QString &error)> done)
{
    RunDebugger *debugger = window->runDebugger();
    if (!run.replay.isEmpty()) {
        QString error;
        if (!debugger->openHistory(run.replay, &error)) {
            done(error);
            return;
        }
        if (!run.runTo.isEmpty())
            debugger->runToState(run.runTo);
        // Let the taken edge's animation end before the picture.
        QTimer::singleShot(700, window, [done] { done({}); });
        return;
    }
    if (run.runTo.isEmpty() && !run.runToEnd) {
        done({});
        return;
    }
    Views::RunSettings settings = debugger->settingsView()->settings();
    if (!run.input.isEmpty())
        settings.inputText = run.input;
    settings.speed = Views::RunSettings::Speed::Instant;
    debugger->settingsView()->setSettings(settings);

    auto finished = std::make_shared<bool>(false);
    auto timeout = new QTimer(window);
    timeout->setSingleShot(true);
    auto finish = [finished, timeout, done, window](const QString &error) {
        if (*finished)
            return;
        *finished = true;
        timeout->stop();
        // Let the taken edge's animation end before the picture.
        QTimer::singleShot(error.isEmpty() ? 700 : 0, window, [done, error] { done(error); });
    };
    QObject::connect(debugger, &RunDebugger::runFailed, window, finish);
    QObject::connect(debugger, &RunDebugger::frameShown, window, [debugger, finish, run] {
        const Sim::DebugFrame &frame = debugger->frame();
        if (debugger->isRunning() || frame.paused == Sim::PauseReason::None
            || frame.paused == Sim::PauseReason::Step)
            return;
        // --run-to: the state must have been reached, not merely the run ended.
        if (!run.runTo.isEmpty() && frame.paused == Sim::PauseReason::Finished) {
            const Sim::StateRun *state = frame.state(run.runTo.toStdString());
            if (!state || state->visits == 0) {
                finish(QStringLiteral("the run ended (%1) without entering %2")
                           .arg(QString::fromStdString(frame.executionStatus), run.runTo));
                return;
            }
        }
        finish({});
    });
    QObject::connect(timeout, &QTimer::timeout, window,
                     [finish] { finish(QStringLiteral("the run did not get there in 60 s")); });
    timeout->start(60000);
    if (run.runToEnd)
        debugger->startOrContinue();
    else
        debugger->runToState(run.runTo);
}

} // namespace Stepwise::App
