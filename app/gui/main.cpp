// stepwise: the desktop designer. Opens FILE, or the bundled timer example.
#include "app/gui/apptheme.h"
#include "app/gui/commandlinefollow.h"
#include "app/gui/headlessrun.h"
#include "app/gui/mainwindow.h"
#include "model/document.h"
#include "views/canvas/canvasview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>

#include <cstdio>
#include <cstring>

using namespace Stepwise;

namespace {

const char *const kVersion = "0.1.0";

const char *const kHelp
    = "Usage: stepwise [options] [FILE]\n"
      "Design AWS Step Functions workflows: opens FILE (ASL as JSON or YAML), or the timer\n"
      "example when no file is given.\n"
      "\n"
      "Options:\n"
      "  --screenshot OUT.png  Open FILE, lay it out, write the main window as a PNG and exit\n"
      "                        (works without a display)\n"
      "  --select STATE        With --screenshot: select the state of that name first\n"
      "  --input JSON|@FILE    The run's input (default: FILE.input.json beside FILE)\n"
      "  --run-to STATE        With --screenshot: run until STATE is entered and pause there,\n"
      "                        as a breakpoint would, with STATE selected\n"
      "  --run-to-end          With --screenshot: run to the end (or until it waits for you)\n"
      "  --replay HISTORY      With --screenshot: replay a history file (stepwise-cli run\n"
      "                        --history, aws stepfunctions get-execution-history); with\n"
      "                        --run-to, up to STATE\n"
      "  --mocks FILE          Task results from a MockConfigFile (as stepwise-cli run), with\n"
      "  --test-case NAME      the test case to use; the run panel starts with them picked\n"
      "  --follow ARN          Open the definition the execution ARN ran, from the endpoint,\n"
      "                        and follow it live (with --screenshot: write the window once\n"
      "                        its history is shown)\n"
      "  --endpoint URL        The endpoint for --follow (default: the last one used, or\n"
      "                        http://127.0.0.1:8083)\n"
      "  -h, --help            Show this help and exit\n"
      "  -v, --version         Show the version and exit\n";

bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY")
           || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

} // namespace

int main(int argc, char **argv)
{
    // Answer --version/--help before QApplication, which needs a display.
    bool screenshotMode = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            std::printf("stepwise %s\n", kVersion);
            return 0;
        }
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            std::fputs(kHelp, stdout);
            return 0;
        }
        if (std::strncmp(argv[i], "--screenshot", 12) == 0)
            screenshotMode = true;
    }
    // A screenshot needs no screen: draw offscreen when there is none.
    if (screenshotMode && !hasDisplay() && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Stepwise"));
    QApplication::setOrganizationName(QStringLiteral("Stepwise"));
    QApplication::setApplicationVersion(QString::fromLatin1(kVersion));

    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("ASL definition to open"));
    QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                  QStringLiteral("Write the window as a PNG and exit"),
                                  QStringLiteral("png"));
    parser.addOption(screenshot);
    QCommandLineOption select(QStringLiteral("select"),
                              QStringLiteral("Select the state of that name (for screenshots)"),
                              QStringLiteral("state"));
    parser.addOption(select);
    QCommandLineOption inputOption(QStringLiteral("input"), QStringLiteral("The run's input"),
                                   QStringLiteral("json"));
    parser.addOption(inputOption);
    QCommandLineOption runTo(QStringLiteral("run-to"), QStringLiteral("Run until STATE is entered"),
                             QStringLiteral("state"));
    parser.addOption(runTo);
    QCommandLineOption runToEnd(QStringLiteral("run-to-end"), QStringLiteral("Run to the end"));
    parser.addOption(runToEnd);
    QCommandLineOption replay(QStringLiteral("replay"), QStringLiteral("Replay a history file"),
                              QStringLiteral("history"));
    parser.addOption(replay);
    QCommandLineOption mocks(QStringLiteral("mocks"), QStringLiteral("A MockConfigFile"),
                             QStringLiteral("file"));
    parser.addOption(mocks);
    QCommandLineOption testCase(QStringLiteral("test-case"),
                                QStringLiteral("The mock file's test case"),
                                QStringLiteral("name"));
    parser.addOption(testCase);
    QCommandLineOption follow(QStringLiteral("follow"),
                              QStringLiteral("Follow an execution on an endpoint"),
                              QStringLiteral("arn"));
    parser.addOption(follow);
    QCommandLineOption endpoint(QStringLiteral("endpoint"), QStringLiteral("The endpoint URL"),
                                QStringLiteral("url"));
    parser.addOption(endpoint);
    if (!parser.parse(QApplication::arguments())) {
        std::fprintf(stderr, "stepwise: %s\n%s", qPrintable(parser.errorText()), kHelp);
        return 2;
    }

    App::applyTheme(
        app, App::themeChoiceFromString(QSettings().value(QStringLiteral("theme")).toString()));

    App::HeadlessRun run;
    run.mocks = parser.value(mocks);
    run.testCase = parser.value(testCase);
    if (QString error; !App::checkMockArguments(run, &error)) {
        std::fprintf(stderr, "stepwise: %s\n", qPrintable(error));
        return 2;
    }

    App::MainWindow window;
    const QStringList files = parser.positionalArguments();
    const QString path
        = files.isEmpty() ? QStringLiteral(":/examples/timer.asl.json") : files.first();
    if (parser.isSet(screenshot) && parser.isSet(follow)) {
        window.resize(1600, 1000);
        window.show();
        const QString out = parser.value(screenshot);
        int status = 0;
        const QString url = parser.value(endpoint);
        const QString arn = parser.value(follow);
        QTimer::singleShot(300, &window, [&window, &status, out, url, arn] {
            App::followFromCommandLine(
                &window, url, arn, false, [&window, &status, out](const QString &error) {
                    if (!error.isEmpty()) {
                        std::fprintf(stderr, "stepwise: %s\n", qPrintable(error));
                        status = 1;
                    }
                    QApplication::processEvents();
                    if (!window.grab().save(out)) {
                        std::fprintf(stderr, "stepwise: cannot write %s\n", qPrintable(out));
                        status = 1;
                    }
                    window.document()->undoStack()->setClean();
                    QApplication::exit(status);
                });
        });
        const int code = app.exec();
        return code != 0 ? code : status;
    }
    if (parser.isSet(screenshot)) {
        if (!window.openFile(path, false)) {
            // The reason is what the window shows in its status bar.
            std::fprintf(stderr, "stepwise: cannot open %s: %s\n", qPrintable(path),
                         qPrintable(window.statusBar()->currentMessage()));
            return 2;
        }
        App::applyMockArguments(&window, run);
        window.resize(1600, 1000);
        window.show();
        const QString out = parser.value(screenshot);
        const std::string selected = parser.value(select).toStdString();
        int status = 0;
        run.runTo = parser.value(runTo);
        run.runToEnd = parser.isSet(runToEnd);
        run.replay = parser.value(replay);
        if (parser.isSet(inputOption)) {
            QString error;
            if (!App::readInputArgument(parser.value(inputOption), &run.input, &error)) {
                std::fprintf(stderr, "stepwise: --input: %s\n", qPrintable(error));
                return 2;
            }
        }
        // Let the window lay itself out and paint before running and grabbing it.
        QTimer::singleShot(300, &window, [&window, &status, out, selected, run] {
            window.layoutAndFit();
            App::runHeadless(&window, run, [&window, &status, out, selected](const QString &error) {
                if (!error.isEmpty()) {
                    std::fprintf(stderr, "stepwise: %s\n", qPrintable(error));
                    status = 1;
                }
                const Model::Workflow *workflow = window.document()->workflow();
                for (Model::StateId id : workflow->allStates()) {
                    if (!selected.empty() && workflow->name(id) == selected) {
                        window.canvas()->selectState(id);
                        break;
                    }
                }
                QApplication::processEvents();
                if (!window.grab().save(out)) {
                    std::fprintf(stderr, "stepwise: cannot write %s\n", qPrintable(out));
                    status = 1;
                }
                window.document()->undoStack()->setClean(); // no unsaved-changes prompt
                QApplication::exit(status);
            });
        });
        const int code = app.exec();
        return code != 0 ? code : status;
    }
    window.show();
    window.offerRecovery();
    if (parser.isSet(follow)) {
        if (!window.document()->isModified())
            App::followFromCommandLine(&window, parser.value(endpoint), parser.value(follow), true);
        return app.exec();
    }
    if (!window.document()->isModified())
        window.openFile(path, true);
    App::applyMockArguments(&window, run);
    return app.exec();
}
