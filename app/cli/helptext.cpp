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
           "  --type standard|express    the state machine type (default standard); express\n"
           "                             has no history-event limit, times out after five\n"
           "                             minutes on the run's clock, and refuses .sync,\n"
           "                             .waitForTaskToken and activity tasks\n"
           "  --sub NAME=VALUE           a value for a deploy-time placeholder: ${NAME} (SAM\n"
           "                             DefinitionSubstitutions, Fn::Sub), {\"Ref\": NAME},\n"
           "                             {\"Fn::GetAtt\": [RESOURCE, ATTRIBUTE]} as\n"
           "                             RESOURCE.ATTRIBUTE=VALUE; VALUE is JSON if it parses\n"
           "                             as JSON, else text (repeatable)\n"
           "  --subs FILE                the same from a JSON object {\"NAME\": VALUE, ...}\n"
           "  --no-payload-limit         lift AWS's 256 KiB quota on inputs, outputs and\n"
           "                             results (States.DataLimitExceeded)\n"
           "  -h, --help                 print this help and exit\n"
           "\n"
           "A definition taken from a CloudFormation, SAM or CDK template may hold values\n"
           "filled in at deploy time. validate accepts them; run uses them as written where\n"
           "they are only data, and needs a value where the engine needs a real one (a\n"
           "Resource, Seconds...): PLACEHOLDER_UNRESOLVED names it.\n"
           "\n"
           "exit status: 0 the execution succeeded, 1 it failed or timed out,\n"
           "2 the definition, input or mocks are unusable, or the arguments are wrong.\n";
}

const char *serveHelp()
{
    return "usage: stepwise-cli serve [options]\n"
           "\n"
           "Serves AWS Step Functions' API (JSON 1.0 protocol) on loopback, so the AWS CLI and\n"
           "the SDKs run state machines on Stepwise's engine, offline. Give clients\n"
           "--endpoint-url http://127.0.0.1:8083 and any credentials. TestState and\n"
           "StartSyncExecution carry AWS's \"sync-\" host prefix: set\n"
           "AWS_DISABLE_HOST_PREFIX_INJECTION=true (AWS CLI, boto3) or disableHostPrefix: true\n"
           "(JavaScript SDK v3) so that they reach this endpoint too.\n"
           "\n"
           "options:\n"
           "  --host ADDRESS             IP address to listen on (default 127.0.0.1; anything\n"
           "                             else is reachable from other machines)\n"
           "  --port N                   TCP port (default 8083; 0 picks a free one)\n"
           "  --data DIR                 keep state machines, executions and histories in\n"
           "                             DIR/stepwise.sqlite (default: in memory only)\n"
           "  --mocks FILE               a MockConfigFile: task responses by state machine and\n"
           "                             test case (StartExecution with "
           "STATE_MACHINE_ARN#TestCase)\n"
           "  --service-models DIR       AWS's service models (botocore's data folder): TestState\n"
           "                             checks mocked results of AWS API tasks against their\n"
           "                             output shapes (default\n"
           "                             /usr/lib/python3/dist-packages/botocore/data, from\n"
           "                             Debian's python3-botocore; missing: not checked)\n"
           "  --clock real|virtual|xN    Wait states and retry delays in real time (default),\n"
           "                             skipped at once, or N times faster\n"
           "  --verify-sigv4 KEYFILE     check SigV4 signatures against the access key id and\n"
           "                             secret pairs in KEYFILE (one \"ID SECRET\" per line)\n"
           "  --region R, --account ID   used in the ARNs the endpoint creates\n"
           "                             (default us-east-1, 123456789012)\n"
           "  --workers N                executions run on N threads (default: the cores)\n"
           "  --activity-poll-seconds N  how long GetActivityTask waits for work (default 60)\n"
           "  --log                      print one line per request\n"
           "  -h, --help                 print this help and exit\n"
           "\n"
           "Ctrl+C (or SIGTERM) stops it cleanly: requests in flight are answered first.\n"
           "\n"
           "exit status: 0 stopped by a signal, 1 the port cannot be opened, 2 the arguments,\n"
           "the data folder, the key file or the mocks are unusable.\n";
}

} // namespace Stepwise::App
