// TagResource, UntagResource, ListTagsForResource (state machines and activities).
#include "simulator/api/arn.h"
#include "simulator/api/requestreader.h"
#include "simulator/api/service.h"

namespace Stepwise::Api {

using Model::Json;

namespace {

constexpr std::size_t maxTags = 50;

} // namespace

std::optional<ApiError> Service::checkTaggable(const std::string &arn) const
{
    auto parsed = Arn::parse(arn);
    if (!parsed || (parsed->resourceType != "stateMachine" && parsed->resourceType != "activity"))
        return ApiError{"InvalidArn", "Invalid Arn: '" + arn + "'"};
    if (!m_machines.count(arn) && !m_activities.count(arn) && !m_aliases.count(arn))
        return ApiError{"ResourceNotFound", "Resource not found: '" + arn + "'"};
    return std::nullopt;
}

ApiReply Service::tagResource(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("resourceArn", true, 1, 256);
    if (!reader.has("tags"))
        reader.string("tags", true);
    if (reader.error())
        return *reader.error();
    const Json &tags = reader.member("tags");
    if (!tags.is_array())
        return ApiError{"SerializationException", "Member 'tags' must be a list."};
    std::lock_guard lock(m_mutex);
    if (auto error = checkTaggable(arn))
        return *error;
    Json current = m_tags.count(arn) ? m_tags[arn] : Json::object();
    for (const Json &tag : tags) {
        const std::string key = tag.is_object() ? tag.value("key", "") : "";
        if (key.empty() || key.size() > 128)
            return validationError("Tag keys must be 1 to 128 characters long");
        current[key] = tag.value("value", "");
    }
    if (current.size() > maxTags) {
        return ApiError{"TooManyTags",
                        "Too many tags: '" + arn + "': a resource can have at most 50 tags"};
    }
    m_tags[arn] = current;
    m_store->put("tags", "tags:" + arn, {{"arn", arn}, {"tags", current}});
    return Json::object();
}

ApiReply Service::untagResource(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("resourceArn", true, 1, 256);
    if (!reader.has("tagKeys"))
        reader.string("tagKeys", true);
    if (reader.error())
        return *reader.error();
    const Json &keys = reader.member("tagKeys");
    if (!keys.is_array())
        return ApiError{"SerializationException", "Member 'tagKeys' must be a list."};
    std::lock_guard lock(m_mutex);
    if (auto error = checkTaggable(arn))
        return *error;
    Json &current = m_tags[arn];
    if (current.is_null())
        current = Json::object();
    for (const Json &key : keys)
        if (key.is_string())
            current.erase(key.get<std::string>());
    m_store->put("tags", "tags:" + arn, {{"arn", arn}, {"tags", current}});
    return Json::object();
}

ApiReply Service::listTagsForResource(const Json &input)
{
    RequestReader reader(input);
    const std::string arn = reader.string("resourceArn", true, 1, 256);
    if (reader.error())
        return *reader.error();
    std::lock_guard lock(m_mutex);
    if (auto error = checkTaggable(arn))
        return *error;
    Json tags = Json::array();
    if (auto it = m_tags.find(arn); it != m_tags.end())
        for (auto tag = it->second.begin(); tag != it->second.end(); ++tag)
            tags.push_back({{"key", tag.key()}, {"value", tag.value()}});
    return Json{{"tags", tags}};
}

} // namespace Stepwise::Api
