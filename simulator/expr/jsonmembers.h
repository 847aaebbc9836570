#pragma once

#include "model/json/json.h"

#include <algorithm>
#include <string>

namespace Stepwise::Sim {

// Model::Json (nlohmann's ordered_json) keeps an object's members in a std::vector of
// pair<const std::string, Json>. That pair is not nothrow-movable (its key is const), so
// when the vector grows it copies every member: adding a key to an object holding a large
// value deep-copies that value. These grow the storage by moving the values instead.

// Makes room for `count` members in `object` (an object) without copying any value.
inline void reserveMembers(Model::Json &object, std::size_t count)
{
    auto &members = object.get_ref<Model::Json::object_t &>();
    if (members.capacity() >= count)
        return;
    Model::Json::object_t grown;
    grown.reserve(count);
    for (auto &member : members)
        grown.emplace_back(member.first, std::move(member.second));
    members.swap(grown);
}

// object[key] = value (`object` is an object), without copying the other members.
inline Model::Json &setMember(Model::Json &object, const std::string &key, Model::Json value)
{
    auto &members = object.get_ref<Model::Json::object_t &>();
    for (auto &member : members) {
        if (member.first == key) {
            member.second = std::move(value);
            return member.second;
        }
    }
    if (members.size() == members.capacity())
        reserveMembers(object, std::max<std::size_t>(4, 2 * members.size()));
    members.emplace_back(key, std::move(value));
    return members.back().second;
}

} // namespace Stepwise::Sim
