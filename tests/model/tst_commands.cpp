#include "model/commands/addstatecommand.h"
#include "model/commands/connectcommand.h"
#include "model/commands/disconnectcommand.h"
#include "model/commands/groupstatescommand.h"
#include "model/commands/insertonedgecommand.h"
#include "model/commands/movestatescommand.h"
#include "model/commands/pastecommand.h"
#include "model/commands/reconnectcommand.h"
#include "model/commands/removestatescommand.h"
#include "model/commands/renamestatecommand.h"
#include "model/commands/replacedocumentcommand.h"
#include "model/commands/setfieldcommand.h"
#include "model/commands/setstartatcommand.h"
#include "model/commands/setstatejsoncommand.h"
#include "model/document.h"
#include "model/json/jsonreader.h"
#include "testdata.h"

#include <QSignalSpy>
#include <QtTest>

using namespace Stepwise::Model;

namespace {

Json parse(const char *text)
{
    auto parsed = readJson(text);
    if (!parsed.ok())
        qFatal("bad test JSON: %s", parsed.error().toString().c_str());
    return parsed->value;
}

QString dump(const Json &value)
{
    return QString::fromStdString(value.dump());
}

const char *const kChain = R"({"StartAt": "A", "States": {
    "A": {"Type": "Pass", "Next": "B"},
    "B": {"Type": "Wait", "Seconds": 5, "Next": "C"},
    "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": 1, "Next": "D"}],
          "Default": "B"},
    "D": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "E"}], "End": true},
    "E": {"Type": "Fail", "Error": "Oops"}}})";

} // namespace

class tst_Commands : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void init();
    void addState();
    void addStateWithTakenNameIsDropped();
    void removeStateBridgesPredecessors();
    void removeContainerKeepsNestedPositions();
    void removeThenUndoRestoresCorpusExactly_data();
    void removeThenUndoRestoresCorpusExactly();
    void renameState();
    void setFieldMergesTyping();
    void setFieldRemovalUndoKeepsKeyOrder();
    void setFieldMergesOnlySameTag();
    void setStateJson();
    void connect_data();
    void connect();
    void connectAcrossScopesIsDropped();
    void reconnectAndDisconnect();
    void moveStatesIsOneStepAndNudgesMerge();
    void setStartAt();
    void replaceDocumentKeepsIds();
    void insertOnEdge();
    void pasteRenamesAndKeepsInnerTransitions();
    void laterCommandsFollowRecreatedStates();
    void groupStates_data();
    void groupStates();
    void groupCorpusRunsUndoesExactly_data();
    void groupCorpusRunsUndoesExactly();

  private:
    StateId id(const char *name) const
    {
        return m_doc->workflow()->findState(m_doc->workflow()->rootScope(), name);
    }
    QString text() const { return dump(m_doc->workflow()->toJson()); }

    std::unique_ptr<Document> m_doc;
};

void tst_Commands::init()
{
    m_doc = std::make_unique<Document>();
    m_doc->workflow()->load(parse(kChain));
}

void tst_Commands::addState()
{
    const QString before = text();
    QSignalSpy added(m_doc->workflow(), &Workflow::stateAdded);
    auto *command
        = new AddStateCommand(m_doc.get(), m_doc->workflow()->rootScope(), "Delay",
                              AddStateCommand::defaultBody(StateType::Wait), QPointF(10, 20));
    m_doc->undoStack()->push(command);
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Add Wait state"));
    QCOMPARE(added.count(), 1);
    StateId delay = id("Delay");
    QVERIFY(delay != 0);
    QCOMPARE(command->stateId(), delay);
    QCOMPARE(m_doc->workflow()->field(delay, "Seconds"), Json(10));
    QCOMPARE(m_doc->layout()->position(delay).value(), QPointF(10, 20));
    m_doc->undoStack()->undo();
    QCOMPARE(id("Delay"), StateId(0));
    QCOMPARE(text(), before);
    m_doc->undoStack()->redo();
    QVERIFY(id("Delay") != 0);
    QCOMPARE(m_doc->layout()->position(id("Delay")).value(), QPointF(10, 20));
}

void tst_Commands::addStateWithTakenNameIsDropped()
{
    m_doc->undoStack()->push(new AddStateCommand(m_doc.get(), m_doc->workflow()->rootScope(), "A",
                                                 AddStateCommand::defaultBody(StateType::Pass)));
    QCOMPARE(m_doc->undoStack()->count(), 0);
}

void tst_Commands::removeStateBridgesPredecessors()
{
    const QString before = text();
    m_doc->layout()->setPosition(id("B"), QPointF(5, 6));
    m_doc->undoStack()->push(new RemoveStatesCommand(m_doc.get(), {id("B")}));
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Delete B"));
    QCOMPARE(id("B"), StateId(0));
    // A -> B -> C becomes A -> C; C's Default to B follows B's Next to C itself.
    QCOMPARE(m_doc->workflow()->field(id("A"), "Next"), Json("C"));
    QCOMPARE(m_doc->workflow()->field(id("C"), "Default"), Json("C"));
    m_doc->undoStack()->undo();
    QCOMPARE(text(), before);
    QCOMPARE(m_doc->layout()->position(id("B")).value(), QPointF(5, 6));
    m_doc->undoStack()->redo();
    QCOMPARE(id("B"), StateId(0));

    // Deleting the start and a catch target: StartAt moves on, the catcher goes.
    m_doc->undoStack()->push(new RemoveStatesCommand(m_doc.get(), {id("A"), id("E")}));
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Delete 2 states"));
    QCOMPARE(m_doc->workflow()->startAt(m_doc->workflow()->rootScope()), std::string("C"));
    QCOMPARE(m_doc->workflow()->field(id("D"), "Catch"), Json::array());
    m_doc->undoStack()->undo();
    m_doc->undoStack()->undo();
    QCOMPARE(text(), before);
}

void tst_Commands::removeContainerKeepsNestedPositions()
{
    m_doc->workflow()->load(parse(R"({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "X", "States": {"X": {"Type": "Pass", "End": true}}}]}}})"));
    const QString before = text();
    StateId p = id("P");
    StateId x = m_doc->workflow()->states(m_doc->workflow()->childScopes(p)[0])[0];
    m_doc->layout()->setPosition(x, QPointF(7, 8));
    m_doc->undoStack()->push(new RemoveStatesCommand(m_doc.get(), {p, x}));
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Delete P"));
    QVERIFY(m_doc->workflow()->allStates().empty());
    m_doc->undoStack()->undo();
    QCOMPARE(text(), before);
    StateId restored = m_doc->workflow()->stateAtPointer("/States/P/Branches/0/States/X");
    QCOMPARE(m_doc->layout()->position(restored).value(), QPointF(7, 8));
}

void tst_Commands::removeThenUndoRestoresCorpusExactly_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files
        = Stepwise::Tests::filesUnder(Stepwise::Tests::sharedPath("corpus/real-world"));
    QVERIFY(files.size() > 20);
    for (const QString &file : files)
        QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
}

void tst_Commands::removeThenUndoRestoresCorpusExactly()
{
    QFETCH(QString, file);
    auto parsed = readJsonFile(file.toStdString());
    QVERIFY(parsed.ok());
    m_doc->workflow()->load(parsed->value);
    const QString before = text();
    const std::vector<StateId> all = m_doc->workflow()->allStates();
    // Delete every other state of every scope in one command, then undo.
    std::vector<StateId> some;
    for (size_t i = 0; i < all.size(); i += 2)
        some.push_back(all[i]);
    m_doc->undoStack()->push(new RemoveStatesCommand(m_doc.get(), some));
    QVERIFY(m_doc->workflow()->allStates().size() < all.size() || all.empty());
    const QString removed = text();
    m_doc->undoStack()->undo();
    QCOMPARE(text(), before);
    m_doc->undoStack()->redo();
    QCOMPARE(text(), removed);
}

void tst_Commands::renameState()
{
    const QString before = text();
    StateId b = id("B");
    m_doc->undoStack()->push(new RenameStateCommand(m_doc.get(), b, "Delay"));
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Rename B to Delay"));
    QCOMPARE(m_doc->workflow()->name(b), std::string("Delay"));
    QCOMPARE(m_doc->workflow()->field(id("A"), "Next"), Json("Delay"));
    QCOMPARE(m_doc->workflow()->field(id("C"), "Default"), Json("Delay"));
    m_doc->undoStack()->undo();
    QCOMPARE(text(), before);
    m_doc->undoStack()->redo();
    QCOMPARE(m_doc->workflow()->name(b), std::string("Delay"));
    // Unchanged and taken names change nothing.
    m_doc->undoStack()->push(new RenameStateCommand(m_doc.get(), b, "Delay"));
    m_doc->undoStack()->push(new RenameStateCommand(m_doc.get(), b, "A"));
    QCOMPARE(m_doc->undoStack()->count(), 1);
}

void tst_Commands::setFieldMergesTyping()
{
    const QString before = text();
    StateId b = id("B");
    for (int seconds : {1, 12, 123})
        m_doc->undoStack()->push(new SetFieldCommand(m_doc.get(), b, "Seconds", Json(seconds)));
    QCOMPARE(m_doc->undoStack()->count(), 1);
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Change Seconds of B"));
    QCOMPARE(m_doc->workflow()->field(b, "Seconds"), Json(123));
    m_doc->undoStack()->undo();
    QCOMPARE(text(), before);
    m_doc->undoStack()->redo();
    QCOMPARE(m_doc->workflow()->field(b, "Seconds"), Json(123));
    // Another field is another step; typing back to the original value cancels the step.
    m_doc->undoStack()->push(new SetFieldCommand(m_doc.get(), b, "Comment", Json("x")));
    QCOMPARE(m_doc->undoStack()->count(), 2);
    m_doc->undoStack()->push(new SetFieldCommand(m_doc.get(), b, "Seconds", Json(7)));
    m_doc->undoStack()->push(new SetFieldCommand(m_doc.get(), b, "Seconds", Json(123)));
    QCOMPARE(m_doc->undoStack()->count(), 2);
}

void tst_Commands::setFieldMergesOnlySameTag()
{
    const StateId d = id("D");
    auto push = [&](const char *json, const char *tag) {
        auto *command = new SetFieldCommand(m_doc.get(), d, "Retry", parse(json));
        command->setMergeTag(tag);
        m_doc->undoStack()->push(command);
    };
    push(R"([{"ErrorEquals": ["States.ALL"]}])", "-");
    push(R"([{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1}])", "/0/MaxAttempts");
    push(R"([{"ErrorEquals": ["States.ALL"], "MaxAttempts": 12}])", "/0/MaxAttempts");
    push(R"([{"ErrorEquals": ["States.ALL"], "MaxAttempts": 12, "IntervalSeconds": 3}])",
         "/0/IntervalSeconds");
    push(R"([])", "-");
    push(R"([{"ErrorEquals": ["X"]}])", "-");
    QCOMPARE(m_doc->undoStack()->count(), 5);
    m_doc->undoStack()->undo();
    m_doc->undoStack()->undo();
    QCOMPARE(
        m_doc->workflow()->field(d, "Retry"),
        parse(R"([{"ErrorEquals": ["States.ALL"], "MaxAttempts": 12, "IntervalSeconds": 3}])"));
    m_doc->undoStack()->undo();
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->workflow()->field(d, "Retry"), parse(R"([{"ErrorEquals": ["States.ALL"]}])"));
}

void tst_Commands::setFieldRemovalUndoKeepsKeyOrder()
{
    const QString before = text();
    StateId b = id("B");
    m_doc->undoStack()->push(new SetFieldCommand(m_doc.get(), b, "Seconds", std::nullopt));
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Remove Seconds from B"));
    QVERIFY(!m_doc->workflow()->hasField(b, "Seconds"));
    m_doc->undoStack()->undo();
    QCOMPARE(text(), before);
    m_doc->undoStack()->redo();
    QVERIFY(!m_doc->workflow()->hasField(b, "Seconds"));
}

void tst_Commands::setStateJson()
{
    const QString before = text();
    StateId b = id("B");
    Json body = parse(R"({"Type": "Wait", "Timestamp": "2030-01-01T00:00:00Z", "Next": "C"})");
    m_doc->undoStack()->push(new SetStateJsonCommand(m_doc.get(), b, body));
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Edit B"));
    QCOMPARE(dump(m_doc->workflow()->stateJson(b)), dump(body));
    m_doc->undoStack()->undo();
    QCOMPARE(text(), before);
    m_doc->undoStack()->redo();
    QCOMPARE(dump(m_doc->workflow()->stateJson(b)), dump(body));
}

void tst_Commands::connect_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("expected"); // the source's JSON afterwards
    QTest::newRow("nextReplacesEndInPlace")
        << "D"
        << "A" << int(TransitionKind::Next)
        << R"({"Type":"Task","Resource":"arn:aws:states:::sns:publish","Catch":[{"ErrorEquals":["States.ALL"],"Next":"E"}],"Next":"A"})";
    QTest::newRow("nextRetargets")
        << "A"
        << "C" << int(TransitionKind::Next) << R"({"Type":"Pass","Next":"C"})";
    QTest::newRow("choiceGetsRule")
        << "C"
        << "A" << int(TransitionKind::Next)
        << R"({"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1,"Next":"D"},{"Variable":"$","IsPresent":true,"Next":"A"}],"Default":"B"})";
    QTest::newRow("catchAppendsCatcher")
        << "D"
        << "A" << int(TransitionKind::Catch)
        << R"({"Type":"Task","Resource":"arn:aws:states:::sns:publish","Catch":[{"ErrorEquals":["States.ALL"],"Next":"E"},{"ErrorEquals":["States.ALL"],"Next":"A"}],"End":true})";
}

void tst_Commands::connect()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(int, kind);
    QFETCH(QString, expected);
    const QString before = text();
    StateId source = id(qPrintable(from));
    m_doc->undoStack()->push(new ConnectCommand(m_doc.get(), source, id(qPrintable(to)),
                                                static_cast<TransitionKind>(kind)));
    QCOMPARE(m_doc->undoStack()->count(), 1);
    QCOMPARE(dump(m_doc->workflow()->stateJson(source)), expected);
    m_doc->undoStack()->undo();
    QCOMPARE(text(), before);
    m_doc->undoStack()->redo();
    QCOMPARE(dump(m_doc->workflow()->stateJson(source)), expected);
}

void tst_Commands::connectAcrossScopesIsDropped()
{
    m_doc->undoStack()->push(new ConnectCommand(m_doc.get(), id("E"), id("A")));
    m_doc->undoStack()->push(new ConnectCommand(m_doc.get(), id("A"), StateId(9999)));
    QCOMPARE(m_doc->undoStack()->count(), 0);
}

void tst_Commands::reconnectAndDisconnect()
{
    const QString before = text();
    StateId c = id("C");
    m_doc->undoStack()->push(
        new ReconnectCommand(m_doc.get(), c, TransitionKind::ChoiceRule, 0, "E"));
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Reconnect C to E"));
    QCOMPARE(m_doc->workflow()->transitions(c).at(0).targetId, id("E"));
    m_doc->undoStack()->push(new DisconnectCommand(m_doc.get(), c, TransitionKind::Default, -1));
    QVERIFY(!m_doc->workflow()->hasField(c, "Default"));
    m_doc->undoStack()->push(new DisconnectCommand(m_doc.get(), id("A"), TransitionKind::Next, -1));
    QCOMPARE(m_doc->workflow()->field(id("A"), "End"), Json(true));
    m_doc->undoStack()->undo();
    m_doc->undoStack()->undo();
    m_doc->undoStack()->undo();
    QCOMPARE(text(), before);
    m_doc->undoStack()->redo();
    QCOMPARE(m_doc->workflow()->transitions(c).at(0).targetId, id("E"));
}

void tst_Commands::moveStatesIsOneStepAndNudgesMerge()
{
    StateId a = id("A");
    StateId b = id("B");
    m_doc->undoStack()->push(
        new MoveStatesCommand(m_doc.get(), {{a, QPointF(100, 50)}, {b, QPointF(100, 150)}}));
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Move 2 states"));
    QCOMPARE(m_doc->layout()->position(b).value(), QPointF(100, 150));
    m_doc->undoStack()->undo();
    QVERIFY(!m_doc->layout()->hasPosition(a));
    m_doc->undoStack()->redo();
    QCOMPARE(m_doc->layout()->position(a).value(), QPointF(100, 50));
    for (int step = 1; step <= 3; ++step)
        m_doc->undoStack()->push(
            new MoveStatesCommand(m_doc.get(), {{a, QPointF(100 + step, 50)}}, true));
    QCOMPARE(m_doc->undoStack()->count(), 2);
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Move A"));
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->layout()->position(a).value(), QPointF(100, 50));
    // Not moving is not an edit.
    m_doc->undoStack()->push(new MoveStatesCommand(m_doc.get(), {{a, QPointF(100, 50)}}));
    QCOMPARE(m_doc->undoStack()->index(), 1);
}

void tst_Commands::setStartAt()
{
    const QString before = text();
    m_doc->undoStack()->push(new SetStartAtCommand(m_doc.get(), id("C")));
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Set C as start"));
    QCOMPARE(m_doc->workflow()->startAt(m_doc->workflow()->rootScope()), std::string("C"));
    m_doc->undoStack()->undo();
    QCOMPARE(text(), before);
    m_doc->undoStack()->redo();
    QCOMPARE(m_doc->workflow()->startAt(m_doc->workflow()->rootScope()), std::string("C"));
    m_doc->undoStack()->push(new SetStartAtCommand(m_doc.get(), id("C")));
    QCOMPARE(m_doc->undoStack()->count(), 1);
}

void tst_Commands::replaceDocumentKeepsIds()
{
    const QString before = text();
    StateId b = id("B");
    m_doc->layout()->setPosition(b, QPointF(1, 2));
    Json edited = m_doc->workflow()->toJson();
    edited["States"]["B"]["Seconds"] = 60;
    edited["Comment"] = "edited";
    QSignalSpy reset(m_doc->workflow(), &Workflow::modelReset);
    m_doc->undoStack()->push(new ReplaceDocumentCommand(m_doc.get(), edited));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(id("B"), b);
    QCOMPARE(m_doc->workflow()->field(b, "Seconds"), Json(60));
    QCOMPARE(m_doc->layout()->position(b).value(), QPointF(1, 2));
    m_doc->undoStack()->undo();
    QCOMPARE(text(), before);
    QCOMPARE(id("B"), b);
    m_doc->undoStack()->redo();
    QCOMPARE(dump(m_doc->workflow()->toJson()), dump(edited));
    m_doc->undoStack()->push(new ReplaceDocumentCommand(m_doc.get(), edited));
    m_doc->undoStack()->push(new ReplaceDocumentCommand(m_doc.get(), Json::array()));
    QCOMPARE(m_doc->undoStack()->count(), 1);
}

void tst_Commands::insertOnEdge()
{
    const QString before = text();
    auto *command = new InsertOnEdgeCommand(m_doc.get(), id("A"), TransitionKind::Next, -1,
                                            StateType::Wait, QPointF(0, 80));
    m_doc->undoStack()->push(command);
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Insert Wait after A"));
    StateId wait = id("Wait");
    QCOMPARE(command->stateId(), wait);
    QCOMPARE(m_doc->workflow()->field(id("A"), "Next"), Json("Wait"));
    QCOMPARE(m_doc->workflow()->field(wait, "Next"), Json("B"));
    QVERIFY(!m_doc->workflow()->hasField(wait, "End"));
    QCOMPARE(m_doc->workflow()->states(m_doc->workflow()->rootScope()).at(1), wait);
    m_doc->undoStack()->undo();
    QCOMPARE(text(), before);
    m_doc->undoStack()->redo();
    QCOMPARE(m_doc->workflow()->field(id("A"), "Next"), Json("Wait"));
    // Into a Choice rule.
    m_doc->undoStack()->push(new InsertOnEdgeCommand(
        m_doc.get(), id("C"), TransitionKind::ChoiceRule, 0, StateType::Pass));
    QCOMPARE(m_doc->workflow()->transitions(id("C")).at(0).target, std::string("Pass"));
    QCOMPARE(m_doc->workflow()->field(id("Pass"), "Next"), Json("D"));
}

void tst_Commands::pasteRenamesAndKeepsInnerTransitions()
{
    const QString before = text();
    Json fragment = parse(R"({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Wait", "Seconds": 5, "Next": "Elsewhere"}}})");
    auto *command = new PasteCommand(m_doc.get(), m_doc->workflow()->rootScope(), fragment,
                                     {{"A", QPointF(300, 0)}});
    m_doc->undoStack()->push(command);
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Paste 2 states"));
    QCOMPARE(command->stateIds().size(), size_t(2));
    QCOMPARE(m_doc->workflow()->field(id("A 2"), "Next"), Json("B 2"));
    QCOMPARE(m_doc->workflow()->field(id("B 2"), "End"), Json(true));
    QCOMPARE(m_doc->layout()->position(id("A 2")).value(), QPointF(300, 0));
    m_doc->undoStack()->undo();
    QCOMPARE(text(), before);
    m_doc->undoStack()->redo();
    QVERIFY(id("B 2") != 0);
}

void tst_Commands::laterCommandsFollowRecreatedStates()
{
    // Add, rename, delete; undo all; redo all: each command finds its state again although
    // undoing the delete re-created it with a new id.
    const QString before = text();
    m_doc->undoStack()->push(new AddStateCommand(m_doc.get(), m_doc->workflow()->rootScope(), "N",
                                                 AddStateCommand::defaultBody(StateType::Pass)));
    m_doc->undoStack()->push(new SetFieldCommand(m_doc.get(), id("N"), "Comment", Json("c")));
    m_doc->undoStack()->push(new RemoveStatesCommand(m_doc.get(), {id("N")}));
    m_doc->undoStack()->undo();
    m_doc->undoStack()->undo();
    QVERIFY(!m_doc->workflow()->hasField(id("N"), "Comment"));
    m_doc->undoStack()->undo();
    QCOMPARE(text(), before);
    m_doc->undoStack()->redo();
    m_doc->undoStack()->redo();
    QCOMPARE(m_doc->workflow()->field(id("N"), "Comment"), Json("c"));
    m_doc->undoStack()->redo();
    QCOMPARE(id("N"), StateId(0));
}

QTEST_GUILESS_MAIN(tst_Commands)
#include "tst_commands.moc"

namespace {

const char *const kLine = R"({"StartAt": "A", "States": {
    "A": {"Type": "Pass", "Next": "B"},
    "B": {"Type": "Wait", "Seconds": 5, "Next": "C"},
    "C": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B"}], "Next": "D"},
    "D": {"Type": "Succeed"}}})";

} // namespace

void tst_Commands::groupStates_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<QStringList>("selection");
    QTest::addColumn<bool>("intoMap");
    QTest::addColumn<QString>("expected"); // empty: refused
    const QString line = QString::fromLatin1(kLine);
    QTest::newRow("middleRunIntoParallel")
        << line << QStringList{"B", "C"} << false << R"({"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Next": "Parallel"},
            "Parallel": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {
                "B": {"Type": "Wait", "Seconds": 5, "Next": "C"},
                "C": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B"}], "End": true}}}],
                "Next": "D"},
            "D": {"Type": "Succeed"}}})";
    QTest::newRow("lastStateIntoMapEnds")
        << line << QStringList{"D"} << true << R"({"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Next": "B"},
            "B": {"Type": "Wait", "Seconds": 5, "Next": "C"},
            "C": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B"}], "Next": "Map"},
            "Map": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"},
                    "StartAt": "D", "States": {"D": {"Type": "Succeed"}}}, "End": true}}})";
    QTest::newRow("startIntoMapMovesStartAt") << QString::fromLatin1(R"({"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "C"},
            "C": {"Type": "Succeed"}}})") << QStringList{"A", "B"}
                                              << true << R"({"StartAt": "Map", "States": {
            "Map": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"},
                    "StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"},
                    "B": {"Type": "Pass", "End": true}}}, "Next": "C"},
            "C": {"Type": "Succeed"}}})";
    QTest::newRow("choiceTargetsFollow")
        << QString::fromLatin1(R"({"StartAt": "C", "States": {
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true,
                  "Next": "W"}], "Default": "W"},
            "W": {"Type": "Wait", "Seconds": 1, "End": true}}})")
        << QStringList{"W"} << false << R"({"StartAt": "C", "States": {
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true,
                  "Next": "Parallel"}], "Default": "Parallel"},
            "Parallel": {"Type": "Parallel", "Branches": [{"StartAt": "W", "States": {
                "W": {"Type": "Wait", "Seconds": 1, "End": true}}}], "End": true}}})";
    QTest::newRow("twoEntriesRefused") << line << QStringList{"A", "B"} << true << QString();
    QTest::newRow("catchLeavingRefused") << line << QStringList{"C", "D"} << false << QString();
    QTest::newRow("notConnectedRefused") << line << QStringList{"A", "D"} << false << QString();
    QTest::newRow("choiceLeavingRefused")
        << QString::fromLatin1(kChain) << QStringList{"C"} << false << QString();
}

void tst_Commands::groupStates()
{
    QFETCH(QString, definition);
    QFETCH(QStringList, selection);
    QFETCH(bool, intoMap);
    QFETCH(QString, expected);
    m_doc->workflow()->load(parse(definition.toUtf8().constData()));
    const QString before = text();
    std::vector<StateId> ids;
    for (const QString &name : selection)
        ids.push_back(id(name.toUtf8().constData()));
    const auto container
        = intoMap ? GroupStatesCommand::Container::Map : GroupStatesCommand::Container::Parallel;
    const QString why = GroupStatesCommand::whyNot(*m_doc->workflow(), ids);
    m_doc->undoStack()->push(new GroupStatesCommand(m_doc.get(), ids, container));
    if (expected.isEmpty()) {
        QVERIFY(!why.isEmpty());
        QCOMPARE(m_doc->undoStack()->count(), 0);
        QCOMPARE(text(), before);
        return;
    }
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(m_doc->undoStack()->count(), 1);
    QCOMPARE(m_doc->undoStack()->undoText(),
             intoMap ? QStringLiteral("Group into Map") : QStringLiteral("Group into Parallel"));
    QCOMPARE(text(), dump(parse(expected.toUtf8().constData())));
    const QString grouped = text();
    m_doc->undoStack()->undo();
    QCOMPARE(text(), before);
    for (const QString &name : selection)
        QVERIFY(id(name.toUtf8().constData()) != 0);
    m_doc->undoStack()->redo();
    QCOMPARE(text(), grouped);
}

void tst_Commands::groupCorpusRunsUndoesExactly_data()
{
    removeThenUndoRestoresCorpusExactly_data();
}

// Every state of the corpus that can be grouped alone is grouped, then ungrouped by undo:
// the definition comes back exactly as written.
void tst_Commands::groupCorpusRunsUndoesExactly()
{
    QFETCH(QString, file);
    auto parsed = readJsonFile(file.toStdString());
    QVERIFY(parsed.ok());
    m_doc->workflow()->load(parsed->value);
    const QString before = text();
    int grouped = 0;
    // Undo re-creates states with new ids: name them by pointer.
    std::vector<std::string> pointers;
    for (StateId id : m_doc->workflow()->allStates())
        pointers.push_back(m_doc->workflow()->pointer(id));
    for (const std::string &pointer : pointers) {
        if (grouped >= 5)
            break;
        const StateId state = m_doc->workflow()->stateAtPointer(pointer);
        if (state == 0 || !GroupStatesCommand::whyNot(*m_doc->workflow(), {state}).isEmpty())
            continue;
        m_doc->undoStack()->push(
            new GroupStatesCommand(m_doc.get(), {state}, GroupStatesCommand::Container::Parallel));
        QVERIFY(text() != before);
        m_doc->undoStack()->undo();
        QCOMPARE(text(), before);
        ++grouped;
    }
}
