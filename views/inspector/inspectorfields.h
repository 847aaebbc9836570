#pragma once

#include "model/asl/statetype.h"

#include <vector>

namespace Stepwise::Views {

// How the inspector edits a field.
enum class FieldKind {
    Text,          // any string
    Path,          // a JSONPath or reference path ("$..." / "$$...")
    Number,        // a non-negative number, or a JSONata "{% %}" expression
    Json,          // any JSON value, edited as text (payload templates, Retry, Catch...)
    Boolean,       // End
    Target,        // a state name in the same scope (Next, Default)
    QueryLanguage, // JSONPath / JSONata
};

// Sections in the order Workflow Studio shows them.
enum class FieldGroup { Configuration, Input, Output, ErrorHandling, Variables, Other };

enum class FieldLanguage { Any, JsonPath, Jsonata };

struct FieldSpec
{
    const char *key;
    FieldKind kind;
    FieldGroup group;
    unsigned types; // bit (1 << int(StateType)) per type the field applies to
    FieldLanguage language;
    const char *help;
};

// Every field the inspector knows, in display order (ASL spec + AWS's JSONata additions).
const std::vector<FieldSpec> &inspectorFields();
const FieldSpec *findInspectorField(const char *key);
bool appliesTo(const FieldSpec &spec, Model::StateType type);
bool appliesTo(const FieldSpec &spec, Model::QueryLanguage language);
const char *groupTitle(FieldGroup group);

} // namespace Stepwise::Views
