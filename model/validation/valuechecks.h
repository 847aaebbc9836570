#pragma once

#include "model/json/json.h"
#include "model/validation/expressionsyntax.h"

#include <optional>
#include <string>
#include <string_view>

namespace Stepwise::Model {

// Small, pure checks on values, shared by the validator's parts. Private to model/validation.

bool isIntegerValue(const Json &value);
// RFC 3339 date-time as AWS accepts it: 2016-03-14T01:59:00Z, fractions, +hh:mm offsets.
bool isRfc3339Timestamp(std::string_view text);
// Variable names: a letter or _ first, then letters, digits, _ or -; at most 80 characters.
bool isVariableName(std::string_view name);
// "{% ... %}": the whole string is a JSONata expression.
bool isJsonataExpression(std::string_view text);
// The text between {% and %}.
std::string_view jsonataBody(std::string_view text);
// Counts UTF-8 code points (AWS limits names in characters, not bytes).
size_t utf8Length(std::string_view text);
// Why a Map Label is refused, if it is.
std::optional<std::string> labelProblem(std::string_view label);

// Syntax checks used when no ExpressionSyntax implementation is given: the shape of a
// JSONPath (root, dotted and bracketed steps; reference paths without wildcards, filters,
// slices or deep scans) and of an intrinsic function call (known name, balanced
// arguments, legal escapes). The simulator's parsers are stricter.
std::optional<ExpressionSyntax::SyntaxError> basicPathProblem(std::string_view path,
                                                              ExpressionSyntax::PathKind kind);
std::optional<ExpressionSyntax::SyntaxError> basicIntrinsicProblem(std::string_view call);
bool isKnownIntrinsic(std::string_view name);

} // namespace Stepwise::Model
