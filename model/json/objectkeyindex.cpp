#include "model/json/objectkeyindex.h"

namespace Stepwise::Model {

bool ObjectKeyIndex::contains(const Json::object_t &members, const std::string &key)
{
    if (!m_indexed && members.size() >= kIndexFrom) {
        m_keys.reserve(members.size() * 2);
        for (const auto &member : members)
            m_keys.insert(member.first);
        m_indexed = true;
    }
    if (m_indexed)
        return m_keys.count(key) > 0;
    for (const auto &member : members) {
        if (member.first == key)
            return true;
    }
    return false;
}

Json &ObjectKeyIndex::append(Json::object_t &members, std::string key)
{
    if (m_indexed)
        m_keys.insert(key);
    // The vector's own emplace_back: ordered_map's insertions would search for the key again.
    members.emplace_back(std::move(key), Json());
    return members.back().second;
}

} // namespace Stepwise::Model
