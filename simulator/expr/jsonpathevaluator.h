#pragma once

#include "simulator/expr/expressioncontext.h"
#include "simulator/expr/jsonpathast.h"

#include <deque>
#include <string>
#include <vector>

namespace Stepwise::Sim::Detail {

// The document a path starts from, or nullptr when its variable does not exist.
// `current` is what "@" means (inside filters).
const Json *pathRoot(const PathAst &ast, const ExpressionContext &ctx, const Json *current);

// Walks a definite path from `root`. Returns the node (inside the documents, or `scratch`
// for computed values such as length()), or nullptr with Jayway's reason in `why`.
const Json *walkDefinite(const PathAst &ast, const Json &root, Json &scratch, std::string *why);

// Collects every match of any path, in Jayway's order. Computed values live in `scratch`.
void walkAll(const PathAst &ast, const Json &root, const ExpressionContext &ctx,
             std::vector<const Json *> &out, std::deque<Json> &scratch);

// Jayway's normalised path of the first `stepCount` steps, e.g. "$['a'][0]".
std::string normalizedPath(const PathAst &ast, size_t stepCount);

} // namespace Stepwise::Sim::Detail
