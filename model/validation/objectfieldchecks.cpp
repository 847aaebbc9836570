#include "model/validation/objectfieldchecks.h"

#include "model/json/jsonpointer.h"
#include "model/validation/diagnosticcodes.h"
#include "model/validation/validationcontext.h"

namespace Stepwise::Model {

namespace {

bool isOneOf(std::string_view value, std::string_view words)
{
    while (!words.empty()) {
        size_t space = words.find(' ');
        if (words.substr(0, space) == value)
            return true;
        if (space == std::string_view::npos)
            break;
        words.remove_prefix(space + 1);
    }
    return false;
}

} // namespace

bool isUsableField(ObjectKind kind, const std::string &key, QueryLanguage language)
{
    const ObjectFieldInfo *field = findObjectField(kind, key);
    return field && field->allowedIn(language);
}

bool checkObjectFields(ValidationContext &context, ObjectKind kind, const Json &object,
                       const std::string &pointer, QueryLanguage language)
{
    const std::string what(toString(kind));
    if (!object.is_object()) {
        context.error(DiagnosticCode::FieldType, pointer, what + " must be an object");
        return false;
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string &key = it.key();
        const std::string at = appendPointer(pointer, key);
        const ObjectFieldInfo *field = findObjectField(kind, key);
        if (!field) {
            context.error(DiagnosticCode::FieldUnknown, at,
                          what + " does not accept the field '" + key + "'", true);
        } else if (!field->allowedIn(language)) {
            context.error(DiagnosticCode::FieldQueryLanguage, at,
                          "'" + key + "' in " + what + " is a "
                              + (language == QueryLanguage::Jsonata ? "JSONPath" : "JSONata")
                              + " field; the state uses " + std::string(toString(language)),
                          true);
        } else if (field->kind == FieldKind::Enumeration && !context.isPlaceholder(it.value())) {
            if (!it.value().is_string()) {
                context.error(DiagnosticCode::FieldType, at, key + " must be a string");
            } else if (!isOneOf(it.value().get_ref<const std::string &>(), field->values)) {
                context.error(DiagnosticCode::FieldRange, at,
                              key + " must be one of " + std::string(field->values) + ", not '"
                                  + it.value().get<std::string>() + "'");
            }
        }
    }
    for (const ObjectFieldInfo &field : objectFieldCatalog(kind)) {
        if (field.required && field.allowedIn(language) && !object.contains(field.name)) {
            context.error(DiagnosticCode::FieldRequired, pointer,
                          what + " needs " + std::string(field.name));
        }
    }
    return true;
}

} // namespace Stepwise::Model
