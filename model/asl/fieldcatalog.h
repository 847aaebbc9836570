#pragma once

#include "model/asl/statetype.h"

#include <span>
#include <string_view>
#include <vector>

namespace Stepwise::Model {

// What a field's value is, as the validator checks it and as an inspector edits it.
enum class FieldKind {
    Text,            // any string
    Comment,         // free text
    StateType,       // "Pass", "Task", ...
    QueryLanguage,   // "JSONPath" | "JSONata"
    StateName,       // the name of a state of the same scope (Next, Default)
    Boolean,         // true (End)
    Resource,        // an ARN (or a ${Placeholder})
    Path,            // a JSONPath (InputPath, OutputPath, ItemsPath); null allowed
    ReferencePath,   // a path to one node (ResultPath, *Path fields); null for ResultPath
    PayloadTemplate, // an object whose "key.$" values are paths or intrinsic calls
    AnyValue,        // any JSON value (Result)
    JsonataTemplate, // any JSON value whose strings may be {% JSONata %} (Arguments, Output)
    Variables,       // Assign: variable names to values (templates in JSONPath, {% %} in JSONata)
    Jsonata,         // a {% JSONata %} string (Items, Condition)
    PositiveInteger, // an integer >= 1 (TimeoutSeconds, HeartbeatSeconds)
    NonNegativeInteger, // an integer >= 0 (Seconds, MaxConcurrency, ToleratedFailureCount)
    Percentage,         // a number from 0 to 100
    JsonataOrInteger,   // an integer, or in JSONata a {% %} string
    JsonataOrNumber,    // a number, or in JSONata a {% %} string
    JsonataOrText,      // a string, possibly {% %} in JSONata (Error, Cause)
    Timestamp,          // an RFC 3339 timestamp, or in JSONata a {% %} string
    Retriers,           // Retry: an array of retriers
    Catchers,           // Catch: an array of catchers
    ChoiceRules,        // Choices: a non-empty array of rules
    Branches,           // Parallel: a non-empty array of scopes
    Processor,          // Map: ItemProcessor / Iterator, a scope
    Credentials,        // {"RoleArn": ...} or {"RoleArn.$": ...}
    ItemReader,         // Map: where the items come from (distributed)
    ItemBatcher,        // Map: how items are batched (distributed)
    ResultWriter,       // Map: where the results go (distributed)
    Label,              // up to 40 characters, none of AWS's reserved ones
    Number,             // any number (BackoffRate)
    Enumeration,        // one of the field's `values`
    ErrorNames,         // ErrorEquals: a non-empty array of error names
    Object,             // a nested object with its own catalogue (ReaderConfig, WriterConfig)
};

// Bit sets over StateType and QueryLanguage values.
using StateTypeMask = unsigned;
using QueryLanguageMask = unsigned;

constexpr StateTypeMask maskOf(StateType type)
{
    return 1u << static_cast<unsigned>(type);
}
constexpr QueryLanguageMask maskOf(QueryLanguage language)
{
    return 1u << static_cast<unsigned>(language);
}
inline constexpr QueryLanguageMask bothLanguages
    = maskOf(QueryLanguage::JsonPath) | maskOf(QueryLanguage::Jsonata);

// One field a state may carry: which state types accept it, in which query languages,
// and what its value is. The validator checks states against this table and the
// inspector builds its forms from it.
struct FieldInfo
{
    std::string_view name;
    FieldKind kind;
    StateTypeMask stateTypes;
    QueryLanguageMask languages;
    std::string_view description;

    bool appliesTo(StateType type) const { return (stateTypes & maskOf(type)) != 0; }
    bool allowedIn(QueryLanguage language) const { return (languages & maskOf(language)) != 0; }
};

// Every state field AWS accepts, in the order the ASL specification presents them.
std::span<const FieldInfo> stateFieldCatalog();
// The fields a state of `type` may carry in `language`, in catalogue order (an inspector's
// form for that state).
std::vector<const FieldInfo *> fieldsFor(StateType type, QueryLanguage language);
// The entry for `name` if any state type accepts a field of that name.
const FieldInfo *findStateField(std::string_view name);
// The fields of the top-level definition (StartAt, States, Comment, Version, ...).
std::span<const FieldInfo> documentFieldCatalog();

// Objects inside a state whose fields ASL fixes, each with its own small catalogue.
enum class ObjectKind {
    Retrier,
    Catcher,
    ProcessorConfig,
    ItemReader,
    ReaderConfig,
    ItemBatcher,
    ResultWriter,
    WriterConfig,
    Credentials,
};

struct ObjectFieldInfo
{
    std::string_view name;
    FieldKind kind;
    QueryLanguageMask languages;
    bool required;
    std::string_view values; // Enumeration: the allowed values, space-separated
    std::string_view description;

    bool allowedIn(QueryLanguage language) const { return (languages & maskOf(language)) != 0; }
};

std::span<const ObjectFieldInfo> objectFieldCatalog(ObjectKind kind);
const ObjectFieldInfo *findObjectField(ObjectKind kind, std::string_view name);
// "Retrier", "Catcher", "ProcessorConfig", ...
std::string_view toString(ObjectKind kind);

// A JSONPath Choice rule's comparison operator and what it compares the Variable with.
enum class OperandKind { String, Number, Boolean, Timestamp, Path, Test };
struct ChoiceOperatorInfo
{
    std::string_view name;
    OperandKind operand; // Path: a reference path to the value; Test: true or false
};
// Every comparison operator (StringEquals, NumericLessThanPath, IsPresent, ...).
std::span<const ChoiceOperatorInfo> choiceOperatorCatalog();
const ChoiceOperatorInfo *findChoiceOperator(std::string_view name);

std::string_view toString(FieldKind kind);

} // namespace Stepwise::Model
