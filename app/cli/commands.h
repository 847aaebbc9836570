#pragma once

#include <string>
#include <vector>

namespace Stepwise::App {

// One CLI sub-command: receives the arguments after its name, returns the exit code.
// Output goes to stdout, diagnostics about the invocation to stderr.
using Arguments = std::vector<std::string>;

int runValidateCommand(const Arguments &args);
int runFmtCommand(const Arguments &args);
int runRunCommand(const Arguments &args);

} // namespace Stepwise::App
