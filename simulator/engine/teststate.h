#pragma once

#include "model/json/json.h"
#include "model/result.h"
#include "simulator/expr/failure.h"

#include <optional>
#include <string>

namespace Stepwise::Sim {

// A TestState call: one state run on its own with an input, optionally a mocked task
// result or error, a context object and variables, as AWS's TestState API takes them.
struct TestStateRequest
{
    Model::Json definition; // the state's own JSON ({"Type": "Pass", ...})
    Model::Json input = Model::Json::object();
    std::optional<Model::Json> mockResult; // a Task's result
    std::optional<Failure> mockError;      // or the error it raises
    std::optional<Model::Json> context;
    Model::Json variables = Model::Json::object();
    std::string stateName = "TestState";
};

// What TestState answers: status SUCCEEDED | FAILED, output or error + cause, the next state
// and the inspection data (input, afterInputPath, afterParameters, result,
// afterResultSelector, afterResultPath) shaped per state type as AWS shapes them.
struct TestStateResult
{
    std::string status;
    Model::Json output;
    std::optional<std::string> error, cause;
    std::string nextState;
    Model::Json inspectionData = Model::Json::object();
};

// Fails (an Error) when the state definition cannot be run at all.
Model::Result<TestStateResult> testState(const TestStateRequest &request);

} // namespace Stepwise::Sim
