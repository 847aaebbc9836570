#include "model/validation/mapfieldchecker.h"

#include "model/json/jsonpointer.h"
#include "model/validation/diagnosticcodes.h"
#include "model/validation/resourcechecks.h"
#include "model/validation/validationcontext.h"
#include "model/validation/valuechecks.h"

namespace Stepwise::Model {

MapFieldChecker::MapFieldChecker(ValidationContext &context)
    : m_context(context)
    , m_expressions(context)
{}

bool MapFieldChecker::checkObject(const Json &value, const std::string &pointer,
                                  std::string_view what,
                                  std::initializer_list<std::string_view> fields)
{
    if (!value.is_object()) {
        m_context.error(DiagnosticCode::FieldType, pointer,
                        std::string(what) + " must be an object");
        return false;
    }
    for (auto it = value.begin(); it != value.end(); ++it) {
        bool known = false;
        for (std::string_view field : fields)
            known = known || field == it.key();
        if (!known) {
            m_context.error(DiagnosticCode::FieldUnknown, appendPointer(pointer, it.key()),
                            std::string(what) + " does not accept the field '" + it.key() + "'",
                            true);
        }
    }
    return true;
}

void MapFieldChecker::checkParameters(const Json &value, const std::string &pointer,
                                      QueryLanguage language)
{
    for (const char *field : {"Parameters", "Arguments"}) {
        if (!value.contains(field))
            continue;
        std::string at = appendPointer(pointer, field);
        bool jsonPathField = std::string_view(field) == "Parameters";
        if (jsonPathField != (language == QueryLanguage::JsonPath)) {
            m_context.error(DiagnosticCode::FieldQueryLanguage, at,
                            std::string("'") + field + "' is a "
                                + (jsonPathField ? "JSONPath" : "JSONata") + " field here",
                            true);
        } else if (jsonPathField) {
            m_expressions.checkPayloadTemplate(value[field], at);
        } else {
            m_expressions.checkJsonataTemplate(value[field], at);
        }
    }
}

void MapFieldChecker::checkCount(const Json &value, const std::string &pointer,
                                 std::string_view field, QueryLanguage language)
{
    if (!value.contains(field))
        return;
    const Json &count = value[std::string(field)];
    std::string at = appendPointer(pointer, field);
    if (m_context.isPlaceholder(count))
        return;
    if (language == QueryLanguage::Jsonata && count.is_string()) {
        m_expressions.checkJsonataString(count, at, field);
    } else if (!isIntegerValue(count)) {
        m_context.error(DiagnosticCode::FieldType, at, std::string(field) + " must be an integer");
    } else if (count.is_number_integer() && count.get<long long>() < 0) {
        m_context.error(DiagnosticCode::FieldRange, at, std::string(field) + " cannot be negative");
    }
    std::string pathField = std::string(field) + "Path";
    if (value.contains(pathField)) {
        m_context.error(
            DiagnosticCode::FieldConflict, appendPointer(pointer, pathField),
            "'" + std::string(field) + "' and '" + pathField + "' cannot be used together", true);
    }
}

void MapFieldChecker::checkItemReader(const Json &value, const std::string &pointer,
                                      QueryLanguage language)
{
    if (!checkObject(value, pointer, "ItemReader",
                     {"Resource", "ReaderConfig", "Parameters", "Arguments"}))
        return;
    if (!value.contains("Resource"))
        m_context.error(DiagnosticCode::FieldRequired, pointer, "ItemReader needs a Resource");
    else
        checkResource(m_context, value["Resource"], appendPointer(pointer, "Resource"));
    checkParameters(value, pointer, language);
    if (!value.contains("ReaderConfig"))
        return;
    std::string at = appendPointer(pointer, "ReaderConfig");
    const Json &config = value["ReaderConfig"];
    if (!checkObject(config, at, "ReaderConfig",
                     {"InputType", "CSVHeaderLocation", "CSVHeaders", "CSVDelimiter", "MaxItems",
                      "MaxItemsPath", "ManifestType", "Transformation"}))
        return;
    checkCount(config, at, "MaxItems", language);
    if (config.contains("MaxItemsPath"))
        m_expressions.checkPath(config["MaxItemsPath"], appendPointer(at, "MaxItemsPath"),
                                ExpressionSyntax::PathKind::ReferencePath, false, "MaxItemsPath");
}

void MapFieldChecker::checkItemBatcher(const Json &value, const std::string &pointer,
                                       QueryLanguage language)
{
    if (!checkObject(value, pointer, "ItemBatcher",
                     {"MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
                      "MaxInputBytesPerBatchPath", "BatchInput"}))
        return;
    checkCount(value, pointer, "MaxItemsPerBatch", language);
    checkCount(value, pointer, "MaxInputBytesPerBatch", language);
    for (const char *field : {"MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath"}) {
        if (!value.contains(field))
            continue;
        std::string at = appendPointer(pointer, field);
        if (language == QueryLanguage::Jsonata)
            m_context.error(DiagnosticCode::FieldQueryLanguage, at,
                            std::string("'") + field + "' is a JSONPath field", true);
        else
            m_expressions.checkPath(value[field], at, ExpressionSyntax::PathKind::ReferencePath,
                                    false, field);
    }
    if (value.contains("BatchInput")) {
        std::string at = appendPointer(pointer, "BatchInput");
        if (language == QueryLanguage::Jsonata)
            m_expressions.checkJsonataTemplate(value["BatchInput"], at);
        else
            m_expressions.checkPayloadTemplate(value["BatchInput"], at);
    }
}

void MapFieldChecker::checkResultWriter(const Json &value, const std::string &pointer,
                                        QueryLanguage language)
{
    if (!checkObject(value, pointer, "ResultWriter",
                     {"Resource", "Parameters", "Arguments", "WriterConfig"}))
        return;
    if (value.contains("Resource"))
        checkResource(m_context, value["Resource"], appendPointer(pointer, "Resource"));
    checkParameters(value, pointer, language);
    if (value.contains("WriterConfig")) {
        std::string at = appendPointer(pointer, "WriterConfig");
        if (checkObject(value["WriterConfig"], at, "WriterConfig", {"OutputType", "Transformation"})
            && !value["WriterConfig"].contains("OutputType")) {
            m_context.error(DiagnosticCode::FieldRequired, at, "WriterConfig needs an OutputType");
        }
    }
}

} // namespace Stepwise::Model
