#pragma once

#include "model/json/json.h"

#include <optional>
#include <string>

namespace Stepwise::Sim {

// A breakpoint on a state. `BeforeEntry` pauses as the state is entered (its StateEntered
// event just happened: the state is lit and its input known, none of its work done);
// `AfterExit` pauses once it left (StateExited: its output known). With a condition the
// breakpoint matches only when the Choice rule (JSON as in a Choice state's Choices, without
// Next: {"Variable": "$.n", "NumericGreaterThan": 3}) matches the state's input, evaluated
// with the visit's variables. A condition that cannot compile makes setBreakpoint fail;
// one that fails at run time (a missing path) does not match.
struct Breakpoint
{
    enum class When { BeforeEntry, AfterExit };

    int id = -1; // given by DebugSession::setBreakpoint
    std::string stateName;
    When when = When::BeforeEntry;
    std::optional<Model::Json> condition;
    bool enabled = true;
};

} // namespace Stepwise::Sim
