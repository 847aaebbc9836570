#include "model/validation/choicerulechecker.h"

#include "model/asl/fieldcatalog.h"
#include "model/json/jsonpointer.h"
#include "model/validation/diagnosticcodes.h"
#include "model/validation/validationcontext.h"
#include "model/validation/valuechecks.h"

namespace Stepwise::Model {

namespace {

bool isCombinator(std::string_view name)
{
    return name == "And" || name == "Or" || name == "Not";
}

// Deeper nesting is refused rather than recursed into without bound.
constexpr int maxRuleDepth = 100;

} // namespace

ChoiceRuleChecker::ChoiceRuleChecker(ValidationContext &context)
    : m_context(context)
    , m_expressions(context)
{}

void ChoiceRuleChecker::checkChoices(const Json &choices, const std::string &pointer,
                                     QueryLanguage language, std::vector<Edge> &edges)
{
    if (!choices.is_array()) {
        m_context.error(DiagnosticCode::FieldType, pointer, "Choices must be an array of rules");
        return;
    }
    if (choices.empty()) {
        m_context.error(DiagnosticCode::FieldRange, pointer, "Choices must hold at least one rule");
        return;
    }
    for (size_t i = 0; i < choices.size(); ++i) {
        const Json &rule = choices[i];
        std::string at = appendPointer(pointer, i);
        if (!rule.is_object()) {
            m_context.error(DiagnosticCode::FieldType, at, "A Choice rule must be an object");
            continue;
        }
        if (!rule.contains("Next")) {
            m_context.error(DiagnosticCode::ChoiceRuleNextMissing, at,
                            "Choice rule " + std::to_string(i + 1) + " has no Next");
        } else if (!rule["Next"].is_string()) {
            m_context.error(DiagnosticCode::FieldType, appendPointer(at, "Next"),
                            "Next must be a state name (a string)");
        } else {
            edges.push_back({rule["Next"].get<std::string>(), appendPointer(at, "Next")});
        }
        if (language == QueryLanguage::Jsonata)
            checkJsonataRule(rule, at);
        else
            checkJsonPathRule(rule, at, true, 0);
    }
}

void ChoiceRuleChecker::checkJsonataRule(const Json &rule, const std::string &pointer)
{
    for (auto it = rule.begin(); it != rule.end(); ++it) {
        const std::string &key = it.key();
        std::string at = appendPointer(pointer, key);
        if (key == "Next" || key == "Comment") {
            if (key == "Comment" && !it.value().is_string())
                m_context.error(DiagnosticCode::FieldType, at, "Comment must be a string");
        } else if (key == "Condition") {
            if (!it.value().is_boolean())
                m_expressions.checkJsonataString(it.value(), at, "Condition");
        } else if (key == "Assign") {
            if (!it.value().is_object())
                m_context.error(DiagnosticCode::FieldType, at, "Assign must be an object");
            else
                m_expressions.checkJsonataTemplate(it.value(), at);
        } else if (key == "Output") {
            m_expressions.checkJsonataTemplate(it.value(), at);
        } else if (key == "Variable" || isCombinator(key) || findChoiceOperator(key)) {
            m_context.error(DiagnosticCode::FieldQueryLanguage, at,
                            "'" + key
                                + "' is a JSONPath Choice rule field; in JSONata a rule "
                                  "tests a Condition",
                            true);
        } else {
            m_context.error(DiagnosticCode::FieldUnknown, at,
                            "A Choice rule does not accept the field '" + key + "'", true);
        }
    }
    if (!rule.contains("Condition")) {
        m_context.error(DiagnosticCode::ChoiceRuleConditionMissing, pointer,
                        "A JSONata Choice rule needs a Condition");
    }
}

void ChoiceRuleChecker::checkJsonPathRule(const Json &rule, const std::string &pointer,
                                          bool topLevel, int depth)
{
    if (!rule.is_object()) {
        m_context.error(DiagnosticCode::FieldType, pointer, "A Choice rule must be an object");
        return;
    }
    if (depth > maxRuleDepth) {
        m_context.error(DiagnosticCode::FieldRange, pointer, "Choice rules are nested too deeply");
        return;
    }
    std::vector<std::string> found;
    for (auto it = rule.begin(); it != rule.end(); ++it) {
        const std::string &key = it.key();
        std::string at = appendPointer(pointer, key);
        if (key == "Next") {
            if (!topLevel)
                m_context.error(DiagnosticCode::ChoiceRuleNestedNext, at,
                                "Only top-level Choice rules may have Next", true);
        } else if (key == "Comment") {
            if (!it.value().is_string())
                m_context.error(DiagnosticCode::FieldType, at, "Comment must be a string");
        } else if (key == "Assign" && topLevel) {
            if (!it.value().is_object())
                m_context.error(DiagnosticCode::FieldType, at, "Assign must be an object");
            else
                m_expressions.checkPayloadTemplate(it.value(), at);
        } else if (key == "Variable") {
            m_expressions.checkPath(it.value(), at, ExpressionSyntax::PathKind::ReferencePath,
                                    false, "Variable");
        } else if (isCombinator(key) || findChoiceOperator(key)) {
            found.push_back(key);
        } else if (key == "Condition" || key == "Output") {
            m_context.error(DiagnosticCode::FieldQueryLanguage, at,
                            "'" + key
                                + "' is a JSONata Choice rule field; this state uses "
                                  "JSONPath",
                            true);
        } else {
            m_context.error(DiagnosticCode::FieldUnknown, at,
                            "A Choice rule does not accept the field '" + key + "'", true);
        }
    }
    if (found.empty()) {
        m_context.error(DiagnosticCode::ChoiceRuleOperatorMissing, pointer,
                        "A Choice rule needs one comparison operator, or And, Or or Not");
        return;
    }
    if (found.size() > 1) {
        m_context.error(DiagnosticCode::ChoiceRuleOperatorMultiple,
                        appendPointer(pointer, found[1]),
                        "A Choice rule takes exactly one operator, found '" + found[0] + "' and '"
                            + found[1] + "'",
                        true);
        return;
    }
    const std::string &op = found[0];
    const Json &operand = rule[op];
    std::string at = appendPointer(pointer, op);
    if (isCombinator(op)) {
        if (rule.contains("Variable")) {
            m_context.error(DiagnosticCode::FieldNotAllowed, appendPointer(pointer, "Variable"),
                            "A rule combining with " + op + " takes no Variable", true);
        }
        if (op == "Not") {
            checkJsonPathRule(operand, at, false, depth + 1);
            return;
        }
        if (!operand.is_array() || operand.empty()) {
            m_context.error(operand.is_array() ? DiagnosticCode::FieldRange
                                               : DiagnosticCode::FieldType,
                            at, op + " must be a non-empty array of rules");
            return;
        }
        for (size_t i = 0; i < operand.size(); ++i)
            checkJsonPathRule(operand[i], appendPointer(at, i), false, depth + 1);
        return;
    }
    if (!rule.contains("Variable")) {
        m_context.error(DiagnosticCode::ChoiceRuleVariableMissing, pointer,
                        "The comparison " + op + " needs a Variable");
    }
    checkOperand(op, operand, at);
}

void ChoiceRuleChecker::checkOperand(const std::string &op, const Json &value,
                                     const std::string &pointer)
{
    const ChoiceOperatorInfo *info = findChoiceOperator(op);
    auto wrong = [&](const std::string &expected) {
        m_context.error(DiagnosticCode::ChoiceRuleOperandType, pointer,
                        op + " compares with " + expected + ", not " + value.dump());
    };
    if (m_context.isPlaceholder(value))
        return;
    switch (info->operand) {
    case OperandKind::String:
        if (!value.is_string())
            wrong("a string");
        return;
    case OperandKind::Number:
        if (!value.is_number())
            wrong("a number");
        return;
    case OperandKind::Boolean:
    case OperandKind::Test:
        if (!value.is_boolean())
            wrong("true or false");
        return;
    case OperandKind::Timestamp:
        if (!value.is_string() || !isRfc3339Timestamp(value.get<std::string>()))
            wrong("an RFC 3339 timestamp");
        return;
    case OperandKind::Path:
        if (!value.is_string())
            wrong("a path");
        else
            m_expressions.checkPath(value, pointer, ExpressionSyntax::PathKind::ReferencePath,
                                    false, op);
        return;
    }
}

} // namespace Stepwise::Model
