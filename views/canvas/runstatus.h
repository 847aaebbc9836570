#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

#include <optional>

namespace Stepwise::Views {

// How a state fared in the run shown on the canvas, as the AWS console colours it.
enum class RunStatus { NotRun, Active, Succeeded, Failed, Caught, Cancelled };

// What the canvas shows of one state at one moment of a run.
struct StateRunInfo
{
    RunStatus status = RunStatus::NotRun;
    // Lines of execution in the state now (Parallel branches, Map iterations); a badge
    // shows the count when more than one.
    int activeCount = 0;
    // Time left of a Wait or a retry backoff, in milliseconds of the run's clock.
    std::optional<qint64> remainingMillis;
    // The state waits for the caller (a task token, an "ask me" answer).
    bool waitingForCaller = false;

    bool operator==(const StateRunInfo &) const = default;
};

// A breakpoint's mark on a state: before entry, after exit, or both; conditional or not.
struct BreakpointMark
{
    bool beforeEntry = true;
    bool afterExit = false;
    bool conditional = false;
    bool enabled = true;

    bool operator==(const BreakpointMark &) const = default;
};

// The colour of a status (succeeded green, failed red, caught orange, cancelled grey, active
// blue); invalid for NotRun.
QColor runStatusColor(RunStatus status);
QString runStatusText(RunStatus status);
// "2.4 s" (tenths under 10 s), "17 s", "2 min 5 s", "1 h 3 min": a countdown as people read
// it, rounded up (what is left has not finished).
QString countdownText(qint64 millis);

} // namespace Stepwise::Views
