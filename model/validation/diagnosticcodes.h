#pragma once

#include "model/validation/diagnostic.h"

#include <span>
#include <string_view>

namespace Stepwise::Model {

// The stable diagnostic codes. Tests, docs/diagnostics.md and users' tooling refer to them:
// never rename one, add new ones instead.
namespace DiagnosticCode {
inline constexpr std::string_view JsonSyntax = "JSON_SYNTAX";
// The loader's own (model/io/definitionloader.h): the file cannot be read, or is not YAML.
inline constexpr std::string_view FileUnreadable = "FILE_UNREADABLE";
inline constexpr std::string_view YamlSyntax = "YAML_SYNTAX";
// `stepwise-cli run`'s own (model/io/deploysubstitutions.h): a deploy-time placeholder has no
// value, so the definition cannot run as it is.
inline constexpr std::string_view PlaceholderUnresolved = "PLACEHOLDER_UNRESOLVED";
inline constexpr std::string_view DuplicateKey = "DUPLICATE_KEY";
inline constexpr std::string_view DefinitionNotObject = "DEFINITION_NOT_OBJECT";
inline constexpr std::string_view StatesMissing = "STATES_MISSING";
inline constexpr std::string_view StartAtMissing = "START_AT_MISSING";
inline constexpr std::string_view StartAtTargetMissing = "START_AT_TARGET_MISSING";
inline constexpr std::string_view StateTypeMissing = "STATE_TYPE_MISSING";
inline constexpr std::string_view StateTypeUnknown = "STATE_TYPE_UNKNOWN";
inline constexpr std::string_view StateNameTooLong = "STATE_NAME_TOO_LONG";
inline constexpr std::string_view StateNameDuplicate = "STATE_NAME_DUPLICATE";
inline constexpr std::string_view FieldUnknown = "FIELD_UNKNOWN";
inline constexpr std::string_view FieldNotAllowed = "FIELD_NOT_ALLOWED";
inline constexpr std::string_view FieldQueryLanguage = "FIELD_QUERY_LANGUAGE";
inline constexpr std::string_view FieldRequired = "FIELD_REQUIRED";
inline constexpr std::string_view FieldType = "FIELD_TYPE";
inline constexpr std::string_view FieldRange = "FIELD_RANGE";
inline constexpr std::string_view FieldConflict = "FIELD_CONFLICT";
inline constexpr std::string_view QueryLanguageDowngrade = "QUERY_LANGUAGE_DOWNGRADE";
inline constexpr std::string_view NextAndEnd = "NEXT_AND_END";
inline constexpr std::string_view NextOrEndMissing = "NEXT_OR_END_MISSING";
inline constexpr std::string_view NextTargetMissing = "NEXT_TARGET_MISSING";
inline constexpr std::string_view ChoiceRuleOperatorMissing = "CHOICE_RULE_OPERATOR_MISSING";
inline constexpr std::string_view ChoiceRuleOperatorMultiple = "CHOICE_RULE_OPERATOR_MULTIPLE";
inline constexpr std::string_view ChoiceRuleVariableMissing = "CHOICE_RULE_VARIABLE_MISSING";
inline constexpr std::string_view ChoiceRuleNextMissing = "CHOICE_RULE_NEXT_MISSING";
inline constexpr std::string_view ChoiceRuleNestedNext = "CHOICE_RULE_NESTED_NEXT";
inline constexpr std::string_view ChoiceRuleOperandType = "CHOICE_RULE_OPERAND_TYPE";
inline constexpr std::string_view ChoiceRuleConditionMissing = "CHOICE_RULE_CONDITION_MISSING";
inline constexpr std::string_view WaitTimingMissing = "WAIT_TIMING_MISSING";
inline constexpr std::string_view WaitTimingMultiple = "WAIT_TIMING_MULTIPLE";
inline constexpr std::string_view TimestampInvalid = "TIMESTAMP_INVALID";
inline constexpr std::string_view ErrorEqualsEmpty = "ERROR_EQUALS_EMPTY";
inline constexpr std::string_view StatesAllNotAlone = "STATES_ALL_NOT_ALONE";
inline constexpr std::string_view StatesAllNotLast = "STATES_ALL_NOT_LAST";
inline constexpr std::string_view PathInvalid = "PATH_INVALID";
inline constexpr std::string_view PayloadTemplateInvalid = "PAYLOAD_TEMPLATE_INVALID";
inline constexpr std::string_view IntrinsicInvalid = "INTRINSIC_INVALID";
inline constexpr std::string_view JsonataInvalid = "JSONATA_INVALID";
inline constexpr std::string_view JsonataDelimiters = "JSONATA_DELIMITERS";
inline constexpr std::string_view VariableNameInvalid = "VARIABLE_NAME_INVALID";
inline constexpr std::string_view VariableNotAssigned = "VARIABLE_NOT_ASSIGNED";
inline constexpr std::string_view ResourceInvalid = "RESOURCE_INVALID";
inline constexpr std::string_view ResourceUnsupported = "RESOURCE_UNSUPPORTED";
inline constexpr std::string_view LabelInvalid = "LABEL_INVALID";
inline constexpr std::string_view UnreachableState = "UNREACHABLE_STATE";
inline constexpr std::string_view NoTerminalPath = "NO_TERMINAL_PATH";
inline constexpr std::string_view NoTerminalState = "NO_TERMINAL_STATE";
} // namespace DiagnosticCode

struct DiagnosticCodeInfo
{
    std::string_view code;
    Severity severity;
    std::string_view summary;
};

// Every code the validator (and the CLI, for JSON_SYNTAX) emits, with a one-line summary.
std::span<const DiagnosticCodeInfo> diagnosticCatalogue();
const DiagnosticCodeInfo *findDiagnosticCode(std::string_view code);

} // namespace Stepwise::Model
