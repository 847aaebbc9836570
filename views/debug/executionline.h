#pragma once

#include "views/canvas/runstatus.h"

#include <QString>
#include <QStringList>

#include <cstdint>

namespace Stepwise::Views {

// One Parallel branch or Map iteration of a run, for the navigator: where it belongs, how
// it is doing, the state it is at, and the states it went through in order.
struct ExecutionLine
{
    std::int64_t id = 0;     // stable for the run
    std::int64_t parent = 0; // the line that runs the container; 0: the execution
    QString container;       // the Parallel or Map state's name
    QString label;           // "Branch 2", "Iteration 137"
    int index = 0;           // branch or item index
    int depth = 0;           // containers around the container
    RunStatus status = RunStatus::Active;
    QString currentState;
    QStringList path;
};

} // namespace Stepwise::Views
