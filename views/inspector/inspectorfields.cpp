#include "views/inspector/inspectorfields.h"

#include <algorithm>
#include <optional>

namespace Stepwise::Views {

namespace {

using MK = Model::FieldKind;

std::optional<EditorKind> editorKind(MK kind)
{
    switch (kind) {
    case MK::Text:
    case MK::Comment:
    case MK::Resource:
    case MK::Label:
    case MK::Timestamp:
    case MK::JsonataOrText:
    case MK::Jsonata:
        return EditorKind::Text;
    case MK::QueryLanguage:
        return EditorKind::QueryLanguage;
    case MK::StateName:
        return EditorKind::Target;
    case MK::Boolean:
        return EditorKind::Boolean;
    case MK::Path:
    case MK::ReferencePath:
        return EditorKind::Path;
    case MK::PositiveInteger:
    case MK::NonNegativeInteger:
    case MK::Percentage:
    case MK::JsonataOrInteger:
    case MK::JsonataOrNumber:
        return EditorKind::Number;
    case MK::Retriers:
        return EditorKind::Retriers;
    case MK::Catchers:
        return EditorKind::Catchers;
    case MK::ChoiceRules:
        return EditorKind::ChoiceRules;
    case MK::StateType:
    case MK::Branches:
    case MK::Processor:
        return std::nullopt; // the canvas edits these
    default:
        return EditorKind::Json;
    }
}

// Workflow Studio's sections; everything else is configuration.
FieldGroup groupOf(std::string_view key)
{
    for (std::string_view k :
         {"InputPath", "Parameters", "Arguments", "ItemsPath", "Items", "ItemSelector"}) {
        if (key == k)
            return FieldGroup::Input;
    }
    for (std::string_view k : {"Result", "ResultSelector", "ResultPath", "OutputPath", "Output"}) {
        if (key == k)
            return FieldGroup::Output;
    }
    for (std::string_view k : {"Retry", "Catch", "TimeoutSeconds", "TimeoutSecondsPath",
                               "HeartbeatSeconds", "HeartbeatSecondsPath"}) {
        if (key == k)
            return FieldGroup::ErrorHandling;
    }
    if (key == "Assign")
        return FieldGroup::Variables;
    return FieldGroup::Configuration;
}

} // namespace

bool FieldSpec::appliesTo(Model::StateType type) const
{
    return !info || type == Model::StateType::Unknown || info->appliesTo(type);
}

bool FieldSpec::appliesTo(Model::QueryLanguage language) const
{
    return !info || info->allowedIn(language);
}

const std::vector<FieldSpec> &inspectorFields()
{
    static const std::vector<FieldSpec> fields = [] {
        std::vector<FieldSpec> out;
        for (const Model::FieldInfo &info : Model::stateFieldCatalog()) {
            std::optional<EditorKind> kind = editorKind(info.kind);
            if (!kind)
                continue;
            FieldSpec spec;
            spec.key = std::string(info.name);
            spec.kind = *kind;
            spec.group = groupOf(info.name);
            spec.allowsFraction = info.kind == MK::Percentage || info.kind == MK::JsonataOrNumber;
            spec.help = std::string(info.description);
            spec.info = &info;
            out.push_back(std::move(spec));
        }
        // Configuration first, then the sections in Workflow Studio's order.
        std::stable_sort(out.begin(), out.end(),
                         [](const FieldSpec &a, const FieldSpec &b) { return a.group < b.group; });
        return out;
    }();
    return fields;
}

const std::vector<FieldSpec> &documentInspectorFields()
{
    static const std::vector<FieldSpec> fields = [] {
        std::vector<FieldSpec> out;
        for (const Model::FieldInfo &info : Model::documentFieldCatalog()) {
            std::optional<EditorKind> kind = editorKind(info.kind);
            if (!kind || info.name == "States")
                continue;
            FieldSpec spec;
            spec.key = std::string(info.name);
            spec.kind = *kind;
            spec.group = FieldGroup::Configuration;
            spec.help = std::string(info.description);
            out.push_back(std::move(spec));
        }
        return out;
    }();
    return fields;
}

const FieldSpec *findInspectorField(const std::string &key)
{
    for (const FieldSpec &spec : inspectorFields()) {
        if (spec.key == key)
            return &spec;
    }
    return nullptr;
}

FieldSpec otherFieldSpec(const std::string &key)
{
    FieldSpec spec;
    spec.key = key;
    spec.help = "A field AWS does not define for this state";
    return spec;
}

const char *groupTitle(FieldGroup group)
{
    switch (group) {
    case FieldGroup::Configuration:
        return "Configuration";
    case FieldGroup::Input:
        return "Input";
    case FieldGroup::Output:
        return "Output";
    case FieldGroup::ErrorHandling:
        return "Error handling";
    case FieldGroup::Variables:
        return "Variables";
    case FieldGroup::Other:
        break;
    }
    return "Other fields";
}

} // namespace Stepwise::Views
