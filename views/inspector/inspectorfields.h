#pragma once

#include "model/asl/fieldcatalog.h"

#include <string>
#include <vector>

namespace Stepwise::Views {

// How the inspector edits a field.
enum class EditorKind {
    Text,          // any string
    Path,          // a JSONPath or reference path ("$..." / "$$...")
    Number,        // a non-negative number, or a JSONata "{% %}" expression
    Json,          // any JSON value, edited as text (payload templates, Retry, Catch...)
    Boolean,       // End
    Target,        // a state name in the same scope (Next, Default)
    QueryLanguage, // JSONPath / JSONata
    Retriers,      // Retry: a form of retriers, or JSON text
    Catchers,      // Catch: a form of catchers, or JSON text
    ChoiceRules,   // Choices: a form of rules, or JSON text
};

// Sections in the order Workflow Studio shows them.
enum class FieldGroup { Configuration, Input, Output, ErrorHandling, Variables, Other };

// One field of the form: the model's field catalogue entry (null for fields it does not
// know) and how the inspector presents it.
struct FieldSpec
{
    std::string key;
    EditorKind kind = EditorKind::Json;
    FieldGroup group = FieldGroup::Other;
    bool allowsFraction = false; // numbers that need not be whole (percentages)
    std::string help;
    const Model::FieldInfo *info = nullptr;

    bool appliesTo(Model::StateType type) const;
    bool appliesTo(Model::QueryLanguage language) const;
};

// Every state field the catalogue lists that the form edits (nested scopes and the type
// are the canvas's), in the catalogue's order.
const std::vector<FieldSpec> &inspectorFields();
const FieldSpec *findInspectorField(const std::string &key);
// The definition's own fields (Comment, StartAt, Version, TimeoutSeconds, QueryLanguage).
const std::vector<FieldSpec> &documentInspectorFields();
// The spec for a field the catalogue does not know: edited as JSON under "Other fields".
FieldSpec otherFieldSpec(const std::string &key);
const char *groupTitle(FieldGroup group);

} // namespace Stepwise::Views
