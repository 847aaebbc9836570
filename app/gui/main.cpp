// stepwise: the desktop designer. Opens FILE, or the bundled timer example.
#include "model/asl/workflow.h"
#include "model/json/jsonreader.h"
#include "views/outlineview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QMainWindow>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>
#include <cstring>

using namespace Stepwise;

int main(int argc, char **argv)
{
    // Answer --version/--help before QApplication, which needs a display.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0) {
            std::printf("stepwise 0.1.0\n");
            return 0;
        }
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Stepwise"));
    QApplication::setOrganizationName(QStringLiteral("Stepwise"));

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("ASL definition to open"));
    QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                  QStringLiteral("Write the window as a PNG and exit"),
                                  QStringLiteral("png"));
    parser.addOption(screenshot);
    parser.process(app);

    QString path
        = parser.positionalArguments().value(0, QStringLiteral(":/examples/timer.asl.json"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "%s: cannot open\n", qPrintable(path));
        return 2;
    }
    QByteArray bytes = file.readAll();
    auto parsed = Model::readJson(std::string_view(bytes.constData(), bytes.size()));
    Model::Workflow workflow;
    if (parsed.ok())
        workflow.load(parsed->value);

    QMainWindow window;
    window.setWindowTitle(QStringLiteral("%1 - Stepwise").arg(path));
    window.setCentralWidget(new Views::OutlineView(&workflow));
    window.resize(1200, 800);
    window.show();
    if (!parsed.ok())
        QMessageBox::warning(&window, QStringLiteral("Stepwise"),
                             QString::fromStdString(parsed.error().toString()));
    if (parser.isSet(screenshot)) {
        QString out = parser.value(screenshot);
        QTimer::singleShot(200, &window, [&window, out] {
            window.grab().save(out);
            QApplication::quit();
        });
    }
    return app.exec();
}
