#pragma once

#include "model/json/json.h"

#include <QString>

#include <utility>
#include <vector>

namespace Stepwise::Views {

// The data of one state visit for the stage inspector: each processing stage's JSON in the
// order the state applies them, named as AWS TestState's inspectionData (input,
// afterInputPath, afterParameters, result, afterResultSelector, afterResultPath, output,
// variables, ...), plus whatever else the run knows of the moment (variables on entry, the
// context object, errorDetails).
struct StageVisit
{
    QString stateName;
    QString title; // "Publish, visit 2, entered at event 7"
    std::vector<std::pair<QString, Model::Json>> stages;
};

} // namespace Stepwise::Views
