#pragma once

#include "model/validation/diagnostic.h"
#include "simulator/api/apierror.h"
#include "simulator/api/executionrunner.h"
#include "simulator/api/records.h"
#include "simulator/api/scheduler.h"
#include "simulator/api/servicemodels.h"
#include "simulator/api/store.h"
#include "simulator/engine/compiledmachine.h"

#include <QThreadPool>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace Stepwise::Sim {
class MockConfig;
}

namespace Stepwise::Api {

class RequestReader;

struct ServiceOptions
{
    std::string region = "us-east-1";
    std::string account = "123456789012";
    RunClock clock;
    int workers = 0; // 0: one per core
    // A MockConfigFile: StartExecution on "STATE_MACHINE_ARN#TestCase" runs with that case.
    std::string mocksFile;
    std::string s3Dir;            // a folder standing in for S3 (distributed Map ItemReader)
    int activityPollSeconds = 60; // GetActivityTask's long poll, as AWS
    // AWS's service models (botocore layout): TestState checks mocked results against them.
    std::string serviceModelsDir = ServiceModels::defaultDirectory();
};

// The Step Functions service behind the endpoint: every operation of AWS's API on state
// machines, versions, aliases, tags, executions, histories, task tokens, activities and map
// runs, with AWS's validation and error names. Operations may be called from any thread;
// `done` is called exactly once, possibly later and on another thread (StartSyncExecution,
// GetActivityTask's long poll).
class Service
{
  public:
    using Done = std::function<void(ApiReply)>;

    Service(ServiceOptions options, std::unique_ptr<Store> store);
    ~Service();
    Service(const Service &) = delete;
    Service &operator=(const Service &) = delete;

    // Loads what the store holds; executions that were running when the server went down are
    // marked ABORTED (see README). Returns a line saying what was loaded.
    std::string recover();
    // Fails with the file's error when the mocks file cannot be read.
    std::optional<std::string> loadMocks();
    // A line saying whether the service models TestState checks mocks against were found.
    std::string serviceModelsStatus();

    bool knowsOperation(const std::string &operation) const;
    void handle(const std::string &operation, const Model::Json &input, Done done);
    // Stops stepping executions; those still running stay RUNNING in the store.
    void shutdown();

    std::size_t runningExecutions() const;

  private:
    using Operation = ApiReply (Service::*)(const Model::Json &);
    static const std::map<std::string, Operation> &operations();

    // statemachineops.cpp
    ApiReply createStateMachine(const Model::Json &input);
    ApiReply describeStateMachine(const Model::Json &input);
    ApiReply listStateMachines(const Model::Json &input);
    ApiReply updateStateMachine(const Model::Json &input);
    ApiReply deleteStateMachine(const Model::Json &input);
    ApiReply describeStateMachineForExecution(const Model::Json &input);
    // executionops.cpp
    ApiReply startExecution(const Model::Json &input);
    void startSyncExecution(const Model::Json &input, Done done);
    ApiReply describeExecution(const Model::Json &input);
    ApiReply listExecutions(const Model::Json &input);
    ApiReply stopExecution(const Model::Json &input);
    ApiReply redriveExecution(const Model::Json &input);
    // historyops.cpp
    ApiReply getExecutionHistory(const Model::Json &input);
    // versionops.cpp
    ApiReply publishStateMachineVersion(const Model::Json &input);
    ApiReply listStateMachineVersions(const Model::Json &input);
    ApiReply deleteStateMachineVersion(const Model::Json &input);
    ApiReply createStateMachineAlias(const Model::Json &input);
    ApiReply describeStateMachineAlias(const Model::Json &input);
    ApiReply listStateMachineAliases(const Model::Json &input);
    ApiReply updateStateMachineAlias(const Model::Json &input);
    ApiReply deleteStateMachineAlias(const Model::Json &input);
    std::optional<ApiError> checkRouting(const Model::Json &routing, const std::string &machineArn);
    // tagops.cpp
    ApiReply tagResource(const Model::Json &input);
    ApiReply untagResource(const Model::Json &input);
    ApiReply listTagsForResource(const Model::Json &input);
    std::optional<ApiError> checkTaggable(const std::string &arn) const;
    // taskops.cpp
    ApiReply sendTaskSuccess(const Model::Json &input);
    ApiReply sendTaskFailure(const Model::Json &input);
    ApiReply sendTaskHeartbeat(const Model::Json &input);
    std::variant<std::shared_ptr<ExecutionRunner>, ApiError> tokenOwner(const std::string &token);
    // activityops.cpp
    ApiReply createActivity(const Model::Json &input);
    ApiReply describeActivity(const Model::Json &input);
    ApiReply listActivities(const Model::Json &input);
    ApiReply deleteActivity(const Model::Json &input);
    void getActivityTask(const Model::Json &input, Done done);
    // validateops.cpp
    ApiReply validateStateMachineDefinition(const Model::Json &input);
    std::vector<Model::Diagnostic> diagnose(const std::string &definition,
                                            const std::string &type) const;
    // maprunops.cpp
    ApiReply describeMapRun(const Model::Json &input);
    ApiReply listMapRuns(const Model::Json &input);
    ApiReply updateMapRun(const Model::Json &input);
    std::optional<std::pair<ExecutionRecord, Model::Json>> findMapRun(const std::string &arn);
    Model::Json executionEvents(const std::string &executionArn);
    // teststateops.cpp
    ApiReply testState(const Model::Json &input);

    struct Started
    {
        std::shared_ptr<ExecutionRunner> runner;
        ExecutionRecord record;
    };
    std::variant<Started, ApiError> launch(const Model::Json &input, bool sync);
    // The engine's execution for `record` (its mocks' test case, its options); a redrive
    // continues from `redrive`.
    std::variant<std::unique_ptr<Sim::Execution>, ApiError>
    newExecution(const ExecutionRecord &record, std::shared_ptr<const Sim::CompiledMachine> machine,
                 Model::Json input, std::optional<Sim::Redrive> redrive);
    // Why RedriveExecution refuses the execution (AWS's redriveStatusReason); none: it may.
    std::optional<std::string> redriveRefusal(const ExecutionRecord &record);
    std::variant<StateMachineRecord, ApiError> resolveMachine(const std::string &arn,
                                                              std::string &aliasArn);
    std::optional<ApiError> checkArn(const std::string &arn, const char *resourceType) const;
    std::optional<ApiError> checkDefinition(const std::string &definition,
                                            const std::string &type) const;
    std::variant<std::shared_ptr<const Sim::CompiledMachine>, ApiError>
    compiled(const StateMachineRecord &machine);
    void executionFinished(const std::shared_ptr<ExecutionRunner> &runner);
    std::optional<ExecutionRecord> findExecution(const std::string &arn,
                                                 std::shared_ptr<ExecutionRunner> *runner);
    std::string arnFor(const std::string &resourceType, const std::string &name,
                       const std::string &qualifier = {}) const;
    std::string newRevisionId();

    ServiceOptions m_options;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Sim::MockConfig> m_mocks;
    std::unique_ptr<ServiceModels> m_serviceModels;
    QThreadPool m_pool;
    Scheduler m_scheduler;

    mutable std::mutex m_mutex;
    std::map<std::string, StateMachineRecord> m_machines; // machines and versions by ARN
    std::map<std::string, std::shared_ptr<const Sim::CompiledMachine>> m_compiled;
    std::map<std::string, AliasRecord> m_aliases;
    std::map<std::string, ActivityRecord> m_activities;
    std::map<std::string, Model::Json> m_tags; // ARN -> {key: value}
    std::map<std::string, ExecutionRecord> m_executions;
    std::map<std::string, std::shared_ptr<ExecutionRunner>> m_running;
    std::map<std::string, std::vector<std::string>> m_executionsByMachine; // oldest first
    std::vector<std::string> m_executionOrder;                             // oldest first
    std::map<std::string, Model::Json> m_mapRunSettings;                   // UpdateMapRun's values
    std::map<std::string, std::string> m_tokenOwners; // task token prefix -> execution ARN
    std::uint64_t m_counter = 0;
    bool m_shuttingDown = false;
};

} // namespace Stepwise::Api
