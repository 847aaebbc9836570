#pragma once

#include "model/result.h"
#include "simulator/expr/expressioncontext.h"
#include "simulator/expr/failure.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace Stepwise::Sim {

namespace Detail {
struct PathAst;
}

// An ASL JSONPath, parsed once to an AST and evaluated as AWS does (Jayway JsonPath
// semantics): roots "$" (input), "$$" (context object) and "$name" (a variable); .key,
// ['key'], [n], [-n], [a,b], [start:end], [*], .*, .., filters [?(...)] and .length().
// Copies are cheap (the AST is shared and immutable).
class JsonPath
{
  public:
    enum class Root { Input, Context, Variable };

    // Parses a path; the error names the 0-based offset (Location::offset) and the 1-based
    // column (Location::column) of the offending character.
    static Model::Result<JsonPath> parse(std::string_view text);

    const std::string &text() const;
    Root root() const;
    // The variable's name for Root::Variable ("$x.y" -> "x"), empty otherwise.
    const std::string &variableName() const;
    // A single-node path: no wildcard, slice, filter, deep scan or union.
    bool isDefinite() const;
    // Nothing after the root: "$", "$$" or "$name".
    bool isRootOnly() const;
    // Only .key / ['key'] / [n] steps (what a reference path such as ResultPath allows).
    bool isReferencePath() const;

    // Definite paths: the value, or nullopt when absent. Indefinite paths: a JSON array of
    // the matches (possibly empty), as Jayway returns them.
    std::optional<Json> select(const ExpressionContext &ctx) const;

    // As select(), but a definite path that matches nothing yields a Failure
    // {"States.Runtime", "Invalid path '<text>' : <Jayway's reason>"}.
    Outcome<Json> evaluate(const ExpressionContext &ctx) const;

    // Definite paths made of keys and indexes only: a pointer to the selected node inside the
    // context's documents (no copy), or nullptr when absent (then `why`, if given, receives
    // Jayway's reason, e.g. "No results for path: $['a']"). Other paths: always nullptr.
    const Json *locate(const ExpressionContext &ctx, std::string *why = nullptr) const;

    // Reference paths on "$" only: writes `value` at the path inside `document`, creating
    // missing object keys on the way. False (with the reason in `why`) when a step meets a
    // value that cannot hold it (a non-object for a key, a non-array or short array for an
    // index).
    // `growth`, when given, receives how many bytes the document's JSON text grew by, the new
    // value's own text not counted (keys and objects created, minus the replaced value).
    bool assign(Json &document, Json value, std::string *why = nullptr,
                std::int64_t *growth = nullptr) const;

    // Whether `inner` always selects this path's node or a node inside it: both are reference
    // paths from the same root, this one's steps begin `inner`'s, and no step is a negative
    // index (whose target depends on the data).
    bool contains(const JsonPath &inner) const;
    // Whether the two paths may select the same node, or one a node inside the other's. False
    // only when that is impossible whatever the data: different documents, or reference
    // paths whose steps diverge (different keys, different non-negative indexes).
    bool mayOverlap(const JsonPath &other) const;

    // Jayway's normalised form, e.g. "$['a'][0]" (used in its error messages).
    std::string normalized() const;

  private:
    explicit JsonPath(std::shared_ptr<const Detail::PathAst> ast);
    std::shared_ptr<const Detail::PathAst> m_ast;
};

} // namespace Stepwise::Sim
