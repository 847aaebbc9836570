// stepwise-cli: the headless face of Stepwise, for scripts and CI.
#include "app/cli/commands.h"

#include <cstdio>
#include <cstring>
#include <functional>
#include <iostream>
#include <map>

namespace {

struct Command
{
    std::function<int(const Stepwise::App::Arguments &)> run;
    const char *usage;
};

const std::map<std::string, Command> &commands()
{
    using namespace Stepwise::App;
    static const std::map<std::string, Command> table = {
        {"validate",
         {runValidateCommand, "validate [--format text|json] [--type standard|express] FILE...\n   "
                              "   check ASL definitions"}},
        {"fmt", {runFmtCommand, "fmt FILE [--check]                      write canonical ASL"}},
        {"run",
         {runRunCommand,
          "run DEF [--input JSON|@file] [--mocks FILE --test-case NAME] [--history]\n"
          "      [--seed N] [--realtime] [--execution-name NAME]\n"
          "      [--state-machine-arn ARN] [--s3-dir DIR] [--type standard|express]\n"
          "      [--format text|json]\n"
          "                                               execute locally"}},
    };
    return table;
}

void printUsage(std::FILE *to)
{
    std::fprintf(to, "usage: stepwise-cli COMMAND [ARGS]\n\ncommands:\n");
    for (const auto &[name, command] : commands())
        std::fprintf(to, "  %s\n", command.usage);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        printUsage(stderr);
        return 2;
    }
    std::string name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        printUsage(stdout);
        return 0;
    }
    if (name == "--version") {
        std::printf("stepwise-cli 0.1.0\n");
        return 0;
    }
    auto it = commands().find(name);
    if (it == commands().end()) {
        std::fprintf(stderr, "stepwise-cli: unknown command '%s'\n", name.c_str());
        printUsage(stderr);
        return 2;
    }
    Stepwise::App::Arguments args(argv + 2, argv + argc);
    return it->second.run(args);
}
