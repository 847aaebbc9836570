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

} // namespace

Model::Result<TestStateResult> testState(const TestStateRequest &request)
{
    try {
        return runTestState(request);
    } catch (const std::exception &e) {
        return Model::Error{std::string("Invalid state definition: ") + e.what(), {}};
    }
}

namespace {

Model::Result<TestStateResult> runTestState(const TestStateRequest &request)
{
    if (!request.definition.is_object())
        return Model::Error{"The state definition must be an object.", {}};
    Json state = request.definition;
    std::string next;
    const std::string type = state.value("Type", Json("")).is_string()
                                 ? state["Type"].get<std::string>()
                                 : std::string();
    if (auto it = state.find("Next"); it != state.end() && it->is_string()) {
        next = it->get<std::string>();
        state.erase("Next");
    }
    if (type != "Choice" && type != "Succeed" && type != "Fail")
        state["End"] = true;
    Json states = Json::object();
    states[request.stateName] = state;
    if (type == "Choice") {
        for (const Json &rule : state.value("Choices", Json::array()))
            addTarget(states, rule.value("Next", Json()));
        addTarget(states, state.value("Default", Json()));
    }
    for (const Json &catcher : state.value("Catch", Json::array()))
        addTarget(states, catcher.value("Next", Json()));
    const Json machineJson = {{"StartAt", request.stateName}, {"States", states}};
    auto machine = CompiledMachine::compile(machineJson);
    if (!machine)
        return machine.error();

    ExecutionOptions options;
    options.recordStages = true;
    options.contextObject = request.context;
    options.variables = request.variables;
    Execution execution(machine.value(), request.input, options);
    execution.addTaskExecutor(std::make_shared<MockedTask>(request));
    execution.run();

    TestStateResult result;
    if (execution.status() == ExecutionStatus::Succeeded) {
        result.status = "SUCCEEDED";
        result.output = execution.output();
    } else {
        result.status = "FAILED";
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
    if (result.nextState.empty())
        result.nextState = next;
    if (execution.stages().empty())
        return result;

    // AWS's inspection data per state type.
    const Json &stage = execution.stages().front().data;
    Json &out = result.inspectionData;
    auto copy = [&](const char *key, const char *from) {
        if (stage.contains(from))
            out[key] = stage.at(from);
    };
    copy("input", "input");
    if (machine.value()->state(machine.value()->findState(request.stateName)).jsonata) {
        // JSONata: the input, what Arguments built and the task's result.
        copy("afterArguments", "afterArguments");
        if (type == "Task")
            copy("result", "result");
        return result;
    }
    const bool processesResult
        = type == "Pass" || type == "Task" || type == "Parallel" || type == "Map";
    if (type == "Pass" && state.contains("Result")) {
        copy("result", "result");
    } else {
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
    return result;
}

} // namespace

} // namespace Stepwise::Sim
