#include "simulator/api/service.h"

#include "simulator/api/arn.h"
#include "simulator/tasks/mockconfig.h"

#include "model/json/jsonreader.h"

#include <QUuid>

namespace Stepwise::Api {

using Model::Json;

Service::Service(ServiceOptions options, std::unique_ptr<Store> store)
    : m_options(std::move(options))
    , m_store(std::move(store))
    , m_serviceModels(std::make_unique<ServiceModels>(m_options.serviceModelsDir))
{
    if (m_options.workers > 0)
        m_pool.setMaxThreadCount(m_options.workers);
    if (m_options.clock.scale <= 0)
        m_options.clock.scale = 1.0;
}

Service::~Service()
{
    shutdown();
}

const std::map<std::string, Service::Operation> &Service::operations()
{
    static const std::map<std::string, Operation> table = {
        {"CreateStateMachine", &Service::createStateMachine},
        {"DescribeStateMachine", &Service::describeStateMachine},
        {"ListStateMachines", &Service::listStateMachines},
        {"UpdateStateMachine", &Service::updateStateMachine},
        {"DeleteStateMachine", &Service::deleteStateMachine},
        {"DescribeStateMachineForExecution", &Service::describeStateMachineForExecution},
        {"StartExecution", &Service::startExecution},
        {"DescribeExecution", &Service::describeExecution},
        {"ListExecutions", &Service::listExecutions},
        {"StopExecution", &Service::stopExecution},
        {"RedriveExecution", &Service::redriveExecution},
        {"GetExecutionHistory", &Service::getExecutionHistory},
        {"PublishStateMachineVersion", &Service::publishStateMachineVersion},
        {"ListStateMachineVersions", &Service::listStateMachineVersions},
        {"DeleteStateMachineVersion", &Service::deleteStateMachineVersion},
        {"CreateStateMachineAlias", &Service::createStateMachineAlias},
        {"DescribeStateMachineAlias", &Service::describeStateMachineAlias},
        {"ListStateMachineAliases", &Service::listStateMachineAliases},
        {"UpdateStateMachineAlias", &Service::updateStateMachineAlias},
        {"DeleteStateMachineAlias", &Service::deleteStateMachineAlias},
        {"TagResource", &Service::tagResource},
        {"UntagResource", &Service::untagResource},
        {"ListTagsForResource", &Service::listTagsForResource},
        {"SendTaskSuccess", &Service::sendTaskSuccess},
        {"SendTaskFailure", &Service::sendTaskFailure},
        {"SendTaskHeartbeat", &Service::sendTaskHeartbeat},
        {"CreateActivity", &Service::createActivity},
        {"DescribeActivity", &Service::describeActivity},
        {"ListActivities", &Service::listActivities},
        {"DeleteActivity", &Service::deleteActivity},
        {"ValidateStateMachineDefinition", &Service::validateStateMachineDefinition},
        {"TestState", &Service::testState},
        {"DescribeMapRun", &Service::describeMapRun},
        {"ListMapRuns", &Service::listMapRuns},
        {"UpdateMapRun", &Service::updateMapRun},
    };
    return table;
}

bool Service::knowsOperation(const std::string &operation) const
{
    return operations().count(operation) || operation == "StartSyncExecution"
           || operation == "GetActivityTask";
}

void Service::handle(const std::string &operation, const Json &input, Done done)
{
    if (operation == "StartSyncExecution") {
        startSyncExecution(input, std::move(done));
        return;
    }
    if (operation == "GetActivityTask") {
        getActivityTask(input, std::move(done));
        return;
    }
    auto it = operations().find(operation);
    if (it == operations().end()) {
        done(ApiError{"UnknownOperationException", "Unknown operation " + operation});
        return;
    }
    ApiReply reply = Json::object();
    try {
        reply = (this->*(it->second))(input);
    } catch (const std::exception &e) {
        // A request must never take the server down: a JSON shape no check foresaw ends here.
        reply = ApiError{"InternalFailure", std::string("Unexpected input: ") + e.what(), 500};
    }
    done(std::move(reply));
}

std::optional<std::string> Service::loadMocks()
{
    if (m_options.mocksFile.empty())
        return std::nullopt;
    auto parsed = Model::readJsonFile(m_options.mocksFile, {false});
    if (!parsed)
        return parsed.error().toString();
    auto config = Sim::MockConfig::fromJson(parsed->value);
    if (!config)
        return m_options.mocksFile + ": " + config.error().toString();
    m_mocks = std::make_unique<Sim::MockConfig>(std::move(*config));
    return std::nullopt;
}

std::string Service::serviceModelsStatus()
{
    const std::size_t count = m_serviceModels->serviceCount();
    if (count == 0) {
        return "TestState: no AWS service models in " + m_serviceModels->directory()
               + ", so mocked results are not checked against API shapes (--service-models DIR)";
    }
    return "TestState: mocked results checked against " + std::to_string(count)
           + " AWS service models in " + m_serviceModels->directory();
}

std::string Service::recover()
{
    std::size_t machines = 0, finished = 0, interrupted = 0;
    const std::int64_t now = wallMillis();
    std::lock_guard lock(m_mutex);
    for (Store::Row &row : m_store->loadAll()) {
        if (row.kind == "stateMachine" || row.kind == "version") {
            StateMachineRecord machine = StateMachineRecord::fromJson(row.body);
            m_machines[machine.arn] = std::move(machine);
            ++machines;
        } else if (row.kind == "alias") {
            AliasRecord alias = AliasRecord::fromJson(row.body);
            m_aliases[alias.arn] = std::move(alias);
        } else if (row.kind == "activity") {
            ActivityRecord activity = ActivityRecord::fromJson(row.body);
            m_activities[activity.arn] = std::move(activity);
        } else if (row.kind == "tags") {
            m_tags[row.body.value("arn", "")] = row.body.value("tags", Json::object());
        } else if (row.kind == "execution") {
            ExecutionRecord record = ExecutionRecord::fromJson(row.body);
            if (record.status == "RUNNING") {
                // Its process is gone and its engine state with it: record it as stopped, the
                // way StopExecution would, so callers see it ended and can start it again.
                Json events = m_store->history(record.arn).value_or(Json::array());
                if (events.empty()) {
                    events.push_back({{"timestamp", epochSeconds(record.startMillis)},
                                      {"type", "ExecutionStarted"},
                                      {"id", 1},
                                      {"previousEventId", 0},
                                      {"executionStartedEventDetails",
                                       {{"input", record.input},
                                        {"inputDetails", {{"truncated", false}}},
                                        {"roleArn", record.roleArn}}}});
                }
                const std::int64_t last = events.back().value("id", std::int64_t(0));
                record.status = "ABORTED";
                record.error = "States.Runtime";
                record.cause = "The endpoint stopped while this execution was running; "
                               "executions are not resumed after a restart.";
                record.stopMillis = now;
                events.push_back({{"timestamp", epochSeconds(now)},
                                  {"type", "ExecutionAborted"},
                                  {"id", last + 1},
                                  {"previousEventId", last},
                                  {"executionAbortedEventDetails",
                                   {{"error", *record.error}, {"cause", *record.cause}}}});
                m_store->finishExecution(record.arn, record.toJson(), events);
                ++interrupted;
            } else {
                ++finished;
            }
            m_executionsByMachine[record.machineArn].push_back(record.arn);
            m_executionOrder.push_back(record.arn);
            m_executions[record.arn] = std::move(record);
        }
    }
    return "loaded " + std::to_string(machines) + " state machines and versions, "
           + std::to_string(finished) + " finished executions; " + std::to_string(interrupted)
           + " interrupted executions marked ABORTED";
}

void Service::shutdown()
{
    std::vector<std::shared_ptr<ExecutionRunner>> running;
    {
        std::lock_guard lock(m_mutex);
        if (m_shuttingDown)
            return;
        m_shuttingDown = true;
        for (auto &[arn, runner] : m_running)
            running.push_back(runner);
    }
    for (auto &runner : running)
        runner->shutdown();
    m_scheduler.stop();
    m_pool.waitForDone();
    // A clean stop keeps what the unfinished executions did so far; the next start ends them
    // ABORTED after these events.
    for (auto &runner : running)
        if (!runner->finished())
            m_store->finishExecution(runner->record().arn, runner->record().toJson(),
                                     runner->events());
}

std::size_t Service::runningExecutions() const
{
    std::lock_guard lock(m_mutex);
    return m_running.size();
}

std::string Service::arnFor(const std::string &resourceType, const std::string &name,
                            const std::string &qualifier) const
{
    Arn arn;
    arn.region = m_options.region;
    arn.account = m_options.account;
    arn.resourceType = resourceType;
    arn.name = name;
    arn.qualifier = qualifier;
    return arn.toString();
}

std::string Service::newRevisionId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
}

std::optional<ApiError> Service::checkArn(const std::string &text, const char *resourceType) const
{
    auto arn = Arn::parse(text);
    if (!arn)
        return ApiError{"InvalidArn", "Invalid Arn: '" + text + "'"};
    if (resourceType && arn->resourceType != resourceType) {
        return ApiError{"InvalidArn",
                        "Invalid Arn: 'Resource type not valid in this context: " + text + "'"};
    }
    return std::nullopt;
}

} // namespace Stepwise::Api
