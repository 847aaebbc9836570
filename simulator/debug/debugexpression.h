#pragma once

#include "model/json/json.h"
#include "model/result.h"
#include "simulator/debug/statevisit.h"

#include <string>

namespace Stepwise::Sim {

// The expression console of a paused state: evaluates a JSONPath ("$.order.id",
// "$$.State.Name", "$myVariable.total") or an intrinsic function
// ("States.Format('{}', $.name)") against one visit's data. "$" is the stage named `stage`
// ("input", "afterInputPath", "afterParameters", "result", "output", ...; an absent stage
// is an error saying so), "$$" the visit's context object, "$name" the visit's variables
// (after the state when it has left, else on entry). Errors name the position or the failure
// as the engine words it at run time.
Model::Result<Model::Json> evaluateDebugExpression(const std::string &expression,
                                                   const StateVisit &visit,
                                                   const std::string &stage = "input");

} // namespace Stepwise::Sim
