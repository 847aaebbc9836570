// CreateActivity, DescribeActivity, ListActivities, DeleteActivity, GetActivityTask.
#include "simulator/api/arn.h"
#include "simulator/api/paging.h"
#include "simulator/api/requestreader.h"
#include "simulator/api/service.h"

namespace Stepwise::Api {

using Model::Json;

namespace {

ApiError noActivity(const std::string &arn)
{
    return {"ActivityDoesNotExist", "Activity Does Not Exist: '" + arn + "'"};
}

} // namespace

ApiReply Service::createActivity(const Json &input)
{
    RequestReader reader(input);
    const std::string name = reader.string("name", true, 1, 80);
    if (reader.error())
        return *reader.error();
    if (!isValidName(name))
        return ApiError{"InvalidName", "Invalid Name: '" + name + "'"};
    ActivityRecord activity{arnFor("activity", name), name, wallMillis()};
    std::lock_guard lock(m_mutex);
    if (auto it = m_activities.find(activity.arn); it != m_activities.end()) {
        // Creating an existing activity answers with it, as AWS.
        return Json{{"activityArn", it->second.arn},
                    {"creationDate", epochSeconds(it->second.creationMillis)}};
    }
    if (!m_store->put("activity", activity.arn, activity.toJson()))
        return ApiError{"InternalFailure", m_store->lastError(), 500};
    const Json &tags = reader.member("tags");
    if (tags.is_array() && !tags.empty()) {
        Json map = Json::object();
        for (const Json &tag : tags)
            if (tag.is_object())
                map[tag.value("key", "")] = tag.value("value", "");
        m_tags[activity.arn] = map;
        m_store->put("tags", "tags:" + activity.arn, {{"arn", activity.arn}, {"tags", map}});
    }
    m_activities[activity.arn] = activity;
    return Json{{"activityArn", activity.arn},
                {"creationDate", epochSeconds(activity.creationMillis)}};
}

ApiReply Service::describeActivity(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("activityArn", true, 1, 256);
    if (reader.error())
        return *reader.error();
    if (auto error = checkArn(arn, "activity"))
        return *error;
    std::lock_guard lock(m_mutex);
    auto it = m_activities.find(arn);
    if (it == m_activities.end())
        return noActivity(arn);
    return Json{{"activityArn", it->second.arn},
                {"name", it->second.name},
                {"creationDate", epochSeconds(it->second.creationMillis)},
                {"encryptionConfiguration", {{"type", "AWS_OWNED_KEY"}}}};
}

ApiReply Service::listActivities(const Json &input)
{
    RequestReader reader(input);
    std::lock_guard lock(m_mutex);
    std::vector<const ActivityRecord *> activities;
    for (const auto &[arn, activity] : m_activities)
        activities.push_back(&activity);
    return pagedList(reader, activities, "activities", [](const auto &item) -> Json {
        return {{"activityArn", item.arn},
                {"name", item.name},
                {"creationDate", epochSeconds(item.creationMillis)}};
    });
}

ApiReply Service::deleteActivity(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("activityArn", true, 1, 256);
    if (reader.error())
        return *reader.error();
    if (auto error = checkArn(arn, "activity"))
        return *error;
    std::lock_guard lock(m_mutex);
    if (m_activities.erase(arn))
        m_store->remove(arn);
    m_tags.erase(arn);
    m_store->remove("tags:" + arn);
    return Json::object();
}

void Service::getActivityTask(const Json &input, Done done)
{
    RequestReader reader(input);
    const std::string arn = reader.string("activityArn", true, 1, 256);
    reader.string("workerName", false, 1, 80);
    if (reader.error())
        return done(*reader.error());
    if (auto error = checkArn(arn, "activity"))
        return done(*error);
    {
        std::lock_guard lock(m_mutex);
        if (!m_activities.count(arn))
            return done(noActivity(arn));
    }
    // Executions do not hand tasks to activity workers yet (the engine completes Activity
    // tasks from mocks only), so a poll ends as AWS ends one that found no task: after the
    // long-poll wait, with no token.
    m_scheduler.at(Scheduler::Clock::now() + std::chrono::seconds(m_options.activityPollSeconds),
                   [done] { done(Json::object()); });
}

} // namespace Stepwise::Api
