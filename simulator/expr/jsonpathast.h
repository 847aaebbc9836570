#pragma once

#include "model/json/json.h"

#include <QRegularExpression>

#include <memory>
#include <optional>
#include <string>
#include <vector>

// The parsed form of an ASL JSONPath, private to simulator/expr.
namespace Stepwise::Sim::Detail {

using Json = Model::Json;

struct FilterNode;

struct PathStep
{
    enum class Kind {
        Property,   // .a or ['a']
        Properties, // ['a','b']: merged into one object when last, iterated otherwise
        Index,      // [n], negative counts from the end
        Indexes,    // [n,m]
        Slice,      // [from:to] (a step is accepted and ignored, as Jayway does)
        Wildcard,   // .* or [*]
        DeepScan,   // ..: applies the next step to every node below
        Filter,     // [?(...)]
        Length,     // .length()
    };
    Kind kind = Kind::Property;
    std::vector<std::string> names;
    std::vector<long long> indexes;
    std::optional<long long> from;
    std::optional<long long> to;
    std::shared_ptr<const FilterNode> filter;
};

enum class RootKind { Input, Context, Variable, Current };

struct PathAst
{
    std::string text;
    RootKind root = RootKind::Input;
    std::string variable;
    std::vector<PathStep> steps;
    bool definite = true;
    bool referenceOnly = true; // only Property / Index steps
};

struct FilterOperand
{
    enum class Kind { Literal, Path, Regex };
    Kind kind = Kind::Literal;
    Json literal;
    std::shared_ptr<const PathAst> path;
    QRegularExpression regex;
};

struct FilterNode
{
    enum class Kind { Or, And, Not, Exists, Compare };
    enum class Op { Eq, Ne, Lt, Le, Gt, Ge, Match, In, Nin, SubsetOf, AnyOf, NoneOf, Size, Empty };
    Kind kind = Kind::Exists;
    Op op = Op::Eq;
    std::vector<std::shared_ptr<const FilterNode>> children;
    FilterOperand lhs;
    FilterOperand rhs;
};

} // namespace Stepwise::Sim::Detail
