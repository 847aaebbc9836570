#include "views/inspector/inspectorfields.h"

#include <cstring>

namespace Stepwise::Views {

namespace {

using Model::StateType;

constexpr unsigned bit(StateType type)
{
    return 1u << unsigned(type);
}

constexpr unsigned kAll = bit(StateType::Pass) | bit(StateType::Task) | bit(StateType::Choice)
                          | bit(StateType::Wait) | bit(StateType::Succeed) | bit(StateType::Fail)
                          | bit(StateType::Parallel) | bit(StateType::Map);
constexpr unsigned kFlow = bit(StateType::Pass) | bit(StateType::Task) | bit(StateType::Wait)
                           | bit(StateType::Parallel) | bit(StateType::Map);
constexpr unsigned kWork = bit(StateType::Task) | bit(StateType::Parallel) | bit(StateType::Map);
constexpr unsigned kIo = kAll & ~bit(StateType::Fail);
constexpr unsigned kResult = kWork | bit(StateType::Pass);
constexpr unsigned kAssign = kAll & ~(bit(StateType::Succeed) | bit(StateType::Fail));

} // namespace

const std::vector<FieldSpec> &inspectorFields()
{
    using K = FieldKind;
    using G = FieldGroup;
    using L = FieldLanguage;
    static const std::vector<FieldSpec> fields = {
        {"Comment", K::Text, G::Configuration, kAll, L::Any, "A description of the state"},
        {"QueryLanguage", K::QueryLanguage, G::Configuration, kAll, L::Any,
         "JSONPath or JSONata for this state (default: the workflow's)"},
        {"Resource", K::Text, G::Configuration, bit(StateType::Task), L::Any,
         "The ARN of the task to run (Lambda, service integration, activity)"},
        {"Credentials", K::Json, G::Configuration, bit(StateType::Task), L::Any,
         "A role to assume for the task: {\"RoleArn\": ...}"},
        {"Seconds", K::Number, G::Configuration, bit(StateType::Wait), L::Any, "Seconds to wait"},
        {"SecondsPath", K::Path, G::Configuration, bit(StateType::Wait), L::JsonPath,
         "Path to the number of seconds in the input"},
        {"Timestamp", K::Text, G::Configuration, bit(StateType::Wait), L::Any,
         "Wait until this time (ISO 8601, e.g. 2026-01-01T00:00:00Z)"},
        {"TimestampPath", K::Path, G::Configuration, bit(StateType::Wait), L::JsonPath,
         "Path to the timestamp in the input"},
        {"Choices", K::Json, G::Configuration, bit(StateType::Choice), L::Any,
         "The rules, tried in order; the first that matches chooses Next"},
        {"Default", K::Target, G::Configuration, bit(StateType::Choice), L::Any,
         "The state to go to when no rule matches"},
        {"Error", K::Text, G::Configuration, bit(StateType::Fail), L::Any, "The error name"},
        {"ErrorPath", K::Path, G::Configuration, bit(StateType::Fail), L::JsonPath,
         "Path to the error name in the input"},
        {"Cause", K::Text, G::Configuration, bit(StateType::Fail), L::Any,
         "A human-readable cause"},
        {"CausePath", K::Path, G::Configuration, bit(StateType::Fail), L::JsonPath,
         "Path to the cause in the input"},
        {"ItemReader", K::Json, G::Configuration, bit(StateType::Map), L::Any,
         "Read items from S3 (distributed Map)"},
        {"ItemBatcher", K::Json, G::Configuration, bit(StateType::Map), L::Any,
         "Group items into batches (distributed Map)"},
        {"ResultWriter", K::Json, G::Configuration, bit(StateType::Map), L::Any,
         "Write the results to S3 (distributed Map)"},
        {"MaxConcurrency", K::Number, G::Configuration, bit(StateType::Map), L::Any,
         "Iterations running at once (0: as many as possible)"},
        {"MaxConcurrencyPath", K::Path, G::Configuration, bit(StateType::Map), L::JsonPath,
         "Path to MaxConcurrency in the input"},
        {"ToleratedFailureCount", K::Number, G::Configuration, bit(StateType::Map), L::Any,
         "Failed items tolerated before the Map fails"},
        {"ToleratedFailureCountPath", K::Path, G::Configuration, bit(StateType::Map), L::JsonPath,
         "Path to ToleratedFailureCount in the input"},
        {"ToleratedFailurePercentage", K::Number, G::Configuration, bit(StateType::Map), L::Any,
         "Percentage of failed items tolerated"},
        {"ToleratedFailurePercentagePath", K::Path, G::Configuration, bit(StateType::Map),
         L::JsonPath, "Path to ToleratedFailurePercentage in the input"},
        {"Label", K::Text, G::Configuration, bit(StateType::Map), L::Any,
         "A label for the child executions of a distributed Map"},
        {"Next", K::Target, G::Configuration, kFlow, L::Any, "The state to run next"},
        {"End", K::Boolean, G::Configuration, kFlow, L::Any, "This state ends the execution"},

        {"InputPath", K::Path, G::Input, kIo, L::JsonPath, "The part of the state input to use"},
        {"Parameters", K::Json, G::Input, kResult, L::JsonPath,
         "Payload template: the task's input (keys ending in .$ take paths)"},
        {"Arguments", K::Json, G::Input, bit(StateType::Task) | bit(StateType::Parallel),
         L::Jsonata, "The task's input (JSONata expressions in {% %})"},
        {"ItemsPath", K::Path, G::Input, bit(StateType::Map), L::JsonPath,
         "Path to the array to iterate over"},
        {"Items", K::Json, G::Input, bit(StateType::Map), L::Jsonata,
         "The array to iterate over, or a JSONata expression"},
        {"ItemSelector", K::Json, G::Input, bit(StateType::Map), L::Any,
         "The input of each iteration"},

        {"Result", K::Json, G::Output, bit(StateType::Pass), L::JsonPath,
         "A fixed result instead of the input"},
        {"ResultSelector", K::Json, G::Output, kWork, L::JsonPath,
         "Payload template applied to the result"},
        {"ResultPath", K::Path, G::Output, kResult, L::JsonPath,
         "Where the result goes in the input ($: replace it; null: discard the result)"},
        {"OutputPath", K::Path, G::Output, kIo, L::JsonPath, "The part of the output passed on"},
        {"Output", K::Json, G::Output, kIo, L::Jsonata, "The state output (JSONata)"},

        {"Retry", K::Json, G::ErrorHandling, kWork, L::Any,
         "Retriers: ErrorEquals, IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds, "
         "JitterStrategy"},
        {"Catch", K::Json, G::ErrorHandling, kWork, L::Any,
         "Catchers: ErrorEquals, Next, ResultPath / Output, Assign"},
        {"TimeoutSeconds", K::Number, G::ErrorHandling, bit(StateType::Task), L::Any,
         "Fail with States.Timeout after this many seconds"},
        {"TimeoutSecondsPath", K::Path, G::ErrorHandling, bit(StateType::Task), L::JsonPath,
         "Path to TimeoutSeconds in the input"},
        {"HeartbeatSeconds", K::Number, G::ErrorHandling, bit(StateType::Task), L::Any,
         "Fail with States.HeartbeatTimeout when no heartbeat comes for this long"},
        {"HeartbeatSecondsPath", K::Path, G::ErrorHandling, bit(StateType::Task), L::JsonPath,
         "Path to HeartbeatSeconds in the input"},

        {"Assign", K::Json, G::Variables, kAssign, L::Any,
         "Variables to set: {\"name\": value or expression}"},
    };
    return fields;
}

const FieldSpec *findInspectorField(const char *key)
{
    for (const FieldSpec &spec : inspectorFields()) {
        if (std::strcmp(spec.key, key) == 0)
            return &spec;
    }
    return nullptr;
}

bool appliesTo(const FieldSpec &spec, Model::StateType type)
{
    return type == Model::StateType::Unknown || (spec.types & bit(type)) != 0;
}

bool appliesTo(const FieldSpec &spec, Model::QueryLanguage language)
{
    switch (spec.language) {
    case FieldLanguage::Any:
        return true;
    case FieldLanguage::JsonPath:
        return language == Model::QueryLanguage::JsonPath;
    case FieldLanguage::Jsonata:
        return language == Model::QueryLanguage::Jsonata;
    }
    return true;
}

const char *groupTitle(FieldGroup group)
{
    switch (group) {
    case FieldGroup::Configuration:
        return "Configuration";
    case FieldGroup::Input:
        return "Input";
    case FieldGroup::Output:
        return "Output";
    case FieldGroup::ErrorHandling:
        return "Error handling";
    case FieldGroup::Variables:
        return "Variables";
    case FieldGroup::Other:
        break;
    }
    return "Other fields";
}

} // namespace Stepwise::Views
