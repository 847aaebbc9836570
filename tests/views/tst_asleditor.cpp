#include "model/document.h"
#include "model/io/documentio.h"
#include "model/io/yamlconvert.h"
#include "model/json/jsonreader.h"
#include "model/json/jsonwriter.h"
#include "testdata.h"
#include "views/editor/asleditor.h"

#include <QSignalSpy>
#include <QTextBlock>
#include <QtTest>

using namespace Stepwise;
using Model::Json;
using Model::StateId;

class tst_AslEditor : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void showsCanonicalTextOfModel();
    void typingUpdatesModelAfterPause();
    void brokenTextShowsErrorAndKeepsModel();
    void undoKeyUndoesDocumentAndRewritesText();
    void modelEditsRewriteText();
    void selectingStateSelectsItsText_data();
    void selectingStateSelectsItsText();
    void cursorInStateReportsIt();
    void diagnosticsAreUnderlined();
    void problemInsideAStringMarksItsCharacter_data();
    void problemInsideAStringMarksItsCharacter();
    void nonAsciiTextKeepsPositions();
    void yamlTextShowsAndEditsYaml();
    void yamlStateRangesAndCursor();
    void switchingFormatKeepsModel();

  private:
    static const QString timerPath;
};

const QString tst_AslEditor::timerPath
    = QStringLiteral(STEPWISE_SOURCE_DIR "/resources/examples/timer.asl.json");

static StateId named(Model::Document &document, const char *name)
{
    return document.workflow()->findState(document.workflow()->rootScope(), name);
}

// Puts the cursor right after the first occurrence of `anchor`.
static void placeCursorAfter(Views::AslEditor &editor, const QString &anchor)
{
    const int at = int(editor.toPlainText().indexOf(anchor));
    QVERIFY(at >= 0);
    QTextCursor cursor = editor.textCursor();
    cursor.setPosition(at + int(anchor.size()));
    editor.setTextCursor(cursor);
}

void tst_AslEditor::showsCanonicalTextOfModel()
{
    Model::Document document;
    QVERIFY(Model::loadDocument(document, timerPath).ok());
    Views::AslEditor editor(&document);
    QCOMPARE(editor.toPlainText().toStdString(),
             Model::toCanonicalText(document.workflow()->toJson()));
    QVERIFY(!editor.parseError());
    QVERIFY(editor.sourceMap());
}

void tst_AslEditor::typingUpdatesModelAfterPause()
{
    Model::Document document;
    QVERIFY(Model::loadDocument(document, timerPath).ok());
    Views::AslEditor editor(&document);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    const StateId wait = named(document, "Wait");
    editor.setFocus();
    placeCursorAfter(editor, QStringLiteral("\"$.timer_seconds"));
    QTest::keyClicks(&editor, QStringLiteral("_x"));
    // Nothing yet: the text is read after a pause.
    QCOMPARE(document.workflow()->field(wait, "SecondsPath"), Json("$.timer_seconds"));
    QTRY_COMPARE(document.workflow()->field(wait, "SecondsPath"), Json("$.timer_seconds_x"));
    QCOMPARE(document.undoStack()->count(), 1);
    // The same state keeps its id across the text edit.
    QCOMPARE(named(document, "Wait"), wait);
}

void tst_AslEditor::brokenTextShowsErrorAndKeepsModel()
{
    Model::Document document;
    QVERIFY(Model::loadDocument(document, timerPath).ok());
    Views::AslEditor editor(&document);
    editor.show();
    QSignalSpy status(&editor, &Views::AslEditor::parseStatusChanged);
    const Json before = document.workflow()->toJson();
    editor.setFocus();
    placeCursorAfter(editor, QStringLiteral("\"Next\": \"Publish\""));
    QTest::keyClicks(&editor, QStringLiteral(",,"));
    editor.applyPendingText();
    QVERIFY(editor.parseError().has_value());
    QCOMPARE(editor.parseError()->location.line, 8);
    QVERIFY(editor.parseError()->location.column > 0);
    QCOMPARE(status.count(), 1);
    QCOMPARE(document.workflow()->toJson(), before);
    QVERIFY(editor.toPlainText().contains(QStringLiteral("\"Publish\",,")));
    QVERIFY(!editor.sourceMap());
    // The error is underlined where it is.
    QVERIFY(!editor.extraSelections().isEmpty());
    QCOMPARE(editor.extraSelections().first().cursor.blockNumber(), 7);

    // Fixing the text applies it and clears the error.
    QTest::keyClick(&editor, Qt::Key_Backspace);
    QTest::keyClick(&editor, Qt::Key_Backspace);
    QTest::keyClicks(&editor, QStringLiteral(",\"Comment\": \"fixed\""));
    editor.applyPendingText();
    QVERIFY(!editor.parseError());
    QCOMPARE(status.count(), 2);
    QCOMPARE(document.workflow()->field(named(document, "Wait"), "Comment"), Json("fixed"));
}

void tst_AslEditor::undoKeyUndoesDocumentAndRewritesText()
{
    Model::Document document;
    QVERIFY(Model::loadDocument(document, timerPath).ok());
    QAction undo(&document);
    // The window's action, as MainWindow creates it.
    QWidget window;
    QAction *undoAction = document.undoStack()->createUndoAction(&window);
    undoAction->setShortcut(QKeySequence::Undo);
    window.addAction(undoAction);
    Views::AslEditor editor(&document);
    editor.setParent(&window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    editor.setFocus();
    placeCursorAfter(editor, QStringLiteral("\"Type\": \"Wait\","));
    QTest::keyClicks(&editor, QStringLiteral("\"Comment\": \"c\","));
    // Undo right away: the pending text is applied first, then undone.
    QTest::keySequence(&editor, QKeySequence::Undo);
    QCOMPARE(document.undoStack()->count(), 1);
    QCOMPARE(document.undoStack()->index(), 0);
    QTRY_VERIFY(!editor.toPlainText().contains(QStringLiteral("\"Comment\": \"c\"")));
    QVERIFY(!document.workflow()->hasField(named(document, "Wait"), "Comment"));
}

void tst_AslEditor::modelEditsRewriteText()
{
    Model::Document document;
    QVERIFY(Model::loadDocument(document, timerPath).ok());
    Views::AslEditor editor(&document);
    document.workflow()->setField(named(document, "Wait"), "Seconds", 42);
    QTRY_VERIFY(editor.toPlainText().contains(QStringLiteral("\"Seconds\": 42")));
    document.workflow()->renameState(named(document, "Publish"), "Notify");
    QTRY_VERIFY(editor.toPlainText().contains(QStringLiteral("\"Next\": \"Notify\"")));
    QCOMPARE(document.undoStack()->count(), 0); // the editor pushed nothing back
}

void tst_AslEditor::selectingStateSelectsItsText_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("timer") << timerPath;
    const QStringList corpus
        = Stepwise::Tests::filesUnder(Stepwise::Tests::sharedPath("corpus/real-world"));
    QVERIFY(!corpus.isEmpty());
    // The largest few, with nested branches and processors.
    QStringList bySize = corpus;
    std::sort(bySize.begin(), bySize.end(), [](const QString &a, const QString &b) {
        return QFileInfo(a).size() > QFileInfo(b).size();
    });
    for (int i = 0; i < 3 && i < bySize.size(); ++i)
        QTest::newRow(qPrintable(QFileInfo(bySize[i]).fileName())) << bySize[i];
}

void tst_AslEditor::selectingStateSelectsItsText()
{
    QFETCH(QString, file);
    Model::Document document;
    QVERIFY(Model::loadDocument(document, file).ok());
    Views::AslEditor editor(&document);
    for (StateId id : document.workflow()->allStates()) {
        if (!document.workflow()->stateJson(id).is_object())
            continue;
        editor.selectState(id);
        // selectedText() separates lines with U+2029.
        const QString selected = editor.textCursor().selectedText().replace(
            QChar::ParagraphSeparator, QLatin1Char('\n'));
        // The key as written: quoted, with JSON escapes.
        const QString key = QString::fromStdString(Json(document.workflow()->name(id)).dump());
        QVERIFY2(selected.startsWith(key), qPrintable(selected.left(60)));
        QVERIFY(selected.endsWith(QLatin1Char('}')));
        // The selected text is the state's JSON.
        const QString body = selected.mid(selected.indexOf(QLatin1Char('{')));
        auto parsed = Model::readJson(body.toStdString());
        QVERIFY2(parsed.ok(), qPrintable(body.left(80)));
        QCOMPARE(parsed->value, document.workflow()->stateJson(id));
    }
}

void tst_AslEditor::cursorInStateReportsIt()
{
    Model::Document document;
    QVERIFY(Model::loadDocument(document, timerPath).ok());
    Views::AslEditor editor(&document);
    QSignalSpy spy(&editor, &Views::AslEditor::stateAtCursorChanged);
    placeCursorAfter(editor, QStringLiteral("arn:aws:states"));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.last().at(0).value<StateId>(), named(document, "Publish"));
    placeCursorAfter(editor, QStringLiteral("$.timer"));
    QCOMPARE(spy.last().at(0).value<StateId>(), named(document, "Wait"));
    placeCursorAfter(editor, QStringLiteral("\"StartAt"));
    QCOMPARE(spy.last().at(0).value<StateId>(), StateId(0));
}

void tst_AslEditor::diagnosticsAreUnderlined()
{
    Model::Document document;
    QVERIFY(Model::loadDocument(document, timerPath).ok());
    Views::AslEditor editor(&document);
    Model::Diagnostic diagnostic;
    diagnostic.code = "NEXT_TARGET_MISSING";
    diagnostic.message = "no state named Publish";
    diagnostic.location.pointer = "/States/Wait/Next";
    editor.setDiagnostics({diagnostic});
    const QList<QTextEdit::ExtraSelection> selections = editor.extraSelections();
    QCOMPARE(selections.size(), 1);
    QCOMPARE(selections.first().cursor.selectedText(), QStringLiteral("\"Publish\""));
    QCOMPARE(selections.first().format.underlineStyle(), QTextCharFormat::WaveUnderline);
    QVERIFY(selections.first().format.toolTip().contains(QStringLiteral("NEXT_TARGET_MISSING")));
}

void tst_AslEditor::problemInsideAStringMarksItsCharacter_data()
{
    // The validator names the character by its byte index in the decoded string; the editor
    // marks it in the text, through JSON escapes, YAML quoting and non-ASCII characters.
    QTest::addColumn<bool>("yaml");
    QTest::addColumn<QString>("output");
    QTest::addColumn<int>("characterInValue");
    QTest::addColumn<QString>("marked");
    QTest::addColumn<QString>("before");
    QTest::newRow("json, plain") << false << QStringLiteral("{% $x + %}") << 8 << "%"
                                 << "+ ";
    QTest::newRow("json, escaped quotes")
        << false << QStringLiteral("{% \"a\" & $y( %}") << 11 << "("
        << "$y";
    QTest::newRow("json, non-ASCII before")
        << false << QStringLiteral("{% 'é€' & ) %}") << 13 << ")"
        << "& ";
    QTest::newRow("json, past the end") << false << QStringLiteral("{% $ %}") << 40 << "}"
                                        << "%";
    QTest::newRow("yaml, plain") << true << QStringLiteral("{% $x + %}") << 8 << "%"
                                 << "+ ";
    QTest::newRow("yaml, non-ASCII before") << true << QStringLiteral("{% 'é€' & ) %}") << 13 << ")"
                                            << "& ";
}

void tst_AslEditor::problemInsideAStringMarksItsCharacter()
{
    QFETCH(bool, yaml);
    QFETCH(QString, output);
    QFETCH(int, characterInValue);
    QFETCH(QString, marked);
    QFETCH(QString, before);
    Model::Document document;
    Json definition = Json::parse(R"({"QueryLanguage": "JSONata", "StartAt": "P",
        "States": {"P": {"Type": "Pass", "End": true}}})");
    definition["States"]["P"]["Output"] = output.toStdString();
    document.workflow()->load(definition);
    Views::AslEditor editor(&document);
    if (yaml)
        editor.setTextFormat(Model::FileFormat::Yaml);
    Model::Diagnostic diagnostic;
    diagnostic.code = "JSONATA_INVALID";
    diagnostic.message = "does not parse";
    diagnostic.location.pointer = "/States/P/Output";
    diagnostic.characterInValue = characterInValue;
    editor.setDiagnostics({diagnostic});
    const QList<QTextEdit::ExtraSelection> selections = editor.extraSelections();
    QCOMPARE(selections.size(), 1);
    const QTextCursor cursor = selections.first().cursor;
    QCOMPARE(cursor.selectedText(), marked);
    const QString text = editor.toPlainText();
    QCOMPARE(text.mid(cursor.selectionStart() - before.size(), before.size()), before);
}

void tst_AslEditor::nonAsciiTextKeepsPositions()
{
    Model::Document document;
    document.workflow()->load(Json::parse(
        R"({"Comment": "Größe € 😀", "StartAt": "Wärme", "States": {"Wärme": {"Type": "Pass", "Comment": "ü", "End": true}, "Ende 😀": {"Type": "Succeed"}}})"));
    Views::AslEditor editor(&document);
    const StateId last = named(document, "Ende 😀");
    editor.selectState(last);
    QVERIFY(editor.textCursor().selectedText().startsWith(QStringLiteral("\"Ende 😀\"")));
    QVERIFY(editor.textCursor().selectedText().endsWith(QLatin1Char('}')));
}

void tst_AslEditor::yamlTextShowsAndEditsYaml()
{
    Model::Document document;
    QVERIFY(Model::loadDocument(document, timerPath).ok());
    Views::AslEditor editor(&document);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.setTextFormat(Model::FileFormat::Yaml);
    QCOMPARE(editor.toPlainText().toStdString(), Model::jsonToYaml(document.workflow()->toJson()));
    QVERIFY(editor.toPlainText().contains(QStringLiteral("\n  Wait:\n    Type: Wait\n")));
    QVERIFY(!editor.parseError());
    QVERIFY(editor.sourceMap());

    // Typing YAML updates the model after the pause, in one undo step.
    const StateId wait = named(document, "Wait");
    editor.setFocus();
    placeCursorAfter(editor, QStringLiteral("SecondsPath: $.timer_seconds"));
    QTest::keyClicks(&editor, QStringLiteral("_x"));
    QTRY_COMPARE(document.workflow()->field(wait, "SecondsPath"), Json("$.timer_seconds_x"));
    QCOMPARE(document.undoStack()->count(), 1);
    QCOMPARE(named(document, "Wait"), wait);

    // Broken YAML: the error names its YAML line, the model keeps its last good state.
    placeCursorAfter(editor, QStringLiteral("Type: Wait"));
    QTest::keyClick(&editor, Qt::Key_Return);
    QTest::keyClicks(&editor, QStringLiteral("  - [oops"));
    QTRY_VERIFY(editor.parseError().has_value());
    const int brokenLine = int(editor.toPlainText()
                                   .left(editor.toPlainText().indexOf(QStringLiteral("[oops")))
                                   .count(QLatin1Char('\n')))
                           + 1;
    QVERIFY2(std::abs(editor.parseError()->location.line - brokenLine) <= 1,
             qPrintable(QString::number(editor.parseError()->location.line)));
    QCOMPARE(document.workflow()->field(wait, "SecondsPath"), Json("$.timer_seconds_x"));
    QCOMPARE(document.undoStack()->count(), 1);

    // Model edits rewrite the YAML.
    document.workflow()->setField(wait, "Seconds", 42);
    editor.syncWithModel();
    QVERIFY(editor.toPlainText().contains(QStringLiteral("    Seconds: 42\n")));
    QVERIFY(!editor.parseError());
}

void tst_AslEditor::yamlStateRangesAndCursor()
{
    Model::Document document;
    QVERIFY(Model::loadDocument(document, timerPath).ok());
    Views::AslEditor editor(&document);
    editor.setTextFormat(Model::FileFormat::Yaml);
    editor.selectState(named(document, "Wait"));
    const QString waitText = editor.textCursor().selectedText().replace(QChar(0x2029), '\n');
    QVERIFY2(waitText.startsWith(QStringLiteral("Wait:")), qPrintable(waitText));
    QVERIFY2(waitText.endsWith(QStringLiteral("Next: Publish")), qPrintable(waitText));
    editor.selectState(named(document, "Publish"));
    const QString publish = editor.textCursor().selectedText().replace(QChar(0x2029), '\n');
    QVERIFY2(publish.startsWith(QStringLiteral("Publish:")), qPrintable(publish));
    QVERIFY2(publish.endsWith(QStringLiteral("End: true")), qPrintable(publish));

    // Publish is selected: the cursor moving into Wait's text and back reports each.
    QSignalSpy spy(&editor, &Views::AslEditor::stateAtCursorChanged);
    placeCursorAfter(editor, QStringLiteral("$.timer"));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.last().at(0).value<StateId>(), named(document, "Wait"));
    placeCursorAfter(editor, QStringLiteral("arn:aws:states"));
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.last().at(0).value<StateId>(), named(document, "Publish"));
}

void tst_AslEditor::switchingFormatKeepsModel()
{
    Model::Document document;
    QVERIFY(Model::loadDocument(document, timerPath).ok());
    const Json before = document.workflow()->toJson();
    Views::AslEditor editor(&document);
    QSignalSpy changed(&editor, &Views::AslEditor::textFormatChanged);
    editor.setTextFormat(Model::FileFormat::Yaml);
    editor.setTextFormat(Model::FileFormat::Json);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(editor.toPlainText().toStdString(), Model::toCanonicalText(before));
    QCOMPARE(document.workflow()->toJson(), before);
    QCOMPARE(document.undoStack()->count(), 0);
}

QTEST_MAIN(tst_AslEditor)
#include "tst_asleditor.moc"
