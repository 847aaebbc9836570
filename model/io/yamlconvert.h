#pragma once

#include "model/json/json.h"
#include "model/json/jsonreader.h"
#include "model/result.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace Stepwise::Model {

// Bounds on what a YAML text may expand to. Aliases repeat their anchor's whole value, so a
// few hundred bytes of nested aliases (a "billion laughs") could otherwise stand for billions
// of values; a document that would grow past these is refused before anything is built.
// Plain content is not limited (it costs what its text costs, as JSON does).
struct YamlLimits
{
    // Values and scalar text that alias uses add to the document, counted after expansion.
    size_t maxAliasedValues = 100'000;
    size_t maxAliasedBytes = 4 * 1024 * 1024;
    // The same nesting bound as the JSON reader's (JsonReadOptions::maxDepth).
    int maxDepth = 512;
};

// YAML <-> JSON for ASL definitions written in YAML (SAM/CDK users do). Mapping order is
// kept both ways; plain scalars follow the YAML 1.2 core schema (null, booleans, numbers),
// quoted scalars stay strings.
Result<Json> yamlToJson(std::string_view text, const YamlLimits &limits = {});
// The same, with where every value and key starts in the text (UTF-8 offsets, 1-based lines
// and columns), so that YAML text can be underlined and navigated as JSON text is.
// Keys written twice in one mapping are listed in duplicateKeys (the first one holds the value).
Result<ParsedJson> readYaml(std::string_view text, const YamlLimits &limits = {});
// Block-style YAML; strings that would read back as another type are quoted.
std::string jsonToYaml(const Json &value);

} // namespace Stepwise::Model
