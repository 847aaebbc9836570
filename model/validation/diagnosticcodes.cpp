#include "model/validation/diagnosticcodes.h"

#include <array>

namespace Stepwise::Model {

namespace {

using namespace DiagnosticCode;

constexpr Severity E = Severity::Error;
constexpr Severity W = Severity::Warning;

constexpr std::array catalogue = {
    DiagnosticCodeInfo{JsonSyntax, E, "The text is not well-formed JSON."},
    DiagnosticCodeInfo{DuplicateKey, E, "A key is written twice in one object."},
    DiagnosticCodeInfo{DefinitionNotObject, E, "The definition is not a JSON object."},
    DiagnosticCodeInfo{StatesMissing, E,
                       "A state machine, branch or processor has no States object, or an "
                       "empty one."},
    DiagnosticCodeInfo{StartAtMissing, E,
                       "A state machine, branch or processor has no StartAt string."},
    DiagnosticCodeInfo{StartAtTargetMissing, E, "StartAt names no state of its scope."},
    DiagnosticCodeInfo{StateTypeMissing, E, "A state has no Type."},
    DiagnosticCodeInfo{StateTypeUnknown, E, "A state's Type is not one of the eight ASL types."},
    DiagnosticCodeInfo{StateNameTooLong, E, "A state name is longer than 80 characters."},
    DiagnosticCodeInfo{StateNameDuplicate, E,
                       "Two states share a name (names are unique in the whole machine)."},
    DiagnosticCodeInfo{FieldUnknown, E, "A field ASL does not define at that place."},
    DiagnosticCodeInfo{FieldNotAllowed, E,
                       "An ASL field the state type does not accept (e.g. Retry in a Pass)."},
    DiagnosticCodeInfo{FieldQueryLanguage, E,
                       "A field of the other query language (e.g. Parameters in JSONata)."},
    DiagnosticCodeInfo{FieldRequired, E,
                       "A required field is missing (Resource, Choices, Branches, "
                       "ItemProcessor, ErrorEquals, Catch Next, RoleArn...)."},
    DiagnosticCodeInfo{FieldType, E, "A field's value has the wrong JSON type."},
    DiagnosticCodeInfo{FieldRange, E,
                       "A field's value is out of range, empty, or not one of the allowed "
                       "values."},
    DiagnosticCodeInfo{FieldConflict, E,
                       "Fields that exclude each other are both present (e.g. Error and "
                       "ErrorPath)."},
    DiagnosticCodeInfo{QueryLanguageDowngrade, E,
                       "A state asks for JSONPath in a machine whose QueryLanguage is "
                       "JSONata."},
    DiagnosticCodeInfo{NextAndEnd, E, "A state has both Next and End."},
    DiagnosticCodeInfo{NextOrEndMissing, E, "A state that must go on has neither Next nor End."},
    DiagnosticCodeInfo{NextTargetMissing, E,
                       "Next, Default, a Choice rule's or a Catcher's Next names no state of "
                       "the same scope."},
    DiagnosticCodeInfo{ChoiceRuleOperatorMissing, E,
                       "A Choice rule has no comparison operator and no And/Or/Not."},
    DiagnosticCodeInfo{ChoiceRuleOperatorMultiple, E, "A Choice rule has several operators."},
    DiagnosticCodeInfo{ChoiceRuleVariableMissing, E,
                       "A JSONPath Choice comparison has no Variable."},
    DiagnosticCodeInfo{ChoiceRuleNextMissing, E, "A top-level Choice rule has no Next."},
    DiagnosticCodeInfo{ChoiceRuleNestedNext, E,
                       "A rule nested in And/Or/Not has a Next (only top-level rules may)."},
    DiagnosticCodeInfo{ChoiceRuleOperandType, E,
                       "A comparison's operand has the wrong type for its operator."},
    DiagnosticCodeInfo{ChoiceRuleConditionMissing, E, "A JSONata Choice rule has no Condition."},
    DiagnosticCodeInfo{WaitTimingMissing, E,
                       "A Wait has none of Seconds, SecondsPath, Timestamp, TimestampPath."},
    DiagnosticCodeInfo{WaitTimingMultiple, E, "A Wait has more than one of its timing fields."},
    DiagnosticCodeInfo{TimestampInvalid, E,
                       "A timestamp is not RFC 3339 (e.g. "
                       "2016-03-14T01:59:00Z)."},
    DiagnosticCodeInfo{ErrorEqualsEmpty, E, "A retrier's or catcher's ErrorEquals is empty."},
    DiagnosticCodeInfo{StatesAllNotAlone, E,
                       "States.ALL is listed with other error names in one ErrorEquals."},
    DiagnosticCodeInfo{StatesAllNotLast, E,
                       "A retrier or catcher with States.ALL is not the last one."},
    DiagnosticCodeInfo{PathInvalid, E,
                       "A path (InputPath, ResultPath, Variable, ...) is not a "
                       "valid JSONPath of its kind."},
    DiagnosticCodeInfo{PayloadTemplateInvalid, E,
                       "A payload template's \"key.$\" value is not a path or an intrinsic "
                       "function call."},
    DiagnosticCodeInfo{IntrinsicInvalid, E, "An intrinsic function call is malformed."},
    DiagnosticCodeInfo{JsonataInvalid, E, "A {% JSONata %} expression does not parse."},
    DiagnosticCodeInfo{JsonataDelimiters, E,
                       "A JSONata field's string opens with {% but does not close with %}, "
                       "or a field that needs an expression has none."},
    DiagnosticCodeInfo{VariableNameInvalid, E,
                       "An Assign key is not a valid variable name (letters, digits, _; not "
                       "starting with a digit; at most 80 characters; not the reserved 'states')."},
    DiagnosticCodeInfo{VariableNotAssigned, W,
                       "A state reads a variable that no state before it (nor an enclosing "
                       "scope) assigns."},
    DiagnosticCodeInfo{ResourceInvalid, E, "A Resource is not an ARN."},
    DiagnosticCodeInfo{ResourceUnsupported, E,
                       "A Resource AWS does not support here (unknown optimized integration, "
                       "or .sync/.waitForTaskToken/activity in an Express machine)."},
    DiagnosticCodeInfo{LabelInvalid, E,
                       "A Map Label is longer than 40 characters or has a reserved character."},
    DiagnosticCodeInfo{UnreachableState, E,
                       "No transition leads to the state (AWS refuses such machines)."},
    DiagnosticCodeInfo{NoTerminalPath, W,
                       "From the state no path reaches an end (End, Succeed or Fail)."},
    DiagnosticCodeInfo{NoTerminalState, E,
                       "No state of a state machine, branch or processor ends it (End, Succeed "
                       "or Fail)."},
};

} // namespace

std::span<const DiagnosticCodeInfo> diagnosticCatalogue()
{
    return catalogue;
}

const DiagnosticCodeInfo *findDiagnosticCode(std::string_view code)
{
    for (const DiagnosticCodeInfo &info : catalogue) {
        if (info.code == code)
            return &info;
    }
    return nullptr;
}

} // namespace Stepwise::Model
