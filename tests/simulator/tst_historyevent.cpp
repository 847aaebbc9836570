// The history event types' table: each type's name, and what the debugger reads instead of
// the name (its family and action), agree with the names AWS gives the events.
#include "simulator/engine/historyevent.h"

#include <QtTest>

using namespace Stepwise;
using Sim::HistoryEventAction;
using Sim::HistoryEventFamily;
using Sim::HistoryEventType;

Q_DECLARE_METATYPE(HistoryEventType)

namespace {

bool startsWith(std::string_view text, std::string_view head)
{
    return text.substr(0, head.size()) == head;
}

bool endsWith(std::string_view text, std::string_view tail)
{
    return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

} // namespace

class tst_HistoryEvent : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void familyAndActionFollowTheName_data();
    void familyAndActionFollowTheName();
};

void tst_HistoryEvent::familyAndActionFollowTheName_data()
{
    QTest::addColumn<HistoryEventType>("type");
    for (int i = 0; i <= int(HistoryEventType::WaitStateExited); ++i) {
        const auto type = HistoryEventType(i);
        QTest::newRow(std::string(Sim::toString(type)).c_str()) << type;
    }
}

void tst_HistoryEvent::familyAndActionFollowTheName()
{
    QFETCH(HistoryEventType, type);
    const std::string_view name = Sim::toString(type);
    QVERIFY(Sim::historyEventTypeFromString(name) == std::optional<HistoryEventType>(type));

    // The first words of the name: what the event is about.
    const bool stateEvent
        = name.find("State") != std::string_view::npos
          && (endsWith(name, "Entered") || endsWith(name, "Exited") || endsWith(name, "Aborted"));
    HistoryEventFamily family = HistoryEventFamily::Task;
    if (startsWith(name, "Execution"))
        family = HistoryEventFamily::Execution;
    else if (stateEvent)
        family = HistoryEventFamily::State;
    else if (startsWith(name, "MapIteration"))
        family = HistoryEventFamily::MapIteration;
    else if (startsWith(name, "Map"))
        family = HistoryEventFamily::Map;
    else if (startsWith(name, "Parallel"))
        family = HistoryEventFamily::Parallel;
    else if (startsWith(name, "Evaluation"))
        family = HistoryEventFamily::Evaluation;
    else
        QVERIFY(startsWith(name, "Task") || startsWith(name, "LambdaFunction")
                || startsWith(name, "Activity"));
    QCOMPARE(int(Sim::eventFamily(type)), int(family));

    // The last word: what happened.
    const std::pair<const char *, HistoryEventAction> actions[] = {
        {"Entered", HistoryEventAction::Entered},     {"Exited", HistoryEventAction::Exited},
        {"Aborted", HistoryEventAction::Aborted},     {"Scheduled", HistoryEventAction::Scheduled},
        {"Started", HistoryEventAction::Started},     {"Submitted", HistoryEventAction::Submitted},
        {"Succeeded", HistoryEventAction::Succeeded}, {"Failed", HistoryEventAction::Failed},
        {"TimedOut", HistoryEventAction::TimedOut},   {"Redriven", HistoryEventAction::Redriven},
    };
    int matched = 0;
    for (const auto &[word, action] : actions) {
        if (endsWith(name, word)) {
            QCOMPARE(int(Sim::eventAction(type)), int(action));
            ++matched;
        }
    }
    QCOMPARE(matched, 1);

    // The tests the debugger makes of an event.
    QCOMPARE(Sim::isStateEntered(type), endsWith(name, "StateEntered"));
    QCOMPARE(Sim::isStateExited(type), endsWith(name, "StateExited"));
    QCOMPARE(Sim::isStateEvent(type),
             endsWith(name, "StateEntered") || endsWith(name, "StateExited"));
    QCOMPARE(Sim::isFailureEvent(type), endsWith(name, "Failed") || endsWith(name, "TimedOut"));
    if (Sim::isStateEntered(type)) {
        const std::string_view stateType = name.substr(0, name.size() - 12);
        QCOMPARE(Model::toString(Sim::enteredStateType(type)), stateType);
        QCOMPARE(int(Sim::enteredEventType(Sim::enteredStateType(type))), int(type));
    }
}

QTEST_GUILESS_MAIN(tst_HistoryEvent)
#include "tst_historyevent.moc"
