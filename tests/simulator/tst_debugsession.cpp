// The debugger's session: breakpoints pause where a user asked, stepping back then forward
// gives the straight run's events and frames, caller answers are journaled and applied
// again after a step back, and a Map inside a Parallel shows its running iterations.
#include "model/json/jsonreader.h"
#include "simulator/debug/debugexpression.h"
#include "simulator/debug/debugsession.h"
#include "simulator/debug/eventdetails.h"
#include "simulator/debug/eventtype.h"
#include "simulator/debug/historyio.h"
#include "simulator/engine/compiledmachine.h"
#include "simulator/engine/execution.h"
#include "simulator/tasks/mockconfig.h"
#include "simulator/tasks/snsemulator.h"
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

// Tasks with no executor behind them: in "ask me" mode each waits for the user's answer. Fetch
// retries Flaky once; a failure of either branch is caught.
const char *asked = R"({"StartAt": "Both", "States": {
  "Both": {"Type": "Parallel", "Next": "After", "Branches": [
    {"StartAt": "Fetch", "States": {
      "Fetch": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:fetch",
                "Parameters": {"id.$": "$.id"}, "ResultSelector": {"got.$": "$.value"},
                "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 1, "MaxAttempts": 1}],
                "Next": "Store"},
      "Store": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                "Parameters": {"TableName": "t", "Item.$": "$"}, "ResultPath": "$.stored",
                "End": true}}},
    {"StartAt": "Notify", "States": {
      "Notify": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                 "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:t",
                                "Message": "hi"}, "End": true}}}],
   "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handler"}]},
  "After": {"Type": "Pass", "End": true},
  "Handler": {"Type": "Pass", "End": true}}})";

// A Lambda task that fails with Flaky on its first call, then returns {"ok": true}.
const char *flaky = R"({"StartAt": "Call", "States": {
  "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:flaky",
           "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 4, "MaxAttempts": 2}],
           "End": true}}})";

// The Parallel retries (its branch's task does not): the flaky call fails once, the whole
// Parallel waits 3 s and runs its branches again.
const char *retriedParallel = R"({"StartAt": "Fan", "States": {
  "Fan": {"Type": "Parallel", "Next": "After",
    "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 3, "MaxAttempts": 1}],
    "Branches": [
      {"StartAt": "Call", "States": {"Call": {"Type": "Task",
         "Resource": "arn:aws:lambda:us-east-1:123456789012:function:flaky", "End": true}}},
      {"StartAt": "Side", "States": {"Side": {"Type": "Pass", "End": true}}}]},
  "After": {"Type": "Pass", "End": true}}})";

class FlakyOnce : public Sim::TaskExecutor
{
  public:
    std::optional<Sim::TaskResponse> invoke(const Sim::TaskRequest &request) override
    {
        if (request.resource.find(":function:flaky") == std::string::npos)
            return std::nullopt;
        Sim::TaskResponse response;
        response.succeeded = request.invocation > 0;
        response.output = {{"ok", true}};
        response.failure = {"Flaky", "the first call fails"};
        return response;
    }
};

std::unique_ptr<Sim::DebugSession> session(const char *definition, const Json &input,
                                           Sim::DebugSessionOptions options = {})
{
    options.execution.seed = 7;
    options.execution.startTimeMillis = 1700000000000;
    auto created = Sim::DebugSession::create(
        parse(definition), input, options,
        {std::make_shared<Sim::SqsEmulator>(), std::make_shared<FlakyOnce>()});
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
    void askMeAnswersAreReplayedAfterStepBack_data();
    void askMeAnswersAreReplayedAfterStepBack();
    void askMeSuggestsTheMocksAnswer();
    void countdowns_data();
    void countdowns();
    void containerRetryCountsDown_data();
    void containerRetryCountsDown();
    void errorDetailsPerVisit_data();
    void errorDetailsPerVisit();
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
    auto record = [&pictures](const Sim::DebugFrame &frame) {
        const auto at = static_cast<size_t>(frame.eventIndex);
        // A retry's wait is a moment without an event: it looks as its event left things.
        if (at < pictures.size())
            QCOMPARE(picture(frame), pictures[at]);
        else
            pictures.push_back(picture(frame));
    };
    while (straight->stepEvent() != PauseReason::Finished)
        record(straight->frame());
    record(straight->frame());
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

namespace {

// Answers every ask-me pause from `script` ({"State": [answer, ...]}, each answer
// {"result": ...} or {"error": ..., "cause": ...}, used in order per state) until the run
// ends; the asks seen, as "State#invocation".
std::vector<std::string> answerAll(Sim::DebugSession &s, Json script)
{
    std::vector<std::string> asked;
    while (true) {
        const PauseReason reason = s.continueRun();
        if (reason != PauseReason::AskMe)
            break;
        const std::vector<Sim::AskMeTask> tasks = s.frame().askMeTasks;
        if (tasks.empty())
            break;
        const Sim::AskMeTask &task = tasks.front();
        asked.push_back(task.stateName + "#" + std::to_string(task.invocation));
        Json &answers = script[task.stateName];
        if (!answers.is_array() || answers.empty())
            break;
        const Json answer = answers.front();
        answers.erase(answers.begin());
        if (answer.contains("result"))
            s.answerTask(task.id, answer["result"]);
        else
            s.failTask(task.id, answer.value("error", std::string()),
                       answer.value("cause", std::string()));
    }
    return asked;
}

} // namespace

void tst_DebugSession::askMeAnswersAreReplayedAfterStepBack_data()
{
    QTest::addColumn<Json>("answers");
    QTest::addColumn<QString>("status");
    QTest::addColumn<Json>("output");
    QTest::addColumn<int>("asks");
    QTest::newRow("allReturn") << parse(
        R"({"Fetch": [{"result": {"value": 42}}], "Store": [{"result": {"ok": 1}}],
                    "Notify": [{"result": {"MessageId": "m"}}]})")
                               << "SUCCEEDED"
                               << parse(R"([{"got": 42, "stored": {"ok": 1}}, {"MessageId": "m"}])")
                               << 3;
    QTest::newRow("retriedThenReturned")
        << parse(R"({"Fetch": [{"error": "Flaky", "cause": "once"}, {"result": {"value": 7}}],
                    "Store": [{"result": {}}], "Notify": [{"result": "sent"}]})")
        << "SUCCEEDED" << parse(R"([{"got": 7, "stored": {}}, "sent"])") << 4;
    QTest::newRow("thrownAndCaught")
        << parse(R"({"Fetch": [{"error": "Nope", "cause": "no such id"}],
                    "Notify": [{"result": {}}]})")
        << "SUCCEEDED" << parse(R"({"Error": "Nope", "Cause": "no such id"})") << 2;
}

void tst_DebugSession::askMeAnswersAreReplayedAfterStepBack()
{
    QFETCH(Json, answers);
    QFETCH(QString, status);
    QFETCH(Json, output);
    QFETCH(int, asks);
    Sim::DebugSessionOptions options;
    options.askMe = true;
    options.checkpointEvery = 3;

    auto s = session(asked, parse(R"({"id": "a1"})"), options);
    QVERIFY(s);
    // The first question: a Task that just started, with what it was called with.
    QCOMPARE(s->continueRun(), PauseReason::AskMe);
    const std::vector<Sim::AskMeTask> first = s->frame().askMeTasks;
    QCOMPARE(first.size(), size_t(1));
    QVERIFY(Sim::EventDetails::endsWith(lastType(*s), "Started"));
    QVERIFY(!first[0].parameters.is_null());
    QVERIFY(!first[0].resource.empty());
    QVERIFY(!first[0].suggestedResult); // nothing else answers these tasks
    QVERIFY(s->frame().callbacks.empty());
    QVERIFY(s->jumpTo(0));

    const std::vector<std::string> seen = answerAll(*s, answers);
    QCOMPARE(int(seen.size()), asks);
    QCOMPARE(s->frame().executionStatus, status.toStdString());
    QCOMPARE(s->frame().output.value_or(Json()), output);
    QCOMPARE(int(s->journal().size()), asks);
    const Json expected = eventsJson(*s);
    const auto total = static_cast<std::int64_t>(expected.size());

    // From every moment back, the journal gives the same answers: the run goes on to the
    // same end without asking again, and every frame is the straight run's.
    for (std::int64_t back : {total - 1, total / 2, std::int64_t(5), std::int64_t(0)}) {
        QVERIFY(s->jumpTo(back));
        QCOMPARE(s->continueRun(), PauseReason::Finished);
        QCOMPARE(eventsJson(*s), expected);
    }
    s->jumpTo(0);
    while (s->stepEvent() != PauseReason::Finished) {
    }
    QCOMPARE(eventsJson(*s), expected);
    QCOMPARE(s->timelineGeneration(), 0);
    QCOMPARE(int(s->journal().size()), asks);

    // A fresh session given the same answers runs the same events.
    auto again = session(asked, parse(R"({"id": "a1"})"), options);
    answerAll(*again, answers);
    QCOMPARE(eventsJson(*again), expected);
}

void tst_DebugSession::askMeSuggestsTheMocksAnswer()
{
    const Json config = parse(R"({"StateMachines": {"M": {"TestCases": {"Happy": {
        "Fetch": "FetchMock"}}}},
      "MockedResponses": {"FetchMock": {"0": {"Throw": {"Error": "Flaky", "Cause": "first"}},
                                        "1": {"Return": {"value": 5}}}}})");
    auto mocks = Sim::MockConfig::fromJson(config);
    QVERIFY(mocks);
    QVERIFY(mocks->selectTestCase("Happy"));
    Sim::DebugSessionOptions options;
    options.askMe = true;
    options.askMeAllTasks = true;
    options.execution.startTimeMillis = 1700000000000;
    auto created = Sim::DebugSession::create(
        parse(asked), parse(R"({"id": "a1"})"), options,
        {std::make_shared<Sim::MockTaskExecutor>(*mocks), std::make_shared<Sim::SnsEmulator>()});
    QVERIFY(created);
    Sim::DebugSession &s = *created.value();
    std::map<std::string, Sim::AskMeTask> byState;
    while (s.continueRun() == PauseReason::AskMe) {
        const Sim::AskMeTask task = s.frame().askMeTasks.at(0);
        byState[task.stateName + "#" + std::to_string(task.invocation)] = task;
        if (task.suggestedError)
            s.failTask(task.id, task.suggestedError, task.suggestedCause);
        else
            s.answerTask(task.id, task.suggestedResult.value_or(Json::object()));
    }
    // The mock's throw, then its return after the retry; the emulated SNS publish; and the
    // Store task that nothing answers is suggested nothing (answered with {}).
    QCOMPARE(byState["Fetch#0"].suggestedError.value_or(""), std::string("Flaky"));
    QCOMPARE(byState["Fetch#0"].suggestedCause.value_or(""), std::string("first"));
    QCOMPARE(byState["Fetch#1"].suggestedResult.value_or(Json()), parse(R"({"value": 5})"));
    QVERIFY(byState["Notify#0"].suggestedResult.value_or(Json()).contains("MessageId"));
    QVERIFY(!byState["Store#0"].suggestedResult);
    QCOMPARE(s.frame().executionStatus, std::string("SUCCEEDED"));
    QCOMPARE(s.frame().output.value()[0], parse(R"({"got": 5, "stored": {}})"));
}

void tst_DebugSession::countdowns_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("leftMillis");
    QTest::newRow("wait") << retries << "Pause" << int(Sim::Countdown::Kind::Wait) << 3000;
    QTest::newRow("retryBackoff") << flaky << "Call" << int(Sim::Countdown::Kind::RetryBackoff)
                                  << 4000;
    QTest::newRow("waitsInIterations")
        << mapInParallel << "Hold" << int(Sim::Countdown::Kind::Wait) << 5000;
}

void tst_DebugSession::countdowns()
{
    QFETCH(QString, definition);
    QFETCH(QString, state);
    QFETCH(int, kind);
    QFETCH(int, leftMillis);
    auto s = session(qPrintable(definition), parse(R"({"items": [1, 2]})"));
    QVERIFY(s);
    QVERIFY(s->frame().countdowns.empty());
    // Step until the state counts down (other lines may be waiting too: a Parallel's branch).
    auto find = [&](const Sim::DebugFrame &frame) -> std::optional<Sim::Countdown> {
        for (const Sim::Countdown &c : frame.countdowns) {
            if (c.stateName == state.toStdString() && int(c.kind) == kind)
                return c;
        }
        return std::nullopt;
    };
    while (!find(s->frame()))
        QVERIFY(s->stepEvent() != PauseReason::Finished);
    const Sim::DebugFrame frame = s->frame();
    const Sim::Countdown countdown = *find(frame);
    // It starts as the event that set it happened, and ends when the clock says.
    QCOMPARE(countdown.startedAtMillis, frame.nowMillis);
    QCOMPARE(countdown.deadlineMillis - frame.nowMillis, std::int64_t(leftMillis));
    // Once the clock got there, the countdown is gone.
    while (s->nowMillis() < countdown.deadlineMillis)
        QVERIFY(s->stepEvent() != PauseReason::Finished);
    for (const Sim::Countdown &left : s->frame().countdowns)
        QVERIFY(left.deadlineMillis > s->nowMillis());
}

void tst_DebugSession::containerRetryCountsDown_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<Json>("input");
    QTest::addColumn<QString>("container");
    QTest::addColumn<QString>("child"); // a state inside it that runs again after each wait
    QTest::addColumn<QList<int>>("waits");
    QTest::addColumn<QString>("restart");
    QTest::addColumn<QString>("status");
    QTest::newRow("parallel") << retriedParallel << Json::object() << "Fan"
                              << "Call" << QList<int>{3000} << "ParallelStateStarted"
                              << "SUCCEEDED";
    // Map retries back off 2 s, then 4 s; the third failure is caught.
    QTest::newRow("map") << retries << parse(R"({"items": [1, 2]})") << "Work"
                         << "Try" << QList<int>{2000, 4000} << "MapStateStarted"
                         << "SUCCEEDED";
}

void tst_DebugSession::containerRetryCountsDown()
{
    QFETCH(QString, definition);
    QFETCH(Json, input);
    QFETCH(QString, container);
    QFETCH(QString, child);
    QFETCH(QList<int>, waits);
    QFETCH(QString, restart);
    QFETCH(QString, status);
    auto s = session(qPrintable(definition), input);
    QVERIFY(s);
    auto backoff = [&](const Sim::DebugFrame &frame) -> std::optional<Sim::Countdown> {
        for (const Sim::Countdown &c : frame.countdowns) {
            if (c.stateName == container.toStdString()
                && c.kind == Sim::Countdown::Kind::RetryBackoff)
                return c;
        }
        return std::nullopt;
    };
    for (const int wait : waits) {
        Sim::DebugFrame before = s->frame();
        while (!backoff(s->frame())) {
            before = s->frame();
            QVERIFY(s->stepEvent() != PauseReason::Finished);
        }
        // The retry decided, the clock has not moved: the container is lit, waiting, and
        // the wait is a moment of its own (no event), the backoff all ahead.
        const Sim::DebugFrame waiting = s->frame();
        const Sim::Countdown countdown = *backoff(waiting);
        QCOMPARE(waiting.eventIndex, before.eventIndex);
        QCOMPARE(waiting.nowMillis, before.nowMillis);
        QCOMPARE(waiting.paused, PauseReason::Step);
        QCOMPARE(waiting.state(container.toStdString())->status, Sim::StateRunStatus::Running);
        QCOMPARE(countdown.startedAtMillis, waiting.nowMillis);
        QCOMPARE(countdown.deadlineMillis - waiting.nowMillis, std::int64_t(wait));
        const int childVisits = waiting.state(child.toStdString())->visits;
        // Step back leaves the wait for the event before it, and forward comes back to it.
        QVERIFY(s->stepBack());
        QVERIFY(!backoff(s->frame()));
        QCOMPARE(s->eventIndex(), waiting.eventIndex);
        QCOMPARE(s->stepEvent(), PauseReason::Step);
        QCOMPARE(backoff(s->frame())->deadlineMillis, countdown.deadlineMillis);
        // Then the clock reaches the deadline and the container starts its children again.
        QCOMPARE(s->stepEvent(), PauseReason::Step);
        QCOMPARE(lastType(*s), restart.toStdString());
        QCOMPARE(s->nowMillis(), countdown.deadlineMillis);
        QVERIFY(!backoff(s->frame()));
        QCOMPARE(s->frame().state(container.toStdString())->status, Sim::StateRunStatus::Running);
        while (s->frame().state(child.toStdString())->visits == childVisits)
            QCOMPARE(s->stepState(), PauseReason::Step);
        QCOMPARE(lastType(*s).substr(lastType(*s).size() - 12), std::string("StateEntered"));
        QCOMPARE(s->frame().state(child.toStdString())->visits, childVisits + 1);
    }
    QCOMPARE(s->continueRun(), PauseReason::Finished);
    QCOMPARE(s->frame().executionStatus, status.toStdString());
    // The stops change nothing in the history: a straight run records the same events.
    auto straight = session(qPrintable(definition), input);
    QCOMPARE(straight->continueRun(), PauseReason::Finished);
    QCOMPARE(eventsJson(*straight), eventsJson(*s));
    Sim::ExecutionOptions options;
    options.seed = 7;
    options.startTimeMillis = 1700000000000;
    options.recordHistory = true;
    auto machine = Sim::CompiledMachine::compile(parse(qPrintable(definition)));
    QVERIFY(machine);
    Sim::Execution execution(machine.value(), input, options);
    execution.addTaskExecutor(std::make_shared<Sim::SqsEmulator>());
    execution.addTaskExecutor(std::make_shared<FlakyOnce>());
    execution.run();
    QCOMPARE(Sim::historyToJson(execution.history())["events"], eventsJson(*s));
}

void tst_DebugSession::errorDetailsPerVisit_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<QString>("state");
    QTest::addColumn<Json>("errorDetails"); // of the state's last visit; null: none
    QTest::newRow("retried")
        << flaky << "Call"
        << parse(R"({"error": "Flaky", "cause": "the first call fails", "retryIndex": 0,
                    "retryBackoffIntervalSeconds": 4})");
    QTest::newRow("caughtBySecondCatcher")
        << caught << "Fan" << parse(R"({"error": "Boom", "cause": "bad", "catchIndex": 1})");
    QTest::newRow("failedUncaught")
        << caught << "Boom" << parse(R"({"error": "Boom", "cause": "bad"})");
    QTest::newRow("noError") << caught << "Handler" << Json();
}

void tst_DebugSession::errorDetailsPerVisit()
{
    QFETCH(QString, definition);
    QFETCH(QString, state);
    QFETCH(Json, errorDetails);
    auto s = session(qPrintable(definition), Json::object());
    QVERIFY(s);
    QCOMPARE(s->continueRun(), PauseReason::Finished);
    std::optional<Sim::StateVisit> last;
    for (const Sim::StateVisit &visit : s->visits()) {
        if (visit.stateName == state.toStdString())
            last = visit;
    }
    QVERIFY(last);
    QCOMPARE(last->data.value("errorDetails", Json()), errorDetails);
    // The context object as the state saw it on entry, and its line of execution.
    QCOMPARE(last->context["State"]["Name"], Json(state.toStdString()));
    QVERIFY(last->context["Execution"].contains("Id"));
    QCOMPARE(last->lineIndex >= 0, state == "Boom");
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
