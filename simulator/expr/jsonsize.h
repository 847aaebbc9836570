#pragma once

#include "model/json/json.h"

#include <cstddef>
#include <string>

namespace Stepwise::Sim {

// Bytes of a value's compact UTF-8 JSON text (what Json::dump() prints, and what AWS
// measures against its payload quota), counted without building the text.
std::size_t jsonTextSize(const Model::Json &value);

// Bytes of a string's JSON text: the quotes and escapes included.
std::size_t jsonStringSize(const std::string &text);

} // namespace Stepwise::Sim
