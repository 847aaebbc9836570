#include "model/validation/errorhandlerchecker.h"

#include "model/json/jsonpointer.h"
#include "model/validation/diagnosticcodes.h"
#include "model/validation/objectfieldchecks.h"
#include "model/validation/validationcontext.h"
#include "model/validation/valuechecks.h"

namespace Stepwise::Model {

ErrorHandlerChecker::ErrorHandlerChecker(ValidationContext &context)
    : m_context(context)
    , m_expressions(context)
{}

bool ErrorHandlerChecker::checkErrorEquals(const Json &entry, const std::string &pointer)
{
    if (!entry.contains("ErrorEquals"))
        return false; // reported as a missing required field
    const Json &errors = entry["ErrorEquals"];
    std::string at = appendPointer(pointer, "ErrorEquals");
    if (!errors.is_array()) {
        m_context.error(DiagnosticCode::FieldType, at,
                        "ErrorEquals must be an array of error names");
        return false;
    }
    if (errors.empty()) {
        m_context.error(DiagnosticCode::ErrorEqualsEmpty, at,
                        "ErrorEquals must name at least one error");
        return false;
    }
    bool catchesAll = false;
    for (size_t i = 0; i < errors.size(); ++i) {
        if (!errors[i].is_string()) {
            m_context.error(DiagnosticCode::FieldType, appendPointer(at, i),
                            "An error name must be a string");
        } else if (errors[i] == "States.ALL") {
            catchesAll = true;
        }
    }
    if (catchesAll && errors.size() > 1) {
        m_context.error(DiagnosticCode::StatesAllNotAlone, at,
                        "States.ALL must be the only error name in its ErrorEquals");
    }
    return catchesAll;
}

void ErrorHandlerChecker::checkStatesAllLast(const std::string &pointer,
                                             const std::vector<bool> &catchesAll, const char *what)
{
    for (size_t i = 0; i + 1 < catchesAll.size(); ++i) {
        if (catchesAll[i]) {
            m_context.error(DiagnosticCode::StatesAllNotLast, appendPointer(pointer, i),
                            std::string("The ") + what
                                + " with States.ALL must come last; later ones never match");
        }
    }
}

void ErrorHandlerChecker::checkInteger(const Json &entry, const std::string &pointer,
                                       const char *field, long long minimum, long long maximum)
{
    if (!entry.contains(field))
        return;
    const Json &value = entry[field];
    std::string at = appendPointer(pointer, field);
    if (m_context.isPlaceholder(value))
        return;
    if (!isIntegerValue(value)) {
        m_context.error(DiagnosticCode::FieldType, at, std::string(field) + " must be an integer");
        return;
    }
    bool negative = value.is_number_integer() && value.get<long long>() < 0;
    unsigned long long magnitude = negative ? 0 : value.get<unsigned long long>();
    if (negative || magnitude < (unsigned long long)minimum
        || magnitude > (unsigned long long)maximum) {
        m_context.error(DiagnosticCode::FieldRange, at,
                        std::string(field) + " must be between " + std::to_string(minimum) + " and "
                            + std::to_string(maximum));
    }
}

void ErrorHandlerChecker::checkRetriers(const Json &retriers, const std::string &pointer,
                                        QueryLanguage language)
{
    if (!retriers.is_array()) {
        m_context.error(DiagnosticCode::FieldType, pointer, "Retry must be an array of retriers");
        return;
    }
    std::vector<bool> catchesAll;
    for (size_t i = 0; i < retriers.size(); ++i) {
        const Json &retrier = retriers[i];
        std::string at = appendPointer(pointer, i);
        if (!checkObjectFields(m_context, ObjectKind::Retrier, retrier, at, language)) {
            catchesAll.push_back(false);
            continue;
        }
        catchesAll.push_back(checkErrorEquals(retrier, at));
        checkInteger(retrier, at, "IntervalSeconds", 1, 99999999);
        checkInteger(retrier, at, "MaxAttempts", 0, 99999999);
        checkInteger(retrier, at, "MaxDelaySeconds", 1, 31622400);
        if (retrier.contains("BackoffRate")) {
            const Json &rate = retrier["BackoffRate"];
            std::string rateAt = appendPointer(at, "BackoffRate");
            if (!rate.is_number())
                m_context.error(DiagnosticCode::FieldType, rateAt, "BackoffRate must be a number");
            else if (rate.get<double>() < 1.0)
                m_context.error(DiagnosticCode::FieldRange, rateAt,
                                "BackoffRate must be at least 1.0 (the allowed minimum is 1)");
        }
        if (retrier.contains("Comment") && !retrier["Comment"].is_string())
            m_context.error(DiagnosticCode::FieldType, appendPointer(at, "Comment"),
                            "Comment must be a string");
    }
    checkStatesAllLast(pointer, catchesAll, "retrier");
}

void ErrorHandlerChecker::checkCatchers(const Json &catchers, const std::string &pointer,
                                        QueryLanguage language, std::vector<Edge> &edges)
{
    if (!catchers.is_array()) {
        m_context.error(DiagnosticCode::FieldType, pointer, "Catch must be an array of catchers");
        return;
    }
    const bool jsonata = language == QueryLanguage::Jsonata;
    std::vector<bool> catchesAll;
    for (size_t i = 0; i < catchers.size(); ++i) {
        const Json &catcher = catchers[i];
        std::string at = appendPointer(pointer, i);
        if (!checkObjectFields(m_context, ObjectKind::Catcher, catcher, at, language)) {
            catchesAll.push_back(false);
            continue;
        }
        for (auto it = catcher.begin(); it != catcher.end(); ++it) {
            const std::string &key = it.key();
            if (!isUsableField(ObjectKind::Catcher, key, language))
                continue;
            std::string keyAt = appendPointer(at, key);
            if (key == "Comment" && !it.value().is_string()) {
                m_context.error(DiagnosticCode::FieldType, keyAt, "Comment must be a string");
            } else if (key == "Next") {
                if (it.value().is_string())
                    edges.push_back({it.value().get<std::string>(), keyAt});
                else
                    m_context.error(DiagnosticCode::FieldType, keyAt,
                                    "Next must be a state name (a string)");
            } else if (key == "ResultPath") {
                m_expressions.checkPath(it.value(), keyAt,
                                        ExpressionSyntax::PathKind::ReferencePath, true,
                                        "ResultPath");
            } else if (key == "Output") {
                m_expressions.checkJsonataTemplate(it.value(), keyAt);
            } else if (key == "Assign") {
                if (!it.value().is_object())
                    m_context.error(DiagnosticCode::FieldType, keyAt, "Assign must be an object");
                else if (jsonata)
                    m_expressions.checkJsonataTemplate(it.value(), keyAt);
                else
                    m_expressions.checkPayloadTemplate(it.value(), keyAt);
            }
        }
        catchesAll.push_back(checkErrorEquals(catcher, at));
    }
    checkStatesAllLast(pointer, catchesAll, "catcher");
}

} // namespace Stepwise::Model
