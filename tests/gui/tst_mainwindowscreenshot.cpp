#include "app/gui/apptheme.h"
#include "app/gui/mainwindow.h"
#include "testdata.h"
#include "views/canvas/canvasscene.h"
#include "views/canvas/canvasview.h"
#include "views/canvas/diagnosticbadgeitem.h"
#include "views/canvas/stateitem.h"

#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

using namespace Stepwise;

// Pictures of the main window for people to look at (build/screenshots/), and the
// `stepwise --screenshot` command that makes them from the real executable.
class tst_MainWindowScreenshot : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void initTestCase();
    void writesWindowPictures_data();
    void writesWindowPictures();
    void commandLineScreenshot_data();
    void commandLineScreenshot();
    void helpAndVersionNeedNoDisplay_data();
    void helpAndVersionNeedNoDisplay();

  private:
    QString m_outDir;
};

static QString largestCorpusFile()
{
    QStringList corpus
        = Stepwise::Tests::filesUnder(Stepwise::Tests::sharedPath("corpus/real-world"));
    std::sort(corpus.begin(), corpus.end(), [](const QString &a, const QString &b) {
        return QFileInfo(a).size() > QFileInfo(b).size();
    });
    return corpus.value(0);
}

// A picture of a window is more than a blank: many colours, and not mostly one.
static void verifyPicture(const QImage &image, QSize atLeast)
{
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= atLeast.width() && image.height() >= atLeast.height());
    QHash<QRgb, int> colours;
    int samples = 0;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3, ++samples)
            ++colours[image.pixel(x, y)];
    }
    QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
}

void tst_MainWindowScreenshot::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StepwiseTests"));
    QCoreApplication::setApplicationName(QStringLiteral("StepwiseScreenshots"));
    m_outDir = QDir(QStringLiteral(STEPWISE_BIN_DIR "/..")).absoluteFilePath("screenshots");
    QVERIFY(QDir().mkpath(m_outDir));
    QVERIFY2(!largestCorpusFile().isEmpty(), "the shared corpus is missing");
}

void tst_MainWindowScreenshot::writesWindowPictures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("theme");
    QTest::addColumn<QString>("out");
    const QString timer = QStringLiteral(STEPWISE_SOURCE_DIR "/resources/examples/timer.asl.json");
    QTest::newRow("timerLight") << timer << "light"
                                << "mainwindow-timer.png";
    QTest::newRow("timerDark") << timer << "dark"
                               << "mainwindow-timer-dark.png";
    QTest::newRow("largestCorpus") << largestCorpusFile() << "light"
                                   << "mainwindow-large.png";
}

void tst_MainWindowScreenshot::writesWindowPictures()
{
    QFETCH(QString, file);
    QFETCH(QString, theme);
    QFETCH(QString, out);
    App::applyTheme(*qApp, App::themeChoiceFromString(theme));
    App::MainWindow window;
    QVERIFY(window.openFile(file, false));
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.layoutAndFit();
    // Select the start state so the inspector shows a form.
    Model::Workflow *workflow = window.document()->workflow();
    const Model::StateId start
        = workflow->findState(workflow->rootScope(), workflow->startAt(workflow->rootScope()));
    QVERIFY(start != 0);
    window.canvas()->selectState(start);
    QTest::qWait(100);
    const QImage image = window.grab().toImage();
    const QString path = QDir(m_outDir).filePath(out);
    QVERIFY(image.save(path));
    verifyPicture(image, QSize(1600, 1000));
    App::applyTheme(*qApp, App::ThemeChoice::Light);
    qInfo("wrote %s", qPrintable(path));
}

void tst_MainWindowScreenshot::commandLineScreenshot_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("out");
    QTest::newRow("default") << QString() << "cli-default.png";
    QTest::newRow("largestCorpus") << largestCorpusFile() << "cli-large.png";
    QTest::newRow("yamlTemplate") << QStringLiteral(STEPWISE_SOURCE_DIR
                                                    "/resources/templates/map.asl.json")
                                  << "cli-map.png";
}

void tst_MainWindowScreenshot::commandLineScreenshot()
{
    QFETCH(QString, file);
    QFETCH(QString, out);
    const QString path = QDir(m_outDir).filePath(out);
    QFile::remove(path);
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY")); // must work without a display
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    process.setProcessEnvironment(env);
    QStringList args;
    if (!file.isEmpty())
        args << file;
    args << QStringLiteral("--screenshot") << path;
    process.start(QStringLiteral(STEPWISE_BIN_DIR "/stepwise"), args);
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
    QImage image(path);
    verifyPicture(image, QSize(1600, 1000));
}

void tst_MainWindowScreenshot::helpAndVersionNeedNoDisplay_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("expected");
    QTest::newRow("help") << "--help"
                          << "--screenshot";
    QTest::newRow("version") << "--version"
                             << "stepwise 0.";
}

void tst_MainWindowScreenshot::helpAndVersionNeedNoDisplay()
{
    QFETCH(QString, option);
    QFETCH(QString, expected);
    QProcess process;
    QProcessEnvironment env;
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("no-such-platform"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(STEPWISE_BIN_DIR "/stepwise"), {option});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(QString::fromUtf8(process.readAllStandardOutput()).contains(expected));
}

QTEST_MAIN(tst_MainWindowScreenshot)
#include "tst_mainwindowscreenshot.moc"
