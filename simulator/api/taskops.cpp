// SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat: answers to .waitForTaskToken tasks.
#include "simulator/api/requestreader.h"
#include "simulator/api/service.h"

#include "model/json/jsonreader.h"

namespace Stepwise::Api {

using Model::Json;

namespace {

ApiError invalidToken(const std::string &token)
{
    return {"InvalidToken", "Invalid Token: '" + token + "'"};
}

ApiError timedOut()
{
    return {"TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'"};
}

} // namespace

std::variant<std::shared_ptr<ExecutionRunner>, ApiError>
Service::tokenOwner(const std::string &token)
{
    // Tokens start with their execution's prefix (see launch()).
    const auto dash = token.find('-');
    if (dash == std::string::npos)
        return invalidToken(token);
    std::lock_guard lock(m_mutex);
    auto owner = m_tokenOwners.find(token.substr(0, dash + 1));
    if (owner == m_tokenOwners.end())
        return invalidToken(token);
    auto running = m_running.find(owner->second);
    if (running == m_running.end())
        return timedOut();
    return running->second;
}

ApiReply Service::sendTaskSuccess(const Json &input)
{
    RequestReader reader(input);
    const std::string token = reader.string("taskToken", true, 1, 2048);
    const std::string output = reader.string("output", true, 0, 262144);
    if (reader.error())
        return *reader.error();
    auto parsed = Model::readJson(output, {false});
    if (!parsed) {
        return ApiError{"InvalidOutput", "Invalid Output: '" + parsed.error().message + "'"};
    }
    auto owner = tokenOwner(token);
    if (auto *error = std::get_if<ApiError>(&owner))
        return *error;
    if (!std::get<std::shared_ptr<ExecutionRunner>>(owner)->sendTaskSuccess(
            token, std::move(parsed->value)))
        return timedOut();
    return Json::object();
}

ApiReply Service::sendTaskFailure(const Json &input)
{
    RequestReader reader(input);
    const std::string token = reader.string("taskToken", true, 1, 2048);
    std::optional<std::string> error, cause;
    if (reader.has("error"))
        error = reader.string("error", false, 0, 256);
    if (reader.has("cause"))
        cause = reader.string("cause", false, 0, 32768);
    if (reader.error())
        return *reader.error();
    auto owner = tokenOwner(token);
    if (auto *problem = std::get_if<ApiError>(&owner))
        return *problem;
    if (!std::get<std::shared_ptr<ExecutionRunner>>(owner)->sendTaskFailure(token, error, cause))
        return timedOut();
    return Json::object();
}

ApiReply Service::sendTaskHeartbeat(const Json &input)
{
    RequestReader reader(input);
    const std::string token = reader.string("taskToken", true, 1, 2048);
    if (reader.error())
        return *reader.error();
    auto owner = tokenOwner(token);
    if (auto *problem = std::get_if<ApiError>(&owner))
        return *problem;
    if (!std::get<std::shared_ptr<ExecutionRunner>>(owner)->sendTaskHeartbeat(token))
        return timedOut();
    return Json::object();
}

} // namespace Stepwise::Api
