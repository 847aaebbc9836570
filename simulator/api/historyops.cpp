// GetExecutionHistory: pages, reverseOrder, includeExecutionData.
#include "simulator/api/paging.h"
#include "simulator/api/requestreader.h"
#include "simulator/api/service.h"

namespace Stepwise::Api {

using Model::Json;

namespace {

// includeExecutionData=false: payloads are left out, their details kept.
void stripData(Json &event)
{
    for (auto it = event.begin(); it != event.end(); ++it) {
        if (!it->is_object() || it.key().size() < 12
            || it.key().compare(it.key().size() - 12, 12, "EventDetails") != 0)
            continue;
        for (const char *key : {"input", "output", "parameters"})
            it->erase(key);
    }
}

} // namespace

ApiReply Service::getExecutionHistory(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("executionArn", true, 1, 256);
    const bool reverse = reader.boolean("reverseOrder");
    const bool withData = reader.boolean("includeExecutionData", true);
    if (reader.error())
        return *reader.error();
    if (auto error = checkArn(arn, nullptr))
        return *error;
    std::shared_ptr<ExecutionRunner> runner;
    auto record = findExecution(arn, &runner);
    if (!record)
        return ApiError{"ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'"};
    if (record->type == "EXPRESS") {
        return ApiError{"InvalidArn",
                        "Invalid Arn: 'Resource type not valid in this context: " + arn + "'"};
    }
    Json events = runner ? runner->events() : m_store->history(arn).value_or(Json::array());
    auto page = readPage(reader, events.size());
    if (auto *error = std::get_if<ApiError>(&page))
        return *error;
    const Page &p = std::get<Page>(page);
    Json out = Json::array();
    for (std::size_t i = p.begin; i < p.end; ++i) {
        Json event = events[reverse ? events.size() - 1 - i : i];
        if (!withData)
            stripData(event);
        out.push_back(std::move(event));
    }
    Json reply = {{"events", out}};
    if (p.nextToken)
        reply["nextToken"] = *p.nextToken;
    return reply;
}

} // namespace Stepwise::Api
