#pragma once

#include "simulator/expr/jsonatavalue.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace Stepwise::Sim::Jsonata {

struct Node;
using NodePtr = std::shared_ptr<Node>;
class Signature;
struct Regex;

enum class NodeType {
    Path,
    Binary,
    Unary,
    Name,
    String,
    Number,
    Literal, // true, false, null
    Wildcard,
    Descendant,
    Parent,
    Condition,
    Block,
    Bind,
    Regex,
    Function,
    Partial,
    Variable,
    Lambda,
    Apply,
    Transform,
    Sort,
    Placeholder, // '?' in a partial application
    Operator,    // a bare operator token the parser met where an operand was expected
    End,
};

// A `%` parent reference waiting to be bound to the step it names.
struct Slot
{
    std::string label;
    int level = 1;
    int index = 0;
};
using SlotPtr = std::shared_ptr<Slot>;

struct Stage
{
    bool isIndex = false; // '#$i' after predicates; else a filter
    NodePtr expr;
    std::string value; // the index variable
    int position = 0;
};

struct SortTerm
{
    bool descending = false;
    NodePtr expression;
};

struct GroupBy
{
    std::vector<std::pair<NodePtr, NodePtr>> pairs;
    int position = 0;
};

// One node of the syntax tree. The parser builds and rewrites nodes; once a
// JsonataExpression holds them they are never changed, and evaluations share them.
struct Node
{
    NodeType type = NodeType::End;
    int position = 0;
    int start = 0;     // offset of the token's first character
    int height = 1;    // of the raw tree, bounded by the parser
    std::string value; // name, operator, string, variable name
    double number = 0;
    Value literal; // true/false/null

    NodePtr lhs, rhs, expression;
    std::vector<NodePtr> expressions;               // array constructor items, block expressions
    std::vector<std::pair<NodePtr, NodePtr>> pairs; // object constructor (raw and processed)
    std::vector<SortTerm> terms;                    // raw '^' and processed sort step
    std::vector<NodePtr> steps;                     // path
    std::vector<NodePtr> arguments;                 // function call, partial, lambda params
    NodePtr procedure;
    NodePtr body;
    std::shared_ptr<const Signature> signature;
    NodePtr condition, then, otherwise;
    NodePtr pattern, update, remove;
    std::shared_ptr<const Regex> regex;

    std::vector<Stage> predicate;
    std::vector<Stage> stages;
    std::unique_ptr<GroupBy> group;

    bool keepArray = false;
    bool consArray = false;
    bool keepSingletonArray = false;
    bool tuple = false;
    bool thunk = false;
    bool hasFocus = false;
    bool hasIndex = false;
    std::string focus;
    std::string index;
    SlotPtr ancestor;
    SlotPtr slot;
    std::vector<SlotPtr> seekingParent;
    bool seeking = false; // seekingParent was set (possibly empty)
};

} // namespace Stepwise::Sim::Jsonata
