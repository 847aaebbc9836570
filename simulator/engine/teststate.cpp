#include "simulator/engine/teststate.h"

#include "simulator/engine/compiledmachine.h"
#include "simulator/engine/execution.h"

namespace Stepwise::Sim {

using Model::Json;

namespace {

// Answers the state's task with the request's mock.
class MockedTask : public TaskExecutor
{
  public:
    explicit MockedTask(const TestStateRequest &request)
        : m_request(request)
    {}
    std::optional<TaskResponse> invoke(const TaskRequest &) override
    {
        TaskResponse response;
        if (m_request.mockError) {
            response.succeeded = false;
            response.failure = *m_request.mockError;
        } else if (m_request.mockResult) {
            response.output = *m_request.mockResult;
        } else {
            return std::nullopt;
        }
        return response;
    }

  private:
    const TestStateRequest &m_request;
};

void addTarget(Json &states, const Json &name)
{
    if (name.is_string() && !states.contains(name.get<std::string>()))
        states[name.get<std::string>()] = {{"Type", "Succeed"}};
}

Model::Result<TestStateResult> runTestState(const TestStateRequest &request);

const Json *findState(const Json &machine, const std::string &name)
{
    auto found = machine.find("States");
    if (found == machine.end() || !found->is_object())
        return nullptr;
    const Json &states = *found;
    if (auto it = states.find(name); it != states.end())
        return &*it;
    for (const Json &state : states) {
        if (!state.is_object())
            continue;
        for (const char *key : {"ItemProcessor", "Iterator"})
            if (auto child = state.find(key); child != state.end() && child->is_object())
                if (const Json *inner = findState(*child, name))
                    return inner;
        auto branches = state.find("Branches");
        if (branches == state.end() || !branches->is_array())
            continue;
        for (const Json &branch : *branches)
            if (branch.is_object())
                if (const Json *inner = findState(branch, name))
                    return inner;
    }
    return nullptr;
}

} // namespace

Json testStateMachine(const Json &definition, const std::string &stateName)
{
    Json state = definition;
    const std::string type = state.value("Type", Json("")).is_string()
                                 ? state["Type"].get<std::string>()
                                 : std::string();
    state.erase("Next");
    if (type != "Choice" && type != "Succeed" && type != "Fail")
        state["End"] = true;
    // The states it may go to stand in as Succeed states: the run ends there.
    Json states = Json::object();
    states[stateName] = state;
    if (type == "Choice") {
        for (const Json &rule : state.value("Choices", Json::array()))
            if (rule.is_object())
                addTarget(states, rule.value("Next", Json()));
        addTarget(states, state.value("Default", Json()));
    }
    for (const Json &catcher : state.value("Catch", Json::array()))
        if (catcher.is_object())
            addTarget(states, catcher.value("Next", Json()));
    return {{"StartAt", stateName}, {"States", states}};
}

std::optional<Json> findTestedState(const Json &machine, const std::string &name)
{
    const Json *state = machine.is_object() ? findState(machine, name) : nullptr;
    if (!state)
        return std::nullopt;
    Json out = *state;
    // States inherit the machine's query language.
    if (out.is_object() && !out.contains("QueryLanguage") && machine.contains("QueryLanguage"))
        out["QueryLanguage"] = machine["QueryLanguage"];
    return out;
}

Model::Result<TestStateResult> testState(const TestStateRequest &request)
{
    try {
        return runTestState(request);
    } catch (const std::exception &e) {
        return Model::Error{std::string("Invalid state definition: ") + e.what(), {}};
    }
}

namespace {

// AWS's inspection data for the state's type and query language, from the engine's stages.
Json inspectionData(const Json &stage, const Json &state, const std::string &type, bool jsonata)
{
    Json out = Json::object();
    auto copy = [&](const char *key, const char *from) {
        if (stage.contains(from))
            out[key] = stage.at(from);
    };
    copy("input", "input");
    const bool container = type == "Parallel" || type == "Map";
    if (type == "Map") {
        copy("maxConcurrency", "maxConcurrency");
        copy("toleratedFailureCount", "toleratedFailureCount");
        copy("toleratedFailurePercentage", "toleratedFailurePercentage");
    }
    if (jsonata) {
        // JSONata: the input, what Arguments built and the task's result.
        if (type == "Task") {
            copy("afterArguments", "afterArguments");
            copy("result", "result");
        }
    } else {
        const bool processesResult = type == "Pass" || type == "Task" || container;
        if (type == "Pass" && state.contains("Result")) {
            copy("result", "result");
        } else if (!container) {
            // A Fail state has no InputPath; AWS reports its input there all the same.
            copy("afterInputPath", stage.contains("afterInputPath") ? "afterInputPath" : "input");
            if (processesResult) {
                copy("afterParameters",
                     stage.contains("afterParameters") ? "afterParameters" : "afterInputPath");
                if (type != "Pass")
                    copy("result", "result");
            }
        }
        if (processesResult && stage.contains("result")) {
            copy("afterResultSelector",
                 stage.contains("afterResultSelector") ? "afterResultSelector" : "result");
            copy("afterResultPath", "afterResultPath");
        }
    }
    // What Retry or Catch did with an error (AWS gives neither the error nor the cause here).
    if (auto it = stage.find("errorDetails"); it != stage.end() && it->is_object()) {
        Json details = Json::object();
        for (const char *key : {"catchIndex", "retryBackoffIntervalSeconds", "retryIndex"})
            if (it->contains(key))
                details[key] = it->at(key);
        if (!details.empty())
            out["errorDetails"] = details;
    }
    return out;
}

Model::Result<TestStateResult> runTestState(const TestStateRequest &request)
{
    if (!request.definition.is_object())
        return Model::Error{"The state definition must be an object.", {}};
    const Json &state = request.definition;
    const std::string type = state.value("Type", Json("")).is_string()
                                 ? state["Type"].get<std::string>()
                                 : std::string();
    std::string next;
    if (auto it = state.find("Next"); it != state.end() && it->is_string())
        next = it->get<std::string>();
    const Json machineJson = testStateMachine(state, request.stateName);
    auto machine = CompiledMachine::compile(machineJson);
    if (!machine)
        return machine.error();

    ExecutionOptions options;
    options.recordStages = true;
    options.contextObject = request.context;
    options.variables = request.variables;
    options.stateMachineArn = request.stateMachineArn;
    options.roleArn = request.roleArn;
    TestStateRun run;
    run.retrierRetryCount = request.retrierRetryCount;
    run.mapIterationFailureCount = request.mapIterationFailureCount;
    run.mapItemReaderData = request.mapItemReaderData;
    if (type == "Map" || type == "Parallel") {
        run.containerResult = request.mockResult;
        run.containerFailure = request.mockError;
    }
    options.testState = std::move(run);
    Execution execution(machine.value(), request.input, options);
    execution.addTaskExecutor(std::make_shared<MockedTask>(request));
    execution.run();

    TestStateResult result;
    const Json stage
        = execution.stages().empty() ? Json::object() : execution.stages().front().data;
    const Json details = stage.value("errorDetails", Json::object());
    if (execution.status() == ExecutionStatus::Succeeded) {
        result.status = details.contains("catchIndex") ? "CAUGHT_ERROR" : "SUCCEEDED";
        result.output = execution.output();
        if (details.contains("catchIndex")) {
            result.error = details.value("error", "");
            result.cause = details.value("cause", "");
        }
    } else {
        result.status = details.contains("retryBackoffIntervalSeconds") ? "RETRIABLE" : "FAILED";
        if (execution.hasError())
            result.error = execution.failure().error;
        if (execution.hasCause())
            result.cause = execution.failure().cause;
    }
    for (const HistoryEvent &event : execution.history()) {
        const std::string name = event.stateName();
        if (isStateEntered(event.type) && name != request.stateName)
            result.nextState = name;
    }
    if (result.nextState.empty() && result.status == "SUCCEEDED")
        result.nextState = next;
    if (execution.stages().empty())
        return result;
    const bool jsonata
        = machine.value()->state(machine.value()->findState(request.stateName)).jsonata != nullptr;
    result.inspectionData = inspectionData(stage, state, type, jsonata);
    return result;
}

} // namespace

} // namespace Stepwise::Sim
