#include "model/document.h"
#include "model/io/documentio.h"
#include "model/json/jsonreader.h"
#include "testdata.h"
#include "views/inspector/fieldeditor.h"
#include "views/inspector/inspectorview.h"
#include "views/inspector/structuredform.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolButton>
#include <QtTest>

using namespace Stepwise;
using Model::Json;
using Model::StateId;

class tst_Inspector : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void editingSecondsChangesModelAndUndoesInOneStep();
    void showsFieldsForTypeAndQueryLanguage_data();
    void showsFieldsForTypeAndQueryLanguage();
    void showsEveryFieldOfCorpusStates_data();
    void showsEveryFieldOfCorpusStates();
    void invalidJsonIsFlaggedAndNotApplied();
    void validatorFindingsShowUnderTheirField();
    void validJsonIsAppliedAsTyped();
    void endCheckboxReplacesNext();
    void renameThroughNameField();
    void followsUndoOfAnotherView();
    void workflowFieldsWithoutSelection();
    void retryForm();
    void catchForm();
    void choiceRulesForm();
    void choiceRulesFormJsonata();
    void jsonToggleShowsAndEditsRawJson();
    void formsFitTheInspectorWidth_data();
    void formsFitTheInspectorWidth();

  private:
    static StateId load(Model::Document &document, const char *json);
};

static const char *const kTimer = STEPWISE_SOURCE_DIR "/resources/examples/timer.asl.json";

StateId tst_Inspector::load(Model::Document &document, const char *json)
{
    auto parsed = Model::readJson(json);
    document.workflow()->load(parsed->value);
    return document.workflow()->states(document.workflow()->rootScope()).front();
}

static StateId stateNamed(Model::Document &document, const char *name)
{
    return document.workflow()->findState(document.workflow()->rootScope(), name);
}

// Selects all the text of a line edit and types over it, as a user does.
static void retype(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Backspace);
    else
        QTest::keyClicks(edit, text);
}

void tst_Inspector::editingSecondsChangesModelAndUndoesInOneStep()
{
    Model::Document document;
    QVERIFY(Model::loadDocument(document, QString::fromLatin1(kTimer)).ok());
    Views::InspectorView inspector(&document);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    const StateId wait = stateNamed(document, "Wait");
    inspector.setState(wait);

    auto *secondsPath = inspector.findChild<QLineEdit *>(QStringLiteral("field_SecondsPath"));
    auto *seconds = inspector.findChild<QLineEdit *>(QStringLiteral("field_Seconds"));
    QVERIFY(secondsPath && seconds);
    QCOMPARE(secondsPath->text(), QStringLiteral("$.timer_seconds"));
    retype(secondsPath, QString());
    QVERIFY(!document.workflow()->hasField(wait, "SecondsPath"));
    retype(seconds, QStringLiteral("125"));
    QCOMPARE(document.workflow()->field(wait, "Seconds"), Json(125));
    // Three keystrokes, one undo step each for the two fields.
    QCOMPARE(document.undoStack()->count(), 2);
    QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Change Seconds of Wait"));

    document.undoStack()->undo();
    QVERIFY(!document.workflow()->hasField(wait, "Seconds"));
    QCOMPARE(seconds->text(), QString());
    document.undoStack()->undo();
    QCOMPARE(document.workflow()->field(wait, "SecondsPath"), Json("$.timer_seconds"));
    QCOMPARE(secondsPath->text(), QStringLiteral("$.timer_seconds"));
    document.undoStack()->redo();
    document.undoStack()->redo();
    QCOMPARE(document.workflow()->field(wait, "Seconds"), Json(125));
    QCOMPARE(seconds->text(), QStringLiteral("125"));

    // Not a number: flagged, not applied.
    retype(seconds, QStringLiteral("ten"));
    QCOMPARE(document.workflow()->field(wait, "Seconds"), Json(125));
    QVERIFY(!inspector.fieldEditor(QStringLiteral("Seconds"))->errorMessage().isEmpty());
}

void tst_Inspector::validatorFindingsShowUnderTheirField()
{
    Model::Document document;
    document.workflow()->load(Json::parse(R"({"QueryLanguage": "JSONata", "StartAt": "P",
        "States": {"P": {"Type": "Pass", "Output": {"total": "{% $a + %}"}, "End": true}}})"));
    Views::InspectorView inspector(&document);
    const StateId pass = document.workflow()->findState(document.workflow()->rootScope(), "P");
    inspector.setState(pass);
    Model::Diagnostic diagnostic;
    diagnostic.code = "JSONATA_INVALID";
    diagnostic.message = "The JSONata expression does not parse: unexpected end (at character 6)";
    diagnostic.location.pointer = "/States/P/Output/total";
    diagnostic.characterInValue = 8;
    inspector.setDiagnostics({diagnostic});
    const QString shown = inspector.fieldEditor(QStringLiteral("Output"))->errorMessage();
    QVERIFY2(shown.startsWith(QStringLiteral("total: The JSONata expression does not parse")),
             qPrintable(shown));
    // Other fields stay clean; a new selection keeps showing what concerns it.
    QVERIFY(inspector.fieldEditor(QStringLiteral("Comment"))->errorMessage().isEmpty());
    inspector.setState(0);
    inspector.setState(pass);
    QVERIFY(!inspector.fieldEditor(QStringLiteral("Output"))->errorMessage().isEmpty());
    // Fixed: the next validation pass clears it.
    inspector.setDiagnostics({});
    QVERIFY(inspector.fieldEditor(QStringLiteral("Output"))->errorMessage().isEmpty());
}

void tst_Inspector::showsFieldsForTypeAndQueryLanguage_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<QStringList>("shown");
    QTest::addColumn<QStringList>("hidden");
    auto def = [](const char *state, const char *language = "JSONPath") {
        return QStringLiteral(R"({"QueryLanguage": "%1", "StartAt": "S", "States": {"S": %2}})")
            .arg(QLatin1String(language), QLatin1String(state));
    };
    QTest::newRow("waitJsonPath") << def(R"({"Type": "Wait", "Seconds": 3, "End": true})")
                                  << QStringList{"Seconds", "SecondsPath", "Timestamp",  "Next",
                                                 "End",     "InputPath",   "OutputPath", "Assign"}
                                  << QStringList{"Resource", "Arguments", "Output", "Retry"};
    QTest::newRow("taskJsonata") << def(
        R"({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true})",
        "JSONata") << QStringList{"Resource",   "Arguments", "Output",         "Assign",
                                  "Retry",      "Catch",     "TimeoutSeconds", "HeartbeatSeconds",
                                  "Credentials"}
                                 << QStringList{"Parameters", "InputPath",
                                                "ResultPath", "ResultSelector",
                                                "OutputPath", "TimeoutSecondsPath"};
    QTest::newRow("taskJsonPath") << def(
        R"({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true})")
                                  << QStringList{"Parameters", "InputPath",  "ResultSelector",
                                                 "ResultPath", "OutputPath", "Retry",
                                                 "Catch"}
                                  << QStringList{"Arguments", "Output", "Seconds"};
    QTest::newRow("choice") << def(R"({"Type": "Choice", "Choices": [], "Default": "S"})")
                            << QStringList{"Choices", "Default", "InputPath", "OutputPath"}
                            << QStringList{"Next", "End", "ResultPath", "Retry"};
    QTest::newRow("fail") << def(R"({"Type": "Fail", "Error": "E"})")
                          << QStringList{"Error", "ErrorPath", "Cause", "CausePath"}
                          << QStringList{"Next", "End", "InputPath", "Assign", "Output"};
    QTest::newRow("succeedJsonata")
        << def(R"({"Type": "Succeed"})", "JSONata") << QStringList{"Output", "Comment"}
        << QStringList{"Assign", "OutputPath", "Next"};
    QTest::newRow("map") << def(R"({"Type": "Map", "ItemProcessor": {"StartAt": "I",
                                 "States": {"I": {"Type": "Succeed"}}}, "End": true})")
                         << QStringList{"ItemsPath",      "ItemSelector",
                                        "MaxConcurrency", "ToleratedFailureCount",
                                        "ItemReader",     "ResultWriter",
                                        "Label",          "Retry",
                                        "Catch"}
                         << QStringList{"ItemProcessor", "Items", "Type"};
    QTest::newRow("jsonpathFieldKeptInJsonata")
        << def(R"({"Type": "Pass", "InputPath": "$.a", "End": true})", "JSONata")
        << QStringList{"InputPath", "Output"} << QStringList{"Parameters", "Result"};
    QTest::newRow("unknownFieldShown")
        << def(R"({"Type": "Pass", "X-Custom": {"a": 1}, "End": true})")
        << QStringList{"X-Custom", "Result"} << QStringList{"Resource"};
}

void tst_Inspector::showsFieldsForTypeAndQueryLanguage()
{
    QFETCH(QString, definition);
    QFETCH(QStringList, shown);
    QFETCH(QStringList, hidden);
    Model::Document document;
    const StateId id = load(document, definition.toUtf8().constData());
    Views::InspectorView inspector(&document);
    inspector.setState(id);
    const QStringList fields = inspector.shownFields();
    for (const QString &key : shown)
        QVERIFY2(fields.contains(key), qPrintable(key + " missing from " + fields.join(',')));
    for (const QString &key : hidden)
        QVERIFY2(!fields.contains(key), qPrintable(key + " shown in " + fields.join(',')));
}

void tst_Inspector::showsEveryFieldOfCorpusStates_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files
        = Stepwise::Tests::filesUnder(Stepwise::Tests::sharedPath("corpus/real-world"));
    QVERIFY(files.size() > 20);
    for (const QString &file : files)
        QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
}

void tst_Inspector::showsEveryFieldOfCorpusStates()
{
    QFETCH(QString, file);
    Model::Document document;
    QVERIFY(Model::loadDocument(document, file).ok());
    Views::InspectorView inspector(&document);
    for (StateId id : document.workflow()->allStates()) {
        inspector.setState(id);
        const Json body = document.workflow()->stateJson(id);
        // A "state" that is not an object (one corpus file has "QueryLanguage" among its
        // States) has no fields to edit; the form must still open.
        if (!body.is_object()) {
            QVERIFY(inspector.shownFields().isEmpty());
            continue;
        }
        for (auto it = body.begin(); it != body.end(); ++it) {
            const QString key = QString::fromStdString(it.key());
            if (key == "Type" || key == "Branches" || key == "ItemProcessor" || key == "Iterator")
                continue;
            Views::FieldEditor *editor = inspector.fieldEditor(key);
            QVERIFY2(editor, qPrintable(key));
            // Retry, Catch and Choices forms hold the value exactly as written.
            if (Views::StructuredForm *form = editor->form()) {
                QCOMPARE(form->value(), it.value().is_null() ? Json::array() : it.value());
                QVERIFY2(editor->isJsonMode() != form->canEdit(it.value()), qPrintable(key));
            }
            // What the editor shows reads back as the model's value: nothing to flag.
            QVERIFY2(editor->errorMessage().isEmpty(), qPrintable(key));
        }
    }
}

void tst_Inspector::invalidJsonIsFlaggedAndNotApplied()
{
    Model::Document document;
    QVERIFY(Model::loadDocument(document, QString::fromLatin1(kTimer)).ok());
    Views::InspectorView inspector(&document);
    inspector.show();
    const StateId publish = stateNamed(document, "Publish");
    inspector.setState(publish);
    auto *parameters = inspector.findChild<QPlainTextEdit *>(QStringLiteral("field_Parameters"));
    QVERIFY(parameters);
    const Json before = document.workflow()->field(publish, "Parameters");
    parameters->setFocus();
    QTest::keyClick(parameters, Qt::Key_End, Qt::ControlModifier);
    QTest::keyClicks(parameters, QStringLiteral(","));
    const QString message = inspector.fieldEditor(QStringLiteral("Parameters"))->errorMessage();
    QVERIFY2(message.contains(QStringLiteral("Line")), qPrintable(message));
    QVERIFY(parameters->styleSheet().contains(QStringLiteral("border")));
    QCOMPARE(document.workflow()->field(publish, "Parameters"), before);
    QCOMPARE(document.undoStack()->count(), 0);
    QTest::keyClick(parameters, Qt::Key_Backspace);
    QVERIFY(inspector.fieldEditor(QStringLiteral("Parameters"))->errorMessage().isEmpty());
    QVERIFY(parameters->styleSheet().isEmpty());
}

void tst_Inspector::validJsonIsAppliedAsTyped()
{
    Model::Document document;
    QVERIFY(Model::loadDocument(document, QString::fromLatin1(kTimer)).ok());
    Views::InspectorView inspector(&document);
    inspector.show();
    const StateId wait = stateNamed(document, "Wait");
    inspector.setState(wait);
    auto *assign = inspector.findChild<QPlainTextEdit *>(QStringLiteral("field_Assign"));
    QVERIFY(assign);
    assign->setFocus();
    QTest::keyClicks(assign, QStringLiteral("{\"count\": 1}"));
    QCOMPARE(document.workflow()->field(wait, "Assign"), Json::parse(R"({"count": 1})"));
    // Typing the JSON was one undo step, although it passed through valid prefixes.
    QCOMPARE(document.undoStack()->count(), 1);
    document.undoStack()->undo();
    QVERIFY(!document.workflow()->hasField(wait, "Assign"));
    QCOMPARE(assign->toPlainText(), QString());
}

void tst_Inspector::endCheckboxReplacesNext()
{
    Model::Document document;
    QVERIFY(Model::loadDocument(document, QString::fromLatin1(kTimer)).ok());
    Views::InspectorView inspector(&document);
    inspector.show();
    const StateId wait = stateNamed(document, "Wait");
    inspector.setState(wait);
    auto *end = inspector.findChild<QCheckBox *>(QStringLiteral("field_End"));
    auto *next = inspector.findChild<QComboBox *>(QStringLiteral("field_Next"));
    QVERIFY(end && next);
    QCOMPARE(next->currentText(), QStringLiteral("Publish"));
    QTest::mouseClick(end, Qt::LeftButton, {}, QPoint(4, end->height() / 2));
    QCOMPARE(document.workflow()->field(wait, "End"), Json(true));
    QVERIFY(!document.workflow()->hasField(wait, "Next"));
    QCOMPARE(next->currentText(), QString());
    QCOMPARE(document.undoStack()->count(), 1);
    document.undoStack()->undo();
    QCOMPARE(document.workflow()->field(wait, "Next"), Json("Publish"));
    QVERIFY(!end->isChecked());
    QCOMPARE(next->currentText(), QStringLiteral("Publish"));
}

void tst_Inspector::renameThroughNameField()
{
    Model::Document document;
    QVERIFY(Model::loadDocument(document, QString::fromLatin1(kTimer)).ok());
    Views::InspectorView inspector(&document);
    inspector.show();
    const StateId publish = stateNamed(document, "Publish");
    inspector.setState(publish);
    auto *name = inspector.findChild<QLineEdit *>(QStringLiteral("stateName"));
    QVERIFY(name);
    retype(name, QStringLiteral("Notify"));
    QTest::keyClick(name, Qt::Key_Return);
    QCOMPARE(QString::fromStdString(document.workflow()->name(publish)), QStringLiteral("Notify"));
    QCOMPARE(document.workflow()->field(stateNamed(document, "Wait"), "Next"), Json("Notify"));
    // A taken name is refused with a message.
    retype(name, QStringLiteral("Wait"));
    QTest::keyClick(name, Qt::Key_Return);
    QCOMPARE(QString::fromStdString(document.workflow()->name(publish)), QStringLiteral("Notify"));
}

void tst_Inspector::followsUndoOfAnotherView()
{
    Model::Document document;
    QVERIFY(Model::loadDocument(document, QString::fromLatin1(kTimer)).ok());
    Views::InspectorView inspector(&document);
    const StateId publish = stateNamed(document, "Publish");
    inspector.setState(publish);
    document.workflow()->setField(publish, "Resource", "arn:aws:states:::sqs:sendMessage");
    auto *resource = inspector.findChild<QLineEdit *>(QStringLiteral("field_Resource"));
    QCOMPARE(resource->text(), QStringLiteral("arn:aws:states:::sqs:sendMessage"));
    // Switching to JSONata changes the form.
    document.workflow()->setField(publish, "QueryLanguage", "JSONata");
    QVERIFY(inspector.shownFields().contains(QStringLiteral("Arguments")));
    document.workflow()->removeState(publish);
    QCOMPARE(inspector.state(), StateId(0));
}

void tst_Inspector::workflowFieldsWithoutSelection()
{
    Model::Document document;
    QVERIFY(Model::loadDocument(document, QString::fromLatin1(kTimer)).ok());
    Views::InspectorView inspector(&document);
    inspector.show();
    inspector.setState(0);
    QCOMPARE(inspector.shownFields(), QStringList());
    auto *timeout = inspector.findChild<QLineEdit *>(QStringLiteral("field_TimeoutSeconds"));
    auto *startAt = inspector.findChild<QComboBox *>(QStringLiteral("field_StartAt"));
    auto *comment = inspector.findChild<QLineEdit *>(QStringLiteral("field_Comment"));
    QVERIFY(timeout && startAt && comment);
    QCOMPARE(startAt->currentText(), QStringLiteral("Wait"));
    QVERIFY(comment->text().startsWith(QStringLiteral("Timer:")));
    retype(timeout, QStringLiteral("3600"));
    QCOMPARE(document.workflow()->documentFields()["TimeoutSeconds"], Json(3600));
    QCOMPARE(document.undoStack()->count(), 1);
    QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Change workflow TimeoutSeconds"));
    startAt->setCurrentText(QStringLiteral("Publish"));
    QCOMPARE(document.workflow()->startAt(document.workflow()->rootScope()),
             std::string("Publish"));
    document.undoStack()->undo();
    QCOMPARE(startAt->currentText(), QStringLiteral("Wait"));
    document.undoStack()->undo();
    QVERIFY(!document.workflow()->documentFields().contains("TimeoutSeconds"));
    QCOMPARE(timeout->text(), QString());
}

template<typename T>
static T *child(QWidget *root, const char *name)
{
    T *found = root->findChild<T *>(QString::fromLatin1(name));
    if (!found)
        qWarning("no %s", name);
    return found;
}

static void click(QWidget *root, const char *name)
{
    QCoreApplication::processEvents(); // lay out what the last edit built, as the loop does
    QAbstractButton *button = child<QAbstractButton>(root, name);
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
}

// Opens the combo box's list and clicks the item, as a user does.
static void choose(QComboBox *combo, const QString &text)
{
    QVERIFY(combo);
    QCoreApplication::processEvents();
    const int target = combo->findText(text);
    QVERIFY2(target >= 0, qPrintable(text));
    combo->showPopup();
    QAbstractItemView *view = combo->view();
    QVERIFY(QTest::qWaitForWindowExposed(view->window()));
    const QModelIndex index = view->model()->index(target, 0);
    view->scrollTo(index);
    const QPoint at = view->visualRect(index).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(combo->currentIndex(), target);
}

static void retypeCombo(QComboBox *combo, const QString &text)
{
    QCoreApplication::processEvents();
    QVERIFY(combo && combo->lineEdit());
    retype(combo->lineEdit(), text);
}

void tst_Inspector::retryForm()
{
    Model::Document document;
    const StateId task = load(document, R"({"StartAt": "T", "States": {"T": {"Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke", "Retry": [{"ErrorEquals": ["States.Timeout"],
        "IntervalSeconds": 2, "MaxAttempts": 3, "x-note": {"kept": true}}], "End": true}}})");
    Views::InspectorView inspector(&document);
    inspector.resize(420, 900);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    inspector.setState(task);

    retype(child<QLineEdit>(&inspector, "retry_0_IntervalSeconds"), QStringLiteral("15"));
    QCOMPARE(document.undoStack()->count(), 1);
    QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Change Retry of T"));
    // Not a number: flagged under the input, not applied.
    retype(child<QLineEdit>(&inspector, "retry_0_MaxAttempts"), QStringLiteral("many"));
    QVERIFY(child<QLabel>(&inspector, "error_retry_0_MaxAttempts")->isVisible());
    QCOMPARE(document.workflow()->field(task, "Retry")[0]["MaxAttempts"], Json(3));
    retype(child<QLineEdit>(&inspector, "retry_0_MaxAttempts"), QStringLiteral("5"));
    QVERIFY(!child<QLabel>(&inspector, "error_retry_0_MaxAttempts")->isVisible());
    retype(child<QLineEdit>(&inspector, "retry_0_BackoffRate"), QStringLiteral("1.5"));
    choose(child<QComboBox>(&inspector, "retry_0_JitterStrategy"), QStringLiteral("FULL"));
    retypeCombo(child<QComboBox>(&inspector, "retry_0_ErrorEquals_0"),
                QStringLiteral("States.TaskFailed"));
    click(&inspector, "retry_0_ErrorEquals_add");
    // One undo step per input typed into, and one for each change of a list's shape.
    QCOMPARE(document.undoStack()->count(), 6);
    QCOMPARE(document.workflow()->field(task, "Retry"),
             Json::parse(R"([{"ErrorEquals": ["States.TaskFailed", "States.Timeout"],
                 "IntervalSeconds": 15, "MaxAttempts": 5, "x-note": {"kept": true},
                 "BackoffRate": 1.5, "JitterStrategy": "FULL"}])"));

    // A second retrier, moved first, then the old one removed.
    click(&inspector, "retry_add");
    click(&inspector, "retry_1_up");
    QCOMPARE(document.workflow()->field(task, "Retry")[0]["ErrorEquals"],
             Json::parse(R"(["States.ALL"])"));
    click(&inspector, "retry_1_remove");
    QCOMPARE(document.workflow()->field(task, "Retry"),
             Json::parse(R"([{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1,
                 "MaxAttempts": 3, "BackoffRate": 2}])"));
    // Removing the last retrier removes the field.
    click(&inspector, "retry_0_remove");
    QVERIFY(!document.workflow()->hasField(task, "Retry"));

    // Undo walks back through the edits to the definition as loaded.
    while (document.undoStack()->canUndo())
        document.undoStack()->undo();
    QCOMPARE(document.workflow()->field(task, "Retry"),
             Json::parse(R"([{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 2,
                 "MaxAttempts": 3, "x-note": {"kept": true}}])"));
    QCOMPARE(child<QLineEdit>(&inspector, "retry_0_IntervalSeconds")->text(), QStringLiteral("2"));
}

void tst_Inspector::catchForm()
{
    Model::Document document;
    const StateId task = load(document, R"({"StartAt": "T", "States": {"T": {"Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done"},
        "Done": {"Type": "Succeed"}, "Failed": {"Type": "Fail"}}})");
    Views::InspectorView inspector(&document);
    inspector.resize(420, 900);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    inspector.setState(task);
    click(&inspector, "catch_add");
    auto *next = child<QComboBox>(&inspector, "catch_0_Next");
    QVERIFY(next);
    QCOMPARE(next->currentText(), QStringLiteral("Done"));
    retypeCombo(next, QStringLiteral("Failed"));
    retype(child<QLineEdit>(&inspector, "catch_0_ResultPath"), QStringLiteral("error"));
    QVERIFY(child<QLabel>(&inspector, "error_catch_0_ResultPath")->isVisible());
    retype(child<QLineEdit>(&inspector, "catch_0_ResultPath"), QStringLiteral("$.error"));
    QCOMPARE(document.workflow()->field(task, "Catch"),
             Json::parse(R"([{"ErrorEquals": ["States.ALL"], "Next": "Failed",
                 "ResultPath": "$.error"}])"));
    // The canvas's transitions follow: a Catch edge to Failed.
    bool catchEdge = false;
    for (const Model::Transition &t : document.workflow()->transitions(task))
        catchEdge = catchEdge || (t.kind == Model::TransitionKind::Catch && t.target == "Failed");
    QVERIFY(catchEdge);
    // An unknown state name is flagged but kept (the user may be about to add it).
    retypeCombo(child<QComboBox>(&inspector, "catch_0_Next"), QStringLiteral("Later"));
    QVERIFY(child<QLabel>(&inspector, "error_catch_0_Next")->isVisible());
}

void tst_Inspector::choiceRulesForm()
{
    Model::Document document;
    const StateId choice = load(document, R"({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.kind", "StringEquals": "a",
              "Next": "A", "Comment": "first"}], "Default": "B"},
        "A": {"Type": "Succeed"}, "B": {"Type": "Succeed"}}})");
    Views::InspectorView inspector(&document);
    inspector.resize(460, 1000);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    inspector.setState(choice);

    // Operator and value: a number for the Numeric operators.
    choose(child<QComboBox>(&inspector, "choice_0_operator"), QStringLiteral("NumericGreaterThan"));
    QCOMPARE(document.workflow()->field(choice, "Choices")[0],
             Json::parse(R"({"Variable": "$.kind", "NumericGreaterThan": 0, "Next": "A",
                 "Comment": "first"})"));
    retype(child<QLineEdit>(&inspector, "choice_0_value"), QStringLiteral("ten"));
    QVERIFY(child<QLabel>(&inspector, "error_choice_0_NumericGreaterThan")->isVisible());
    retype(child<QLineEdit>(&inspector, "choice_0_value"), QStringLiteral("10"));
    retype(child<QLineEdit>(&inspector, "choice_0_Variable"), QStringLiteral("$.count"));
    // Timestamps must be RFC 3339.
    choose(child<QComboBox>(&inspector, "choice_0_operator"), QStringLiteral("TimestampEquals"));
    retype(child<QLineEdit>(&inspector, "choice_0_value"), QStringLiteral("tomorrow"));
    QVERIFY(child<QLabel>(&inspector, "error_choice_0_TimestampEquals")->isVisible());
    retype(child<QLineEdit>(&inspector, "choice_0_value"), QStringLiteral("2026-11-25T20:00:00Z"));
    QCOMPARE(document.workflow()->field(choice, "Choices")[0]["TimestampEquals"],
             Json("2026-11-25T20:00:00Z"));
    choose(child<QComboBox>(&inspector, "choice_0_operator"), QStringLiteral("NumericGreaterThan"));
    retype(child<QLineEdit>(&inspector, "choice_0_value"), QStringLiteral("10"));

    // And wraps the comparison; a second condition is added and edited.
    choose(child<QComboBox>(&inspector, "choice_0_kind"), QStringLiteral("And: all of"));
    click(&inspector, "choice_0_And_add");
    choose(child<QComboBox>(&inspector, "choice_0_And_1_operator"), QStringLiteral("IsPresent"));
    choose(child<QComboBox>(&inspector, "choice_0_And_1_kind"), QStringLiteral("Not"));
    retype(child<QLineEdit>(&inspector, "choice_0_And_1_Not_Variable"), QStringLiteral("$.skip"));
    QCOMPARE(document.workflow()->field(choice, "Choices")[0],
             Json::parse(R"({"And": [{"Variable": "$.count", "NumericGreaterThan": 10},
                 {"Not": {"Variable": "$.skip", "IsPresent": true}}], "Next": "A",
                 "Comment": "first"})"));

    // A second rule, its Next chosen from the scope's states, moved first.
    click(&inspector, "choice_add");
    choose(child<QComboBox>(&inspector, "choice_1_Next"), QStringLiteral("B"));
    click(&inspector, "choice_1_up");
    const Json choices = document.workflow()->field(choice, "Choices");
    QCOMPARE(choices.size(), size_t(2));
    QCOMPARE(choices[0]["Next"], Json("B"));
    QCOMPARE(choices[1]["Comment"], Json("first"));
    QCOMPARE(document.workflow()->field(choice, "Default"), Json("B"));
    // Back to a plain comparison: the first nested condition stays.
    choose(child<QComboBox>(&inspector, "choice_1_kind"), QStringLiteral("Comparison"));
    QCOMPARE(document.workflow()->field(choice, "Choices")[1],
             Json::parse(R"({"Variable": "$.count", "NumericGreaterThan": 10, "Next": "A",
                 "Comment": "first"})"));
    while (document.undoStack()->canUndo())
        document.undoStack()->undo();
    QCOMPARE(document.workflow()->field(choice, "Choices"),
             Json::parse(R"([{"Variable": "$.kind", "StringEquals": "a", "Next": "A",
                 "Comment": "first"}])"));
}

void tst_Inspector::choiceRulesFormJsonata()
{
    Model::Document document;
    const StateId choice = load(document, R"({"QueryLanguage": "JSONata", "StartAt": "C",
        "States": {"C": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.n > 1 %}",
        "Next": "A"}], "Default": "A"}, "A": {"Type": "Succeed"}}})");
    Views::InspectorView inspector(&document);
    inspector.resize(460, 900);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    inspector.setState(choice);
    QVERIFY(!inspector.findChild<QComboBox *>(QStringLiteral("choice_0_operator")));
    retype(child<QLineEdit>(&inspector, "choice_0_Condition"),
           QStringLiteral("{% $states.input.n > 2 %}"));
    auto *assign = child<QPlainTextEdit>(&inspector, "choice_0_Assign");
    QVERIFY(assign);
    assign->setFocus();
    QTest::keyClicks(assign, QStringLiteral("{\"seen\": true}"));
    QCOMPARE(document.workflow()->field(choice, "Choices"),
             Json::parse(R"([{"Condition": "{% $states.input.n > 2 %}", "Next": "A",
                 "Assign": {"seen": true}}])"));
}

void tst_Inspector::jsonToggleShowsAndEditsRawJson()
{
    Model::Document document;
    const StateId task = load(document, R"({"StartAt": "T", "States": {"T": {"Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke", "Retry": [{"ErrorEquals": ["States.ALL"]}],
        "End": true}}})");
    Views::InspectorView inspector(&document);
    inspector.resize(420, 900);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    inspector.setState(task);
    Views::FieldEditor *editor = inspector.fieldEditor(QStringLiteral("Retry"));
    QVERIFY(editor && editor->form() && !editor->isJsonMode());
    auto *text = child<QPlainTextEdit>(&inspector, "field_Retry");
    QVERIFY(!text->isVisible());
    click(&inspector, "json_Retry");
    QVERIFY(editor->isJsonMode() && text->isVisible() && !editor->form()->isVisible());
    QCOMPARE(Json::parse(text->toPlainText().toStdString()),
             document.workflow()->field(task, "Retry"));
    text->setFocus();
    QTest::keyClick(text, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(text, QStringLiteral("[{\"ErrorEquals\": [\"Custom\"], \"MaxAttempts\": 0}]"));
    QCOMPARE(document.workflow()->field(task, "Retry"),
             Json::parse(R"([{"ErrorEquals": ["Custom"], "MaxAttempts": 0}])"));
    // Back in the form, it shows what the text said.
    click(&inspector, "json_Retry");
    QVERIFY(!editor->isJsonMode());
    QCOMPARE(child<QComboBox>(&inspector, "retry_0_ErrorEquals_0")->currentText(),
             QStringLiteral("Custom"));
    QCOMPARE(child<QLineEdit>(&inspector, "retry_0_MaxAttempts")->text(), QStringLiteral("0"));
    // A value the form cannot show (not a list) keeps the text and disables the switch.
    document.workflow()->setField(task, "Retry", Json("oops"));
    QVERIFY(editor->isJsonMode());
    QVERIFY(!child<QToolButton>(&inspector, "json_Retry")->isEnabled());
}

void tst_Inspector::formsFitTheInspectorWidth_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("state");
    QTest::newRow("retryCatch") << QStringLiteral(STEPWISE_SOURCE_DIR
                                                  "/resources/templates/retry-catch.asl.json")
                                << QStringLiteral("Call function");
    QTest::newRow("choice") << QStringLiteral(STEPWISE_SOURCE_DIR
                                              "/resources/templates/choice.asl.json")
                            << QStringLiteral("Check amount");
}

// The inspector dock is narrow: the forms must not grow wider than it (the right edge would
// be cut off, as it does not scroll sideways). Writes the form as a PNG to look at.
void tst_Inspector::formsFitTheInspectorWidth()
{
    QFETCH(QString, file);
    QFETCH(QString, state);
    Model::Document document;
    QVERIFY(Model::loadDocument(document, file).ok());
    Views::InspectorView inspector(&document);
    inspector.resize(340, 2600);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    inspector.setState(stateNamed(document, state.toUtf8().constData()));
    QCoreApplication::processEvents();
    const QString png
        = QDir::temp().filePath(QStringLiteral("stepwise-inspector-%1.png")
                                    .arg(QString::fromLatin1(QTest::currentDataTag())));
    QVERIFY(inspector.grab().save(png));
    QVERIFY2(inspector.widget()->width() <= inspector.viewport()->width(),
             qPrintable(QStringLiteral("%1 > %2")
                            .arg(inspector.widget()->width())
                            .arg(inspector.viewport()->width())));
}

QTEST_MAIN(tst_Inspector)
#include "tst_inspector.moc"
