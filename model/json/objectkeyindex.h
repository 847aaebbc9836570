#pragma once

#include "model/json/json.h"

#include <string>
#include <unordered_set>

namespace Stepwise::Model {

// The keys an object being read already has. Objects keep their members in order, in a
// vector where finding a key is a pass over every member: an object of n keys read that way
// costs n^2/2 comparisons, minutes for a few megabytes of keys. Small objects are searched
// directly; from kIndexFrom members on, a hash set answers.
class ObjectKeyIndex
{
  public:
    static constexpr size_t kIndexFrom = 32;

    bool contains(const Json::object_t &members, const std::string &key);
    // Adds a member known not to be there yet; returns its value to fill in.
    Json &append(Json::object_t &members, std::string key);

  private:
    std::unordered_set<std::string> m_keys;
    bool m_indexed = false;
};

} // namespace Stepwise::Model
