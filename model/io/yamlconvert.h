#pragma once

#include "model/json/json.h"
#include "model/json/jsonreader.h"
#include "model/result.h"

#include <string>
#include <string_view>

namespace Stepwise::Model {

// YAML <-> JSON for ASL definitions written in YAML (SAM/CDK users do). Mapping order is
// kept both ways; plain scalars follow the YAML 1.2 core schema (null, booleans, numbers),
// quoted scalars stay strings.
Result<Json> yamlToJson(std::string_view text);
// The same, with where every value and key starts in the text (UTF-8 offsets, 1-based lines
// and columns), so that YAML text can be underlined and navigated as JSON text is.
Result<ParsedJson> readYaml(std::string_view text);
// Block-style YAML; strings that would read back as another type are quoted.
std::string jsonToYaml(const Json &value);

} // namespace Stepwise::Model
