#pragma once

#include "model/asl/fieldcatalog.h"
#include "model/json/json.h"

#include <string>

namespace Stepwise::Model {

class ValidationContext;

// Checks an object inside a state (a retrier, a catcher, ItemReader, ...) against its field
// catalogue: unknown fields, fields of the other query language, missing required fields,
// and enumeration values. Returns false (after reporting) when the value is not an object.
// The caller checks the values of the fields it knows to be there and allowed.
// Private to model/validation.
bool checkObjectFields(ValidationContext &context, ObjectKind kind, const Json &object,
                       const std::string &pointer, QueryLanguage language);

// Whether `key` is in the catalogue of `kind` and allowed in `language` (so its value is
// worth checking).
bool isUsableField(ObjectKind kind, const std::string &key, QueryLanguage language);

} // namespace Stepwise::Model
