// The usage texts of stepwise-cli's commands, kept together so that they read alike.
#include "app/cli/commands.h"

#include <algorithm>

namespace Stepwise::App {

bool wantsHelp(const Arguments &args)
{
    return std::any_of(args.begin(), args.end(),
                       [](const std::string &arg) { return arg == "--help" || arg == "-h"; });
}

const char *validateHelp()
{
    return "usage: stepwise-cli validate [--format text|json] [--type standard|express] FILE...\n"
           "\n"
           "Checks ASL definitions as AWS does when it creates a state machine. A file named\n"
           "*.yaml or *.yml is read as YAML, any other as JSON. One line per finding:\n"
           "  FILE:LINE:COLUMN: error|warning CODE: message [/json/pointer]\n"
           "(codes are listed in docs/diagnostics.md).\n"
           "\n"
           "options:\n"
           "  --format text|json       text lines (the default), or one JSON object per file:\n"
           "                           {\"file\", \"valid\", \"diagnostics\": [{\"code\",\n"
           "                           \"severity\", \"message\", \"pointer\", \"line\", "
           "\"column\"}]}\n"
           "  --type standard|express  the state machine type to check for (default standard);\n"
           "                           express refuses .sync, .waitForTaskToken and activities\n"
           "  -h, --help               print this help and exit\n"
           "\n"
           "exit status: 0 every file is valid (warnings allowed), 1 a file has errors,\n"
           "2 a file cannot be read or parsed, or the arguments are wrong.\n";
}

const char *fmtHelp()
{
    return "usage: stepwise-cli fmt FILE [--check]\n"
           "\n"
           "Rewrites a JSON definition in the canonical ASL layout (in place, atomically).\n"
           "\n"
           "options:\n"
           "  --check     change nothing; report whether FILE is already canonical\n"
           "  -h, --help  print this help and exit\n"
           "\n"
           "exit status: 0 formatted (or already canonical), 1 not canonical (--check),\n"
           "2 the file cannot be read, parsed or written, or the arguments are wrong.\n";
}

const char *runHelp()
{
    return "usage: stepwise-cli run DEF [options]\n"
           "\n"
           "Executes the definition DEF (JSON, or YAML for *.yaml/*.yml) locally, with no AWS\n"
           "account: Waits and retry delays pass on a virtual clock, SNS publish and SQS\n"
           "sendMessage are emulated, other tasks answer from a mock file. A definition that\n"
           "`stepwise-cli validate` finds errors in is not run: its diagnostics are printed\n"
           "to stderr, as validate prints them, and the exit status is 2.\n"
           "\n"
           "options:\n"
           "  --input JSON|@FILE         the execution input (default {})\n"
           "  --mocks FILE               an AWS Step Functions Local MockConfigFile ...\n"
           "  --test-case NAME           ... and the test case in it that answers the tasks\n"
           "  --history                  also print the execution's history events\n"
           "  --format text|json         text (default): the output, or the status with error\n"
           "                             and cause; json: one line {\"status\", \"output\"} or\n"
           "                             {\"status\", \"error\", \"cause\"}, plus \"history\"\n"
           "  --seed N                   seed for generated ids and States.UUID (default 0)\n"
           "  --realtime                 pace the virtual clock with the wall clock\n"
           "  --execution-name NAME      the execution's name ($$.Execution.Name)\n"
           "  --state-machine-arn ARN    the state machine's ARN ($$.StateMachine.Id)\n"
           "  --s3-dir DIR               a folder standing in for S3: s3://bucket/key is the\n"
           "                             file DIR/bucket/key (distributed Map ItemReader)\n"
           "  -h, --help                 print this help and exit\n"
           "\n"
           "exit status: 0 the execution succeeded, 1 it failed or timed out,\n"
           "2 the definition, input or mocks are unusable, or the arguments are wrong.\n";
}

} // namespace Stepwise::App
