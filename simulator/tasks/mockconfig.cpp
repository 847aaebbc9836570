#include "simulator/tasks/mockconfig.h"

#include <charconv>

namespace Stepwise::Sim {

using Model::Json;

namespace {

Model::Error mockError(const std::string &message, const std::string &pointer = {})
{
    Model::Error error;
    error.message = message;
    error.location.pointer = pointer;
    return error;
}

bool parseInt(std::string_view text, int &out)
{
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && out >= 0;
}

} // namespace

Model::Result<MockConfig> MockConfig::fromJson(const Json &config)
{
    if (!config.is_object())
        return mockError("The mock configuration must be a JSON object.");
    MockConfig result;
    if (auto machines = config.find("StateMachines"); machines != config.end()) {
        if (!machines->is_object())
            return mockError("StateMachines must be an object.", "/StateMachines");
        result.m_machines = *machines;
    }
    auto responses = config.find("MockedResponses");
    if (responses == config.end() || !responses->is_object())
        return mockError("MockedResponses must be an object.", "/MockedResponses");
    for (auto mock = responses->begin(); mock != responses->end(); ++mock) {
        const std::string at = "/MockedResponses/" + mock.key();
        if (!mock->is_object())
            return mockError("A mocked response must be an object.", at);
        std::vector<Range> ranges;
        for (auto entry = mock->begin(); entry != mock->end(); ++entry) {
            Range range;
            const std::string &key = entry.key();
            auto dash = key.find('-');
            bool ok = dash == std::string::npos
                          ? parseInt(key, range.first)
                          : parseInt(std::string_view(key).substr(0, dash), range.first)
                                && parseInt(std::string_view(key).substr(dash + 1), range.last);
            if (dash == std::string::npos)
                range.last = range.first;
            if (!ok || range.last < range.first)
                return mockError("Invocation keys are \"N\" or \"N-M\"; got \"" + key + "\".",
                                 at + "/" + key);
            const Json &body = entry.value();
            if (body.is_object() && body.contains("Return")) {
                range.response.succeeded = true;
                range.response.output = body.at("Return");
            } else if (body.is_object() && body.contains("Throw")) {
                const Json &thrown = body.at("Throw");
                range.response.succeeded = false;
                if (thrown.is_object()) {
                    if (auto e = thrown.find("Error"); e != thrown.end() && e->is_string())
                        range.response.failure.error = e->get<std::string>();
                    if (auto c = thrown.find("Cause"); c != thrown.end())
                        range.response.failure.cause
                            = c->is_string() ? c->get<std::string>() : c->dump();
                }
            } else {
                return mockError("A mocked response holds Return or Throw.", at + "/" + key);
            }
            ranges.push_back(std::move(range));
        }
        result.m_responses[mock.key()] = std::move(ranges);
    }
    return result;
}

Model::Result<bool> MockConfig::selectTestCase(const std::string &stateMachine,
                                               const std::string &testCase)
{
    auto machine = m_machines.find(stateMachine);
    if (machine == m_machines.end())
        return mockError("The mock file has no state machine named '" + stateMachine + "'.");
    auto cases = machine->find("TestCases");
    if (cases == machine->end() || !cases->is_object() || !cases->contains(testCase))
        return mockError("State machine '" + stateMachine + "' has no test case '" + testCase
                         + "'.");
    m_stateToMock.clear();
    const Json &mapping = cases->at(testCase);
    for (auto it = mapping.begin(); it != mapping.end(); ++it) {
        if (!it->is_string())
            return mockError("Test case '" + testCase + "' maps state '" + it.key()
                             + "' to a non-string.");
        if (!m_responses.count(it->get<std::string>()))
            return mockError("Test case '" + testCase + "' names the mocked response '"
                             + it->get<std::string>() + "', which MockedResponses lacks.");
        m_stateToMock[it.key()] = it->get<std::string>();
    }
    return true;
}

Model::Result<bool> MockConfig::selectTestCase(const std::string &testCase)
{
    for (auto machine = m_machines.begin(); machine != m_machines.end(); ++machine) {
        auto cases = machine->find("TestCases");
        if (cases != machine->end() && cases->is_object() && cases->contains(testCase))
            return selectTestCase(machine.key(), testCase);
    }
    return mockError("No state machine in the mock file has a test case '" + testCase + "'.");
}

bool MockConfig::hasMock(const std::string &stateName) const
{
    return m_stateToMock.count(stateName) > 0;
}

std::optional<TaskResponse> MockConfig::response(const std::string &stateName, int invocation) const
{
    auto mock = m_stateToMock.find(stateName);
    if (mock == m_stateToMock.end())
        return std::nullopt;
    auto ranges = m_responses.find(mock->second);
    if (ranges == m_responses.end())
        return std::nullopt;
    for (const Range &range : ranges->second) {
        if (invocation >= range.first && invocation <= range.last)
            return range.response;
    }
    return std::nullopt;
}

std::optional<TaskResponse> MockTaskExecutor::invoke(const TaskRequest &request)
{
    if (!m_config.hasMock(request.stateName))
        return std::nullopt;
    const int call = request.invocation;
    auto response = m_config.response(request.stateName, call);
    if (!response) {
        TaskResponse missing;
        missing.succeeded = false;
        missing.failure = {"States.Runtime", "The mocked responses of state '" + request.stateName
                                                 + "' have no entry for invocation "
                                                 + std::to_string(call) + "."};
        return missing;
    }
    return response;
}

} // namespace Stepwise::Sim
