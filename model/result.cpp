#include "model/result.h"

namespace Stepwise::Model {

std::string Error::toString() const
{
    std::string out;
    if (!location.file.empty())
        out += location.file + ":";
    if (location.line > 0)
        out += std::to_string(location.line) + ":" + std::to_string(location.column) + ":";
    if (!out.empty())
        out += " ";
    out += message;
    if (!location.pointer.empty())
        out += " (at " + location.pointer + ")";
    return out;
}

} // namespace Stepwise::Model
