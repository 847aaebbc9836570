// The debugger's session: breakpoints pause where a user asked, stepping back then forward
// gives the straight run's events and frames, caller answers are journaled and applied
// again after a step back, and a Map inside a Parallel shows its running iterations.
#include "model/json/jsonreader.h"
#include "simulator/debug/debugexpression.h"
#include "simulator/debug/debugsession.h"
#include "simulator/debug/eventtype.h"
#include "simulator/debug/historyio.h"
#include "simulator/tasks/sqsemulator.h"

#include <QtTest>

using namespace Stepwise;
using Sim::PauseReason;
using Stepwise::Model::Json;

Q_DECLARE_METATYPE(Json)

namespace {

Json parse(const std::string &text)
{
    auto parsed = Model::readJson(text, {false});
    return parsed ? parsed->value : Json();
}

// Pass A -> B -> C.
const char *chain = R"({"StartAt": "A", "States": {
  "A": {"Type": "Pass", "Result": {"n": 1}, "Next": "B"},
  "B": {"Type": "Pass", "Next": "C"},
  "C": {"Type": "Pass", "End": true}}})";

// Counts n from 0 to 5 through a Choice.
const char *loop = R"asl({"StartAt": "Init", "States": {
  "Init": {"Type": "Pass", "Result": {"n": 0}, "Next": "Inc"},
  "Inc": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "Next": "Check"},
  "Check": {"Type": "Choice",
            "Choices": [{"Variable": "$.n", "NumericLessThan": 5, "Next": "Inc"}],
            "Default": "Done"},
  "Done": {"Type": "Succeed"}}})asl";

// A branch fails; the Parallel's Catch takes it to Handler.
const char *caught = R"({"StartAt": "Fan", "States": {
  "Fan": {"Type": "Parallel", "Branches": [
     {"StartAt": "Ok", "States": {"Ok": {"Type": "Pass", "End": true}}},
     {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Boom", "Cause": "bad"}}}],
   "Catch": [{"ErrorEquals": ["Other"], "Next": "Handler"},
             {"ErrorEquals": ["States.ALL"], "Next": "Handler"}],
   "Next": "After"},
  "After": {"Type": "Pass", "End": true},
  "Handler": {"Type": "Pass", "End": true}}})";

// A Map whose three iterations all wait, beside another branch, inside a Parallel.
const char *mapInParallel = R"({"StartAt": "Both", "States": {
  "Both": {"Type": "Parallel", "End": true, "Branches": [
    {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "End": true,
      "ItemProcessor": {"StartAt": "Hold", "States": {
        "Hold": {"Type": "Wait", "Seconds": 5, "Next": "Done"},
        "Done": {"Type": "Pass", "End": true}}}}}},
    {"StartAt": "Side", "States": {"Side": {"Type": "Wait", "Seconds": 2, "Next": "SideDone"},
                                   "SideDone": {"Type": "Pass", "End": true}}}]}}})";

// A retried, then caught Fail inside a Map, and a Wait: clock, retries and catches.
const char *retries = R"({"StartAt": "Pause", "States": {
  "Pause": {"Type": "Wait", "Seconds": 3, "Next": "Work"},
  "Work": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
    "ItemProcessor": {"StartAt": "Try", "States": {
      "Try": {"Type": "Fail", "Error": "Flaky", "Cause": "again"}}},
    "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "MaxAttempts": 2}],
    "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recover"}],
    "End": true},
  "Recover": {"Type": "Pass", "End": true}}})";

// A task that waits for its token (an approval).
const char *approval = R"({"StartAt": "Ask", "States": {
  "Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters": {"QueueUrl": "https:\/\/sqs.us-east-1.amazonaws.com/123456789012/q",
                         "MessageBody": {"Token.$": "$$.Task.Token"}},
          "TimeoutSeconds": 60, "ResultPath": "$.answer",
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Rejected"}], "Next": "Approved"},
  "Approved": {"Type": "Succeed"},
  "Rejected": {"Type": "Fail", "Error": "Rejected"}}})";

std::unique_ptr<Sim::DebugSession> session(const char *definition, const Json &input,
                                           Sim::DebugSessionOptions options = {})
{
    options.execution.seed = 7;
    options.execution.startTimeMillis = 1700000000000;
    auto created = Sim::DebugSession::create(parse(definition), input, options,
                                             {std::make_shared<Sim::SqsEmulator>()});
    return created ? std::move(created.value()) : nullptr;
}

std::string lastType(const Sim::DebugSession &s)
{
    return s.eventIndex() > 0 ? std::string(
               Sim::eventTypeName(s.events()[static_cast<size_t>(s.eventIndex() - 1)]))
                              : std::string();
}

std::string lastState(const Sim::DebugSession &s)
{
    return s.eventIndex() > 0 ? s.events()[static_cast<size_t>(s.eventIndex() - 1)].stateName()
                              : std::string();
}

Json eventsJson(const Sim::DebugSession &s)
{
    return s.historyJson()["events"];
}

// What the canvas shows of a frame: each state's status and running count, the edge taken.
Json picture(const Sim::DebugFrame &frame)
{
    Json out = Json::object();
    for (const Sim::StateRun &run : frame.states)
        out[run.name] = {Sim::toText(run.status), run.running, run.visits};
    if (frame.transition)
        out["edge"] = {frame.transition->from, frame.transition->to,
                       Sim::toText(frame.transition->kind), frame.transition->index};
    out["status"] = frame.executionStatus;
    return out;
}

} // namespace

class tst_DebugSession : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void breakpoints_data();
    void breakpoints();
    void backThenForwardEqualsStraightRun_data();
    void backThenForwardEqualsStraightRun();
    void stepStateGoesToTheNextStateEvent();
    void callerAnswersAreReplayedAfterStepBack();
    void answeringDifferentlyInThePastReplacesTheFuture();
    void timeOutNowFiresTheTaskTimeout();
    void mapInsideParallelShowsRunningIterations();
    void caughtFailureColoursAndEdge();
    void badBreakpointsAreRefused();
    void expressionConsole_data();
    void expressionConsole();
    void historyRoundTripsThroughTheReader();
};

void tst_DebugSession::breakpoints_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<Json>("input");
    QTest::addColumn<Json>("breakpoints");
    QTest::addColumn<bool>("breakOnError");
    // Each pause: [reason, last event type, its state]; the run then continues.
    QTest::addColumn<Json>("pauses");

    QTest::newRow("beforeEntryShowsTheStateEntered")
        << chain << Json::object() << parse(R"([{"state": "B", "when": "entry"}])") << false
        << parse(
               R"([["breakpoint", "PassStateEntered", "B"], ["finished", "ExecutionSucceeded", ""]])");
    QTest::newRow("afterExitShowsTheStateExited")
        << chain << Json::object() << parse(R"([{"state": "B", "when": "exit"}])") << false
        << parse(
               R"([["breakpoint", "PassStateExited", "B"], ["finished", "ExecutionSucceeded", ""]])");
    QTest::newRow("everyVisitOfALoop")
        << loop << Json::object() << parse(R"([{"state": "Check", "when": "exit"}])") << false
        << parse(R"([["breakpoint", "ChoiceStateExited", "Check"],
                     ["breakpoint", "ChoiceStateExited", "Check"],
                     ["breakpoint", "ChoiceStateExited", "Check"],
                     ["breakpoint", "ChoiceStateExited", "Check"],
                     ["breakpoint", "ChoiceStateExited", "Check"],
                     ["finished", "ExecutionSucceeded", ""]])");
    QTest::newRow("conditionOnTheInput")
        << loop << Json::object() << parse(R"([{"state": "Inc", "when": "entry",
                      "condition": {"Variable": "$.n", "NumericEquals": 3}}])")
        << false
        << parse(
               R"([["breakpoint", "PassStateEntered", "Inc"], ["finished", "ExecutionSucceeded", ""]])");
    QTest::newRow("conditionOnAnExitUsesTheVisitsInput")
        << loop << Json::object() << parse(R"([{"state": "Check", "when": "exit",
                      "condition": {"Variable": "$.n", "NumericGreaterThanEquals": 4}}])")
        << false << parse(R"([["breakpoint", "ChoiceStateExited", "Check"],
                     ["breakpoint", "ChoiceStateExited", "Check"],
                     ["finished", "ExecutionSucceeded", ""]])");
    QTest::newRow("conditionThatNeverMatches")
        << loop << Json::object() << parse(R"([{"state": "Inc", "when": "entry",
                      "condition": {"Variable": "$.missing", "IsPresent": true}}])")
        << false << parse(R"([["finished", "ExecutionSucceeded", ""]])");
    QTest::newRow("disabledBreakpoint")
        << chain << Json::object()
        << parse(R"([{"state": "B", "when": "entry", "enabled": false}])") << false
        << parse(R"([["finished", "ExecutionSucceeded", ""]])");
    QTest::newRow("breakOnErrorStopsAtTheFailure")
        << caught << Json::object() << Json::array() << true
        << parse(
               R"([["error", "ParallelStateFailed", ""], ["finished", "ExecutionSucceeded", ""]])");
    QTest::newRow("breakOnErrorStopsAtEveryRetry")
        << retries << parse(R"({"items": [1]})") << Json::array() << true
        << parse(R"([["error", "MapIterationFailed", ""], ["error", "MapIterationFailed", ""],
                     ["error", "MapIterationFailed", ""], ["error", "MapStateFailed", ""],
                     ["finished", "ExecutionSucceeded", ""]])");
    QTest::newRow("breakpointInsideAMapIteration")
        << mapInParallel << parse(R"({"items": [1, 2]})")
        << parse(R"([{"state": "Done", "when": "entry"}])") << false
        << parse(R"([["breakpoint", "PassStateEntered", "Done"],
                     ["breakpoint", "PassStateEntered", "Done"],
                     ["finished", "ExecutionSucceeded", ""]])");
}

void tst_DebugSession::breakpoints()
{
    QFETCH(QString, definition);
    QFETCH(Json, input);
    QFETCH(Json, breakpoints);
    QFETCH(bool, breakOnError);
    QFETCH(Json, pauses);

    Sim::DebugSessionOptions options;
    options.breakOnError = breakOnError;
    auto s = session(qPrintable(definition), input, options);
    QVERIFY(s);
    for (const Json &b : breakpoints) {
        Sim::Breakpoint breakpoint;
        breakpoint.stateName = b["state"];
        breakpoint.when = b["when"] == "exit" ? Sim::Breakpoint::When::AfterExit
                                              : Sim::Breakpoint::When::BeforeEntry;
        if (b.contains("condition"))
            breakpoint.condition = b["condition"];
        breakpoint.enabled = b.value("enabled", true);
        QVERIFY(s->setBreakpoint(breakpoint).ok());
    }
    Json seen = Json::array();
    for (int guard = 0; guard < 50; ++guard) {
        const PauseReason reason = s->continueRun();
        seen.push_back({Sim::toText(reason), lastType(*s), lastState(*s)});
        const Sim::DebugFrame frame = s->frame();
        QCOMPARE(frame.paused, reason);
        if (reason == PauseReason::Breakpoint) {
            QVERIFY(frame.breakpointId > 0);
            // The state the breakpoint names is what the canvas shows lit or just left.
            const Sim::StateRun *run = frame.state(lastState(*s));
            QVERIFY(run);
            QVERIFY(lastType(*s).find("Entered") == std::string::npos
                    || run->status == Sim::StateRunStatus::Running);
        }
        if (reason == PauseReason::Finished)
            break;
    }
    if (seen != pauses)
        qWarning("pauses seen: %s", seen.dump().c_str());
    QCOMPARE(seen, pauses);
}

void tst_DebugSession::backThenForwardEqualsStraightRun_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<Json>("input");
    QTest::addColumn<int>("checkpointEvery");
    QTest::newRow("chain") << chain << Json::object() << 2;
    QTest::newRow("loop") << loop << Json::object() << 4;
    QTest::newRow("loopWithoutCheckpoints") << loop << Json::object() << 1000;
    QTest::newRow("caught") << caught << Json::object() << 3;
    QTest::newRow("mapInParallel") << mapInParallel << parse(R"({"items": [1, 2, 3]})") << 5;
    QTest::newRow("retriesAndWaits") << retries << parse(R"({"items": [1, 2, 3]})") << 4;
}

void tst_DebugSession::backThenForwardEqualsStraightRun()
{
    QFETCH(QString, definition);
    QFETCH(Json, input);
    QFETCH(int, checkpointEvery);
    Sim::DebugSessionOptions options;
    options.checkpointEvery = checkpointEvery;

    // The straight run, and its picture after every event.
    auto straight = session(qPrintable(definition), input, options);
    QVERIFY(straight);
    std::vector<Json> pictures{picture(straight->frame())};
    while (straight->stepEvent() != PauseReason::Finished)
        pictures.push_back(picture(straight->frame()));
    pictures.push_back(picture(straight->frame()));
    const Json expected = eventsJson(*straight);
    const auto total = static_cast<std::int64_t>(expected.size());
    QVERIFY(total > 5);
    QCOMPARE(pictures.back()["status"], Json("SUCCEEDED"));

    // Forward half way, then back and forth in every way a user can, checking each moment.
    auto s = session(qPrintable(definition), input, options);
    QVERIFY(s);
    s->jumpTo(total / 2);
    QCOMPARE(s->eventIndex(), total / 2);
    for (int i = 0; i < 3; ++i) {
        QVERIFY(s->stepBack());
        QCOMPARE(picture(s->frame()), pictures[static_cast<size_t>(s->eventIndex())]);
    }
    QVERIFY(s->stepStateBack());
    QCOMPARE(picture(s->frame()), pictures[static_cast<size_t>(s->eventIndex())]);
    QVERIFY(s->jumpTo(1));
    QCOMPARE(picture(s->frame()), pictures[1]);
    QCOMPARE(s->eventCount(), total / 2); // the timeline seen so far is kept
    s->stepState();
    QCOMPARE(picture(s->frame()), pictures[static_cast<size_t>(s->eventIndex())]);
    while (s->stepEvent() != PauseReason::Finished)
        QCOMPARE(picture(s->frame()), pictures[static_cast<size_t>(s->eventIndex())]);
    QCOMPARE(eventsJson(*s), expected);
    // Back to the start and to the end in one jump each.
    QVERIFY(s->jumpTo(0));
    QCOMPARE(s->eventIndex(), 0);
    QVERIFY(s->jumpTo(total));
    QCOMPARE(eventsJson(*s), expected);
    QCOMPARE(s->timelineGeneration(), 0);
}

void tst_DebugSession::stepStateGoesToTheNextStateEvent()
{
    auto s = session(loop, Json::object());
    QVERIFY(s);
    std::vector<std::string> seen;
    for (int i = 0; i < 6; ++i) {
        QCOMPARE(s->stepState(), PauseReason::Step);
        seen.push_back(lastType(*s) + " " + lastState(*s));
    }
    const std::vector<std::string> expected{"PassStateEntered Init",    "PassStateExited Init",
                                            "PassStateEntered Inc",     "PassStateExited Inc",
                                            "ChoiceStateEntered Check", "ChoiceStateExited Check"};
    QCOMPARE(seen, expected);
    // The Choice's rule is the edge just taken once Inc is entered again.
    s->stepState();
    const Sim::DebugFrame frame = s->frame();
    QVERIFY(frame.transition);
    QCOMPARE(frame.transition->from, std::string("Check"));
    QCOMPARE(frame.transition->to, std::string("Inc"));
    QCOMPARE(frame.transition->kind, Sim::TransitionKind::ChoiceRule);
    QCOMPARE(frame.transition->index, 0);
    QCOMPARE(frame.transition->toPointer, std::string("/States/Inc"));
    QVERIFY(s->stepStateBack());
    QCOMPARE(lastType(*s) + " " + lastState(*s), std::string("ChoiceStateExited Check"));
}

void tst_DebugSession::callerAnswersAreReplayedAfterStepBack()
{
    auto s = session(approval, Json::object());
    QVERIFY(s);
    QCOMPARE(s->continueRun(), PauseReason::Callback);
    Sim::DebugFrame frame = s->frame();
    QCOMPARE(frame.callbacks.size(), size_t(1));
    QCOMPARE(frame.callbacks[0].stateName, std::string("Ask"));
    QVERIFY(frame.callbacks[0].payload.contains("MessageBody"));
    QCOMPARE(frame.callbacks[0].timesOutAtMillis, frame.nowMillis + 60000);
    const std::int64_t answeredAt = s->eventIndex();
    QVERIFY(s->sendTaskSuccess(frame.callbacks[0].taskToken, parse(R"({"approved": true})")));
    QCOMPARE(s->continueRun(), PauseReason::Finished);
    const Json expected = eventsJson(*s);
    QCOMPARE(s->frame().executionStatus, std::string("SUCCEEDED"));
    QCOMPARE(s->frame().output.value()["answer"], parse(R"({"approved": true})"));

    // Back before the answer: the task waits again; forward applies the journaled answer.
    QVERIFY(s->jumpTo(answeredAt - 1));
    QVERIFY(s->frame().callbacks.empty() || s->eventIndex() == answeredAt);
    QVERIFY(s->jumpTo(answeredAt));
    QCOMPARE(s->frame().callbacks.size(), size_t(1));
    QCOMPARE(s->continueRun(), PauseReason::Finished);
    QCOMPARE(eventsJson(*s), expected);
    QCOMPARE(s->journal().size(), size_t(1));
    QCOMPARE(s->timelineGeneration(), 0);
}

void tst_DebugSession::answeringDifferentlyInThePastReplacesTheFuture()
{
    auto s = session(approval, Json::object());
    QVERIFY(s);
    QCOMPARE(s->continueRun(), PauseReason::Callback);
    const std::string token = s->frame().callbacks.at(0).taskToken;
    const std::int64_t answeredAt = s->eventIndex();
    QVERIFY(s->sendTaskSuccess(token, Json::object()));
    QCOMPARE(s->continueRun(), PauseReason::Finished);
    const std::int64_t approvedLength = s->eventCount();

    QVERIFY(s->jumpTo(answeredAt));
    QVERIFY(s->sendTaskFailure(token, std::string("No"), std::string("not today")));
    QCOMPARE(s->timelineGeneration(), 1);
    QCOMPARE(s->eventCount(), answeredAt); // the old future is gone
    QCOMPARE(s->continueRun(), PauseReason::Finished);
    QCOMPARE(s->frame().executionStatus, std::string("FAILED"));
    QCOMPARE(s->frame().error.value(), std::string("Rejected"));
    QVERIFY(s->eventCount() != approvedLength || lastType(*s) == "ExecutionFailed");
    QCOMPARE(s->journal().size(), size_t(1));
    QCOMPARE(s->journal()[0].kind, Sim::CallerAnswer::Kind::TaskFailure);
}

void tst_DebugSession::timeOutNowFiresTheTaskTimeout()
{
    auto s = session(approval, Json::object());
    QVERIFY(s);
    QCOMPARE(s->continueRun(), PauseReason::Callback);
    const Sim::DebugFrame waiting = s->frame();
    QVERIFY(s->timeOutNow(waiting.callbacks.at(0).taskToken));
    QCOMPARE(s->continueRun(), PauseReason::Finished);
    bool timedOut = false;
    for (const Sim::HistoryEvent &e : s->events())
        timedOut = timedOut || Sim::eventTypeName(e) == "TaskTimedOut";
    QVERIFY(timedOut);
    QCOMPARE(s->frame().state("Ask")->status, Sim::StateRunStatus::Caught);
    QCOMPARE(s->frame().state("Rejected")->status, Sim::StateRunStatus::Failed);
    QCOMPARE(s->nowMillis(), waiting.callbacks[0].timesOutAtMillis);
}

void tst_DebugSession::mapInsideParallelShowsRunningIterations()
{
    auto s = session(mapInParallel, parse(R"({"items": [1, 2, 3]})"));
    QVERIFY(s);
    int mostHolding = 0;
    bool sideRanMeanwhile = false;
    while (s->stepEvent() != PauseReason::Finished) {
        const Sim::DebugFrame frame = s->frame();
        const Sim::StateRun *hold = frame.state("Hold");
        mostHolding = std::max(mostHolding, hold->running);
        if (hold->running > 0) {
            QCOMPARE(frame.state("Each")->status, Sim::StateRunStatus::Running);
            QCOMPARE(frame.state("Both")->status, Sim::StateRunStatus::Running);
            QCOMPARE(hold->pointer,
                     std::string("/States/Both/Branches/0/States/Each/ItemProcessor/States/Hold"));
            sideRanMeanwhile = sideRanMeanwhile || frame.state("Side")->visits > 0;
        }
    }
    QCOMPARE(mostHolding, 3);
    QVERIFY(sideRanMeanwhile);
    const Sim::DebugFrame end = s->frame();
    for (const char *name : {"Both", "Each", "Hold", "Done", "Side", "SideDone"}) {
        QCOMPARE(end.state(name)->status, Sim::StateRunStatus::Succeeded);
        QCOMPARE(end.state(name)->running, 0);
    }
    QCOMPARE(end.state("Hold")->visits, 3);
}

void tst_DebugSession::caughtFailureColoursAndEdge()
{
    auto s = session(caught, Json::object());
    QVERIFY(s);
    QCOMPARE(s->runToState("Handler"), PauseReason::RunToHere);
    const Sim::DebugFrame frame = s->frame();
    QCOMPARE(frame.state("Fan")->status, Sim::StateRunStatus::Caught);
    QCOMPARE(frame.state("Boom")->status, Sim::StateRunStatus::Failed);
    QCOMPARE(frame.state("Handler")->status, Sim::StateRunStatus::Running);
    QCOMPARE(frame.state("After")->status, Sim::StateRunStatus::NotRun);
    QVERIFY(frame.transition);
    QCOMPARE(frame.transition->kind, Sim::TransitionKind::Catch);
    QCOMPARE(frame.transition->index, 1); // "Other" does not match Boom; States.ALL does
    QCOMPARE(s->continueRun(), PauseReason::Finished);
    QCOMPARE(s->frame().state("Handler")->status, Sim::StateRunStatus::Succeeded);
}

void tst_DebugSession::badBreakpointsAreRefused()
{
    auto s = session(chain, Json::object());
    QVERIFY(s);
    Sim::Breakpoint unknown;
    unknown.stateName = "Nowhere";
    QVERIFY(!s->setBreakpoint(unknown).ok());
    Sim::Breakpoint badRule;
    badRule.stateName = "B";
    badRule.condition = parse(R"({"Variable": "$.n", "NumericEquals": "three"})");
    QVERIFY(!s->setBreakpoint(badRule).ok());
    badRule.condition = parse(R"({"Variable": "$.[", "IsPresent": true})");
    QVERIFY(!s->setBreakpoint(badRule).ok());
    badRule.condition = parse(R"({"Variable": "$.n"})");
    QVERIFY(!s->setBreakpoint(badRule).ok());
    QVERIFY(s->breakpoints().empty());
    QVERIFY(!Sim::DebugSession::create(parse(R"({"StartAt": "X", "States": {}})"), Json::object())
                 .ok());
}

void tst_DebugSession::expressionConsole_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("stage");
    QTest::addColumn<Json>("expected"); // null: an error
    QTest::newRow("path") << "$.n"
                          << "input" << Json(3);
    QTest::newRow("wholeStage") << "$"
                                << "output" << parse(R"({"n": 4})");
    QTest::newRow("intrinsic") << "States.MathAdd($.n, 10)"
                               << "input" << Json(13);
    QTest::newRow("format") << "States.Format('n={}', $.n)"
                            << "input" << Json("n=3");
    QTest::newRow("missingPath") << "$.nope"
                                 << "input" << Json();
    QTest::newRow("badSyntax") << "$.["
                               << "input" << Json();
    QTest::newRow("absentStage") << "$"
                                 << "afterResultSelector" << Json();
    QTest::newRow("notAnExpression") << "hello"
                                     << "input" << Json();
}

void tst_DebugSession::expressionConsole()
{
    QFETCH(QString, expression);
    QFETCH(QString, stage);
    QFETCH(Json, expected);
    auto s = session(loop, Json::object());
    QVERIFY(s);
    Sim::Breakpoint b;
    b.stateName = "Inc";
    b.when = Sim::Breakpoint::When::AfterExit;
    b.condition = parse(R"({"Variable": "$.n", "NumericEquals": 3})");
    QVERIFY(s->setBreakpoint(b).ok());
    QCOMPARE(s->continueRun(), PauseReason::Breakpoint);
    const Sim::DebugFrame frame = s->frame();
    const Sim::StateRun *inc = frame.state("Inc");
    QVERIFY(inc);
    auto visit = s->visit(inc->lastEnteredEventId);
    QVERIFY(visit);
    QCOMPARE(visit->stateName, std::string("Inc"));
    QCOMPARE(visit->pointer, std::string("/States/Inc"));
    QVERIFY(visit->exitedEventId > visit->enteredEventId);
    auto value
        = Sim::evaluateDebugExpression(expression.toStdString(), *visit, stage.toStdString());
    if (expected.is_null()) {
        QVERIFY(!value.ok());
        QVERIFY(!value.error().message.empty());
    } else {
        QVERIFY2(value.ok(), value.ok() ? "" : value.error().message.c_str());
        QCOMPARE(value.value(), expected);
    }
}

void tst_DebugSession::historyRoundTripsThroughTheReader()
{
    auto s = session(retries, parse(R"({"items": [1, 2]})"));
    QVERIFY(s);
    QCOMPARE(s->continueRun(), PauseReason::Finished);
    const Json written = s->historyJson();
    auto read = Sim::readHistory(written.dump(2));
    QVERIFY(read.ok());
    QCOMPARE(Sim::historyToJson(read.value()), written);
}

QTEST_GUILESS_MAIN(tst_DebugSession)
#include "tst_debugsession.moc"
