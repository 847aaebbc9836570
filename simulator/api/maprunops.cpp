// DescribeMapRun, ListMapRuns, UpdateMapRun: the distributed Map runs of an execution, read
// from its history.
#include "simulator/api/arn.h"
#include "simulator/api/paging.h"
#include "simulator/api/requestreader.h"
#include "simulator/api/service.h"

#include "model/json/jsonreader.h"

namespace Stepwise::Api {

using Model::Json;

namespace {

// One map run as its execution's history tells it.
struct MapRunView
{
    std::string arn;
    std::string status = "RUNNING";
    double startDate = 0, stopDate = 0;
    std::int64_t succeeded = 0, failed = 0, aborted = 0, started = 0;
    std::int64_t total = 0; // the Map's item count (MapStateStarted's length)
    std::string stateName;
};

std::vector<MapRunView> mapRunsOf(const Json &events)
{
    std::vector<MapRunView> runs;
    std::string lastMapState;
    std::int64_t lastLength = 0;
    for (const Json &event : events) {
        const std::string type = event.value("type", "");
        if (type == "MapStateStarted")
            lastLength = event["mapStateStartedEventDetails"].value("length", std::int64_t(0));
        if (type == "MapStateEntered")
            lastMapState = event["stateEnteredEventDetails"].value("name", "");
        if (type == "MapRunStarted") {
            MapRunView run;
            run.arn = event["mapRunStartedEventDetails"].value("mapRunArn", "");
            run.startDate = event.value("timestamp", 0.0);
            run.stateName = lastMapState;
            run.total = lastLength;
            runs.push_back(run);
        } else if (!runs.empty() && runs.back().status == "RUNNING") {
            MapRunView &run = runs.back();
            if (type == "MapIterationStarted")
                ++run.started;
            else if (type == "MapIterationSucceeded")
                ++run.succeeded;
            else if (type == "MapIterationFailed")
                ++run.failed;
            else if (type == "MapIterationAborted")
                ++run.aborted;
            else if (type == "MapRunSucceeded" || type == "MapRunFailed"
                     || type == "MapRunAborted") {
                run.status = type == "MapRunSucceeded" ? "SUCCEEDED"
                             : type == "MapRunFailed"  ? "FAILED"
                                                       : "ABORTED";
                run.stopDate = event.value("timestamp", 0.0);
                // A distributed Map's items run as child executions, which the parent's
                // history does not list: a map run that succeeded ran every item.
                if (type == "MapRunSucceeded" && run.succeeded + run.failed == 0)
                    run.succeeded = run.total;
            }
        }
    }
    return runs;
}

} // namespace

Json Service::executionEvents(const std::string &arn)
{
    std::shared_ptr<ExecutionRunner> runner;
    if (!findExecution(arn, &runner))
        return Json::array();
    return runner ? runner->events() : m_store->history(arn).value_or(Json::array());
}

ApiReply Service::listMapRuns(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("executionArn", true, 1, 256);
    if (reader.error())
        return *reader.error();
    if (auto error = checkArn(arn, "execution"))
        return *error;
    if (!findExecution(arn, nullptr))
        return ApiError{"ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'"};
    const std::vector<MapRunView> runs = mapRunsOf(executionEvents(arn));
    auto page = readPage(reader, runs.size());
    if (auto *error = std::get_if<ApiError>(&page))
        return *error;
    const Page &p = std::get<Page>(page);
    auto record = findExecution(arn, nullptr);
    Json items = Json::array();
    for (std::size_t i = p.begin; i < p.end; ++i) {
        Json item = {{"executionArn", arn},
                     {"mapRunArn", runs[i].arn},
                     {"stateMachineArn", record->machineArn},
                     {"startDate", runs[i].startDate}};
        if (runs[i].status != "RUNNING")
            item["stopDate"] = runs[i].stopDate;
        items.push_back(std::move(item));
    }
    Json out = {{"mapRuns", items}};
    if (p.nextToken)
        out["nextToken"] = *p.nextToken;
    return out;
}

std::optional<std::pair<ExecutionRecord, Json>> Service::findMapRun(const std::string &mapRunArn)
{
    // arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:ID: look through that machine's
    // executions, newest first.
    auto arn = Arn::parse(mapRunArn);
    if (!arn)
        return std::nullopt;
    const std::string machineName = arn->name.substr(0, arn->name.find('/'));
    std::vector<std::string> candidates;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_executionsByMachine.find(arnFor("stateMachine", machineName));
        if (it != m_executionsByMachine.end())
            candidates.assign(it->second.rbegin(), it->second.rend());
    }
    for (const std::string &executionArn : candidates) {
        Json events = executionEvents(executionArn);
        for (const Json &event : events) {
            if (event.value("type", "") == "MapRunStarted"
                && event["mapRunStartedEventDetails"].value("mapRunArn", "") == mapRunArn) {
                auto record = findExecution(executionArn, nullptr);
                return std::make_pair(*record, std::move(events));
            }
        }
    }
    return std::nullopt;
}

ApiReply Service::describeMapRun(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("mapRunArn", true, 1, 2000);
    if (reader.error())
        return *reader.error();
    if (auto error = checkArn(arn, "mapRun"))
        return *error;
    auto found = findMapRun(arn);
    if (!found)
        return ApiError{"ResourceNotFound", "Resource not found: '" + arn + "'"};
    const auto &[record, events] = *found;
    MapRunView run;
    for (const MapRunView &candidate : mapRunsOf(events))
        if (candidate.arn == arn)
            run = candidate;
    // The Map state's settings, from the definition the execution ran.
    Json state = Json::object();
    if (auto definition = Model::readJson(record.definition, {false}))
        state = Model::Json(definition->value)["States"].value(run.stateName, Json::object());
    std::int64_t total = std::max(run.total, run.succeeded + run.failed + run.aborted);
    std::int64_t running
        = std::max<std::int64_t>(0, total - run.succeeded - run.failed - run.aborted);
    std::int64_t pending = 0;
    // While it runs, the child executions' progress comes from the engine: the parent's
    // history does not list them.
    std::shared_ptr<ExecutionRunner> runner;
    findExecution(record.arn, &runner);
    if (run.status == "RUNNING" && runner) {
        if (auto live = runner->mapRunCounts(arn)) {
            total = live->total;
            pending = live->pending;
            running = live->running;
            run.succeeded = live->succeeded;
            run.failed = live->failed;
        }
    }
    Json counts = {{"pending", pending},
                   {"running", running},
                   {"succeeded", run.succeeded},
                   {"failed", run.failed},
                   {"timedOut", 0},
                   {"aborted", run.aborted},
                   {"total", total},
                   {"resultsWritten", run.succeeded},
                   {"failuresNotRedrivable", 0},
                   {"pendingRedrive", 0}};
    std::lock_guard lock(m_mutex);
    const Json &updated = m_mapRunSettings.count(arn) ? m_mapRunSettings[arn] : Json::object();
    Json out
        = {{"mapRunArn", arn},
           {"executionArn", record.arn},
           {"status", run.status},
           {"startDate", run.startDate},
           {"maxConcurrency", updated.value("maxConcurrency", state.value("MaxConcurrency", 0))},
           {"toleratedFailurePercentage",
            updated.value("toleratedFailurePercentage",
                          state.value("ToleratedFailurePercentage", 0.0))},
           {"toleratedFailureCount",
            updated.value("toleratedFailureCount", state.value("ToleratedFailureCount", 0))},
           {"itemCounts", counts},
           {"executionCounts", counts}};
    if (run.status != "RUNNING")
        out["stopDate"] = run.stopDate;
    return out;
}

ApiReply Service::updateMapRun(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("mapRunArn", true, 1, 2000);
    const auto maxConcurrency = reader.integer("maxConcurrency", 0, INT32_MAX);
    const auto toleratedCount = reader.integer("toleratedFailureCount", 0, INT64_MAX);
    if (reader.error())
        return *reader.error();
    if (auto error = checkArn(arn, "mapRun"))
        return *error;
    if (!maxConcurrency && !toleratedCount && !reader.has("toleratedFailurePercentage")) {
        return validationError("At least one of the parameters maxConcurrency, "
                               "toleratedFailurePercentage or toleratedFailureCount is required");
    }
    auto found = findMapRun(arn);
    if (!found)
        return ApiError{"ResourceNotFound", "Resource not found: '" + arn + "'"};
    const std::string notRunning = "Map Run " + arn + " is not RUNNING and cannot be updated";
    for (const MapRunView &run : mapRunsOf(found->second)) {
        if (run.arn == arn && run.status != "RUNNING")
            return validationError(notRunning);
    }
    Sim::MapRunUpdate update;
    if (maxConcurrency)
        update.maxConcurrency = static_cast<int>(*maxConcurrency);
    if (toleratedCount)
        update.toleratedFailureCount = *toleratedCount;
    if (reader.has("toleratedFailurePercentage")) {
        const Json &percentage = reader.member("toleratedFailurePercentage");
        if (!percentage.is_number() || percentage.get<double>() < 0
            || percentage.get<double>() > 100)
            return validationError("toleratedFailurePercentage must be a number from 0 to 100");
        update.toleratedFailurePercentage = percentage.get<double>();
    }
    // The engine applies them to the items not started yet and to failures from now on.
    std::shared_ptr<ExecutionRunner> runner;
    findExecution(found->first.arn, &runner);
    if (!runner || !runner->updateMapRun(arn, update))
        return validationError(notRunning);
    std::lock_guard lock(m_mutex);
    Json &settings = m_mapRunSettings[arn];
    if (settings.is_null())
        settings = Json::object();
    if (maxConcurrency)
        settings["maxConcurrency"] = *maxConcurrency;
    if (toleratedCount)
        settings["toleratedFailureCount"] = *toleratedCount;
    if (reader.has("toleratedFailurePercentage"))
        settings["toleratedFailurePercentage"] = reader.member("toleratedFailurePercentage");
    return Json::object();
}

} // namespace Stepwise::Api
