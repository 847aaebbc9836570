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
int runServeCommand(const Arguments &args);

// Each command's `--help` text: a usage line, what it does, every option, the exit codes.
const char *validateHelp();
const char *fmtHelp();
const char *runHelp();
const char *serveHelp();

// True when the arguments ask for help (-h or --help anywhere): the command prints its
// help to stdout and exits 0 whatever else is given.
bool wantsHelp(const Arguments &args);

} // namespace Stepwise::App
