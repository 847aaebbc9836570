#include "model/json/jsonwriter.h"

namespace Stepwise::Model {

std::string toCanonicalText(const Json &value)
{
    return value.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string toCompactText(const Json &value)
{
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

} // namespace Stepwise::Model
