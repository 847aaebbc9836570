#include "app/gui/mainwindow.h"
#include "model/io/documentio.h"
#include "model/io/yamlconvert.h"
#include "model/json/jsonreader.h"
#include "views/canvas/canvasscene.h"
#include "views/canvas/canvasview.h"
#include "views/canvas/stateitem.h"
#include "views/editor/asleditor.h"
#include "views/inspector/inspectorview.h"

#include <QAction>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QLineEdit>
#include <QMenu>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace Stepwise;
using Model::Json;
using Model::StateId;

// Main-window edits beyond one view: grouping states into a container from the Edit menu,
// and definitions opened from YAML shown and edited as YAML.
class tst_DesignEdits : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void initTestCase();
    void groupIntoParallelFromSelection();
    void groupRefusesDisconnectedSelection();
    void yamlFileIsEditedAsYamlAndSavedAsYaml();

  private:
    QTemporaryDir m_dir;
};

namespace {

const char *const kChain = R"({
  "StartAt": "A",
  "States": {
    "A": {"Type": "Pass", "Next": "B"},
    "B": {"Type": "Wait", "Seconds": 5, "Next": "C"},
    "C": {"Type": "Pass", "Next": "D"},
    "D": {"Type": "Succeed"}
  }
})";

StateId named(App::MainWindow &window, const char *name)
{
    Model::Workflow *workflow = window.document()->workflow();
    return workflow->findState(workflow->rootScope(), name);
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QString();
    file.write(content);
    return path;
}

// Clicks a state on the canvas (with Ctrl to add it to the selection).
void clickState(App::MainWindow &window, StateId id, Qt::KeyboardModifiers modifiers = {})
{
    Views::CanvasView *view = window.canvas();
    Views::StateItem *item = view->scene()->stateItem(id);
    QVERIFY(item);
    const QPoint at = view->mapFromScene(item->sceneBoundingRect().center());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, modifiers, at);
}

QAction *action(App::MainWindow &window, const char *name)
{
    return window.findChild<QAction *>(QString::fromLatin1(name));
}

} // namespace

void tst_DesignEdits::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StepwiseTests"));
    QCoreApplication::setApplicationName(QStringLiteral("StepwiseTests"));
    QVERIFY(m_dir.isValid());
}

void tst_DesignEdits::groupIntoParallelFromSelection()
{
    const QString path = writeFile(m_dir, QStringLiteral("chain.asl.json"), kChain);
    App::MainWindow window;
    QVERIFY(window.openFile(path, false));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const Json before = window.document()->workflow()->toJson();

    clickState(window, named(window, "B"));
    clickState(window, named(window, "C"), Qt::ControlModifier);
    QCOMPARE(window.canvas()->selectedStates().size(), size_t(2));
    QAction *group = action(window, "groupIntoParallel");
    QVERIFY(group && group->isEnabled());
    QVERIFY(!group->shortcut().isEmpty());
    group->trigger();

    const Json expected = Json::parse(R"({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "Parallel"},
        "Parallel": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {
            "B": {"Type": "Wait", "Seconds": 5, "Next": "C"},
            "C": {"Type": "Pass", "End": true}}}], "Next": "D"},
        "D": {"Type": "Succeed"}}})");
    QCOMPARE(window.document()->workflow()->toJson(), expected);
    const StateId container = named(window, "Parallel");
    QVERIFY(container != 0);
    // The canvas draws the container with the moved states inside, and selects it.
    QTRY_VERIFY(window.canvas()->scene()->stateItem(container) != nullptr);
    const Model::ScopeId branch = window.document()->workflow()->childScopes(container).front();
    for (StateId inner : window.document()->workflow()->states(branch))
        QVERIFY(window.canvas()->scene()->stateItem(inner) != nullptr);
    QCOMPARE(window.canvas()->selectedStates(), std::vector<StateId>{container});
    // A picture of the grouped diagram, to look at.
    window.resize(1400, 900);
    QCoreApplication::processEvents();
    window.canvas()->fitToView();
    QCoreApplication::processEvents();
    QVERIFY(window.grab().save(QDir::temp().filePath(QStringLiteral("stepwise-grouped.png"))));
    // The text follows; one undo step puts everything back.
    window.aslEditor()->syncWithModel();
    QVERIFY(window.aslEditor()->toPlainText().contains(QStringLiteral("\"Branches\"")));
    QCOMPARE(window.document()->undoStack()->undoText(), QStringLiteral("Group into Parallel"));
    window.document()->undoStack()->undo();
    QCOMPARE(window.document()->workflow()->toJson(), before);
    QTRY_VERIFY(window.canvas()->scene()->stateItem(named(window, "B")) != nullptr);

    // Into a Map, the same selection, from the state's context menu.
    clickState(window, named(window, "B"));
    clickState(window, named(window, "C"), Qt::ControlModifier);
    bool offered = false;
    QTimer::singleShot(0, [&offered] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        for (QAction *item : menu->actions()) {
            if (item->objectName() == QLatin1String("groupIntoMap")) {
                offered = true;
                menu->close();
                item->trigger();
                return;
            }
        }
        menu->close();
    });
    {
        Views::CanvasView *view = window.canvas();
        const QPoint at = view->mapFromScene(
            view->scene()->stateItem(named(window, "C"))->sceneBoundingRect().center());
        QContextMenuEvent event(QContextMenuEvent::Mouse, at, view->viewport()->mapToGlobal(at));
        QApplication::sendEvent(view->viewport(), &event);
    }
    QVERIFY(offered);
    const Json map = window.document()->workflow()->field(named(window, "Map"), "ItemProcessor");
    QCOMPARE(map["StartAt"], Json("B"));
    QCOMPARE(map["States"]["C"]["End"], Json(true));
    window.document()->undoStack()->setClean();
}

void tst_DesignEdits::groupRefusesDisconnectedSelection()
{
    const QString path = writeFile(m_dir, QStringLiteral("chain2.asl.json"), kChain);
    App::MainWindow window;
    QVERIFY(window.openFile(path, false));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const Json before = window.document()->workflow()->toJson();
    clickState(window, named(window, "A"));
    clickState(window, named(window, "D"), Qt::ControlModifier);
    action(window, "groupIntoParallel")->trigger();
    QCOMPARE(window.document()->workflow()->toJson(), before);
    QCOMPARE(window.document()->undoStack()->count(), 0);
    QVERIFY2(!window.statusBar()->currentMessage().isEmpty(),
             "the status bar says why nothing happened");
}

void tst_DesignEdits::yamlFileIsEditedAsYamlAndSavedAsYaml()
{
    const Json definition = Json::parse(kChain);
    const QString path = writeFile(m_dir, QStringLiteral("chain.asl.yaml"),
                                   QByteArray::fromStdString(Model::jsonToYaml(definition)));
    App::MainWindow window;
    QVERIFY(window.openFile(path, false));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    Views::AslEditor *editor = window.aslEditor();
    auto *format = window.findChild<QComboBox *>(QStringLiteral("textFormat"));
    QVERIFY(format);
    QCOMPARE(format->currentText(), QStringLiteral("YAML"));
    QVERIFY(editor->textFormat() == Model::FileFormat::Yaml);
    QCOMPARE(editor->toPlainText().toStdString(), Model::jsonToYaml(definition));

    // An inspector edit shows in the YAML text.
    const StateId b = named(window, "B");
    window.canvas()->selectState(b);
    QTRY_COMPARE(window.inspector()->state(), b);
    auto *seconds = window.inspector()->findChild<QLineEdit *>(QStringLiteral("field_Seconds"));
    QVERIFY(seconds);
    seconds->setFocus();
    QTest::keyClick(seconds, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(seconds, QStringLiteral("30"));
    QTRY_VERIFY(editor->toPlainText().contains(QStringLiteral("    Seconds: 30\n")));

    // Typing YAML changes the model.
    QString text = editor->toPlainText();
    const int at = int(text.indexOf(QStringLiteral("Seconds: 30"))) + 11;
    QTextCursor cursor = editor->textCursor();
    cursor.setPosition(at);
    editor->setTextCursor(cursor);
    editor->setFocus();
    QTest::keyClicks(editor, QStringLiteral("0"));
    QTRY_COMPARE(window.document()->workflow()->field(b, "Seconds"), Json(300));

    // Saved as YAML, read back the same.
    QVERIFY(window.saveToFile(path, false));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QByteArray bytes = saved.readAll();
    QVERIFY(bytes.contains("    Seconds: 300\n"));
    auto reread = Model::yamlToJson(bytes.toStdString());
    QVERIFY(reread.ok());
    QCOMPARE(*reread, window.document()->workflow()->toJson());

    // The switch shows JSON, without changing the document.
    format->setFocus();
    QTest::keyClick(format, Qt::Key_Up);
    QVERIFY(editor->textFormat() == Model::FileFormat::Json);
    QVERIFY(editor->toPlainText().startsWith(QLatin1Char('{')));
    QVERIFY(!window.isWindowModified());
}

QTEST_MAIN(tst_DesignEdits)
#include "tst_designedits.moc"
