// Histories in and out: AWS's get-execution-history output in every form people have it
// (pages, reverse order, epoch or ISO timestamps, parsed or text payloads) reads into the
// same events; every history AWS recorded replays on its definition with each entered state
// lit; and a live run replayed from its saved history gives the live run's frames.
#include "model/json/jsonreader.h"
#include "simulator/debug/debugsession.h"
#include "simulator/debug/eventtype.h"
#include "simulator/debug/historyio.h"
#include "simulator/debug/historyplayer.h"
#include "testdata.h"

#include <QtTest>

using namespace Stepwise;
using Stepwise::Model::Json;

Q_DECLARE_METATYPE(Json)

namespace {

Json parse(const std::string &text)
{
    auto parsed = Model::readJson(text, {false});
    return parsed ? parsed->value : Json();
}

// A short AWS history (ISO timestamps); awsPage() gives its payloads as text, as the CLI
// prints them.
const char *awsEvents = R"({"events": [
 {"timestamp": "2024-05-01T12:00:00.000000+00:00", "type": "ExecutionStarted", "id": 1,
  "previousEventId": 0,
  "executionStartedEventDetails": {"input": {"timer_seconds": 10}, "inputDetails": {"truncated": false},
                                   "roleArn": "arn:aws:iam::123456789012:role/r"}},
 {"timestamp": "2024-05-01T12:00:00.050000+00:00", "type": "WaitStateEntered", "id": 2,
  "previousEventId": 0,
  "stateEnteredEventDetails": {"name": "Wait", "input": {"timer_seconds": 10},
                               "inputDetails": {"truncated": false}}},
 {"timestamp": "2024-05-01T12:00:10.050000+00:00", "type": "WaitStateExited", "id": 3,
  "previousEventId": 2,
  "stateExitedEventDetails": {"name": "Wait", "output": {"timer_seconds": 10},
                              "outputDetails": {"truncated": false},
                              "assignedVariables": {"seen": "true"}}},
 {"timestamp": "2024-05-01T12:00:10.100000+00:00", "type": "PassStateEntered", "id": 4,
  "previousEventId": 3,
  "stateEnteredEventDetails": {"name": "Done", "input": {"timer_seconds": 10},
                               "inputDetails": {"truncated": false}}},
 {"timestamp": "2024-05-01T12:00:10.150000+00:00", "type": "PassStateExited", "id": 5,
  "previousEventId": 4,
  "stateExitedEventDetails": {"name": "Done", "output": {"ok": 1},
                              "outputDetails": {"truncated": false}}},
 {"timestamp": "2024-05-01T12:00:10.200000+00:00", "type": "ExecutionSucceeded", "id": 6,
  "previousEventId": 5,
  "executionSucceededEventDetails": {"output": {"ok": 1}, "outputDetails": {"truncated": false}}}]})";

std::string awsPage()
{
    Json page = Json::parse(awsEvents);
    for (Json &e : page["events"]) {
        for (auto &[key, value] : e.items()) {
            if (!value.is_object())
                continue;
            for (const char *payload : {"input", "output"}) {
                if (value.contains(payload))
                    value[payload] = value[payload].dump();
            }
        }
    }
    return page.dump(2);
}

const char *timerDefinition = R"({"StartAt": "Wait", "States": {
  "Wait": {"Type": "Wait", "SecondsPath": "$.timer_seconds", "Next": "Done"},
  "Done": {"Type": "Pass", "Result": {"ok": 1}, "End": true}}})";

// The page's events in other forms: reversed, epoch seconds, parsed payloads, split pages.
QString reshaped(const QString &how)
{
    Json events = parse(awsPage())["events"];
    if (how.contains("epoch")) {
        for (Json &e : events) {
            const std::string stamp = e["timestamp"];
            // 12:00:SS.mmm on 2024-05-01 = 1714564800 + offset.
            const double seconds = std::stod(stamp.substr(17, 9));
            const int minutes = std::stoi(stamp.substr(14, 2));
            e["timestamp"] = 1714564800.0 + minutes * 60 + seconds;
        }
    }
    if (how.contains("parsed")) {
        for (Json &e : events) {
            for (auto &[key, value] : e.items()) {
                if (value.is_object()) {
                    for (const char *payload : {"input", "output"}) {
                        if (value.contains(payload))
                            value[payload] = Json::parse(value[payload].get<std::string>());
                    }
                }
            }
        }
    }
    if (how.contains("reversed"))
        std::reverse(events.begin(), events.end());
    if (how.contains("twoPages")) {
        Json first = Json::array(), second = Json::array();
        for (size_t i = 0; i < events.size(); ++i)
            (i < 3 ? first : second).push_back(events[i]);
        const std::string a = Json{{"events", first}, {"nextToken", "abc"}}.dump(2);
        const std::string b = Json{{"events", second}}.dump(2);
        if (how.contains("list"))
            return QString::fromStdString(Json::array({Json::parse(a), Json::parse(b)}).dump());
        return QString::fromStdString(a + "\n" + b + "\n");
    }
    if (how.contains("bareList"))
        return QString::fromStdString(events.dump());
    return QString::fromStdString(Json{{"events", events}}.dump(4));
}

} // namespace

class tst_HistoryPlayer : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void readsEveryForm_data();
    void readsEveryForm();
    void refusesWhatIsNotAHistory_data();
    void refusesWhatIsNotAHistory();
    void playerControlsAndCountdown();
    void replaysRecordedAwsHistories_data();
    void replaysRecordedAwsHistories();
    void replayOfASavedRunGivesTheLiveFrames_data();
    void replayOfASavedRunGivesTheLiveFrames();
};

void tst_HistoryPlayer::readsEveryForm_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("cliPage") << reshaped("");
    QTest::newRow("reverseOrder") << reshaped("reversed");
    QTest::newRow("epochSeconds") << reshaped("epoch");
    QTest::newRow("parsedPayloads") << reshaped("parsed");
    QTest::newRow("pagesConcatenated") << reshaped("twoPages");
    QTest::newRow("pagesInAList") << reshaped("twoPages list");
    QTest::newRow("reversedPagesWithEpochs") << reshaped("reversed epoch twoPages");
    QTest::newRow("bareEventList") << reshaped("bareList parsed");
}

void tst_HistoryPlayer::readsEveryForm()
{
    QFETCH(QString, text);
    auto expected = Sim::readHistory(awsPage());
    QVERIFY(expected.ok());
    auto read = Sim::readHistory(text.toStdString());
    QVERIFY2(read.ok(), read.ok() ? "" : read.error().message.c_str());
    QCOMPARE(read->size(), size_t(6));
    QCOMPARE(Sim::historyToJson(read.value()), Sim::historyToJson(expected.value()));
    QCOMPARE(read->at(2).timestampMillis - read->at(1).timestampMillis, std::int64_t(10000));
    QCOMPARE(std::string(Sim::eventTypeName(read->at(0))), std::string("ExecutionStarted"));
}

void tst_HistoryPlayer::refusesWhatIsNotAHistory_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("notJson") << "{\"events\": ["
                             << "not a JSON history";
    QTest::newRow("noEvents") << "{\"executions\": []}"
                              << "no \"events\" list";
    QTest::newRow("eventWithoutType") << R"({"events": [{"id": 1}]})"
                                      << "has no \"type\"";
    QTest::newRow("noEventsAtAll") << R"({"events": []})"
                                   << "has no events";
    QTest::newRow("eventWithoutId") << R"([{"type": "ExecutionStarted", "id": "x"}])"
                                    << "no integer \"id\"";
    QTest::newRow("clashingIds")
        << R"({"events": [{"id": 1, "type": "ExecutionStarted"}, {"id": 1, "type": "PassStateEntered"}]})"
        << "two different events have the id 1";
    QTest::newRow("empty") << "  "
                           << "empty";
}

void tst_HistoryPlayer::refusesWhatIsNotAHistory()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    auto read = Sim::readHistory(text.toStdString());
    QVERIFY(!read.ok());
    QVERIFY2(QString::fromStdString(read.error().message).contains(message),
             read.error().message.c_str());
}

void tst_HistoryPlayer::playerControlsAndCountdown()
{
    auto events = Sim::readHistory(awsPage());
    QVERIFY(events.ok());
    Sim::HistoryPlayer player(parse(timerDefinition), events.value());
    QCOMPARE(player.eventCount(), std::int64_t(6));
    QVERIFY(player.stepState()); // Wait entered
    Sim::DebugFrame frame = player.frame();
    QCOMPARE(frame.eventIndex, std::int64_t(2));
    QCOMPARE(frame.state("Wait")->status, Sim::StateRunStatus::Running);
    QCOMPARE(frame.state("Wait")->pointer, std::string("/States/Wait"));
    // The Wait counts down to its exit, ten seconds later on the recorded clock.
    QCOMPARE(frame.countdowns.size(), size_t(1));
    QCOMPARE(frame.countdowns[0].deadlineMillis - frame.nowMillis, std::int64_t(10000));
    QVERIFY(player.stepState());
    QVERIFY(player.stepState());
    frame = player.frame();
    QCOMPARE(frame.state("Wait")->status, Sim::StateRunStatus::Succeeded);
    QCOMPARE(frame.state("Done")->status, Sim::StateRunStatus::Running);
    QVERIFY(frame.transition);
    QCOMPARE(frame.transition->from, std::string("Wait"));
    QCOMPARE(frame.transition->kind, Sim::TransitionKind::Next);
    QVERIFY(frame.countdowns.empty());
    const auto visits = player.visits();
    QCOMPARE(visits.size(), size_t(2));
    QCOMPARE(visits[0].data["input"], parse(R"({"timer_seconds": 10})"));
    QCOMPARE(visits[0].data["assignedVariables"], parse(R"({"seen": true})"));
    QCOMPARE(visits[0].exitedEventId, std::int64_t(3));
    QVERIFY(player.stepBack());
    QCOMPARE(player.frame().state("Done")->status, Sim::StateRunStatus::NotRun);
    QVERIFY(player.jumpTo(6));
    QVERIFY(player.atEnd());
    QCOMPARE(player.frame().executionStatus, std::string("SUCCEEDED"));
    QCOMPARE(player.frame().output.value(), parse(R"({"ok": 1})"));
    QCOMPARE(player.frame().paused, Sim::PauseReason::Finished);
    QVERIFY(!player.stepEvent());
    QVERIFY(player.jumpTo(0));
    QVERIFY(player.runToState("Done"));
    QCOMPARE(player.eventIndex(), std::int64_t(4));
    QVERIFY(!player.runToState("Nowhere"));
}

void tst_HistoryPlayer::replaysRecordedAwsHistories_data()
{
    QTest::addColumn<QString>("file");
    const QString root = Tests::sharedPath("conformance/localstack/executions");
    int rows = 0;
    for (const QString &file : Tests::filesUnder(root)) {
        auto parsed = Model::readJsonFile(file.toStdString(), {false});
        if (!parsed || !parsed->value.contains("history") || !parsed->value["history"].is_array()
            || parsed->value["history"].empty())
            continue;
        // Cases whose event ids were normalised away when recorded are no history to read.
        if (parsed->value["expected"].value("history_ids_normalized", false))
            continue;
        QTest::newRow(
            qPrintable(QFileInfo(file).dir().dirName() + "/" + QFileInfo(file).fileName()))
            << file;
        ++rows;
    }
    QVERIFY2(rows >= 400, "the recorded histories are missing");
}

void tst_HistoryPlayer::replaysRecordedAwsHistories()
{
    QFETCH(QString, file);
    auto parsed = Model::readJsonFile(file.toStdString(), {false});
    QVERIFY(parsed.ok());
    const Json &testCase = parsed->value;
    auto events = Sim::readHistory(testCase["history"]);
    QVERIFY2(events.ok(), events.ok() ? "" : events.error().message.c_str());
    Sim::HistoryPlayer player(testCase["definition"], events.value());
    while (player.stepEvent()) {
        const Sim::HistoryEvent &event
            = player.events()[static_cast<size_t>(player.eventIndex() - 1)];
        const std::string type(Sim::eventTypeName(event));
        if (type.size() > 12 && type.compare(type.size() - 12, 12, "StateEntered") == 0) {
            // Each entered state is lit, and found in the definition (the canvas item).
            const Sim::DebugFrame frame = player.frame();
            const Sim::StateRun *run = frame.state(event.stateName());
            QVERIFY2(run, event.stateName().c_str());
            QVERIFY(!run->pointer.empty() || !testCase["definition"].is_object());
            if (type == "FailStateEntered") {
                // A Fail state does no work: it shows failed as it is entered.
                QCOMPARE(run->status, Sim::StateRunStatus::Failed);
            } else {
                QCOMPARE(run->status, Sim::StateRunStatus::Running);
                QVERIFY(run->running >= 1);
            }
        }
    }
    const Sim::DebugFrame end = player.frame();
    const Json &expectedStatus = testCase["expected"]["status"];
    const std::string status = expectedStatus.is_string() ? expectedStatus.get<std::string>() : "";
    if (status == "SUCCEEDED" || status == "FAILED" || status == "TIMED_OUT") {
        QCOMPARE(end.executionStatus, status);
        // Nothing stays lit once the execution ended.
        for (const Sim::StateRun &run : end.states) {
            QVERIFY2(run.running == 0, run.name.c_str());
            QVERIFY2(run.status != Sim::StateRunStatus::Running, run.name.c_str());
        }
    }
    // Back to the start and forward again gives the same end picture.
    QVERIFY(player.jumpTo(0));
    QVERIFY(player.jumpTo(player.eventCount()));
    QCOMPARE(player.frame().executionStatus, end.executionStatus);
}

void tst_HistoryPlayer::replayOfASavedRunGivesTheLiveFrames_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<Json>("input");
    QTest::newRow("timer") << timerDefinition << parse(R"({"timer_seconds": 10})");
    QTest::newRow("caughtParallel") << R"({"StartAt": "Fan", "States": {
      "Fan": {"Type": "Parallel", "Branches": [
         {"StartAt": "Ok", "States": {"Ok": {"Type": "Wait", "Seconds": 1, "End": true}}},
         {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Boom"}}}],
       "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handler"}], "End": true},
      "Handler": {"Type": "Pass", "End": true}}})"
                                    << Json::object();
    QTest::newRow("mapWithChoice") << R"({"StartAt": "Each", "States": {
      "Each": {"Type": "Map", "ItemsPath": "$", "MaxConcurrency": 2, "End": true,
        "ItemProcessor": {"StartAt": "Big", "States": {
          "Big": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericGreaterThan": 1, "Next": "Yes"}],
                  "Default": "No"},
          "Yes": {"Type": "Pass", "End": true},
          "No": {"Type": "Wait", "Seconds": 1, "End": true}}}}}})"
                                   << parse("[1, 2, 3, 0]");
    // Retried containers: the replay shows each backoff counting down, as the live run did.
    QTest::newRow("retriedParallel") << R"({"StartAt": "Fan", "States": {
      "Fan": {"Type": "Parallel", "Next": "Handler",
        "Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 2, "MaxAttempts": 2}],
        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handler"}],
        "Branches": [
         {"StartAt": "Ok", "States": {"Ok": {"Type": "Pass", "End": true}}},
         {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Boom"}}}]},
      "Handler": {"Type": "Pass", "End": true}}})"
                                     << Json::object();
    QTest::newRow("retriedMap") << R"({"StartAt": "Each", "States": {
      "Each": {"Type": "Map", "ItemsPath": "$", "End": true,
        "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 3, "MaxAttempts": 1}],
        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handler"}],
        "ItemProcessor": {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Boom"}}}},
      "Handler": {"Type": "Pass", "End": true}}})"
                                << parse("[1, 2]");
}

void tst_HistoryPlayer::replayOfASavedRunGivesTheLiveFrames()
{
    QFETCH(QString, definition);
    QFETCH(Json, input);
    Sim::DebugSessionOptions options;
    options.execution.startTimeMillis = 1700000000000;
    auto created = Sim::DebugSession::create(parse(definition.toStdString()), input, options);
    QVERIFY(created.ok());
    Sim::DebugSession &live = *created.value();
    std::vector<Sim::DebugFrame> frames;
    while (live.stepEvent() != Sim::PauseReason::Finished)
        frames.push_back(live.frame());
    frames.push_back(live.frame());

    // Saved as `stepwise-cli run --history` prints it, opened again, played event by event.
    auto events = Sim::readHistory(live.historyJson().dump(4));
    QVERIFY(events.ok());
    Sim::HistoryPlayer player(parse(definition.toStdString()), events.value());
    for (const Sim::DebugFrame &expected : frames) {
        if (player.eventIndex() > 0 && expected.eventIndex == player.eventIndex()) {
            // The live run's retry wait (a moment without an event): the replay already
            // counts that backoff down after the event before it.
            int waits = 0;
            for (const Sim::Countdown &live : expected.countdowns) {
                if (live.kind != Sim::Countdown::Kind::RetryBackoff)
                    continue;
                ++waits;
                bool shown = false;
                for (const Sim::Countdown &replayed : player.frame().countdowns)
                    shown = shown
                            || (replayed.kind == live.kind && replayed.stateName == live.stateName
                                && replayed.startedAtMillis == live.startedAtMillis
                                && replayed.deadlineMillis == live.deadlineMillis);
                QVERIFY2(shown, live.stateName.c_str());
            }
            QVERIFY(waits > 0);
            continue;
        }
        QVERIFY(player.stepEvent());
        const Sim::DebugFrame replayed = player.frame();
        QCOMPARE(replayed.eventIndex, expected.eventIndex);
        QCOMPARE(replayed.nowMillis, expected.nowMillis);
        QCOMPARE(replayed.executionStatus, expected.executionStatus);
        for (size_t i = 0; i < expected.states.size(); ++i) {
            QCOMPARE(replayed.states[i].name, expected.states[i].name);
            QCOMPARE(replayed.states[i].status, expected.states[i].status);
            QCOMPARE(replayed.states[i].running, expected.states[i].running);
        }
        QCOMPARE(replayed.transition.has_value(), expected.transition.has_value());
        if (expected.transition) {
            QCOMPARE(replayed.transition->to, expected.transition->to);
            QCOMPARE(replayed.transition->kind, expected.transition->kind);
            QCOMPARE(replayed.transition->index, expected.transition->index);
        }
    }
    QVERIFY(player.atEnd());
}

QTEST_GUILESS_MAIN(tst_HistoryPlayer)
#include "tst_historyplayer.moc"
