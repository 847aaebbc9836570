#include "model/document.h"
#include "model/json/jsonpointer.h"
#include "model/json/jsonreader.h"
#include "model/modeling/modeling.h"

#include <QtTest>

using namespace Stepwise::Model;

namespace {

Json parse(const std::string &text)
{
    auto parsed = readJson(text);
    if (!parsed.ok())
        qFatal("bad test JSON: %s", parsed.error().toString().c_str());
    return parsed->value;
}

// A root flow with every state family the rules tell apart, and a Parallel whose branch is
// another scope.
const char *const kFlow = R"({"StartAt": "A", "States": {
    "A": {"Type": "Pass", "Next": "B"},
    "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "C"},
    "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "D"}],
          "Default": "E"},
    "D": {"Type": "Succeed"},
    "E": {"Type": "Fail", "Error": "Oops"},
    "P": {"Type": "Parallel", "Branches": [{"StartAt": "Inner",
          "States": {"Inner": {"Type": "Pass", "End": true}}}], "End": true}}})";

// The value at an RFC 6901 pointer, or null when there is none.
const Json *resolvePointer(const Json &root, const std::string &pointer)
{
    const Json *at = &root;
    for (const std::string &token : splitPointer(pointer)) {
        if (at->is_object() && at->contains(token))
            at = &(*at)[token];
        else if (at->is_array() && !token.empty()
                 && token.find_first_not_of("0123456789") == std::string::npos
                 && std::stoul(token) < at->size())
            at = &(*at)[std::stoul(token)];
        else
            return nullptr;
    }
    return at;
}

// Everything an undo must put back: the definition and the canvas positions.
Json snapshot(const Document &document)
{
    return Json{{"definition", document.workflow()->toJson()},
                {"layout", document.layout()->toSidecar(*document.workflow())}};
}

StateId named(const Workflow &workflow, const QString &name)
{
    for (StateId id : workflow.allStates()) {
        if (workflow.name(id) == name.toStdString())
            return id;
    }
    return 0;
}

// Runs one Modeling operation by name; the states it created (or none) or its refusal.
Result<std::vector<StateId>> perform(Modeling &modeling, Workflow &workflow, const QString &op,
                                     const std::vector<StateId> &states, TransitionKind kind,
                                     int index, const QString &arg)
{
    const StateId first = states.empty() ? 0 : states.front();
    const StateId second = states.size() > 1 ? states[1] : 0;
    const std::string text = arg.toStdString();
    auto none = [](const Result<bool> &r) -> Result<std::vector<StateId>> {
        if (!r)
            return r.error();
        return std::vector<StateId>{};
    };
    auto one = [](const Result<StateId> &r) -> Result<std::vector<StateId>> {
        if (!r)
            return r.error();
        return std::vector<StateId>{*r};
    };
    if (op == "connect")
        return none(modeling.connect(first, second, kind));
    if (op == "reconnect")
        return none(modeling.reconnect(first, kind, index, second));
    if (op == "disconnect")
        return none(modeling.disconnect(first, kind, index));
    if (op == "insertOnEdge")
        return one(modeling.insertOnEdge(first, kind, index, stateTypeFromString(text)));
    if (op == "addState")
        return one(
            modeling.addState(first ? workflow.childScopes(first).front() : workflow.rootScope(),
                              stateTypeFromString(text), QPointF(10, 20)));
    if (op == "addStateAfter")
        return one(modeling.addStateAfter(first, stateTypeFromString(text), QPointF(0, 300)));
    if (op == "delete")
        return none(modeling.remove(states));
    if (op == "rename")
        return none(modeling.rename(first, text));
    if (op == "setStart")
        return none(modeling.setStart(first));
    if (op == "groupParallel")
        return one(modeling.group(states, Modeling::Container::Parallel));
    if (op == "groupMap")
        return one(modeling.group(states, Modeling::Container::Map));
    if (op == "paste")
        return modeling.paste(workflow.rootScope(), parse(text), {{"A", QPointF(5, 5)}});
    if (op == "setField") {
        const Json pair = parse(text); // [key, value] or [key] to remove
        return none(
            modeling.setField(first, pair[0].get<std::string>(),
                              pair.size() > 1 ? std::optional<Json>(pair[1]) : std::nullopt));
    }
    if (op == "addRetrier")
        return none(modeling.addRetrier(first));
    if (op == "setStateJson")
        return none(modeling.setStateJson(first, parse(text)));
    if (op == "move") {
        Modeling::Positions positions;
        for (StateId id : states)
            positions[id] = QPointF(40, 80);
        return none(modeling.move(positions));
    }
    if (op == "autoLayout")
        return none(modeling.autoLayout());
    if (op == "setDocumentField") {
        const Json pair = parse(text);
        return none(modeling.setDocumentField(pair[0].get<std::string>(), pair[1]));
    }
    if (op == "replaceDefinition")
        return none(modeling.replaceDefinition(parse(text)));
    qFatal("unknown operation %s", qPrintable(op));
}

} // namespace

class tst_Modeling : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void init();
    void operations_data();
    void operations();
    void movesAndAutoLayout();
    void rulesAnswerWithoutEditing_data();
    void rulesAnswerWithoutEditing();

  private:
    std::unique_ptr<Document> m_document;
};

void tst_Modeling::init()
{
    m_document = std::make_unique<Document>();
    QVERIFY(m_document->workflow()->load(parse(kFlow)).ok());
}

void tst_Modeling::operations_data()
{
    QTest::addColumn<QString>("op");
    QTest::addColumn<QStringList>("states");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("arg");
    // Empty when allowed, else a piece of the reason given.
    QTest::addColumn<QString>("refusal");
    // The names of the states the operation creates, in the order of the ids returned.
    QTest::addColumn<QStringList>("created");
    // After an allowed operation: the JSON at `pointer` in the definition ("" for none).
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("expected");

    const int next = int(TransitionKind::Next);
    const int deflt = int(TransitionKind::Default);
    const int rule = int(TransitionKind::ChoiceRule);
    const int katch = int(TransitionKind::Catch);
    using L = QStringList;

    // Connect: same scope, a kind the state has, and a change.
    QTest::newRow("connect Next") << "connect" << L{"A", "D"} << next << -1 << ""
                                  << "" << L{} << "/States/A/Next"
                                  << R"("D")";
    QTest::newRow("connect Next it has") << "connect" << L{"A", "B"} << next << -1 << ""
                                         << "already leads to" << L{} << ""
                                         << "";
    QTest::newRow("connect Next from Succeed") << "connect" << L{"D", "A"} << next << -1 << ""
                                               << "Succeed state cannot have a Next" << L{} << ""
                                               << "";
    QTest::newRow("connect out of a branch") << "connect" << L{"Inner", "A"} << next << -1 << ""
                                             << "same scope" << L{} << ""
                                             << "";
    QTest::newRow("connect into a branch") << "connect" << L{"A", "Inner"} << next << -1 << ""
                                           << "same scope" << L{} << ""
                                           << "";
    QTest::newRow("connect Catch from Pass") << "connect" << L{"A", "E"} << katch << -1 << ""
                                             << "Pass state cannot have a Catch" << L{} << ""
                                             << "";
    QTest::newRow("connect Catch from Task") << "connect" << L{"B", "E"} << katch << -1 << ""
                                             << "" << L{} << "/States/B/Catch/0"
                                             << R"({"ErrorEquals": ["States.ALL"], "Next": "E"})";
    QTest::newRow("connect Next on Choice adds a rule")
        << "connect" << L{"C", "A"} << next << -1 << ""
        << "" << L{} << "/States/C/Choices/1/Next"
        << R"("A")";
    QTest::newRow("connect Default from Pass") << "connect" << L{"A", "B"} << deflt << -1 << ""
                                               << "cannot have a Default" << L{} << ""
                                               << "";
    QTest::newRow("connect Default of Choice") << "connect" << L{"C", "A"} << deflt << -1 << ""
                                               << "" << L{} << "/States/C/Default"
                                               << R"("A")";
    QTest::newRow("connect unknown state") << "connect" << L{"A", "Nowhere"} << next << -1 << ""
                                           << "No such state" << L{} << ""
                                           << "";

    // Reconnect and disconnect an existing transition.
    QTest::newRow("reconnect Next") << "reconnect" << L{"A", "C"} << next << -1 << ""
                                    << "" << L{} << "/States/A/Next"
                                    << R"("C")";
    QTest::newRow("reconnect rule") << "reconnect" << L{"C", "A"} << rule << 0 << ""
                                    << "" << L{} << "/States/C/Choices/0/Next"
                                    << R"("A")";
    QTest::newRow("reconnect to its target") << "reconnect" << L{"A", "B"} << next << -1 << ""
                                             << "already leads to" << L{} << ""
                                             << "";
    QTest::newRow("reconnect missing rule") << "reconnect" << L{"C", "A"} << rule << 5 << ""
                                            << "no such transition" << L{} << ""
                                            << "";
    QTest::newRow("reconnect into a branch") << "reconnect" << L{"A", "Inner"} << next << -1 << ""
                                             << "same scope" << L{} << ""
                                             << "";
    QTest::newRow("disconnect Next") << "disconnect" << L{"A"} << next << -1 << ""
                                     << "" << L{} << "/States/A/End"
                                     << "true";
    QTest::newRow("disconnect Default") << "disconnect" << L{"C"} << deflt << -1 << ""
                                        << "" << L{} << "/States/C/Default"
                                        << "null";
    QTest::newRow("disconnect what Succeed lacks") << "disconnect" << L{"D"} << next << -1 << ""
                                                   << "no such transition" << L{} << ""
                                                   << "";

    // New states, named after their type and made unique.
    QTest::newRow("insert on edge") << "insertOnEdge" << L{"A"} << next << -1 << "Wait"
                                    << "" << L{"Wait"} << "/States/Wait/Next"
                                    << R"("B")";
    QTest::newRow("insert on a rule") << "insertOnEdge" << L{"C"} << rule << 0 << "Pass"
                                      << "" << L{"Pass"} << "/States/C/Choices/0/Next"
                                      << R"("Pass")";
    QTest::newRow("insert on a missing edge") << "insertOnEdge" << L{"D"} << next << -1 << "Pass"
                                              << "no such transition" << L{} << ""
                                              << "";
    QTest::newRow("add state") << "addState" << L{} << next << -1 << "Map"
                               << "" << L{"Map"} << "/States/Map/End"
                               << "true";
    QTest::newRow("add state in a branch")
        << "addState" << L{"P"} << next << -1 << "Pass"
        << "" << L{"Pass"} << "/States/P/Branches/0/States/Pass/End"
        << "true";
    QTest::newRow("add state after, joined") << "addStateAfter" << L{"P"} << next << -1 << "Wait"
                                             << "" << L{"Wait"} << "/States/P/Next"
                                             << R"("Wait")";
    QTest::newRow("add state after Fail, not joined")
        << "addStateAfter" << L{"E"} << next << -1 << "Pass"
        << "" << L{"Pass"} << "/States/E"
        << R"({"Type": "Fail", "Error": "Oops"})";
    QTest::newRow("add state after Choice, not joined")
        << "addStateAfter" << L{"C"} << next << -1 << "Pass"
        << "" << L{"Pass"} << "/States/C/Choices"
        << R"([{"Variable": "$.x", "IsPresent": true, "Next": "D"}])";

    // Delete, rename, start.
    QTest::newRow("delete bridges") << "delete" << L{"B"} << next << -1 << ""
                                    << "" << L{} << "/States/A/Next"
                                    << R"("C")";
    QTest::newRow("delete nothing") << "delete" << L{} << next << -1 << ""
                                    << "Select the states" << L{} << ""
                                    << "";
    QTest::newRow("rename") << "rename" << L{"B"} << next << -1 << "Work"
                            << "" << L{} << "/States/A/Next"
                            << R"("Work")";
    QTest::newRow("rename to a taken name") << "rename" << L{"B"} << next << -1 << "A"
                                            << "Another state is already named \"A\"" << L{} << ""
                                            << "";
    QTest::newRow("rename to nothing") << "rename" << L{"B"} << next << -1 << ""
                                       << "A state needs a name" << L{} << ""
                                       << "";
    QTest::newRow("rename to its name") << "rename" << L{"B"} << next << -1 << "B"
                                        << "already named" << L{} << ""
                                        << "";
    QTest::newRow("rename in a branch to a root name")
        << "rename" << L{"Inner"} << next << -1 << "A"
        << "" << L{} << "/States/P/Branches/0/StartAt"
        << R"("A")";
    QTest::newRow("set start") << "setStart" << L{"B"} << next << -1 << ""
                               << "" << L{} << "/StartAt"
                               << R"("B")";
    QTest::newRow("set start that is") << "setStart" << L{"A"} << next << -1 << ""
                                       << "already the start" << L{} << ""
                                       << "";
    QTest::newRow("set start of a branch that is") << "setStart" << L{"Inner"} << next << -1 << ""
                                                   << "already the start" << L{} << ""
                                                   << "";

    // Group: one connected run of one scope.
    QTest::newRow("group into Parallel") << "groupParallel" << L{"A", "B"} << next << -1 << ""
                                         << "" << L{"Parallel"} << "/States/Parallel/Next"
                                         << R"("C")";
    QTest::newRow("group into Map") << "groupMap" << L{"B"} << next << -1 << ""
                                    << "" << L{"Map"} << "/States/A/Next"
                                    << R"("Map")";
    QTest::newRow("group across scopes") << "groupParallel" << L{"A", "Inner"} << next << -1 << ""
                                         << "same scope" << L{} << ""
                                         << "";
    QTest::newRow("group a broken chain") << "groupParallel" << L{"A", "D"} << next << -1 << ""
                                          << "more than one state" << L{} << ""
                                          << "";
    QTest::newRow("group nothing") << "groupMap" << L{} << next << -1 << ""
                                   << "Select the states" << L{} << ""
                                   << "";

    // Paste renames what is taken.
    QTest::newRow("paste") << "paste" << L{} << next << -1
                           << R"({"States": {"A": {"Type": "Pass", "Next": "Z"},
                                             "Z": {"Type": "Succeed"}}})"
                           << "" << L{"A 2", "Z"} << "/States/A 2/Next"
                           << R"("Z")";
    QTest::newRow("paste nothing") << "paste" << L{} << next << -1 << R"({"States": {}})"
                                   << "Nothing to paste" << L{} << ""
                                   << "";

    // Fields.
    QTest::newRow("set field") << "setField" << L{"B"} << next << -1 << R"(["Comment", "hi"])"
                               << "" << L{} << "/States/B/Comment"
                               << R"("hi")";
    QTest::newRow("End replaces Next") << "setField" << L{"A"} << next << -1 << R"(["End", true])"
                                       << "" << L{} << "/States/A"
                                       << R"({"Type": "Pass", "End": true})";
    QTest::newRow("Next replaces End")
        << "setField" << L{"Inner"} << next << -1 << R"(["Next", "Inner"])"
        << "" << L{} << "/States/P/Branches/0/States/Inner"
        << R"({"Type": "Pass", "Next": "Inner"})";
    QTest::newRow("remove field") << "setField" << L{"E"} << next << -1 << R"(["Error"])"
                                  << "" << L{} << "/States/E"
                                  << R"({"Type": "Fail"})";
    QTest::newRow("set field of nothing")
        << "setField" << L{} << next << -1 << R"(["Comment", "hi"])"
        << "No such state" << L{} << ""
        << "";
    QTest::newRow("retry a Task") << "addRetrier" << L{"B"} << next << -1 << ""
                                  << "" << L{} << "/States/B/Retry/0/ErrorEquals"
                                  << R"(["States.ALL"])";
    QTest::newRow("retry a Pass") << "addRetrier" << L{"A"} << next << -1 << ""
                                  << "cannot retry" << L{} << ""
                                  << "";
    QTest::newRow("state JSON") << "setStateJson" << L{"D"} << next << -1
                                << R"({"Type": "Succeed", "Comment": "done"})"
                                << "" << L{} << "/States/D/Comment"
                                << R"("done")";
    QTest::newRow("document field")
        << "setDocumentField" << L{} << next << -1 << R"(["TimeoutSeconds", 60])"
        << "" << L{} << "/TimeoutSeconds"
        << "60";
    QTest::newRow("document States")
        << "setDocumentField" << L{} << next << -1 << R"(["States", {}])"
        << "Not a field" << L{} << ""
        << "";
    QTest::newRow("new definition")
        << "replaceDefinition" << L{} << next << -1
        << R"({"StartAt": "Only", "States": {"Only": {"Type": "Succeed"}}})"
        << "" << L{} << "/StartAt"
        << R"("Only")";
    QTest::newRow("same definition")
        << "replaceDefinition" << L{} << next << -1 << kFlow << "unchanged" << L{} << ""
        << "";
    QTest::newRow("definition not an object") << "replaceDefinition" << L{} << next << -1 << "[1]"
                                              << "must be an object" << L{} << ""
                                              << "";
}

void tst_Modeling::operations()
{
    QFETCH(QString, op);
    QFETCH(QStringList, states);
    QFETCH(int, kind);
    QFETCH(int, index);
    QFETCH(QString, arg);
    QFETCH(QString, refusal);
    QFETCH(QStringList, created);
    QFETCH(QString, pointer);
    QFETCH(QString, expected);

    Workflow &workflow = *m_document->workflow();
    QUndoStack &stack = *m_document->undoStack();
    std::vector<StateId> ids;
    for (const QString &name : states)
        ids.push_back(named(workflow, name)); // 0 for a name no state has
    const Json before = snapshot(*m_document);

    Modeling modeling(m_document.get());
    Result<std::vector<StateId>> result
        = perform(modeling, workflow, op, ids, TransitionKind(kind), index, arg);
    if (!refusal.isEmpty()) {
        QVERIFY2(!result.ok(), "the operation should be refused");
        QVERIFY2(QString::fromStdString(result.error().message).contains(refusal),
                 result.error().message.c_str());
        QCOMPARE(stack.count(), 0);
        QVERIFY(snapshot(*m_document) == before);
        return;
    }
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
    QCOMPARE(int(result->size()), int(created.size()));
    for (int i = 0; i < created.size(); ++i) {
        QVERIFY(workflow.contains((*result)[i]));
        QCOMPARE(QString::fromStdString(workflow.name((*result)[i])), created[i]);
    }
    // One undo step, whatever the operation pushed.
    QCOMPARE(stack.count(), 1);
    const Json after = snapshot(*m_document);
    QVERIFY(after != before);
    if (!pointer.isEmpty()) {
        const Json definition = workflow.toJson();
        const Json *at = resolvePointer(definition, pointer.toStdString());
        const Json want = parse(expected.toStdString());
        if (want.is_null())
            QVERIFY2(!at, "the value should be gone");
        else
            QVERIFY2(at && *at == want,
                     qPrintable(at ? QString::fromStdString(at->dump()) : "missing"));
    }
    stack.undo();
    QVERIFY2(snapshot(*m_document) == before, "undo restores the document exactly");
    stack.redo();
    QVERIFY2(snapshot(*m_document) == after, "redo applies it again");
}

void tst_Modeling::movesAndAutoLayout()
{
    Modeling modeling(m_document.get());
    const Workflow &workflow = *m_document->workflow();
    const Layout &layout = *m_document->layout();
    const StateId a = named(workflow, "A");
    // Nothing placed by hand yet: auto-layout has nothing to hand back.
    Result<bool> nothing = modeling.autoLayout();
    QVERIFY(!nothing.ok());
    QVERIFY(!modeling.move({}).ok());
    QVERIFY(modeling.move({{a, QPointF(10, 20)}}).ok());
    QVERIFY(layout.position(a) == QPointF(10, 20));
    // Nudges of the same states are one undo step.
    QVERIFY(modeling.move({{a, QPointF(11, 20)}}, true).ok());
    QVERIFY(modeling.move({{a, QPointF(12, 20)}}, true).ok());
    QCOMPARE(m_document->undoStack()->count(), 2);
    QVERIFY(modeling.autoLayout().ok());
    QVERIFY(!layout.hasPosition(a));
    QCOMPARE(m_document->undoStack()->undoText(), QStringLiteral("Auto-layout"));
    m_document->undoStack()->undo();
    QVERIFY(layout.position(a) == QPointF(12, 20));
    m_document->undoStack()->undo();
    QVERIFY(layout.position(a) == QPointF(10, 20));
}

void tst_Modeling::rulesAnswerWithoutEditing_data()
{
    QTest::addColumn<QString>("question");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("allowed");

    QTest::newRow("Pass takes a Next") << "next"
                                       << "A"
                                       << "" << true;
    QTest::newRow("Choice takes a Next as a rule") << "next"
                                                   << "C"
                                                   << "" << true;
    QTest::newRow("Succeed takes no Next") << "next"
                                           << "D"
                                           << "" << false;
    QTest::newRow("Fail takes no Next") << "next"
                                        << "E"
                                        << "" << false;
    QTest::newRow("Task catches") << "catch"
                                  << "B"
                                  << "" << true;
    QTest::newRow("Parallel catches") << "catch"
                                      << "P"
                                      << "" << true;
    QTest::newRow("Pass does not catch") << "catch"
                                         << "A"
                                         << "" << false;
    QTest::newRow("continue after Pass") << "continue"
                                         << "A"
                                         << "" << true;
    QTest::newRow("continue after Choice") << "continue"
                                           << "C"
                                           << "" << false;
    QTest::newRow("continue after Succeed") << "continue"
                                            << "D"
                                            << "" << false;
    QTest::newRow("connect within the root") << "connect"
                                             << "E"
                                             << "A" << false;
    QTest::newRow("connect Pass to Fail") << "connect"
                                          << "A"
                                          << "E" << true;
    QTest::newRow("connect to itself") << "connect"
                                       << "A"
                                       << "A" << true;
    QTest::newRow("delete a branch state") << "delete"
                                           << "Inner"
                                           << "" << true;
    QTest::newRow("delete nothing") << "delete"
                                    << ""
                                    << "" << false;
}

void tst_Modeling::rulesAnswerWithoutEditing()
{
    QFETCH(QString, question);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(bool, allowed);

    const Workflow &workflow = *m_document->workflow();
    const Rules rules(workflow);
    const StateId a = named(workflow, from);
    const StateId b = named(workflow, to);
    const Json before = workflow.toJson();
    Result<bool> answer = true;
    if (question == "next")
        answer = rules.canHaveTransition(a, TransitionKind::Next);
    else if (question == "catch")
        answer = rules.canHaveTransition(a, TransitionKind::Catch);
    else if (question == "continue")
        answer = rules.canContinueAfter(a);
    else if (question == "connect")
        answer = rules.canConnect(a, b, TransitionKind::Next);
    else if (question == "delete")
        answer = rules.canDelete(a ? std::vector<StateId>{a} : std::vector<StateId>{});
    QCOMPARE(answer.ok(), allowed);
    if (!answer.ok()) {
        QVERIFY(!answer.error().message.empty());
        // A refusal about a state names it.
        if (a != 0)
            QCOMPARE(answer.error().location.pointer, workflow.pointer(a));
    }
    QVERIFY(workflow.toJson() == before);
    QCOMPARE(m_document->undoStack()->count(), 0);
}

QTEST_MAIN(tst_Modeling)
#include "tst_modeling.moc"
