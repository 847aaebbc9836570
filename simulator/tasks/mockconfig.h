#pragma once

#include "model/json/json.h"
#include "model/result.h"
#include "simulator/tasks/taskexecutor.h"

#include <map>
#include <string>
#include <vector>

namespace Stepwise::Sim {

// AWS Step Functions Local's MockConfigFile, unchanged:
//   {"StateMachines": {SM: {"TestCases": {CASE: {STATE: MOCK}}}},
//    "MockedResponses": {MOCK: {"0": {"Return": ...}, "1-2": {"Throw": {"Error", "Cause"}}}}}
// Each state's invocations are counted from 0 (retries included); the key whose number or
// range holds the count answers.
class MockConfig
{
  public:
    static Model::Result<MockConfig> fromJson(const Model::Json &config);

    // The mocks one test case of one state machine uses; fails naming what is missing.
    Model::Result<bool> selectTestCase(const std::string &stateMachine,
                                       const std::string &testCase);
    // Picks the test case by name across every state machine in the file (the CLI's form
    // when the machine name is not known or does not match).
    Model::Result<bool> selectTestCase(const std::string &testCase);

    bool hasMock(const std::string &stateName) const;
    // The response for the state's `invocation`-th call, or nullopt past the last range.
    std::optional<TaskResponse> response(const std::string &stateName, int invocation) const;

  private:
    struct Range
    {
        int first = 0;
        int last = 0;
        TaskResponse response;
    };
    std::map<std::string, std::vector<Range>> m_responses; // by mock name
    Model::Json m_machines;
    std::map<std::string, std::string> m_stateToMock;
};

// Answers Task states from a MockConfig by the request's invocation count.
class MockTaskExecutor : public TaskExecutor
{
  public:
    explicit MockTaskExecutor(MockConfig config)
        : m_config(std::move(config))
    {}
    std::optional<TaskResponse> invoke(const TaskRequest &request) override;

  private:
    MockConfig m_config;
};

} // namespace Stepwise::Sim
