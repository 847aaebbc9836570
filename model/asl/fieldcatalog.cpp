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

using F = ObjectFieldInfo;
using K = FieldKind;

constexpr std::array retrierFields = {
    F{"ErrorEquals", K::ErrorNames, Both, true, "", "The errors this retrier handles."},
    F{"IntervalSeconds", K::PositiveInteger, Both, false, "", "Seconds before the first retry."},
    F{"MaxAttempts", K::NonNegativeInteger, Both, false, "", "How many retries (0: none)."},
    F{"BackoffRate", K::Number, Both, false, "", "Multiplies the interval (at least 1.0)."},
    F{"MaxDelaySeconds", K::PositiveInteger, Both, false, "", "The longest interval."},
    F{"JitterStrategy", K::Enumeration, Both, false, "FULL NONE", "Randomises intervals."},
    F{"Comment", K::Comment, Both, false, "", "A description for people."},
};
constexpr std::array catcherFields = {
    F{"ErrorEquals", K::ErrorNames, Both, true, "", "The errors this catcher handles."},
    F{"Next", K::StateName, Both, true, "", "The state to go to."},
    F{"ResultPath", K::ReferencePath, JsonPath, false, "", "Where the error output goes."},
    F{"Output", K::JsonataTemplate, Jsonata, false, "", "The output passed on (JSONata)."},
    F{"Assign", K::Variables, Both, false, "", "Variables to set."},
    F{"Comment", K::Comment, Both, false, "", "A description for people."},
};
constexpr std::array processorConfigFields = {
    F{"Mode", K::Enumeration, Both, false, "INLINE DISTRIBUTED", "Where iterations run."},
    F{"ExecutionType", K::Enumeration, Both, false, "STANDARD EXPRESS",
      "The child executions' type (DISTRIBUTED only, required there)."},
};
constexpr std::array itemReaderFields = {
    F{"Resource", K::Resource, Both, true, "", "The S3 read action."},
    F{"ReaderConfig", K::Object, Both, false, "", "How to read the items."},
    F{"Parameters", K::PayloadTemplate, JsonPath, false, "", "The read action's parameters."},
    F{"Arguments", K::JsonataTemplate, Jsonata, false, "", "The read action's arguments."},
};
constexpr std::array readerConfigFields = {
    F{"InputType", K::Enumeration, Both, false, "CSV JSON JSONL MANIFEST PARQUET",
      "The format of the object read."},
    F{"CSVHeaderLocation", K::Enumeration, Both, false, "FIRST_ROW GIVEN",
      "Where CSV column names come from."},
    F{"CSVHeaders", K::AnyValue, Both, false, "", "The column names (GIVEN)."},
    F{"CSVDelimiter", K::Enumeration, Both, false, "COMMA PIPE SEMICOLON SPACE TAB",
      "The CSV field separator."},
    F{"MaxItems", K::JsonataOrInteger, Both, false, "", "Reads at most this many items."},
    F{"MaxItemsPath", K::ReferencePath, JsonPath, false, "", "Reads MaxItems from the input."},
    F{"ManifestType", K::Enumeration, Both, false, "ATHENA_DATA S3_INVENTORY",
      "The kind of manifest."},
    F{"Transformation", K::Enumeration, Both, false, "NONE LOAD_AND_FLATTEN",
      "How manifest entries become items."},
};
constexpr std::array itemBatcherFields = {
    F{"MaxItemsPerBatch", K::JsonataOrInteger, Both, false, "", "Items per batch."},
    F{"MaxItemsPerBatchPath", K::ReferencePath, JsonPath, false, "",
      "Reads MaxItemsPerBatch from the input."},
    F{"MaxInputBytesPerBatch", K::JsonataOrInteger, Both, false, "", "Bytes per batch."},
    F{"MaxInputBytesPerBatchPath", K::ReferencePath, JsonPath, false, "",
      "Reads MaxInputBytesPerBatch from the input."},
    F{"BatchInput", K::JsonataTemplate, Both, false, "", "Added to every batch."},
};
constexpr std::array resultWriterFields = {
    F{"Resource", K::Resource, Both, false, "", "The S3 write action."},
    F{"Parameters", K::PayloadTemplate, JsonPath, false, "", "The write action's parameters."},
    F{"Arguments", K::JsonataTemplate, Jsonata, false, "", "The write action's arguments."},
    F{"WriterConfig", K::Object, Both, false, "", "How results are written."},
};
constexpr std::array writerConfigFields = {
    F{"OutputType", K::Enumeration, Both, true, "JSON JSONL", "The format written."},
    F{"Transformation", K::Enumeration, Both, false, "NONE COMPACT FLATTEN",
      "How results are shaped."},
};
constexpr std::array credentialsFields = {
    F{"RoleArn", K::JsonataOrText, Both, false, "", "The role to assume."},
    F{"RoleArn.$", K::ReferencePath, JsonPath, false, "", "Reads the role from the input."},
};

constexpr std::array choiceOperators = {
    ChoiceOperatorInfo{"StringEquals", OperandKind::String},
    ChoiceOperatorInfo{"StringEqualsPath", OperandKind::Path},
    ChoiceOperatorInfo{"StringLessThan", OperandKind::String},
    ChoiceOperatorInfo{"StringLessThanPath", OperandKind::Path},
    ChoiceOperatorInfo{"StringGreaterThan", OperandKind::String},
    ChoiceOperatorInfo{"StringGreaterThanPath", OperandKind::Path},
    ChoiceOperatorInfo{"StringLessThanEquals", OperandKind::String},
    ChoiceOperatorInfo{"StringLessThanEqualsPath", OperandKind::Path},
    ChoiceOperatorInfo{"StringGreaterThanEquals", OperandKind::String},
    ChoiceOperatorInfo{"StringGreaterThanEqualsPath", OperandKind::Path},
    ChoiceOperatorInfo{"StringMatches", OperandKind::String},
    ChoiceOperatorInfo{"NumericEquals", OperandKind::Number},
    ChoiceOperatorInfo{"NumericEqualsPath", OperandKind::Path},
    ChoiceOperatorInfo{"NumericLessThan", OperandKind::Number},
    ChoiceOperatorInfo{"NumericLessThanPath", OperandKind::Path},
    ChoiceOperatorInfo{"NumericGreaterThan", OperandKind::Number},
    ChoiceOperatorInfo{"NumericGreaterThanPath", OperandKind::Path},
    ChoiceOperatorInfo{"NumericLessThanEquals", OperandKind::Number},
    ChoiceOperatorInfo{"NumericLessThanEqualsPath", OperandKind::Path},
    ChoiceOperatorInfo{"NumericGreaterThanEquals", OperandKind::Number},
    ChoiceOperatorInfo{"NumericGreaterThanEqualsPath", OperandKind::Path},
    ChoiceOperatorInfo{"BooleanEquals", OperandKind::Boolean},
    ChoiceOperatorInfo{"BooleanEqualsPath", OperandKind::Path},
    ChoiceOperatorInfo{"TimestampEquals", OperandKind::Timestamp},
    ChoiceOperatorInfo{"TimestampEqualsPath", OperandKind::Path},
    ChoiceOperatorInfo{"TimestampLessThan", OperandKind::Timestamp},
    ChoiceOperatorInfo{"TimestampLessThanPath", OperandKind::Path},
    ChoiceOperatorInfo{"TimestampGreaterThan", OperandKind::Timestamp},
    ChoiceOperatorInfo{"TimestampGreaterThanPath", OperandKind::Path},
    ChoiceOperatorInfo{"TimestampLessThanEquals", OperandKind::Timestamp},
    ChoiceOperatorInfo{"TimestampLessThanEqualsPath", OperandKind::Path},
    ChoiceOperatorInfo{"TimestampGreaterThanEquals", OperandKind::Timestamp},
    ChoiceOperatorInfo{"TimestampGreaterThanEqualsPath", OperandKind::Path},
    ChoiceOperatorInfo{"IsNull", OperandKind::Test},
    ChoiceOperatorInfo{"IsPresent", OperandKind::Test},
    ChoiceOperatorInfo{"IsNumeric", OperandKind::Test},
    ChoiceOperatorInfo{"IsString", OperandKind::Test},
    ChoiceOperatorInfo{"IsBoolean", OperandKind::Test},
    ChoiceOperatorInfo{"IsTimestamp", OperandKind::Test},
};

} // namespace

std::span<const ChoiceOperatorInfo> choiceOperatorCatalog()
{
    return choiceOperators;
}

const ChoiceOperatorInfo *findChoiceOperator(std::string_view name)
{
    for (const ChoiceOperatorInfo &op : choiceOperators) {
        if (op.name == name)
            return &op;
    }
    return nullptr;
}

std::span<const ObjectFieldInfo> objectFieldCatalog(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Retrier:
        return retrierFields;
    case ObjectKind::Catcher:
        return catcherFields;
    case ObjectKind::ProcessorConfig:
        return processorConfigFields;
    case ObjectKind::ItemReader:
        return itemReaderFields;
    case ObjectKind::ReaderConfig:
        return readerConfigFields;
    case ObjectKind::ItemBatcher:
        return itemBatcherFields;
    case ObjectKind::ResultWriter:
        return resultWriterFields;
    case ObjectKind::WriterConfig:
        return writerConfigFields;
    case ObjectKind::Credentials:
        return credentialsFields;
    }
    return {};
}

const ObjectFieldInfo *findObjectField(ObjectKind kind, std::string_view name)
{
    for (const ObjectFieldInfo &field : objectFieldCatalog(kind)) {
        if (field.name == name)
            return &field;
    }
    return nullptr;
}

std::string_view toString(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Retrier:
        return "A retrier";
    case ObjectKind::Catcher:
        return "A catcher";
    case ObjectKind::ProcessorConfig:
        return "ProcessorConfig";
    case ObjectKind::ItemReader:
        return "ItemReader";
    case ObjectKind::ReaderConfig:
        return "ReaderConfig";
    case ObjectKind::ItemBatcher:
        return "ItemBatcher";
    case ObjectKind::ResultWriter:
        return "ResultWriter";
    case ObjectKind::WriterConfig:
        return "WriterConfig";
    case ObjectKind::Credentials:
        return "Credentials";
    }
    return "The object";
}

std::span<const FieldInfo> stateFieldCatalog()
{
    return stateFields;
}

std::vector<const FieldInfo *> fieldsFor(StateType type, QueryLanguage language)
{
    std::vector<const FieldInfo *> out;
    for (const FieldInfo &field : stateFields) {
        if (field.appliesTo(type) && field.allowedIn(language))
            out.push_back(&field);
    }
    return out;
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
    case FieldKind::Number:
        return "number";
    case FieldKind::Enumeration:
        return "one of";
    case FieldKind::ErrorNames:
        return "error names";
    case FieldKind::Object:
        return "object";
    }
    return "value";
}

} // namespace Stepwise::Model
