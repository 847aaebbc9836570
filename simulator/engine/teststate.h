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
    // AWS names a state given alone "StateName".
    std::string stateName = "StateName";
    // The context object's machine and role (when `context` does not replace it).
    std::string stateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:TestState";
    std::string roleArn;
    // stateConfiguration: retries already made, failed Map iterations, the ItemReader's items.
    int retrierRetryCount = 0;
    int mapIterationFailureCount = 0;
    std::optional<Model::Json> mapItemReaderData;
};

// What TestState answers: status SUCCEEDED | FAILED | RETRIABLE (a retrier would run the state
// again) | CAUGHT_ERROR (a catcher took the error), output or error + cause, the next state
// and the inspection data (input, afterInputPath, afterParameters, result,
// afterResultSelector, afterResultPath, afterArguments, Map limits, errorDetails) shaped per
// state type as AWS shapes them.
struct TestStateResult
{
    std::string status;
    Model::Json output;
    std::optional<std::string> error, cause;
    std::string nextState;
    Model::Json inspectionData = Model::Json::object();
};

// The state called `name` in a whole machine, at its top level or inside a Map's
// ItemProcessor (or Iterator) or a Parallel's branches, with the machine's QueryLanguage when
// it names none; nullopt when there is no such state.
std::optional<Model::Json> findTestedState(const Model::Json &machine, const std::string &name);

// The machine TestState runs: the state alone, ending there, the states it may go to (Choice
// rules, Default, catchers' Next) standing in as Succeed states.
Model::Json testStateMachine(const Model::Json &state, const std::string &stateName);

// Fails (an Error) when the state definition cannot be run at all.
Model::Result<TestStateResult> testState(const TestStateRequest &request);

} // namespace Stepwise::Sim
