#include "model/validation/expressionchecks.h"

#include "model/json/jsonpointer.h"
#include "model/validation/diagnosticcodes.h"
#include "model/validation/validationcontext.h"
#include "model/validation/valuechecks.h"

#include <algorithm>

namespace Stepwise::Model {

namespace {

bool endsWith(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool isIntrinsicCall(std::string_view text)
{
    return text.substr(0, 7) == "States.";
}

} // namespace

void ExpressionChecks::checkPath(const Json &value, const std::string &pointer,
                                 ExpressionSyntax::PathKind kind, bool allowNull,
                                 std::string_view field)
{
    if (value.is_null() && allowNull)
        return;
    if (!value.is_string()) {
        m_context.error(DiagnosticCode::FieldType, pointer,
                        std::string(field) + " must be a string" + (allowNull ? " or null" : ""));
        return;
    }
    if (m_context.isPlaceholder(value))
        return;
    checkPathText(value.get<std::string>(), pointer, kind, field);
}

void ExpressionChecks::checkPathOrIntrinsic(const Json &value, const std::string &pointer,
                                            std::string_view field)
{
    if (!value.is_string()) {
        m_context.error(DiagnosticCode::FieldType, pointer,
                        std::string(field) + " must be a string");
        return;
    }
    if (m_context.isPlaceholder(value))
        return;
    const std::string &text = value.get_ref<const std::string &>();
    if (isIntrinsicCall(text)) {
        std::string_view name = std::string_view(text).substr(0, text.find('('));
        static constexpr std::string_view stringResults[]
            = {"States.ArrayGetItem", "States.Base64Encode", "States.Base64Decode", "States.Format",
               "States.JsonToString", "States.Hash",         "States.UUID"};
        bool returnsString = std::find(std::begin(stringResults), std::end(stringResults), name)
                             != std::end(stringResults);
        if (isKnownIntrinsic(name) && !returnsString) {
            m_context.error(DiagnosticCode::IntrinsicInvalid, pointer,
                            std::string(field) + " needs a string: " + std::string(name)
                                + " does not return one (use ArrayGetItem, Base64Encode, "
                                  "Base64Decode, Format, JsonToString, Hash or UUID)");
            return;
        }
        checkIntrinsicText(text, pointer);
    } else
        checkPathText(text, pointer, ExpressionSyntax::PathKind::ReferencePath, field);
}

void ExpressionChecks::checkPathText(const std::string &text, const std::string &pointer,
                                     ExpressionSyntax::PathKind kind, std::string_view field)
{
    const ExpressionSyntax *syntax = m_context.options().expressions;
    auto problem = syntax ? syntax->checkPath(text, kind) : basicPathProblem(text, kind);
    if (problem) {
        m_context.errorInString(DiagnosticCode::PathInvalid, pointer,
                                std::string(field) + " '" + text + "' is not a valid "
                                    + (kind == ExpressionSyntax::PathKind::ReferencePath
                                           ? "reference path"
                                           : "JSONPath")
                                    + ": " + problem->message + " (at character "
                                    + std::to_string(problem->offset + 1) + ")",
                                problem->offset);
    }
}

void ExpressionChecks::checkIntrinsicText(const std::string &text, const std::string &pointer)
{
    const ExpressionSyntax *syntax = m_context.options().expressions;
    auto problem = syntax ? syntax->checkIntrinsic(text) : basicIntrinsicProblem(text);
    if (problem) {
        m_context.errorInString(DiagnosticCode::IntrinsicInvalid, pointer,
                                "'" + text + "' is not a valid intrinsic function call: "
                                    + problem->message + " (at character "
                                    + std::to_string(problem->offset + 1) + ")",
                                problem->offset);
    }
}

void ExpressionChecks::checkPayloadTemplate(const Json &value, const std::string &pointer)
{
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            const std::string &key = it.key();
            std::string at = appendPointer(pointer, key);
            // "name" and "name.$" both produce the field "name".
            if (endsWith(key, ".$") && value.contains(key.substr(0, key.size() - 2))) {
                m_context.error(DiagnosticCode::DuplicateKey, at,
                                "'" + key + "' and '" + key.substr(0, key.size() - 2)
                                    + "' both set the field '" + key.substr(0, key.size() - 2)
                                    + "'",
                                true);
            }
            checkTemplateValue(key, it.value(), at);
        }
    } else if (value.is_array()) {
        for (size_t i = 0; i < value.size(); ++i)
            checkPayloadTemplate(value[i], appendPointer(pointer, i));
    }
}

void ExpressionChecks::checkTemplateValue(const std::string &key, const Json &value,
                                          const std::string &pointer)
{
    if (!endsWith(key, ".$")) {
        checkPayloadTemplate(value, pointer);
        return;
    }
    if (!value.is_string()) {
        m_context.error(DiagnosticCode::PayloadTemplateInvalid, pointer,
                        "The value of '" + key
                            + "' must be a path or an intrinsic function call (a string)");
        return;
    }
    if (m_context.isPlaceholder(value))
        return;
    const std::string &text = value.get_ref<const std::string &>();
    if (isIntrinsicCall(text)) {
        checkIntrinsicText(text, pointer);
    } else if (!text.empty() && text[0] == '$') {
        checkPathText(text, pointer, ExpressionSyntax::PathKind::Path, key);
    } else {
        m_context.error(DiagnosticCode::PayloadTemplateInvalid, pointer,
                        "The value of '" + key
                            + "' must be a valid JSONPath or a valid intrinsic function call");
    }
}

void ExpressionChecks::checkJsonataTemplate(const Json &value, const std::string &pointer)
{
    if (value.is_string()) {
        checkJsonataText(value.get<std::string>(), pointer);
    } else if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it)
            checkJsonataTemplate(it.value(), appendPointer(pointer, it.key()));
    } else if (value.is_array()) {
        for (size_t i = 0; i < value.size(); ++i)
            checkJsonataTemplate(value[i], appendPointer(pointer, i));
    }
}

void ExpressionChecks::checkJsonataText(const std::string &text, const std::string &pointer)
{
    if (text.substr(0, 2) != "{%")
        return; // a literal string
    if (!isJsonataExpression(text)) {
        m_context.error(DiagnosticCode::JsonataDelimiters, pointer,
                        "A JSONata expression opened with '{%' must close with '%}'");
        return;
    }
    const ExpressionSyntax *syntax = m_context.options().expressions;
    if (!syntax)
        return;
    std::string_view body = jsonataBody(text);
    if (auto problem = syntax->checkJsonata(body)) {
        // The offset counts from the text after "{%"; the editor marks the character in the
        // whole string.
        m_context.errorInString(DiagnosticCode::JsonataInvalid, pointer,
                                "The JSONata expression does not parse: " + problem->message
                                    + " (at character " + std::to_string(problem->offset + 1) + ")",
                                problem->offset + 2);
    }
}

void ExpressionChecks::checkJsonataString(const Json &value, const std::string &pointer,
                                          std::string_view field)
{
    if (!value.is_string()) {
        m_context.error(DiagnosticCode::FieldType, pointer,
                        std::string(field) + " must be a {% JSONata %} string");
        return;
    }
    if (m_context.isPlaceholder(value))
        return;
    const std::string &text = value.get_ref<const std::string &>();
    if (text.substr(0, 2) != "{%") {
        m_context.error(DiagnosticCode::JsonataDelimiters, pointer,
                        std::string(field) + " must be a JSONata expression between {% and %}");
        return;
    }
    checkJsonataText(text, pointer);
}

} // namespace Stepwise::Model
