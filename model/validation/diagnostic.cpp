#include "model/validation/diagnostic.h"

namespace Stepwise::Model {

const char *toString(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    case Severity::Info:
        return "info";
    }
    return "error";
}

} // namespace Stepwise::Model
