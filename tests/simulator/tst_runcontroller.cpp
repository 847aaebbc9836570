// The run controller: the session runs on its own thread, the GUI thread gets frames (one
// per step; coalesced while running), the event log grows while the worker writes it, and
// answering differently after a step back hands over a new log.
#include "model/json/jsonreader.h"
#include "simulator/debug/eventlog.h"
#include "simulator/debug/eventtype.h"
#include "simulator/debug/runcontroller.h"
#include "simulator/tasks/sqsemulator.h"

#include <QSignalSpy>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <thread>

using namespace Stepwise;
using Sim::PauseReason;
using Stepwise::Model::Json;

namespace {

Json parse(const std::string &text)
{
    auto parsed = Model::readJson(text, {false});
    return parsed ? parsed->value : Json();
}

const char *timer = R"({"StartAt": "Wait", "States": {
  "Wait": {"Type": "Wait", "SecondsPath": "$.timer_seconds", "Next": "Done"},
  "Done": {"Type": "Pass", "End": true}}})";

// n iterations of a Pass + Choice loop: 2n + 1 transitions.
const char *passLoop = R"asl({"StartAt": "Inc", "States": {
  "Inc": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)", "n.$": "$.n"},
          "Next": "Check"},
  "Check": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThanPath": "$.n",
                                           "Next": "Inc"}], "Default": "Done"},
  "Done": {"Type": "Succeed"}}})asl";

const char *approval = R"({"StartAt": "Ask", "States": {
  "Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters": {"QueueUrl": "https:\/\/sqs.us-east-1.amazonaws.com/123456789012/q",
                         "MessageBody": {"Token.$": "$$.Task.Token"}},
          "Next": "Done"},
  "Done": {"Type": "Pass", "End": true}}})";

// A Parallel and a Map whose children fail: each is retried once after 2 s, then caught.
const char *retriedParallel = R"({"StartAt": "Fan", "States": {
  "Fan": {"Type": "Parallel", "Next": "Done",
    "Retry": [{"ErrorEquals": ["Broken"], "IntervalSeconds": 2, "MaxAttempts": 1}],
    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}],
    "Branches": [{"StartAt": "Boom", "States": {
      "Boom": {"Type": "Fail", "Error": "Broken", "Cause": "always"}}}]},
  "Done": {"Type": "Pass", "End": true}}})";

const char *retriedMap = R"({"StartAt": "Each", "States": {
  "Each": {"Type": "Map", "ItemsPath": "$.items", "Next": "Done",
    "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "MaxAttempts": 1}],
    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}],
    "ItemProcessor": {"StartAt": "Boom", "States": {
      "Boom": {"Type": "Fail", "Error": "Broken", "Cause": "always"}}}},
  "Done": {"Type": "Pass", "End": true}}})";

// Waits for a frame that satisfies `done`; the last frame seen.
template<typename Pred>
Sim::DebugFrame waitForFrame(Sim::RunController &controller, Pred done, int timeoutMs = 20000)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        const Sim::DebugFrame frame = controller.lastFrame();
        if (done(frame))
            return frame;
        QSignalSpy spy(&controller, &Sim::RunController::frameReady);
        spy.wait(50);
    }
    return controller.lastFrame();
}

} // namespace

class tst_RunController : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void stepsArriveOneFrameEach();
    void instantRunCoalescesFrames();
    void scaledClockPacesAWait();
    void scaledClockPacesAContainerRetry_data();
    void scaledClockPacesAContainerRetry();
    void pauseStopsARunningLoop();
    void answeringInThePastReplacesTheLog();
    void badDefinitionIsReported();
    void eventLogReadsWhileWritten();
};

void tst_RunController::stepsArriveOneFrameEach()
{
    Sim::RunController controller;
    QSignalSpy frames(&controller, &Sim::RunController::frameReady);
    Sim::DebugSessionOptions options;
    controller.start(parse(timer), parse(R"({"timer_seconds": 10})"), options);
    QVERIFY(frames.wait(5000));
    QCOMPARE(controller.lastFrame().eventIndex, std::int64_t(0));
    frames.clear();
    controller.stepState(); // ExecutionStarted, WaitStateEntered
    QVERIFY(frames.wait(5000));
    Sim::DebugFrame frame = controller.lastFrame();
    QCOMPARE(frame.eventIndex, std::int64_t(2));
    QCOMPARE(frame.state("Wait")->status, Sim::StateRunStatus::Running);
    QCOMPARE(frame.paused, PauseReason::Step);
    controller.stepState();
    frame = waitForFrame(controller, [](const Sim::DebugFrame &f) { return f.eventIndex == 3; });
    QCOMPARE(frame.state("Wait")->status, Sim::StateRunStatus::Succeeded);
    QCOMPARE(frame.nowMillis - frame.startMillis, std::int64_t(10000));
    controller.stepBack();
    frame = waitForFrame(controller, [](const Sim::DebugFrame &f) { return f.eventIndex == 2; });
    QCOMPARE(frame.state("Wait")->status, Sim::StateRunStatus::Running);
    QCOMPARE(frame.eventCount, std::int64_t(3));
    QCOMPARE(controller.eventLog()->size(), std::int64_t(3));
    controller.continueRun();
    frame = waitForFrame(
        controller, [](const Sim::DebugFrame &f) { return f.paused == PauseReason::Finished; });
    QCOMPARE(frame.executionStatus, std::string("SUCCEEDED"));
    const Json history = controller.historyJson();
    QCOMPARE(history["events"].size(), size_t(frame.eventIndex));
    QCOMPARE(controller.visits().size(), size_t(2));
    auto value = controller.evaluate(QStringLiteral("$.timer_seconds"),
                                     controller.visits()[0].enteredEventId);
    QVERIFY(value.ok());
    QCOMPARE(value.value(), Json(10));
}

void tst_RunController::instantRunCoalescesFrames()
{
    Sim::RunController controller;
    QSignalSpy frames(&controller, &Sim::RunController::frameReady);
    Sim::DebugSessionOptions options;
    options.keepEvents = false;
    options.keepStages = false;
    options.execution.maxHistoryEvents = 0;
    controller.start(parse(passLoop), parse(R"({"i": 0, "n": 20000})"), options);
    controller.continueRun();
    const Sim::DebugFrame end = waitForFrame(
        controller, [](const Sim::DebugFrame &f) { return f.paused == PauseReason::Finished; },
        120000);
    QCOMPARE(end.executionStatus, std::string("SUCCEEDED"));
    QCOMPARE(end.state("Inc")->visits, 20000);
    // 80,000 events, far fewer frames: one per frame interval at most, plus start and end.
    QVERIFY2(frames.size() < 2000, qPrintable(QString::number(frames.size())));
    QVERIFY(frames.size() >= 2);
}

void tst_RunController::scaledClockPacesAWait()
{
    Sim::RunController controller;
    Sim::DebugSessionOptions options;
    controller.start(parse(timer), parse(R"({"timer_seconds": 10})"), options);
    Sim::RunSpeed speed;
    speed.mode = Sim::RunSpeed::Mode::Scaled;
    speed.factor = 20; // a 10 s Wait takes half a second
    controller.setSpeed(speed);
    QElapsedTimer clock;
    clock.start();
    controller.continueRun();
    // Mid-way the Wait is lit and the clock has moved part of the way.
    const Sim::DebugFrame mid = waitForFrame(controller, [](const Sim::DebugFrame &f) {
        return f.state("Wait") && f.state("Wait")->status == Sim::StateRunStatus::Running
               && f.nowMillis > f.startMillis;
    });
    QCOMPARE(mid.state("Wait")->status, Sim::StateRunStatus::Running);
    // The Wait counts down as the frames come: its deadline stays, the clock moves towards it.
    QCOMPARE(mid.countdowns.size(), size_t(1));
    const Sim::Countdown countdown = mid.countdowns[0];
    QCOMPARE(countdown.deadlineMillis - countdown.startedAtMillis, std::int64_t(10000));
    const Sim::DebugFrame later = waitForFrame(controller, [&](const Sim::DebugFrame &f) {
        return !f.countdowns.empty() && f.nowMillis > mid.nowMillis;
    });
    QCOMPARE(later.countdowns.at(0).deadlineMillis, countdown.deadlineMillis);
    QVERIFY(later.countdowns[0].deadlineMillis - later.nowMillis
            < countdown.deadlineMillis - mid.nowMillis);
    const Sim::DebugFrame end = waitForFrame(
        controller, [](const Sim::DebugFrame &f) { return f.paused == PauseReason::Finished; });
    QCOMPARE(end.executionStatus, std::string("SUCCEEDED"));
    QVERIFY2(clock.elapsed() >= 450, qPrintable(QString::number(clock.elapsed())));
}

void tst_RunController::scaledClockPacesAContainerRetry_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<QString>("container");
    QTest::newRow("parallel") << retriedParallel << "Fan";
    QTest::newRow("map") << retriedMap << "Each";
}

void tst_RunController::scaledClockPacesAContainerRetry()
{
    QFETCH(QString, definition);
    QFETCH(QString, container);
    const std::string name = container.toStdString();
    auto backoff = [&name](const Sim::DebugFrame &f) -> std::optional<Sim::Countdown> {
        for (const Sim::Countdown &c : f.countdowns) {
            if (c.stateName == name && c.kind == Sim::Countdown::Kind::RetryBackoff)
                return c;
        }
        return std::nullopt;
    };
    Sim::RunController controller;
    controller.start(parse(definition.toStdString()), parse(R"({"items": [1]})"), {});
    Sim::RunSpeed speed;
    speed.mode = Sim::RunSpeed::Mode::Scaled;
    speed.factor = 4; // the 2 s backoff takes half a second
    controller.setSpeed(speed);
    controller.continueRun();
    // The child failed, the container waits lit with its retry counting down 2 s...
    const Sim::DebugFrame first
        = waitForFrame(controller, [&](const Sim::DebugFrame &f) { return bool(backoff(f)); });
    QVERIFY(backoff(first));
    const Sim::Countdown countdown = *backoff(first);
    QCOMPARE(countdown.deadlineMillis - countdown.startedAtMillis, std::int64_t(2000));
    QCOMPARE(first.state(name)->status, Sim::StateRunStatus::Running);
    QCOMPARE(first.state("Boom")->visits, 1);
    // ... less and less time left as the clock moves ...
    const Sim::DebugFrame later = waitForFrame(controller, [&](const Sim::DebugFrame &f) {
        return backoff(f) && f.nowMillis > first.nowMillis;
    });
    QVERIFY(backoff(later));
    QCOMPARE(backoff(later)->deadlineMillis, countdown.deadlineMillis);
    QVERIFY(later.nowMillis < countdown.deadlineMillis);
    // ... then the clock gets there and the container runs its children again.
    const Sim::DebugFrame again = waitForFrame(controller, [&](const Sim::DebugFrame &f) {
        return f.state("Boom") && f.state("Boom")->visits == 2;
    });
    QCOMPARE(again.state("Boom")->visits, 2);
    QVERIFY(!backoff(again));
    QVERIFY(again.nowMillis >= countdown.deadlineMillis);
    const Sim::DebugFrame end = waitForFrame(
        controller, [](const Sim::DebugFrame &f) { return f.paused == PauseReason::Finished; });
    QCOMPARE(end.executionStatus, std::string("SUCCEEDED"));
    QCOMPARE(end.state(name)->status, Sim::StateRunStatus::Caught);
}

void tst_RunController::pauseStopsARunningLoop()
{
    Sim::RunController controller;
    QSignalSpy running(&controller, &Sim::RunController::runningChanged);
    Sim::DebugSessionOptions options;
    options.execution.maxHistoryEvents = 0;
    controller.start(parse(passLoop), parse(R"({"i": 0, "n": 100000000})"), options);
    controller.continueRun();
    QVERIFY(running.wait(5000));
    QCOMPARE(running.last().at(0).toBool(), true);
    waitForFrame(controller, [](const Sim::DebugFrame &f) { return f.eventIndex > 1000; });
    controller.pause();
    const Sim::DebugFrame paused = waitForFrame(
        controller, [](const Sim::DebugFrame &f) { return f.paused == PauseReason::Paused; });
    QCOMPARE(paused.paused, PauseReason::Paused);
    QCOMPARE(paused.executionStatus, std::string("RUNNING"));
    // Stays paused: no more events.
    QTest::qWait(100);
    QCOMPARE(controller.lastFrame().eventIndex, paused.eventIndex);
    QCOMPARE(controller.eventLog()->size(), paused.eventIndex);
}

void tst_RunController::answeringInThePastReplacesTheLog()
{
    Sim::RunController controller;
    QSignalSpy replaced(&controller, &Sim::RunController::eventLogReplaced);
    Sim::DebugSessionOptions options;
    controller.start(parse(approval), Json::object(), options,
                     {std::make_shared<Sim::SqsEmulator>()});
    controller.continueRun();
    Sim::DebugFrame waiting = waitForFrame(
        controller, [](const Sim::DebugFrame &f) { return f.paused == PauseReason::Callback; });
    QCOMPARE(waiting.callbacks.size(), size_t(1));
    const QString token = QString::fromStdString(waiting.callbacks[0].taskToken);
    controller.sendTaskSuccess(token, parse(R"({"ok": true})"));
    controller.continueRun();
    waitForFrame(controller,
                 [](const Sim::DebugFrame &f) { return f.paused == PauseReason::Finished; });
    const std::shared_ptr<const Sim::EventLog> first = controller.eventLog();
    const std::int64_t approvedEvents = first->size();
    replaced.clear();

    controller.jumpTo(waiting.eventIndex);
    waitForFrame(controller,
                 [&](const Sim::DebugFrame &f) { return f.eventIndex == waiting.eventIndex; });
    controller.sendTaskFailure(token, std::string("No"), std::nullopt);
    controller.continueRun();
    const Sim::DebugFrame end = waitForFrame(controller, [](const Sim::DebugFrame &f) {
        return f.paused == PauseReason::Finished && f.executionStatus == "FAILED";
    });
    QCOMPARE(end.error.value(), std::string("No"));
    QVERIFY(replaced.size() >= 1);
    const std::shared_ptr<const Sim::EventLog> second = controller.eventLog();
    QVERIFY(second != first);
    QCOMPARE(first->size(), approvedEvents); // the old log is untouched for its readers
    QCOMPARE(second->size(), end.eventIndex);
    QCOMPARE(std::string(Sim::eventTypeName(second->at(second->size() - 1))),
             std::string("ExecutionFailed"));
}

void tst_RunController::badDefinitionIsReported()
{
    Sim::RunController controller;
    QSignalSpy failed(&controller, &Sim::RunController::sessionFailed);
    controller.start(parse(R"({"StartAt": "Nowhere", "States": {}})"), Json::object(), {});
    QCOMPARE(failed.size(), 1);
    QVERIFY(!failed.at(0).at(0).toString().isEmpty());
    QVERIFY(!controller.hasSession());
}

void tst_RunController::eventLogReadsWhileWritten()
{
    Sim::EventLog log;
    constexpr std::int64_t total = 50000;
    std::atomic<bool> wrong{false};
    std::thread reader([&] {
        std::int64_t seen = 0;
        while (seen < total) {
            const std::int64_t size = log.size();
            for (std::int64_t i = seen; i < size; ++i) {
                if (log.at(i).id != i + 1 || log.at(i).stateName() != "S")
                    wrong = true;
            }
            seen = size;
        }
    });
    for (std::int64_t i = 0; i < total; ++i) {
        Sim::HistoryEvent event;
        event.id = i + 1;
        Sim::setEventType(event, "PassStateEntered");
        event.details = {{"stateEnteredEventDetails", {{"name", "S"}}}};
        log.append(std::move(event));
    }
    reader.join();
    QVERIFY(!wrong);
    QCOMPARE(log.prefix(10)->size(), std::int64_t(10));
    QCOMPARE(log.prefix(10)->at(9).id, std::int64_t(10));
}

QTEST_GUILESS_MAIN(tst_RunController)
#include "tst_runcontroller.moc"
