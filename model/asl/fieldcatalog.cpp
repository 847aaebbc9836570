#include "model/asl/fieldcatalog.h"

#include <array>

namespace Stepwise::Model {

namespace {

constexpr StateTypeMask Pass = maskOf(StateType::Pass);
constexpr StateTypeMask Task = maskOf(StateType::Task);
constexpr StateTypeMask Choice = maskOf(StateType::Choice);
constexpr StateTypeMask Wait = maskOf(StateType::Wait);
constexpr StateTypeMask Succeed = maskOf(StateType::Succeed);
constexpr StateTypeMask Fail = maskOf(StateType::Fail);
constexpr StateTypeMask Parallel = maskOf(StateType::Parallel);
constexpr StateTypeMask Map = maskOf(StateType::Map);
constexpr StateTypeMask AllTypes = Pass | Task | Choice | Wait | Succeed | Fail | Parallel | Map;
// States that move on with Next or stop with End.
constexpr StateTypeMask Flowing = Pass | Task | Wait | Parallel | Map;
constexpr StateTypeMask Working = Task | Parallel | Map;

constexpr QueryLanguageMask JsonPath = maskOf(QueryLanguage::JsonPath);
constexpr QueryLanguageMask Jsonata = maskOf(QueryLanguage::Jsonata);
constexpr QueryLanguageMask Both = bothLanguages;

constexpr std::array stateFields = {
    FieldInfo{"Type", FieldKind::StateType, AllTypes, Both, "The state's type."},
    FieldInfo{"Comment", FieldKind::Comment, AllTypes, Both, "A description for people."},
    FieldInfo{"QueryLanguage", FieldKind::QueryLanguage, AllTypes, Both,
              "JSONPath or JSONata for this state (never JSONPath in a JSONata machine)."},
    FieldInfo{"Next", FieldKind::StateName, Flowing, Both, "The state to run next."},
    FieldInfo{"End", FieldKind::Boolean, Flowing, Both,
              "true: the execution (or branch) ends "
              "here."},
    FieldInfo{"InputPath", FieldKind::Path, AllTypes & ~Fail, JsonPath,
              "Selects the part of the input the state works on."},
    FieldInfo{"Parameters", FieldKind::PayloadTemplate, Pass | Task | Parallel | Map, JsonPath,
              "Builds the state's effective input (Map: each item's input, prefer ItemSelector)."},
    FieldInfo{"Result", FieldKind::AnyValue, Pass, JsonPath, "The Pass state's fixed result."},
    FieldInfo{"ResultSelector", FieldKind::PayloadTemplate, Working, JsonPath,
              "Reshapes the task's result before ResultPath."},
    FieldInfo{"ResultPath", FieldKind::ReferencePath, Pass | Working, JsonPath,
              "Where the result goes in the input (null: discard the result)."},
    FieldInfo{"OutputPath", FieldKind::Path, AllTypes & ~Fail, JsonPath,
              "Selects the part of the state's output passed on."},
    FieldInfo{"Arguments", FieldKind::JsonataTemplate, Task | Parallel, Jsonata,
              "The task's or branches' input (JSONata)."},
    FieldInfo{"Output", FieldKind::JsonataTemplate, AllTypes & ~Fail, Jsonata,
              "The state's output (JSONata)."},
    FieldInfo{"Assign", FieldKind::Variables, AllTypes & ~(Succeed | Fail), Both,
              "Variables to set once the state completes."},
    FieldInfo{"Resource", FieldKind::Resource, Task, Both,
              "The ARN of the Lambda function, activity or service integration."},
    FieldInfo{"TimeoutSeconds", FieldKind::JsonataOrInteger, Task, Both,
              "Fails the task with States.Timeout after this many seconds."},
    FieldInfo{"TimeoutSecondsPath", FieldKind::ReferencePath, Task, JsonPath,
              "Reads TimeoutSeconds from the input."},
    FieldInfo{"HeartbeatSeconds", FieldKind::JsonataOrInteger, Task, Both,
              "Fails the task with States.Timeout when no heartbeat comes for this long."},
    FieldInfo{"HeartbeatSecondsPath", FieldKind::ReferencePath, Task, JsonPath,
              "Reads HeartbeatSeconds from the input."},
    FieldInfo{"Credentials", FieldKind::Credentials, Task, Both,
              "The role to assume for the task (RoleArn or RoleArn.$)."},
    FieldInfo{"Choices", FieldKind::ChoiceRules, Choice, Both, "The rules, tried in order."},
    FieldInfo{"Default", FieldKind::StateName, Choice, Both,
              "The state to run when no rule matches."},
    FieldInfo{"Seconds", FieldKind::JsonataOrInteger, Wait, Both, "How long to wait."},
    FieldInfo{"SecondsPath", FieldKind::ReferencePath, Wait, JsonPath,
              "Reads the number of seconds from the input."},
    FieldInfo{"Timestamp", FieldKind::Timestamp, Wait, Both, "Waits until this time (RFC 3339)."},
    FieldInfo{"TimestampPath", FieldKind::ReferencePath, Wait, JsonPath,
              "Reads the timestamp from the input."},
    FieldInfo{"Error", FieldKind::JsonataOrText, Fail, Both, "The error name."},
    FieldInfo{"ErrorPath", FieldKind::ReferencePath, Fail, JsonPath,
              "Reads the error name from the input (or an intrinsic function)."},
    FieldInfo{"Cause", FieldKind::JsonataOrText, Fail, Both, "A human-readable cause."},
    FieldInfo{"CausePath", FieldKind::ReferencePath, Fail, JsonPath,
              "Reads the cause from the input (or an intrinsic function)."},
    FieldInfo{"Branches", FieldKind::Branches, Parallel, Both,
              "The state machines run in parallel."},
    FieldInfo{"ItemProcessor", FieldKind::Processor, Map, Both,
              "The state machine run for each item, with its ProcessorConfig."},
    FieldInfo{"Iterator", FieldKind::Processor, Map, Both,
              "Former name of ItemProcessor (inline only)."},
    FieldInfo{"ItemsPath", FieldKind::Path, Map, JsonPath, "Selects the array to iterate."},
    FieldInfo{"Items", FieldKind::JsonataTemplate, Map, Jsonata, "The array to iterate (JSONata)."},
    FieldInfo{"ItemSelector", FieldKind::JsonataTemplate, Map, Both,
              "Builds each item's input (a payload template in JSONPath)."},
    FieldInfo{"ItemReader", FieldKind::ItemReader, Map, Both,
              "Reads the items from S3 (distributed Map)."},
    FieldInfo{"ItemBatcher", FieldKind::ItemBatcher, Map, Both,
              "Groups items into batches (distributed Map)."},
    FieldInfo{"ResultWriter", FieldKind::ResultWriter, Map, Both,
              "Writes the results to S3 (distributed Map)."},
    FieldInfo{"MaxConcurrency", FieldKind::JsonataOrInteger, Map, Both,
              "How many iterations run at once (0: no limit)."},
    FieldInfo{"MaxConcurrencyPath", FieldKind::ReferencePath, Map, JsonPath,
              "Reads MaxConcurrency from the input."},
    FieldInfo{"ToleratedFailurePercentage", FieldKind::JsonataOrNumber, Map, Both,
              "The share of failed items (0-100) the Map tolerates."},
    FieldInfo{"ToleratedFailurePercentagePath", FieldKind::ReferencePath, Map, JsonPath,
              "Reads ToleratedFailurePercentage from the input."},
    FieldInfo{"ToleratedFailureCount", FieldKind::JsonataOrInteger, Map, Both,
              "How many failed items the Map tolerates."},
    FieldInfo{"ToleratedFailureCountPath", FieldKind::ReferencePath, Map, JsonPath,
              "Reads ToleratedFailureCount from the input."},
    FieldInfo{"Label", FieldKind::Label, Map, Both,
              "Names the Map Run's child executions (up to 40 characters)."},
    FieldInfo{"Retry", FieldKind::Retriers, Working, Both, "How to retry on errors."},
    FieldInfo{"Catch", FieldKind::Catchers, Working, Both,
              "Where to go on errors that retries did not fix."},
};

constexpr std::array documentFields = {
    FieldInfo{"Comment", FieldKind::Comment, 0, Both, "A description for people."},
    FieldInfo{"StartAt", FieldKind::StateName, 0, Both, "The first state."},
    FieldInfo{"States", FieldKind::AnyValue, 0, Both, "The states by name."},
    FieldInfo{"Version", FieldKind::Text, 0, Both, "The ASL version (\"1.0\")."},
    FieldInfo{"TimeoutSeconds", FieldKind::PositiveInteger, 0, Both,
              "The most an execution may run."},
    FieldInfo{"QueryLanguage", FieldKind::QueryLanguage, 0, Both,
              "JSONPath (default) or JSONata for every state."},
};

} // namespace

std::span<const FieldInfo> stateFieldCatalog()
{
    return stateFields;
}

const FieldInfo *findStateField(std::string_view name)
{
    for (const FieldInfo &field : stateFields) {
        if (field.name == name)
            return &field;
    }
    return nullptr;
}

std::span<const FieldInfo> documentFieldCatalog()
{
    return documentFields;
}

std::string_view toString(FieldKind kind)
{
    switch (kind) {
    case FieldKind::Text:
        return "text";
    case FieldKind::Comment:
        return "comment";
    case FieldKind::StateType:
        return "state type";
    case FieldKind::QueryLanguage:
        return "query language";
    case FieldKind::StateName:
        return "state name";
    case FieldKind::Boolean:
        return "boolean";
    case FieldKind::Resource:
        return "resource ARN";
    case FieldKind::Path:
        return "path";
    case FieldKind::ReferencePath:
        return "reference path";
    case FieldKind::PayloadTemplate:
        return "payload template";
    case FieldKind::AnyValue:
        return "any value";
    case FieldKind::JsonataTemplate:
        return "JSONata or value";
    case FieldKind::Variables:
        return "variables";
    case FieldKind::Jsonata:
        return "JSONata";
    case FieldKind::PositiveInteger:
        return "positive integer";
    case FieldKind::NonNegativeInteger:
        return "non-negative integer";
    case FieldKind::Percentage:
        return "percentage";
    case FieldKind::JsonataOrInteger:
        return "integer or JSONata";
    case FieldKind::JsonataOrNumber:
        return "number or JSONata";
    case FieldKind::JsonataOrText:
        return "text or JSONata";
    case FieldKind::Timestamp:
        return "timestamp";
    case FieldKind::Retriers:
        return "retriers";
    case FieldKind::Catchers:
        return "catchers";
    case FieldKind::ChoiceRules:
        return "choice rules";
    case FieldKind::Branches:
        return "branches";
    case FieldKind::Processor:
        return "item processor";
    case FieldKind::Credentials:
        return "credentials";
    case FieldKind::ItemReader:
        return "item reader";
    case FieldKind::ItemBatcher:
        return "item batcher";
    case FieldKind::ResultWriter:
        return "result writer";
    case FieldKind::Label:
        return "label";
    }
    return "value";
}

} // namespace Stepwise::Model
