#pragma once

#include "simulator/expr/jsonataast.h"
#include "simulator/expr/jsonataerror.h"

#include <string_view>

namespace Stepwise::Sim::Jsonata {

// The deepest nesting the parser accepts; deeper text fails with U1001 instead of
// exhausting the native stack.
constexpr int maxParseDepth = 400;

// Parses a JSONata expression into the tree the evaluator runs (paths, steps, stages and
// parent slots resolved). False with `error` set on a syntax error. `??` and `?:` are
// rejected, as Step Functions' JSONata 2.0.6 does.
bool parseJsonata(std::string_view source, NodePtr &out, Error &error);

// Rewrites the Pratt parser's raw tree into the evaluator's tree (jsonataast.cpp).
bool processAst(const NodePtr &raw, NodePtr &out, Error &error);

} // namespace Stepwise::Sim::Jsonata
