// StartExecution, StartSyncExecution, DescribeExecution, ListExecutions, StopExecution,
// RedriveExecution.
#include "simulator/api/arn.h"
#include "simulator/api/paging.h"
#include "simulator/api/requestreader.h"
#include "simulator/api/service.h"

#include "model/json/jsonreader.h"
#include "simulator/tasks/mockconfig.h"
#include "simulator/tasks/snsemulator.h"
#include "simulator/tasks/sqsemulator.h"

#include <QRandomGenerator>
#include <QUuid>

#include <algorithm>
#include <thread>

namespace Stepwise::Api {

using Model::Json;

namespace {

Json describe(const ExecutionRecord &r, bool withData, const std::optional<std::string> &refusal)
{
    Json out = {{"executionArn", r.arn},
                {"stateMachineArn", r.versionArn.empty() ? r.machineArn : r.versionArn},
                {"name", r.name},
                {"status", r.status},
                {"startDate", epochSeconds(r.startMillis)}};
    if (r.status != "RUNNING")
        out["stopDate"] = epochSeconds(r.stopMillis);
    if (withData) {
        out["input"] = r.input;
        out["inputDetails"] = {{"included", true}};
        if (r.output) {
            out["output"] = *r.output;
            out["outputDetails"] = {{"included", true}};
        }
    }
    if (r.error)
        out["error"] = *r.error;
    if (r.cause)
        out["cause"] = *r.cause;
    if (!r.traceHeader.empty())
        out["traceHeader"] = r.traceHeader;
    if (!r.versionArn.empty())
        out["stateMachineVersionArn"] = r.versionArn;
    if (!r.aliasArn.empty())
        out["stateMachineAliasArn"] = r.aliasArn;
    if (r.redriveCount > 0) {
        out["redriveCount"] = r.redriveCount;
        out["redriveDate"] = epochSeconds(r.redriveMillis);
    }
    if (r.type == "STANDARD") {
        out["redriveCount"] = r.redriveCount;
        out["redriveStatus"] = refusal ? "NOT_REDRIVABLE" : "REDRIVABLE";
        if (refusal)
            out["redriveStatusReason"] = *refusal;
    }
    return out;
}

// How long after its end an execution may be redriven, and how long after its start.
constexpr std::int64_t redrivableMillis = 14LL * 24 * 3600 * 1000;
constexpr std::int64_t maxExecutionMillis = 365LL * 24 * 3600 * 1000;

} // namespace

std::optional<std::string> Service::redriveRefusal(const ExecutionRecord &r)
{
    if (r.type == "EXPRESS")
        return "Execution is of type EXPRESS and cannot be redriven";
    if (r.status == "RUNNING" || r.status == "SUCCEEDED")
        return "Execution is " + r.status + " and cannot be redriven";
    {
        std::lock_guard lock(m_mutex);
        if (!m_machines.count(r.machineArn))
            return std::string("State machine is in DELETING status");
    }
    const std::int64_t now = wallMillis();
    if (now - r.stopMillis > redrivableMillis)
        return std::string("Execution redrivable period exceeded");
    if (now - r.startMillis > maxExecutionMillis)
        return std::string("Execution has exceeded the max execution time");
    if (r.error && *r.error == "States.Runtime" && r.cause
        && r.cause->find("maximum number of history events") != std::string::npos)
        return std::string("Execution history event limit exceeded");
    if (!Sim::RedrivePoint::fromJson(r.redrivePoint)) {
        // An execution cut short by a restart of the endpoint: its engine state is gone.
        return std::string("The endpoint stopped while this execution was running, so the "
                           "point to redrive it from is not known");
    }
    return std::nullopt;
}

std::variant<std::unique_ptr<Sim::Execution>, ApiError>
Service::newExecution(const ExecutionRecord &record,
                      std::shared_ptr<const Sim::CompiledMachine> machine, Json input,
                      std::optional<Sim::Redrive> redrive)
{
    std::shared_ptr<Sim::MockTaskExecutor> mocked;
    if (!record.testCase.empty()) {
        if (!m_mocks) {
            return validationError("The state machine ARN names test case '" + record.testCase
                                   + "', but the endpoint runs without --mocks");
        }
        Sim::MockConfig config = *m_mocks;
        auto selected = config.selectTestCase(Arn::parse(record.machineArn)->name, record.testCase);
        if (!selected)
            return validationError(selected.error().message);
        mocked = std::make_shared<Sim::MockTaskExecutor>(std::move(config));
    }
    Sim::ExecutionOptions options;
    options.stateMachineArn = record.machineArn;
    options.executionName = record.name;
    options.roleArn = record.roleArn;
    options.seed = record.seed;
    options.startTimeMillis = redrive ? record.redriveMillis : record.startMillis;
    options.recordHistory = false;
    options.callbacksFromCaller = true;
    options.s3Root = m_options.s3Dir;
    if (record.type == "EXPRESS")
        options.maxHistoryEvents = 0;
    else
        options.redrivable = true;
    options.redrive = std::move(redrive);
    auto execution = std::make_unique<Sim::Execution>(std::move(machine), std::move(input),
                                                      std::move(options));
    if (mocked)
        execution->addTaskExecutor(std::move(mocked));
    execution->addTaskExecutor(std::make_shared<Sim::SnsEmulator>());
    execution->addTaskExecutor(std::make_shared<Sim::SqsEmulator>());
    return execution;
}

std::variant<Service::Started, ApiError> Service::launch(const Json &input, bool sync)
{
    RequestReader reader(input);
    std::string machineArn = reader.string("stateMachineArn", true, 1, 256);
    std::string name = reader.string("name", false, 1, 80);
    const std::string inputText
        = reader.has("input") ? reader.string("input", false, 0, 262144) : std::string("{}");
    const std::string traceHeader = reader.string("traceHeader", false, 0, 256);
    if (reader.error())
        return *reader.error();
    // Step Functions Local's form: "STATE_MACHINE_ARN#TestCase" picks a mocked test case.
    std::string testCase;
    if (auto hash = machineArn.find('#'); hash != std::string::npos) {
        testCase = machineArn.substr(hash + 1);
        machineArn.erase(hash);
    }
    if (reader.has("name") && !isValidName(name))
        return ApiError{"InvalidName", "Invalid Name: '" + name + "'"};
    auto parsedInput = Model::readJson(inputText, {false});
    if (!parsedInput) {
        return ApiError{"InvalidExecutionInput", "Invalid State Machine Execution Input: '"
                                                     + parsedInput.error().message + "'"};
    }
    std::string aliasArn;
    auto resolved = resolveMachine(machineArn, aliasArn);
    if (auto *error = std::get_if<ApiError>(&resolved))
        return *error;
    const StateMachineRecord &machine = std::get<StateMachineRecord>(resolved);
    if (sync && machine.type != "EXPRESS") {
        return ApiError{"StateMachineTypeNotSupported",
                        "This operation is not supported by this type of state machine"};
    }
    auto compiledMachine = compiled(machine);
    if (auto *error = std::get_if<ApiError>(&compiledMachine))
        return *error;

    const std::string baseArn = machine.machineArn.empty() ? machine.arn : machine.machineArn;
    const std::string machineName = Arn::parse(baseArn)->name;
    if (name.empty())
        name = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    ExecutionRecord record;
    record.name = name;
    record.type = machine.type;
    record.arn = machine.type == "EXPRESS" ? arnFor(
                     "express", machineName,
                     name + ":" + QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString())
                                           : arnFor("execution", machineName, name);
    record.machineArn = baseArn;
    if (machine.version > 0)
        record.versionArn = machine.arn;
    record.aliasArn = aliasArn;
    record.input = inputText;
    record.traceHeader = traceHeader;
    record.startMillis = wallMillis();
    record.seed = QRandomGenerator::global()->generate64();
    record.definition = machine.definition;
    record.roleArn = machine.roleArn;
    record.machineUpdateMillis = machine.updateMillis;
    record.revisionId = machine.revisionId;

    record.testCase = testCase;
    // Tokens unique across every execution this endpoint runs.
    const std::string tokenPrefix = QUuid::createUuid().toString(QUuid::Id128).toStdString() + "-";
    auto made = newExecution(record,
                             std::get<std::shared_ptr<const Sim::CompiledMachine>>(compiledMachine),
                             std::move(parsedInput->value), std::nullopt);
    if (auto *error = std::get_if<ApiError>(&made))
        return *error;
    auto execution = std::move(std::get<std::unique_ptr<Sim::Execution>>(made));

    std::lock_guard lock(m_mutex);
    if (m_shuttingDown)
        return ApiError{"ServiceUnavailable", "The endpoint is shutting down", 503};
    if (auto existing = m_executions.find(record.arn); existing != m_executions.end()) {
        // AWS: the same name and input while it still runs answers the first call again.
        auto running = m_running.find(record.arn);
        if (running != m_running.end() && existing->second.input == inputText && !sync)
            return Started{running->second, existing->second};
        return ApiError{"ExecutionAlreadyExists", "Execution Already Exists: '" + record.arn + "'"};
    }
    // Recorded before the caller hears of it: an acknowledged execution survives a crash.
    if (!m_store->put("execution", record.arn, record.toJson()))
        return ApiError{"InternalFailure", m_store->lastError(), 500};
    auto runner = std::make_shared<ExecutionRunner>(
        record, std::move(execution), m_options.clock, &m_pool, &m_scheduler,
        [this](const std::shared_ptr<ExecutionRunner> &done) { executionFinished(done); });
    m_executions[record.arn] = record;
    m_running[record.arn] = runner;
    m_executionsByMachine[record.machineArn].push_back(record.arn);
    m_executionOrder.push_back(record.arn);
    m_tokenOwners[tokenPrefix] = record.arn;
    runner->setTokenPrefix(tokenPrefix);
    runner->start();
    return Started{runner, record};
}

void Service::executionFinished(const std::shared_ptr<ExecutionRunner> &runner)
{
    const ExecutionRecord record = runner->record();
    m_store->finishExecution(record.arn, record.toJson(), runner->events());
    std::lock_guard lock(m_mutex);
    m_executions[record.arn] = record;
    m_running.erase(record.arn);
}

std::optional<ExecutionRecord> Service::findExecution(const std::string &arn,
                                                      std::shared_ptr<ExecutionRunner> *runner)
{
    std::shared_ptr<ExecutionRunner> live;
    {
        std::lock_guard lock(m_mutex);
        if (auto it = m_running.find(arn); it != m_running.end()) {
            live = it->second;
        } else if (auto done = m_executions.find(arn); done != m_executions.end()) {
            return done->second;
        } else {
            return std::nullopt;
        }
    }
    if (runner)
        *runner = live;
    return live->record();
}

ApiReply Service::startExecution(const Json &input)
{
    auto started = launch(input, false);
    if (auto *error = std::get_if<ApiError>(&started))
        return *error;
    const ExecutionRecord &record = std::get<Started>(started).record;
    return Json{{"executionArn", record.arn}, {"startDate", epochSeconds(record.startMillis)}};
}

void Service::startSyncExecution(const Json &input, Done done)
{
    auto started = launch(input, true);
    if (auto *error = std::get_if<ApiError>(&started)) {
        done(*error);
        return;
    }
    const bool withData = input.value("includedData", "ALL_DATA") != "METADATA_ONLY";
    auto runner = std::get<Started>(started).runner;
    std::weak_ptr<ExecutionRunner> weak = runner;
    runner->whenFinished([weak, done, withData] {
        auto self = weak.lock();
        if (!self)
            return;
        const ExecutionRecord r = self->record();
        Json out
            = {{"executionArn", r.arn},
               {"stateMachineArn", r.machineArn},
               {"name", r.name},
               {"startDate", epochSeconds(r.startMillis)},
               {"stopDate", epochSeconds(r.stopMillis)},
               {"status", r.status},
               {"billingDetails",
                {{"billedMemoryUsedInMB", 64},
                 {"billedDurationInMilliseconds",
                  std::max<std::int64_t>(100, (r.stopMillis - r.startMillis + 99) / 100 * 100)}}}};
        if (withData) {
            out["input"] = r.input;
            out["inputDetails"] = {{"included", true}};
            if (r.output) {
                out["output"] = *r.output;
                out["outputDetails"] = {{"included", true}};
            }
        }
        if (r.error)
            out["error"] = *r.error;
        if (r.cause)
            out["cause"] = *r.cause;
        if (!r.traceHeader.empty())
            out["traceHeader"] = r.traceHeader;
        done(out);
    });
}

ApiReply Service::describeExecution(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("executionArn", true, 1, 256);
    const std::string included = reader.enumeration("includedData", "ALL_DATA|METADATA_ONLY");
    if (reader.error())
        return *reader.error();
    if (auto error = checkArn(arn, nullptr))
        return *error;
    auto record = findExecution(arn, nullptr);
    if (!record)
        return ApiError{"ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'"};
    return describe(*record, included != "METADATA_ONLY", redriveRefusal(*record));
}

ApiReply Service::listExecutions(const Json &input)
{
    RequestReader reader(input);
    const std::string machineArn = reader.string("stateMachineArn", false, 1, 256);
    const std::string status
        = reader.enumeration("statusFilter", "RUNNING|SUCCEEDED|FAILED|TIMED_OUT|ABORTED|"
                                             "PENDING_REDRIVE");
    const std::string redrive = reader.enumeration("redriveFilter", "REDRIVEN|NOT_REDRIVEN");
    reader.integer("maxResults", 0, 1000);
    if (reader.error())
        return *reader.error();
    if (machineArn.empty() && !reader.has("mapRunArn"))
        return validationError("Must provide a StateMachine ARN or MapRun ARN");
    if (reader.has("mapRunArn"))
        return ApiError{"ResourceNotFound",
                        "Resource not found: '" + reader.member("mapRunArn").dump() + "'"};
    if (auto error = checkArn(machineArn, "stateMachine"))
        return *error;
    struct Candidate
    {
        std::string arn;
        std::string status;
        int redriveCount;
        std::shared_ptr<ExecutionRunner> runner;
    };
    std::vector<Candidate> candidates;
    {
        std::lock_guard lock(m_mutex);
        auto machine = m_machines.find(machineArn);
        auto alias = m_aliases.find(machineArn);
        if (machine == m_machines.end() && alias == m_aliases.end()
            && !m_executionsByMachine.count(machineArn)) {
            return ApiError{"StateMachineDoesNotExist",
                            "State Machine Does Not Exist: '" + machineArn + "'"};
        }
        const std::string base = Arn::parse(machineArn)->unqualified();
        const std::vector<std::string> &all = m_executionsByMachine[base];
        // Newest first, as AWS lists them.
        for (auto it = all.rbegin(); it != all.rend(); ++it) {
            const ExecutionRecord &r = m_executions[*it];
            if (base != machineArn && r.versionArn != machineArn && r.aliasArn != machineArn)
                continue;
            if (r.type == "EXPRESS")
                continue; // AWS lists Standard executions only
            auto running = m_running.find(*it);
            candidates.push_back({*it, r.status, r.redriveCount,
                                  running != m_running.end() ? running->second : nullptr});
        }
    }
    std::vector<std::string> arns;
    for (const Candidate &c : candidates) {
        // A runner that has just finished reports its final status before the service hears of
        // it; DescribeExecution already answers with it, so the list must agree.
        const std::string current = c.runner ? c.runner->record().status : c.status;
        if (!status.empty() && current != status)
            continue;
        if (redrive == "REDRIVEN" && c.redriveCount == 0)
            continue;
        if (redrive == "NOT_REDRIVEN" && c.redriveCount > 0)
            continue;
        arns.push_back(c.arn);
    }
    auto page = readPage(reader, arns.size());
    if (auto *error = std::get_if<ApiError>(&page))
        return *error;
    const Page &p = std::get<Page>(page);
    Json items = Json::array();
    for (std::size_t i = p.begin; i < p.end; ++i) {
        auto r = findExecution(arns[i], nullptr);
        if (!r)
            continue;
        Json item = {{"executionArn", r->arn},
                     {"stateMachineArn", r->machineArn},
                     {"name", r->name},
                     {"status", r->status},
                     {"startDate", epochSeconds(r->startMillis)}};
        if (r->status != "RUNNING")
            item["stopDate"] = epochSeconds(r->stopMillis);
        if (!r->versionArn.empty())
            item["stateMachineVersionArn"] = r->versionArn;
        if (!r->aliasArn.empty())
            item["stateMachineAliasArn"] = r->aliasArn;
        if (r->redriveCount > 0) {
            item["redriveCount"] = r->redriveCount;
            item["redriveDate"] = epochSeconds(r->redriveMillis);
        }
        items.push_back(std::move(item));
    }
    Json out = {{"executions", items}};
    if (p.nextToken)
        out["nextToken"] = *p.nextToken;
    return out;
}

ApiReply Service::stopExecution(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("executionArn", true, 1, 256);
    std::optional<std::string> error, cause;
    if (reader.has("error"))
        error = reader.string("error", false, 0, 256);
    if (reader.has("cause"))
        cause = reader.string("cause", false, 0, 32768);
    if (reader.error())
        return *reader.error();
    if (auto invalid = checkArn(arn, nullptr))
        return *invalid;
    std::shared_ptr<ExecutionRunner> runner;
    auto record = findExecution(arn, &runner);
    if (!record)
        return ApiError{"ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'"};
    if (runner && runner->stop(error, cause)) {
        // Answer once the abort is recorded, so DescribeExecution right after says ABORTED.
        for (int i = 0; i < 500 && !runner->finished(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    record = findExecution(arn, nullptr);
    return Json{
        {"stopDate", epochSeconds(record->stopMillis > 0 ? record->stopMillis : wallMillis())}};
}

ApiReply Service::redriveExecution(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("executionArn", true, 1, 256);
    reader.string("clientToken", false, 1, 64);
    if (reader.error())
        return *reader.error();
    if (auto invalid = checkArn(arn, nullptr))
        return *invalid;
    std::shared_ptr<ExecutionRunner> ended;
    auto record = findExecution(arn, &ended);
    // An execution that has just ended may still be handing its record and history to the
    // store (executionFinished): wait for that, so the redrive continues the stored history
    // and is not taken for one already running.
    for (int i = 0; ended && ended->finished() && i < 2500; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        ended.reset(); // findExecution names a runner only while it is still live
        record = findExecution(arn, &ended);
    }
    if (!record)
        return ApiError{"ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'"};
    if (auto refusal = redriveRefusal(*record))
        return ApiError{"ExecutionNotRedrivable", *refusal};
    auto point = Sim::RedrivePoint::fromJson(record->redrivePoint);
    // The definition this execution ran, whatever the machine became since (as AWS).
    StateMachineRecord ran;
    ran.arn = record->versionArn.empty() ? record->machineArn : record->versionArn;
    ran.revisionId = record->revisionId;
    ran.definition = record->definition;
    auto compiledMachine = compiled(ran);
    if (auto *error = std::get_if<ApiError>(&compiledMachine))
        return *error;
    auto executionInput = Model::readJson(record->input, {false});
    if (!executionInput)
        return ApiError{"InternalFailure", executionInput.error().message, 500};
    Json events = m_store->history(arn).value_or(Json::array());

    ExecutionRecord next = *record;
    next.status = "RUNNING";
    next.output.reset();
    next.error.reset();
    next.cause.reset();
    next.stopMillis = 0;
    next.redrivePoint = Json();
    next.redriveCount = record->redriveCount + 1;
    next.redriveMillis = std::max(wallMillis(), record->stopMillis);
    Sim::Redrive redrive;
    redrive.point = std::move(*point);
    redrive.redriveCount = next.redriveCount;
    redrive.lastEventId = events.empty() ? 0 : events.back().value("id", std::int64_t(0));
    redrive.firstStartMillis = record->startMillis;
    auto made
        = newExecution(next, std::get<std::shared_ptr<const Sim::CompiledMachine>>(compiledMachine),
                       std::move(executionInput->value), std::move(redrive));
    if (auto *error = std::get_if<ApiError>(&made))
        return *error;
    const std::string tokenPrefix = QUuid::createUuid().toString(QUuid::Id128).toStdString() + "-";

    std::lock_guard lock(m_mutex);
    if (m_shuttingDown)
        return ApiError{"ServiceUnavailable", "The endpoint is shutting down", 503};
    if (m_running.count(arn)) {
        // Another redrive got there first.
        return ApiError{"ExecutionNotRedrivable", "Execution is RUNNING and cannot be redriven"};
    }
    // Recorded as running before the caller hears of it, as StartExecution.
    if (!m_store->put("execution", arn, next.toJson()))
        return ApiError{"InternalFailure", m_store->lastError(), 500};
    auto runner = std::make_shared<ExecutionRunner>(
        next, std::move(std::get<std::unique_ptr<Sim::Execution>>(made)), m_options.clock, &m_pool,
        &m_scheduler,
        [this](const std::shared_ptr<ExecutionRunner> &done) { executionFinished(done); });
    runner->continueHistory(std::move(events));
    m_executions[arn] = next;
    m_running[arn] = runner;
    m_tokenOwners[tokenPrefix] = arn;
    runner->setTokenPrefix(tokenPrefix);
    runner->start();
    return Json{{"redriveDate", epochSeconds(next.redriveMillis)}};
}

} // namespace Stepwise::Api
