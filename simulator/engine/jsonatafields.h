#pragma once

#include "model/json/json.h"
#include "model/result.h"
#include "simulator/expr/jsonatatemplate.h"

#include <optional>
#include <string>

namespace Stepwise::Sim {

// A JSONata state's fields that may hold expressions, compiled once. Arguments, Output and
// Assign are templates (literals with "{% %}" strings at any depth); the number, string and
// list fields (Seconds, MaxConcurrency, Items, Error...) are set only when written as an
// expression: a literal value stays in CompiledState's JSONPath-era field.
struct JsonataFields
{
    std::optional<JsonataTemplate> arguments, output, assign;
    // Wait
    std::optional<JsonataTemplate> seconds, timestamp;
    // Task
    std::optional<JsonataTemplate> timeoutSeconds, heartbeatSeconds;
    std::optional<JsonataTemplate> roleArn; // Credentials/RoleArn
    // Fail
    std::optional<JsonataTemplate> error, cause;
    // Map
    std::optional<JsonataTemplate> items, itemSelector, maxConcurrency;
    std::optional<JsonataTemplate> toleratedFailureCount, toleratedFailurePercentage;
    std::optional<JsonataTemplate> itemReaderArguments, maxItems;
    std::optional<JsonataTemplate> maxItemsPerBatch, maxInputBytesPerBatch, batchInput;

    // Compiles the fields of a JSONata state's body (`pointer` is the body's JSON pointer).
    static Model::Result<JsonataFields> compile(const Model::Json &body,
                                                const std::string &pointer);
    // One template field of `object` ("Output" of a Catch rule...), nullopt when absent.
    static Model::Result<std::optional<JsonataTemplate>> compileField(const Model::Json &object,
                                                                      const char *key,
                                                                      const std::string &field,
                                                                      const std::string &pointer);
};

// Whether a state's text reads the context object: "$$" (JSONPath) or "$states.context",
// or "$states" as a whole (JSONata).
bool readsContextObject(const std::string &text);

} // namespace Stepwise::Sim
