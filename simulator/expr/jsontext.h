#pragma once

#include "model/json/json.h"

#include <string>

namespace Stepwise::Sim {

// Compact JSON text as AWS prints values in results and causes. Never throws: invalid UTF-8
// in a string (possible in data built at run time) is replaced instead of aborting.
inline std::string compactJson(const Model::Json &value)
{
    return value.dump(-1, ' ', false, Model::Json::error_handler_t::replace);
}

} // namespace Stepwise::Sim
