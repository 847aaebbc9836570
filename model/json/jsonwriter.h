#pragma once

#include "model/json/json.h"

#include <string>

namespace Stepwise::Model {

// The canonical text of a document: two-space indentation, keys in their order, UTF-8
// kept as is, a final newline. Stable: writing what it wrote gives the same bytes.
std::string toCanonicalText(const Json &value);

// One line, no spaces: for payloads, logs and machine-readable output.
std::string toCompactText(const Json &value);

} // namespace Stepwise::Model
