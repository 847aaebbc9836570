#pragma once

#include "simulator/expr/jsonpath.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

// The parsed form of an intrinsic function call, private to simulator/expr.
namespace Stepwise::Sim::Detail {

enum class IntrinsicFunction {
    Format,
    StringToJson,
    JsonToString,
    Array,
    ArrayPartition,
    ArrayContains,
    ArrayRange,
    ArrayGetItem,
    ArrayLength,
    ArrayUnique,
    Base64Encode,
    Base64Decode,
    Hash,
    JsonMerge,
    MathRandom,
    MathAdd,
    StringSplit,
    UUID,
};

struct IntrinsicAst;

struct IntrinsicArg
{
    enum class Kind { Literal, Path, Call };
    Kind kind = Kind::Literal;
    Json literal;
    // For string literals: the text split at unescaped "{}" (States.Format's placeholders).
    std::vector<std::string> formatPieces;
    std::optional<JsonPath> path;
    std::shared_ptr<const IntrinsicAst> call;
    int offset = 0; // where the argument starts in the call's text
};

struct IntrinsicAst
{
    std::string text;
    std::string name;
    IntrinsicFunction function = IntrinsicFunction::Format;
    std::vector<IntrinsicArg> args;
};

} // namespace Stepwise::Sim::Detail
