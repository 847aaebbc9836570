#pragma once

#include "simulator/expr/failure.h"
#include "simulator/expr/jsonpath.h"

#include <cstdint>
#include <string>

namespace Stepwise::Sim {

// Values a state reads through a path at run time, checked and worded as AWS does, one rule
// per family of fields. Failures carry AWS's cause without the "An error occurred while
// executing the state ..." prefix, which the engine adds to States.Runtime causes.
//
// Whole numbers (MaxConcurrencyPath, ToleratedFailureCountPath, MaxItemsPath,
// MaxItemsPerBatchPath, MaxInputBytesPerBatchPath, TimeoutSecondsPath, HeartbeatSecondsPath):
// the value is a JSON integer, or a string holding a decimal integer, within a Java int.
// Anything else (a fraction, a larger number, another type) is
//   The <Field>Path field refers to value "<value>" which is not a valid integer: <path>
// and a value below the field's minimum gets the field's own wording (ToleratedFailureCount
// cannot be negative; MaxItems fails the item reader; the others "Expected <non-negative |
// positive> integer for <Field>, got '<value>' instead."). A path that selects nothing fails
// as every JSONPath does: Invalid path '<path>' : <reason>.
// Percentages (ToleratedFailurePercentagePath): a number (or numeric string) from 0 to 100,
// else "... which is not a valid float: <path>" or "ToleratedFailurePercentage must be
// between 0 and 100.".
// Strings (ErrorPath, CausePath): the selected value must be a string, else "... which is not
// a valid string: <path>".
// A Wait's SecondsPath and TimestampPath have their own wording ("The SecondsPath parameter
// does not reference an input value: <path>", "... cannot be parsed as a long value: <path>
// == <value>", "... references a negative value: ...", "The TimestampPath parameter does not
// reference a valid ISO-8601 extended offset date-time format string: <path> == <value>").

enum class IntegerPathField {
    MaxConcurrency,
    ToleratedFailureCount,
    MaxItems,
    MaxItemsPerBatch,
    MaxInputBytesPerBatch,
    TimeoutSeconds,
    HeartbeatSeconds,
};

// "MaxConcurrency", ...
const char *fieldName(IntegerPathField field);

Outcome<std::int64_t> readIntegerPath(IntegerPathField field, const JsonPath &path,
                                      const ExpressionContext &ctx);
// ToleratedFailurePercentagePath.
Outcome<double> readPercentagePath(const JsonPath &path, const ExpressionContext &ctx);
// ErrorPath / CausePath (`field` names it).
Outcome<std::string> readStringPath(const char *field, const JsonPath &path,
                                    const ExpressionContext &ctx);
// A Wait's SecondsPath: whole seconds, not negative.
Outcome<std::int64_t> readWaitSecondsPath(const JsonPath &path, const ExpressionContext &ctx);
// A Wait's TimestampPath: milliseconds since the epoch.
Outcome<std::int64_t> readWaitTimestampPath(const JsonPath &path, const ExpressionContext &ctx);

} // namespace Stepwise::Sim
