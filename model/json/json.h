#pragma once

#include <nlohmann/json.hpp>

namespace Stepwise::Model {

// ASL is order-sensitive for people reading it: every document keeps the key order written.
using Json = nlohmann::ordered_json;

} // namespace Stepwise::Model
