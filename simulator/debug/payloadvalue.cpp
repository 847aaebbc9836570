#include "simulator/debug/payloadvalue.h"

namespace Stepwise::Sim {

Model::Json payloadValue(const Model::Json &payload)
{
    if (!payload.is_string())
        return payload;
    Model::Json parsed = Model::Json::parse(payload.get_ref<const std::string &>(), nullptr,
                                            /*allow_exceptions=*/false);
    return parsed.is_discarded() ? payload : parsed;
}

} // namespace Stepwise::Sim
