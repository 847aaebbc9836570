// stepwise-cli: the headless face of Stepwise, for scripts and CI.
#include "app/cli/commands.h"

#include <cstdio>
#include <functional>
#include <map>
#include <string>

namespace {

struct Command
{
    std::function<int(const Stepwise::App::Arguments &)> run;
    const char *(*help)();
    const char *summary;
};

const std::map<std::string, Command> &commands()
{
    using namespace Stepwise::App;
    static const std::map<std::string, Command> table = {
        {"fmt", {runFmtCommand, fmtHelp, "rewrite a JSON definition in the canonical layout"}},
        {"run", {runRunCommand, runHelp, "execute a definition locally (no AWS account)"}},
        {"validate",
         {runValidateCommand, validateHelp, "check definitions (JSON or YAML) as AWS does"}},
        {"serve",
         {runServeCommand, serveHelp, "a local Step Functions endpoint for the AWS CLI and SDKs"}},
    };
    return table;
}

void printUsage(std::FILE *to)
{
    std::fprintf(to, "usage: stepwise-cli COMMAND [OPTIONS] [ARGS]\n"
                     "       stepwise-cli COMMAND --help\n"
                     "       stepwise-cli --help | --version\n"
                     "\n"
                     "commands:\n");
    for (const auto &[name, command] : commands())
        std::fprintf(to, "  %-10s%s\n", name.c_str(), command.summary);
    std::fprintf(to, "\n"
                     "options:\n"
                     "  -h, --help     print this help (or a command's, after its name) and exit\n"
                     "  -V, --version  print the version and exit\n");
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        printUsage(stderr);
        return 2;
    }
    const std::string name = argv[1];
    if (name == "--help" || name == "-h") {
        printUsage(stdout);
        return 0;
    }
    if (name == "--version" || name == "-V") {
        std::printf("stepwise-cli " STEPWISE_VERSION "\n");
        return 0;
    }
    Stepwise::App::Arguments args(argv + 2, argv + argc);
    if (name == "help") {
        // "help COMMAND" is "COMMAND --help"; "help" alone is "--help".
        auto it = args.empty() ? commands().end() : commands().find(args.front());
        if (it == commands().end()) {
            printUsage(args.empty() ? stdout : stderr);
            return args.empty() ? 0 : 2;
        }
        std::fputs(it->second.help(), stdout);
        return 0;
    }
    auto it = commands().find(name);
    if (it == commands().end()) {
        std::fprintf(stderr, "stepwise-cli: unknown command '%s'\n", name.c_str());
        printUsage(stderr);
        return 2;
    }
    if (Stepwise::App::wantsHelp(args)) {
        std::fputs(it->second.help(), stdout);
        return 0;
    }
    return it->second.run(args);
}
