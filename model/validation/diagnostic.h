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
    // For a problem inside a string value (a path, an intrinsic call, a JSONata expression):
    // the byte index in the decoded string where it is, so an editor can mark that character
    // rather than the whole string. -1 when the problem is the value as a whole.
    int characterInValue = -1;
};

const char *toString(Severity severity);

} // namespace Stepwise::Model
