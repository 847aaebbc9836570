#pragma once

#include "model/result.h"

#include <string>
#include <vector>

namespace Stepwise::Model {

enum class Severity { Error, Warning, Info };

// One finding of the validator. `code` is stable across releases (tests, docs and users'
// suppressions refer to it); `location` carries the JSON pointer and, when the definition
// came from text, its line and column.
struct Diagnostic
{
    std::string code;
    Severity severity = Severity::Error;
    std::string message;
    Location location;
};

const char *toString(Severity severity);

} // namespace Stepwise::Model
