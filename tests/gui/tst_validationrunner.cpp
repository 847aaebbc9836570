#include "app/gui/validationrunner.h"
#include "model/document.h"
#include "model/io/documentio.h"
#include "views/editor/asleditor.h"

#include <QTextBlock>
#include <QtTest>

using namespace Stepwise;
using Model::StateId;

// The window's validation (the model's checks with the simulator's expression parsers)
// against the ASL editor's text: diagnostics name lines of the text the user sees.
class tst_ValidationRunner : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void yamlDiagnosticsPointAtYamlLines();

  private:
    static const QString timerPath;
};

const QString tst_ValidationRunner::timerPath
    = QStringLiteral(STEPWISE_SOURCE_DIR "/resources/examples/timer.asl.json");

static StateId named(Model::Document &document, const char *name)
{
    return document.workflow()->findState(document.workflow()->rootScope(), name);
}

void tst_ValidationRunner::yamlDiagnosticsPointAtYamlLines()
{
    Model::Document document;
    QVERIFY(Model::loadDocument(document, timerPath).ok());
    document.workflow()->setField(named(document, "Wait"), "Next", "Nowhere");
    Views::AslEditor editor(&document);
    editor.setTextFormat(Model::FileFormat::Yaml);
    const std::vector<Model::Diagnostic> diagnostics
        = App::validateWorkflow(*document.workflow(), editor.sourceMap());
    QVERIFY(!diagnostics.empty());
    const QStringList lines = editor.toPlainText().split(QLatin1Char('\n'));
    bool found = false;
    for (const Model::Diagnostic &diagnostic : diagnostics) {
        if (diagnostic.location.pointer != "/States/Wait/Next")
            continue;
        found = true;
        QVERIFY(diagnostic.location.line >= 1 && diagnostic.location.line <= lines.size());
        QCOMPARE(lines[diagnostic.location.line - 1].trimmed(), QStringLiteral("Next: Nowhere"));
    }
    QVERIFY(found);
    editor.setDiagnostics(diagnostics);
    bool underlined = false;
    for (const QTextEdit::ExtraSelection &selection : editor.extraSelections())
        underlined = underlined || selection.cursor.selectedText() == QStringLiteral("Nowhere");
    QVERIFY(underlined);
}

QTEST_MAIN(tst_ValidationRunner)
#include "tst_validationrunner.moc"
