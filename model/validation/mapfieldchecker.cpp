#include "model/validation/mapfieldchecker.h"

#include "model/json/jsonpointer.h"
#include "model/validation/diagnosticcodes.h"
#include "model/validation/objectfieldchecks.h"
#include "model/validation/resourcechecks.h"
#include "model/validation/validationcontext.h"
#include "model/validation/valuechecks.h"

namespace Stepwise::Model {

MapFieldChecker::MapFieldChecker(ValidationContext &context)
    : m_context(context)
    , m_expressions(context)
{}

void MapFieldChecker::checkValues(ObjectKind kind, const Json &value, const std::string &pointer,
                                  QueryLanguage language)
{
    for (auto it = value.begin(); it != value.end(); ++it) {
        const std::string &key = it.key();
        if (!isUsableField(kind, key, language) || m_context.isPlaceholder(it.value()))
            continue;
        const std::string at = appendPointer(pointer, key);
        switch (findObjectField(kind, key)->kind) {
        case FieldKind::Resource:
            checkResource(m_context, it.value(), at);
            break;
        case FieldKind::PayloadTemplate:
            m_expressions.checkPayloadTemplate(it.value(), at);
            break;
        case FieldKind::JsonataTemplate:
            if (language == QueryLanguage::Jsonata)
                m_expressions.checkJsonataTemplate(it.value(), at);
            else
                m_expressions.checkPayloadTemplate(it.value(), at);
            break;
        case FieldKind::ReferencePath:
            m_expressions.checkPath(it.value(), at, ExpressionSyntax::PathKind::ReferencePath,
                                    false, key);
            break;
        case FieldKind::JsonataOrInteger:
            checkCount(it.value(), at, key, language);
            break;
        default:
            break;
        }
    }
    // A count and the path reading it exclude each other.
    for (auto it = value.begin(); it != value.end(); ++it) {
        const std::string &key = it.key();
        if (key.size() > 4 && key.substr(key.size() - 4) == "Path"
            && value.contains(key.substr(0, key.size() - 4))) {
            m_context.error(DiagnosticCode::FieldConflict, appendPointer(pointer, key),
                            "'" + key.substr(0, key.size() - 4) + "' and '" + key
                                + "' cannot be used together",
                            true);
        }
    }
}

void MapFieldChecker::checkCount(const Json &count, const std::string &pointer,
                                 const std::string &field, QueryLanguage language)
{
    if (language == QueryLanguage::Jsonata && count.is_string()) {
        m_expressions.checkJsonataString(count, pointer, field);
    } else if (!isIntegerValue(count)) {
        m_context.error(DiagnosticCode::FieldType, pointer, field + " must be an integer");
    } else if (count.is_number_integer() && count.get<long long>() < 0) {
        m_context.error(DiagnosticCode::FieldRange, pointer, field + " cannot be negative");
    }
}

void MapFieldChecker::checkItemReader(const Json &value, const std::string &pointer,
                                      QueryLanguage language)
{
    if (!checkObjectFields(m_context, ObjectKind::ItemReader, value, pointer, language))
        return;
    checkValues(ObjectKind::ItemReader, value, pointer, language);
    if (!value.contains("ReaderConfig"))
        return;
    std::string at = appendPointer(pointer, "ReaderConfig");
    if (checkObjectFields(m_context, ObjectKind::ReaderConfig, value["ReaderConfig"], at, language))
        checkValues(ObjectKind::ReaderConfig, value["ReaderConfig"], at, language);
}

void MapFieldChecker::checkItemBatcher(const Json &value, const std::string &pointer,
                                       QueryLanguage language)
{
    if (checkObjectFields(m_context, ObjectKind::ItemBatcher, value, pointer, language))
        checkValues(ObjectKind::ItemBatcher, value, pointer, language);
}

void MapFieldChecker::checkResultWriter(const Json &value, const std::string &pointer,
                                        QueryLanguage language)
{
    if (!checkObjectFields(m_context, ObjectKind::ResultWriter, value, pointer, language))
        return;
    checkValues(ObjectKind::ResultWriter, value, pointer, language);
    if (value.contains("WriterConfig")) {
        checkObjectFields(m_context, ObjectKind::WriterConfig, value["WriterConfig"],
                          appendPointer(pointer, "WriterConfig"), language);
    }
}

} // namespace Stepwise::Model
