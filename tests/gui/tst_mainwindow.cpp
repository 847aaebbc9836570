#include "app/gui/mainwindow.h"
#include "model/commands/renamestatecommand.h"
#include "model/io/autosave.h"
#include "model/io/documentio.h"
#include "model/json/jsonreader.h"
#include "model/validation/validator.h"
#include "testdata.h"
#include "views/canvas/canvasscene.h"
#include "views/canvas/canvasview.h"
#include "views/canvas/diagnosticbadgeitem.h"
#include "views/canvas/stateitem.h"
#include "views/editor/asleditor.h"
#include "views/editor/diagnosticsview.h"
#include "views/inspector/inspectorview.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QGraphicsScene>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

using namespace Stepwise;
using Model::Json;
using Model::StateId;

class tst_MainWindow : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void initTestCase();
    void init();
    void inspectorEditReachesModelTextAndUndo();
    void textEditUpdatesModelAndScene();
    void brokenTextIsReportedAndModelKept();
    void problemsListValidatesAndJumps();
    void saveAndReopenKeepsAslAndLayout_data();
    void saveAndReopenKeepsAslAndLayout();
    void exportsDiagram_data();
    void exportsDiagram();
    void exportsAsl();
    void templatesAreValid_data();
    void templatesAreValid();
    void droppedFileIsOpened();
    void unsavedChangesPromptOnClose();
    void autosaveIsOfferedAfterCrash();
    void openErrorKeepsCurrentDocument_data();
    void openErrorKeepsCurrentDocument();
    void expressionErrorsAreReported();

  private:
    static const QString timerPath;
};

const QString tst_MainWindow::timerPath
    = QStringLiteral(STEPWISE_SOURCE_DIR "/resources/examples/timer.asl.json");

static StateId named(App::MainWindow &window, const char *name)
{
    Model::Workflow *workflow = window.document()->workflow();
    return workflow->findState(workflow->rootScope(), name);
}

// Clicks `button` on the next message box that opens.
static void answerNextMessageBox(QMessageBox::StandardButton button)
{
    QTimer::singleShot(0, [button] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (box)
            box->button(button)->click();
    });
}

void tst_MainWindow::initTestCase()
{
    // Settings and autosaves of the tests stay out of the user's folders.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StepwiseTests"));
    QCoreApplication::setApplicationName(QStringLiteral("StepwiseTests"));
}

void tst_MainWindow::init()
{
    QDir(App::MainWindow::autosaveDirectory()).removeRecursively();
}

void tst_MainWindow::inspectorEditReachesModelTextAndUndo()
{
    App::MainWindow window;
    QVERIFY(window.openFile(timerPath, false));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const StateId wait = named(window, "Wait");
    window.canvas()->selectState(wait);
    QTRY_COMPARE(window.inspector()->state(), wait);

    auto *seconds = window.inspector()->findChild<QLineEdit *>(QStringLiteral("field_Seconds"));
    QVERIFY(seconds);
    seconds->setFocus();
    QTest::keyClicks(seconds, QStringLiteral("30"));
    QCOMPARE(window.document()->workflow()->field(wait, "Seconds"), Json(30));
    QTRY_VERIFY(window.aslEditor()->toPlainText().contains(QStringLiteral("\"Seconds\": 30")));
    QVERIFY(window.isWindowModified());
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("timer.asl.json")));

    // The Edit menu names the command.
    QAction *undo = nullptr;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text().startsWith(QStringLiteral("&Undo")))
            undo = action;
    }
    QVERIFY(undo);
    QCOMPARE(undo->text(), QStringLiteral("&Undo Change Seconds of Wait"));
    undo->trigger();
    QVERIFY(!window.document()->workflow()->hasField(wait, "Seconds"));
    QTRY_VERIFY(!window.aslEditor()->toPlainText().contains(QStringLiteral("\"Seconds\"")));
    QCOMPARE(seconds->text(), QString());
    QVERIFY(!window.isWindowModified());
    window.document()->undoStack()->redo();
    QCOMPARE(seconds->text(), QStringLiteral("30"));
    window.document()->undoStack()->setClean();
}

void tst_MainWindow::textEditUpdatesModelAndScene()
{
    App::MainWindow window;
    QVERIFY(window.openFile(timerPath, false));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const qsizetype itemsBefore = window.canvas()->scene()->items().size();
    Views::AslEditor *editor = window.aslEditor();
    editor->setFocus();
    // Make Publish go on to a new Done state, typed into the text.
    QString text = editor->toPlainText();
    text.replace(QStringLiteral("\"End\": true"), QStringLiteral("\"Next\": \"Done\""));
    text.replace(QStringLiteral("  }\n}"),
                 QStringLiteral("  ,\"Done\": {\"Type\": \"Succeed\"}}\n}"));
    QTextCursor all(editor->document());
    all.select(QTextCursor::Document);
    editor->setTextCursor(all);
    QTest::keyClick(editor, Qt::Key_Delete);
    editor->insertPlainText(text);
    QTRY_VERIFY(named(window, "Done") != 0);
    QCOMPARE(window.document()->workflow()->field(named(window, "Publish"), "Next"), Json("Done"));
    QTRY_VERIFY(window.canvas()->scene()->items().size() > itemsBefore);
    // Moving the cursor into a state selects it on the canvas and in the inspector.
    QTextCursor cursor = editor->textCursor();
    cursor.setPosition(int(editor->toPlainText().indexOf(QStringLiteral("\"Succeed\""))));
    editor->setTextCursor(cursor);
    QCOMPARE(window.canvas()->selectedStates(), std::vector<StateId>{named(window, "Done")});
    QCOMPARE(window.inspector()->state(), named(window, "Done"));
    window.document()->undoStack()->setClean();
}

void tst_MainWindow::brokenTextIsReportedAndModelKept()
{
    App::MainWindow window;
    QVERIFY(window.openFile(timerPath, false));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const Json before = window.document()->workflow()->toJson();
    Views::AslEditor *editor = window.aslEditor();
    editor->setFocus();
    QTextCursor cursor = editor->textCursor();
    cursor.setPosition(int(editor->toPlainText().indexOf(QStringLiteral("\"States\""))));
    editor->setTextCursor(cursor);
    QTest::keyClicks(editor, QStringLiteral("oops "));
    QTRY_VERIFY(editor->parseError().has_value());
    QCOMPARE(window.document()->workflow()->toJson(), before);
    QCOMPARE(window.diagnosticsView()->topLevelItemCount(), 1);
    QCOMPARE(window.diagnosticsView()->topLevelItem(0)->text(1), QStringLiteral("JSON_SYNTAX"));
    QCOMPARE(window.diagnosticsView()->topLevelItem(0)->text(4), QStringLiteral("4:3"));
    auto *status = window.findChild<QLabel *>(QStringLiteral("problemsLabel"));
    QVERIFY(status->text().contains(QStringLiteral("line 4")));
    // The diagram still shows the last good definition.
    QVERIFY(window.canvas()->scene()->items().size() > 2);
    QVERIFY(editor->toPlainText().contains(QStringLiteral("oops")));
}

void tst_MainWindow::problemsListValidatesAndJumps()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("dangling.asl.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({
  "StartAt": "First",
  "States": {
    "First": {"Type": "Pass", "Next": "Nowhere"},
    "Second": {"Type": "Succeed"}
  }
})");
    file.close();
    App::MainWindow window;
    QVERIFY(window.openFile(path, false));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    Views::DiagnosticsView *problems = window.diagnosticsView();
    QVERIFY(problems->errorCount() >= 1);
    QTreeWidgetItem *row = nullptr;
    for (int i = 0; i < problems->topLevelItemCount(); ++i) {
        if (problems->topLevelItem(i)->text(3) == QStringLiteral("First")
            && problems->topLevelItem(i)->text(0) == QStringLiteral("error"))
            row = problems->topLevelItem(i);
    }
    QVERIFY2(row, "no error names the state First");
    // Line and column of the text shown (canonical, one field per line).
    const QStringList lines = window.aslEditor()->toPlainText().split(QLatin1Char('\n'));
    const int nowhereLine = int(lines.indexOf(QRegularExpression(QStringLiteral(".*Nowhere.*"))));
    QVERIFY(nowhereLine >= 0);
    QCOMPARE(row->text(4), QStringLiteral("%1:%2")
                               .arg(nowhereLine + 1)
                               .arg(lines[nowhereLine].indexOf(QStringLiteral("\"Nowhere")) + 1));
    // The state carries an error badge on the canvas.
    auto badgeOf = [&window](StateId id) -> Views::DiagnosticBadgeItem * {
        Views::StateItem *item = window.canvas()->scene()->stateItem(id);
        for (QGraphicsItem *child : item ? item->childItems() : QList<QGraphicsItem *>()) {
            if (auto *badge = qgraphicsitem_cast<Views::DiagnosticBadgeItem *>(child))
                return badge;
        }
        return nullptr;
    };
    QVERIFY(badgeOf(named(window, "First")));
    QVERIFY(badgeOf(named(window, "First"))->severity() == Model::Severity::Error);
    QVERIFY(badgeOf(named(window, "First"))->toolTip().contains(QStringLiteral("Nowhere")));
    // The text is underlined there.
    QVERIFY(!window.aslEditor()->extraSelections().isEmpty());
    // Double-click jumps to the state on the canvas and in the text.
    const QRect rect = problems->visualItemRect(row);
    QTest::mousePress(problems->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseRelease(problems->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(problems->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(window.canvas()->selectedStates(), std::vector<StateId>{named(window, "First")});
    QCOMPARE(window.aslEditor()->textCursor().blockNumber(), nowhereLine);

    // Fixing it in the inspector clears the error after the pause.
    window.inspector()->setState(named(window, "First"));
    auto *next = window.inspector()->findChild<QComboBox *>(QStringLiteral("field_Next"));
    QVERIFY(next);
    next->setCurrentText(QStringLiteral("Second"));
    QTRY_COMPARE(problems->errorCount(), 0);
    QVERIFY(!badgeOf(named(window, "First")));
    window.document()->undoStack()->setClean();
}

void tst_MainWindow::saveAndReopenKeepsAslAndLayout_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("target");
    QTest::newRow("json") << timerPath << "timer.asl.json";
    QTest::newRow("yaml") << timerPath << "timer.asl.yaml";
    QStringList corpus
        = Stepwise::Tests::filesUnder(Stepwise::Tests::sharedPath("corpus/real-world"));
    std::sort(corpus.begin(), corpus.end(), [](const QString &a, const QString &b) {
        return QFileInfo(a).size() > QFileInfo(b).size();
    });
    QVERIFY(!corpus.isEmpty());
    QTest::newRow("largestCorpusJson") << corpus.first() << "large.asl.json";
    QTest::newRow("largestCorpusYml") << corpus.first() << "large.yml";
}

void tst_MainWindow::saveAndReopenKeepsAslAndLayout()
{
    QFETCH(QString, source);
    QFETCH(QString, target);
    QTemporaryDir dir;
    const QString path = dir.filePath(target);
    Json definition;
    std::map<std::string, QPointF> positions;
    {
        App::MainWindow window;
        QVERIFY(window.openFile(source, false));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        Model::Document *document = window.document();
        // Positions as the user leaves them (one far from where layout would put it).
        int i = 0;
        for (StateId id : document->workflow()->allStates()) {
            const QPointF at = i == 0 ? QPointF(-321, 654) : QPointF(40.0 * i, 90.5 * i);
            document->layout()->setPosition(id, at);
            positions[document->workflow()->pointer(id)] = at;
            ++i;
        }
        definition = document->workflow()->toJson();
        QVERIFY(window.saveToFile(path, false));
        QVERIFY(!window.isWindowModified());
        QCOMPARE(window.windowTitle(),
                 QFileInfo(path).fileName() + QStringLiteral("[*] - Stepwise"));
    }
    QVERIFY(QFileInfo::exists(Model::layoutSidecarPath(path)));
    App::MainWindow reopened;
    QVERIFY(reopened.openFile(path, false));
    QCOMPARE(reopened.document()->workflow()->toJson(), definition);
    for (StateId id : reopened.document()->workflow()->allStates()) {
        const std::string pointer = reopened.document()->workflow()->pointer(id);
        QCOMPARE(reopened.document()->layout()->position(id).value_or(QPointF()),
                 positions[pointer]);
    }
}

void tst_MainWindow::exportsDiagram_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("svg") << "diagram.svg";
    QTest::newRow("png") << "diagram.png";
}

void tst_MainWindow::exportsDiagram()
{
    QFETCH(QString, name);
    QTemporaryDir dir;
    const QString path = dir.filePath(name);
    App::MainWindow window;
    QVERIFY(window.openFile(timerPath, false));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.exportDiagram(path, false));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    if (name.endsWith(QStringLiteral(".svg"))) {
        // Real text, not paths: the names can be searched and selected.
        QVERIFY(bytes.contains("<svg"));
        QVERIFY(bytes.contains(">Wait<"));
        QVERIFY(bytes.contains(">Publish<"));
    } else {
        QImage image;
        QVERIFY(image.loadFromData(bytes, "PNG"));
        const QRectF scene = window.canvas()->scene()->itemsBoundingRect();
        QVERIFY(image.width() >= int(scene.width() * 2));
        // Something is drawn: more than one colour.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 4) {
            for (int x = 0; x < image.width(); x += 4)
                colours.insert(image.pixel(x, y));
        }
        QVERIFY(colours.size() > 10);
    }
}

void tst_MainWindow::exportsAsl()
{
    QTemporaryDir dir;
    App::MainWindow window;
    QVERIFY(window.openFile(timerPath, false));
    const QString yaml = dir.filePath(QStringLiteral("export.yaml"));
    QVERIFY(window.exportAsl(yaml, false));
    QFile file(yaml);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("SecondsPath: $.timer_seconds"));
    Model::Document reread;
    QVERIFY(Model::loadDocument(reread, yaml).ok());
    QCOMPARE(reread.workflow()->toJson(), window.document()->workflow()->toJson());
    // Exporting is not saving: the document keeps its own file.
    QCOMPARE(window.document()->filePath(), timerPath);
}

void tst_MainWindow::templatesAreValid_data()
{
    QTest::addColumn<QString>("path");
    const QFileInfoList entries = QDir(QStringLiteral(":/templates")).entryInfoList(QDir::Files);
    QVERIFY(entries.size() >= 6);
    for (const QFileInfo &entry : entries)
        QTest::newRow(qPrintable(entry.fileName())) << entry.filePath();
}

void tst_MainWindow::templatesAreValid()
{
    QFETCH(QString, path);
    App::MainWindow window;
    QVERIFY(window.openTemplate(path));
    QVERIFY(window.document()->filePath().isEmpty());
    QVERIFY(!window.document()->workflow()->allStates().empty());
    for (const Model::Diagnostic &d : window.diagnostics())
        QVERIFY2(d.severity != Model::Severity::Error, (d.code + ": " + d.message).c_str());
}

void tst_MainWindow::droppedFileIsOpened()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("dropped.asl.json"));
    QVERIFY(QFile::copy(QStringLiteral(":/templates/parallel.asl.json"), path));
    App::MainWindow window;
    QVERIFY(window.openFile(timerPath, false));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    const QPoint at = window.rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(&window, &drop);
    QTRY_COMPARE(window.document()->filePath(), path);
    QVERIFY(named(window, "Gather") != 0);
}

void tst_MainWindow::unsavedChangesPromptOnClose()
{
    App::MainWindow window;
    QVERIFY(window.openFile(timerPath, false));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.document()->undoStack()->resetClean();
    answerNextMessageBox(QMessageBox::Cancel);
    QVERIFY(!window.close());
    QVERIFY(window.isVisible());
    answerNextMessageBox(QMessageBox::Discard);
    QVERIFY(window.close());
}

void tst_MainWindow::autosaveIsOfferedAfterCrash()
{
    Json edited;
    {
        App::MainWindow window;
        QVERIFY(window.openFile(timerPath, false));
        const StateId wait = named(window, "Wait");
        window.inspector()->setState(wait);
        auto *comment = window.inspector()->findChild<QLineEdit *>(QStringLiteral("field_Comment"));
        QVERIFY(comment);
        comment->setFocus();
        QTest::keyClicks(comment, QStringLiteral("unsaved work"));
        QVERIFY(window.autosave()->interval() <= 60 * 1000);
        QVERIFY(window.autosave()->saveNow());
        edited = window.document()->workflow()->toJson();
    } // destroyed without closing: as if the process had died
    QCOMPARE(Model::Autosave::findRecoverable(App::MainWindow::autosaveDirectory()).size(),
             size_t(1));
    App::MainWindow next;
    answerNextMessageBox(QMessageBox::Yes);
    next.offerRecovery();
    QCOMPARE(next.document()->workflow()->toJson(), edited);
    QVERIFY(next.document()->isModified());
    QCOMPARE(next.document()->filePath(), timerPath);
    // Offered once only.
    QVERIFY(Model::Autosave::findRecoverable(App::MainWindow::autosaveDirectory()).empty());
    next.document()->undoStack()->setClean();
}

void tst_MainWindow::openErrorKeepsCurrentDocument_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("shown");
    QTest::newRow("not YAML") << QByteArray("StartAt: A\nStates: [unclosed\n") << "bad.yaml";
    // A billion laughs (10^9 values once its aliases are expanded) is refused at once, with
    // its line, by the reader stepwise-cli uses too.
    QByteArray bomb = "a: &a [lol]\n";
    for (char level = 'b'; level <= 'j'; ++level) {
        bomb += QByteArray(1, level) + ": &" + level + " [";
        for (int i = 0; i < 10; ++i)
            bomb += (i ? ",*" : "*") + QByteArray(1, char(level - 1));
        bomb += "]\n";
    }
    QTest::newRow("alias bomb") << bomb << "bad.yaml:6:4: YAML aliases expand the document";
}

void tst_MainWindow::openErrorKeepsCurrentDocument()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, shown);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.yaml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
    file.close();
    App::MainWindow window;
    QVERIFY(window.openFile(timerPath, false));
    QVERIFY(!window.openFile(path, false));
    QVERIFY(named(window, "Wait") != 0);
    QVERIFY2(window.statusBar()->currentMessage().contains(shown),
             qPrintable(window.statusBar()->currentMessage()));
    // The window goes on working: an edit, its undo, another file.
    const int states = int(window.document()->workflow()->allStates().size());
    window.document()->undoStack()->push(
        new Model::RenameStateCommand(window.document(), named(window, "Wait"), "Pause"));
    QVERIFY(named(window, "Pause") != 0);
    window.document()->undoStack()->undo();
    QVERIFY(named(window, "Wait") != 0);
    QCOMPARE(int(window.document()->workflow()->allStates().size()), states);
    QVERIFY(window.openFile(timerPath, false));
}

void tst_MainWindow::expressionErrorsAreReported()
{
    App::MainWindow window;
    QVERIFY(window.openFile(timerPath, false));
    QCOMPARE(window.diagnosticsView()->errorCount(), 0);
    const StateId wait = named(window, "Wait");
    window.inspector()->setState(wait);
    auto *path = window.inspector()->findChild<QLineEdit *>(QStringLiteral("field_SecondsPath"));
    QVERIFY(path);
    path->setFocus();
    QTest::keyClick(path, Qt::Key_End);
    QTest::keyClicks(path, QStringLiteral("[?(")); // "$.timer_seconds[?(": not a path
    QTRY_VERIFY(window.diagnosticsView()->errorCount() >= 1);
    bool namesWait = false;
    for (const Model::Diagnostic &d : window.diagnostics())
        namesWait = namesWait || d.location.pointer.rfind("/States/Wait", 0) == 0;
    QVERIFY(namesWait);
    window.document()->undoStack()->setClean();
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
