#include "model/validation/statechecker.h"

#include "model/asl/fieldcatalog.h"
#include "model/json/jsonpointer.h"
#include "model/validation/choicerulechecker.h"
#include "model/validation/diagnosticcodes.h"
#include "model/validation/errorhandlerchecker.h"
#include "model/validation/mapfieldchecker.h"
#include "model/validation/objectfieldchecks.h"
#include "model/validation/resourcechecks.h"
#include "model/validation/scopechecker.h"
#include "model/validation/validationcontext.h"
#include "model/validation/valuechecks.h"

#include <array>

namespace Stepwise::Model {

namespace {

constexpr long long maxSeconds = 99999999;

// "A Pass", "A Task", ... (no type name starts with a vowel).
std::string article(StateType type)
{
    return "A " + std::string(toString(type));
}

// The field that does the same job in the other query language, for the message.
std::string_view counterpart(std::string_view field)
{
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> pairs = {{
        {"Parameters", "Arguments"},
        {"ResultSelector", "Output"},
        {"ResultPath", "Output or Assign"},
        {"InputPath", "Arguments"},
        {"OutputPath", "Output"},
        {"ItemsPath", "Items"},
        {"TimeoutSecondsPath", "TimeoutSeconds with {% %}"},
        {"HeartbeatSecondsPath", "HeartbeatSeconds with {% %}"},
        {"SecondsPath", "Seconds with {% %}"},
        {"TimestampPath", "Timestamp with {% %}"},
        {"ErrorPath", "Error with {% %}"},
        {"CausePath", "Cause with {% %}"},
        {"MaxConcurrencyPath", "MaxConcurrency with {% %}"},
        {"Arguments", "Parameters"},
        {"Output", "OutputPath or ResultSelector"},
        {"Items", "ItemsPath"},
    }};
    for (const auto &[name, other] : pairs) {
        if (name == field)
            return other;
    }
    return {};
}

} // namespace

StateChecker::StateChecker(ValidationContext &context, ScopeChecker &scopes)
    : m_context(context)
    , m_scopes(scopes)
    , m_expressions(context)
{}

StateSummary StateChecker::check(const std::string &name, const Json &body,
                                 const std::string &pointer, QueryLanguage inherited)
{
    StateSummary summary;
    if (!body.is_object()) {
        m_context.error(DiagnosticCode::FieldType, pointer,
                        "State " + quoteName(name) + " must be a JSON object");
        return summary;
    }
    StateType type = StateType::Unknown;
    if (!body.contains("Type")) {
        m_context.error(DiagnosticCode::StateTypeMissing, pointer,
                        "State " + quoteName(name) + " has no Type", true);
    } else if (!body["Type"].is_string()
               || stateTypeFromString(body["Type"].get<std::string>()) == StateType::Unknown) {
        m_context.error(DiagnosticCode::StateTypeUnknown, appendPointer(pointer, "Type"),
                        "State " + quoteName(name) + " has the unknown Type "
                            + body["Type"].dump());
    } else {
        type = stateTypeFromString(body["Type"].get<std::string>());
    }
    QueryLanguage language = checkQueryLanguage(body, pointer, inherited);

    for (auto it = body.begin(); it != body.end(); ++it) {
        const std::string &key = it.key();
        std::string at = appendPointer(pointer, key);
        const FieldInfo *field = findStateField(key);
        if (!field) {
            m_context.error(DiagnosticCode::FieldUnknown, at,
                            "State " + quoteName(name) + ": '" + key
                                + "' is not a field of an ASL state",
                            true);
            continue;
        }
        if (type == StateType::Unknown)
            continue;
        if (!field->appliesTo(type)) {
            m_context.error(DiagnosticCode::FieldNotAllowed, at,
                            "State " + quoteName(name) + ": " + article(type)
                                + " state does not accept '" + key + "'",
                            true);
            continue;
        }
        if (!field->allowedIn(language)) {
            std::string hint(counterpart(key));
            m_context.error(DiagnosticCode::FieldQueryLanguage, at,
                            "State " + quoteName(name) + ": '" + key + "' is a "
                                + (language == QueryLanguage::Jsonata ? "JSONPath" : "JSONata")
                                + " field but the state uses " + std::string(toString(language))
                                + (hint.empty() ? "" : " (use " + hint + ")"),
                            true);
            continue;
        }
        checkField(*field, it.value(), at, language, summary);
    }
    if (type == StateType::Unknown) {
        summary.terminal = true; // nothing to say about its transitions: no follow-up warnings
        return summary;
    }
    checkFlow(body, pointer, type, summary);
    checkTypeRules(body, pointer, type);
    if (isTerminalType(type))
        summary.terminal = true;
    return summary;
}

QueryLanguage StateChecker::checkQueryLanguage(const Json &body, const std::string &pointer,
                                               QueryLanguage inherited)
{
    if (!body.contains("QueryLanguage"))
        return inherited;
    const Json &value = body["QueryLanguage"];
    std::string at = appendPointer(pointer, "QueryLanguage");
    if (!value.is_string() || (value != "JSONPath" && value != "JSONata")) {
        m_context.error(DiagnosticCode::FieldRange, at,
                        "QueryLanguage must be JSONPath or JSONata, not " + value.dump());
        return inherited;
    }
    QueryLanguage own = queryLanguageFromString(value.get<std::string>(), inherited);
    if (own == QueryLanguage::JsonPath && m_scopes.machineLanguage() == QueryLanguage::Jsonata) {
        m_context.error(DiagnosticCode::QueryLanguageDowngrade, at,
                        "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for the whole "
                        "state machine");
    }
    return own;
}

void StateChecker::checkField(const FieldInfo &field, const Json &value, const std::string &at,
                              QueryLanguage language, StateSummary &summary)
{
    const std::string name(field.name);
    const bool jsonata = language == QueryLanguage::Jsonata;
    using Kind = ExpressionSyntax::PathKind;
    // A ${Placeholder} or CloudFormation function stands for a value AWS will see instead.
    if (m_context.isPlaceholder(value) && field.kind != FieldKind::StateName)
        return;
    switch (field.kind) {
    case FieldKind::StateType:
    case FieldKind::QueryLanguage:
    case FieldKind::AnyValue:
    case FieldKind::Number:      // only inside retriers
    case FieldKind::Enumeration: // only inside objects with their own catalogue
    case FieldKind::ErrorNames:
    case FieldKind::Object:
        return;
    case FieldKind::Comment:
    case FieldKind::Text:
        if (!value.is_string())
            m_context.error(DiagnosticCode::FieldType, at, name + " must be a string");
        return;
    case FieldKind::StateName:
        if (value.is_string())
            summary.edges.push_back({value.get<std::string>(), at});
        else
            m_context.error(DiagnosticCode::FieldType, at,
                            name + " must be a state name (a string)");
        return;
    case FieldKind::Boolean:
        if (!value.is_boolean())
            m_context.error(DiagnosticCode::FieldType, at, name + " must be true or false");
        return;
    case FieldKind::Resource:
        checkResource(m_context, value, at);
        return;
    case FieldKind::Path:
        // InputPath/OutputPath null mean {} passed on; ItemsPath must select something.
        m_expressions.checkPath(value, at, Kind::Path, name != "ItemsPath", name);
        return;
    case FieldKind::ReferencePath:
        if (name == "ErrorPath" || name == "CausePath") {
            m_expressions.checkPathOrIntrinsic(value, at, name);
        } else if (name == "ResultPath") {
            if (value.is_string() && !m_context.isPlaceholder(value)) {
                const std::string &text = value.get_ref<const std::string &>();
                if (text != "$" && text.substr(0, 2) != "$." && text.substr(0, 2) != "$[") {
                    m_context.error(DiagnosticCode::PathInvalid, at,
                                    "ResultPath '" + text
                                        + "' must be a reference path into the state's input "
                                          "(starting with '$.' or '$[')");
                    return;
                }
            }
            m_expressions.checkPath(value, at, Kind::ReferencePath, true, name);
        } else {
            m_expressions.checkPath(value, at, Kind::ReferencePath, false, name);
        }
        return;
    case FieldKind::PayloadTemplate:
        m_expressions.checkPayloadTemplate(value, at);
        return;
    case FieldKind::JsonataTemplate:
        if (!jsonata) {
            m_expressions.checkPayloadTemplate(value, at); // ItemSelector in JSONPath
        } else if (name == "Items" && !value.is_array()) {
            m_expressions.checkJsonataString(value, at, name);
        } else {
            m_expressions.checkJsonataTemplate(value, at);
        }
        return;
    case FieldKind::Variables:
        checkAssign(value, at, language);
        return;
    case FieldKind::Jsonata:
        m_expressions.checkJsonataString(value, at, name);
        return;
    case FieldKind::PositiveInteger:
        checkInteger(value, at, name, 1, maxSeconds, language);
        return;
    case FieldKind::NonNegativeInteger:
        checkInteger(value, at, name, 0, maxSeconds, language);
        return;
    case FieldKind::JsonataOrInteger:
        checkInteger(value, at, name,
                     name == "TimeoutSeconds" || name == "HeartbeatSeconds" ? 1 : 0, maxSeconds,
                     language);
        return;
    case FieldKind::Percentage:
    case FieldKind::JsonataOrNumber:
        if (m_context.isPlaceholder(value))
            return;
        if (jsonata && value.is_string()) {
            m_expressions.checkJsonataString(value, at, name);
        } else if (!value.is_number()) {
            m_context.error(DiagnosticCode::FieldType, at, name + " must be a number");
        } else if (value.get<double>() < 0 || value.get<double>() > 100) {
            m_context.error(DiagnosticCode::FieldRange, at, name + " must be between 0 and 100");
        }
        return;
    case FieldKind::JsonataOrText:
        if (!value.is_string())
            m_context.error(DiagnosticCode::FieldType, at, name + " must be a string");
        else if (jsonata)
            m_expressions.checkJsonataText(value.get<std::string>(), at);
        return;
    case FieldKind::Timestamp:
        if (m_context.isPlaceholder(value))
            return;
        if (!value.is_string()) {
            m_context.error(DiagnosticCode::FieldType, at, name + " must be a string");
        } else if (jsonata && value.get_ref<const std::string &>().substr(0, 2) == "{%") {
            m_expressions.checkJsonataText(value.get<std::string>(), at);
        } else if (!isRfc3339Timestamp(value.get<std::string>())) {
            m_context.error(DiagnosticCode::TimestampInvalid, at,
                            "'" + value.get<std::string>()
                                + "' is not an RFC 3339 timestamp (e.g. 2016-03-14T01:59:00Z)");
        }
        return;
    case FieldKind::Retriers:
        ErrorHandlerChecker(m_context).checkRetriers(value, at, language);
        return;
    case FieldKind::Catchers:
        ErrorHandlerChecker(m_context).checkCatchers(value, at, language, summary.edges);
        return;
    case FieldKind::ChoiceRules:
        ChoiceRuleChecker(m_context).checkChoices(value, at, language, summary.edges);
        return;
    case FieldKind::Branches:
        if (!value.is_array() || value.empty()) {
            m_context.error(value.is_array() ? DiagnosticCode::FieldRange
                                             : DiagnosticCode::FieldType,
                            at, "Branches must be a non-empty array of state machines");
            return;
        }
        for (size_t i = 0; i < value.size(); ++i)
            m_scopes.checkScope(value[i], appendPointer(at, i), ScopeKind::Branch, language);
        return;
    case FieldKind::Processor:
        m_scopes.checkScope(value, at,
                            name == "Iterator" ? ScopeKind::Iterator : ScopeKind::ItemProcessor,
                            language);
        return;
    case FieldKind::Credentials:
        checkCredentials(value, at, language);
        return;
    case FieldKind::ItemReader:
        MapFieldChecker(m_context).checkItemReader(value, at, language);
        return;
    case FieldKind::ItemBatcher:
        MapFieldChecker(m_context).checkItemBatcher(value, at, language);
        return;
    case FieldKind::ResultWriter:
        MapFieldChecker(m_context).checkResultWriter(value, at, language);
        return;
    case FieldKind::Label:
        if (!value.is_string()) {
            m_context.error(DiagnosticCode::FieldType, at, "Label must be a string");
        } else if (auto problem = labelProblem(value.get<std::string>())) {
            m_context.error(DiagnosticCode::LabelInvalid, at, *problem);
        }
        return;
    }
}

void StateChecker::checkInteger(const Json &value, const std::string &pointer,
                                std::string_view field, long long minimum, long long maximum,
                                QueryLanguage language)
{
    if (m_context.isPlaceholder(value))
        return;
    if (language == QueryLanguage::Jsonata && value.is_string()) {
        m_expressions.checkJsonataString(value, pointer, field);
        return;
    }
    if (!isIntegerValue(value)) {
        m_context.error(
            DiagnosticCode::FieldType, pointer,
            std::string(field) + " must be an integer"
                + (language == QueryLanguage::Jsonata ? " or a {% JSONata %} string" : ""));
        return;
    }
    bool negative = value.is_number_integer() && value.get<long long>() < 0;
    unsigned long long magnitude = negative ? 0 : value.get<unsigned long long>();
    if ((negative && minimum >= 0) || (!negative && magnitude < (unsigned long long)minimum)
        || (!negative && magnitude > (unsigned long long)maximum)) {
        m_context.error(DiagnosticCode::FieldRange, pointer,
                        std::string(field) + " must be between " + std::to_string(minimum) + " and "
                            + std::to_string(maximum));
    }
}

void StateChecker::checkFlow(const Json &body, const std::string &pointer, StateType type,
                             StateSummary &summary)
{
    if (type == StateType::Choice || isTerminalType(type))
        return;
    bool hasNext = body.contains("Next");
    bool hasEnd = body.contains("End") && body["End"] == true;
    if (hasNext && hasEnd) {
        m_context.error(DiagnosticCode::NextAndEnd, appendPointer(pointer, "End"),
                        "A state cannot have both Next and End");
    } else if (!hasNext && !hasEnd) {
        m_context.error(DiagnosticCode::NextOrEndMissing, pointer,
                        article(type) + " state needs either Next or \"End\": true", true);
        summary.terminal = true; // already an error: no follow-up warning
    }
    if (hasEnd)
        summary.terminal = true;
}

void StateChecker::checkExclusive(const Json &body, const std::string &pointer, std::string_view a,
                                  std::string_view b)
{
    if (body.contains(a) && body.contains(b)) {
        m_context.error(
            DiagnosticCode::FieldConflict, appendPointer(pointer, b),
            "'" + std::string(a) + "' and '" + std::string(b) + "' cannot be used together", true);
    }
}

void StateChecker::checkTypeRules(const Json &body, const std::string &pointer, StateType type)
{
    auto require = [&](const char *field, const char *what) {
        if (!body.contains(field)) {
            m_context.error(DiagnosticCode::FieldRequired, pointer,
                            article(type) + " state needs " + what, true);
        }
    };
    switch (type) {
    case StateType::Task:
        require("Resource", "a Resource");
        checkExclusive(body, pointer, "TimeoutSeconds", "TimeoutSecondsPath");
        checkExclusive(body, pointer, "HeartbeatSeconds", "HeartbeatSecondsPath");
        if (body.contains("TimeoutSeconds") && body.contains("HeartbeatSeconds")
            && isIntegerValue(body["TimeoutSeconds"]) && isIntegerValue(body["HeartbeatSeconds"])
            && body["HeartbeatSeconds"].get<double>() >= body["TimeoutSeconds"].get<double>()) {
            m_context.error(DiagnosticCode::FieldRange, appendPointer(pointer, "HeartbeatSeconds"),
                            "HeartbeatSeconds must be smaller than TimeoutSeconds");
        }
        break;
    case StateType::Choice:
        require("Choices", "Choices");
        break;
    case StateType::Wait: {
        int count = 0;
        for (const char *field : {"Seconds", "SecondsPath", "Timestamp", "TimestampPath"})
            count += body.contains(field) ? 1 : 0;
        if (count == 0) {
            m_context.error(DiagnosticCode::WaitTimingMissing, pointer,
                            "A Wait state needs one of Seconds, SecondsPath, Timestamp or "
                            "TimestampPath",
                            true);
        } else if (count > 1) {
            m_context.error(DiagnosticCode::WaitTimingMultiple, pointer,
                            "A Wait state takes exactly one of Seconds, SecondsPath, Timestamp "
                            "and TimestampPath",
                            true);
        }
        break;
    }
    case StateType::Fail:
        checkExclusive(body, pointer, "Error", "ErrorPath");
        checkExclusive(body, pointer, "Cause", "CausePath");
        break;
    case StateType::Parallel:
        require("Branches", "Branches");
        break;
    case StateType::Map:
        if (!body.contains("ItemProcessor") && !body.contains("Iterator"))
            require("ItemProcessor", "an ItemProcessor");
        checkExclusive(body, pointer, "ItemProcessor", "Iterator");
        checkExclusive(body, pointer, "Parameters", "ItemSelector");
        checkExclusive(body, pointer, "MaxConcurrency", "MaxConcurrencyPath");
        checkExclusive(body, pointer, "ToleratedFailurePercentage",
                       "ToleratedFailurePercentagePath");
        checkExclusive(body, pointer, "ToleratedFailureCount", "ToleratedFailureCountPath");
        break;
    case StateType::Pass:
    case StateType::Succeed:
    case StateType::Unknown:
        break;
    }
}

void StateChecker::checkCredentials(const Json &value, const std::string &pointer,
                                    QueryLanguage language)
{
    if (!checkObjectFields(m_context, ObjectKind::Credentials, value, pointer, language))
        return;
    bool hasRole = false;
    for (auto it = value.begin(); it != value.end(); ++it) {
        if (!isUsableField(ObjectKind::Credentials, it.key(), language))
            continue;
        hasRole = true;
        std::string at = appendPointer(pointer, it.key());
        if (it.key() == "RoleArn.$") {
            m_expressions.checkPathOrIntrinsic(it.value(), at, "RoleArn.$");
        } else if (!it.value().is_string()) {
            m_context.error(DiagnosticCode::FieldType, at, "RoleArn must be a string");
        } else if (language == QueryLanguage::Jsonata) {
            m_expressions.checkJsonataText(it.value().get<std::string>(), at);
        }
    }
    if (!hasRole) {
        m_context.error(DiagnosticCode::FieldRequired, pointer,
                        "The field 'RoleArn' is required but was missing");
    }
}

void StateChecker::checkAssign(const Json &value, const std::string &pointer,
                               QueryLanguage language)
{
    if (!value.is_object()) {
        m_context.error(DiagnosticCode::FieldType, pointer,
                        "Assign must be an object of variable names to values");
        return;
    }
    for (auto it = value.begin(); it != value.end(); ++it) {
        std::string key = it.key();
        std::string at = appendPointer(pointer, key);
        bool pathValued = language == QueryLanguage::JsonPath && key.size() > 2
                          && key.substr(key.size() - 2) == ".$";
        std::string variable = pathValued ? key.substr(0, key.size() - 2) : key;
        if (!isVariableName(variable)) {
            m_context.error(DiagnosticCode::VariableNameInvalid, at,
                            "'" + variable + "' is not a valid variable name", true);
        } else if (variable == "states") {
            // Step Functions binds $states itself in JSONata states.
            m_context.error(DiagnosticCode::VariableNameInvalid, at,
                            "'states' is reserved: Step Functions sets $states", true);
        }
        if (language == QueryLanguage::Jsonata) {
            m_expressions.checkJsonataTemplate(it.value(), at);
        } else {
            Json single = Json::object();
            single[key] = it.value();
            // Reuse the template rules for "name.$" and nested templates alike.
            m_expressions.checkPayloadTemplate(single, pointer);
        }
    }
}

} // namespace Stepwise::Model
