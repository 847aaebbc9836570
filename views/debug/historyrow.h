#pragma once

#include <QString>

#include <cstdint>

namespace Stepwise::Views {

// One history event as the history table shows it: AWS's event type and ids, the state it
// belongs to, when it happened on the run's virtual clock and on the wall clock, and its
// details as compact JSON.
struct HistoryRow
{
    std::int64_t id = 0;
    std::int64_t previousEventId = 0;
    QString type;                   // "TaskStateEntered", as AWS names it
    QString stateName;              // empty for execution-level events
    std::int64_t virtualMillis = 0; // epoch milliseconds on the run's clock
    std::int64_t wallMillis = -1;   // epoch milliseconds when it was computed; -1: unknown
    QString details;
    bool failure = false; // a *Failed, *TimedOut or *Aborted event
};

} // namespace Stepwise::Views
