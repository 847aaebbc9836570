// stepwise-cli serve: the local Step Functions endpoint.
#include "app/cli/commands.h"

#include "simulator/api/httpfrontend.h"
#include "simulator/api/service.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace Stepwise::App {

namespace {

struct ServeArguments
{
    std::string host = "127.0.0.1";
    int port = 8083;
    std::string data;
    std::string mocks;
    std::string serviceModels = Api::ServiceModels::defaultDirectory();
    std::string clock = "real";
    std::string keyFile;
    std::string region = "us-east-1";
    std::string account = "123456789012";
    int workers = 0;
    int activityPoll = 60;
    bool log = false;
};

const char *usageText
    = "usage: stepwise-cli serve [--host 127.0.0.1] [--port 8083] [--data DIR] [--mocks FILE]\n"
      "       [--service-models DIR] [--clock real|virtual|xN] [--verify-sigv4 KEYFILE]\n"
      "       [--region R] [--account ID] [--workers N] [--activity-poll-seconds N] [--log]\n"
      "(stepwise-cli serve --help explains each option)\n";

int usageError(const std::string &message)
{
    std::fprintf(stderr, "serve: %s\n%s", message.c_str(), usageText);
    return 2;
}

std::optional<std::string> parseArguments(const Arguments &args, ServeArguments &out)
{
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        auto value = [&](std::string &into) -> bool {
            if (i + 1 >= args.size())
                return false;
            into = args[++i];
            return true;
        };
        auto number = [&](int &into, int min, int max) -> bool {
            std::string text;
            if (!value(text))
                return false;
            try {
                size_t used = 0;
                into = std::stoi(text, &used);
                return used == text.size() && into >= min && into <= max;
            } catch (const std::exception &) {
                return false;
            }
        };
        bool ok = true;
        if (arg == "--host")
            ok = value(out.host);
        else if (arg == "--port")
            ok = number(out.port, 0, 65535);
        else if (arg == "--data")
            ok = value(out.data);
        else if (arg == "--mocks")
            ok = value(out.mocks);
        else if (arg == "--service-models")
            ok = value(out.serviceModels);
        else if (arg == "--clock")
            ok = value(out.clock);
        else if (arg == "--verify-sigv4")
            ok = value(out.keyFile);
        else if (arg == "--region")
            ok = value(out.region);
        else if (arg == "--account")
            ok = value(out.account);
        else if (arg == "--workers")
            ok = number(out.workers, 1, 256);
        else if (arg == "--activity-poll-seconds")
            ok = number(out.activityPoll, 0, 60);
        else if (arg == "--log")
            out.log = true;
        else
            return "unknown argument " + arg;
        if (!ok)
            return arg + " needs a valid value";
    }
    return std::nullopt;
}

std::optional<Api::RunClock> parseClock(const std::string &text)
{
    Api::RunClock clock;
    if (text == "real")
        return clock;
    if (text == "virtual") {
        clock.virtualTime = true;
        return clock;
    }
    if (text.size() > 1 && text[0] == 'x') {
        try {
            size_t used = 0;
            clock.scale = std::stod(text.substr(1), &used);
            if (used == text.size() - 1 && clock.scale > 0)
                return clock;
        } catch (const std::exception &) {
        }
    }
    return std::nullopt;
}

// SIGINT/SIGTERM reach the event loop through a socket pair (a handler may only write()).
int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] auto written = ::write(signalPipe[0], &byte, 1);
}

} // namespace

int runServeCommand(const Arguments &args)
{
    ServeArguments serve;
    if (auto problem = parseArguments(args, serve))
        return usageError(*problem);
    auto clock = parseClock(serve.clock);
    if (!clock)
        return usageError("--clock is real, virtual or xN (N > 0, e.g. x10)");
    QHostAddress address;
    if (serve.host == "localhost")
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(QString::fromStdString(serve.host)))
        return usageError("--host takes an IP address");

    int argc = 1;
    char name[] = "stepwise-cli";
    char *argv[] = {name, nullptr};
    QCoreApplication app(argc, argv);

    std::string error;
    auto store = Api::Store::open(serve.data, error);
    if (!store) {
        std::fprintf(stderr, "serve: --data: %s\n", error.c_str());
        return 2;
    }
    Api::FrontendOptions frontendOptions;
    frontendOptions.logRequests = serve.log;
    if (!serve.keyFile.empty()) {
        frontendOptions.verifier = Api::SigV4Verifier::fromFile(serve.keyFile, error);
        if (!frontendOptions.verifier) {
            std::fprintf(stderr, "serve: --verify-sigv4: %s\n", error.c_str());
            return 2;
        }
    }
    Api::ServiceOptions options;
    options.region = serve.region;
    options.account = serve.account;
    options.clock = *clock;
    options.workers = serve.workers;
    options.mocksFile = serve.mocks;
    options.activityPollSeconds = serve.activityPoll;
    options.serviceModelsDir = serve.serviceModels;
    Api::Service service(options, std::move(store));
    if (auto problem = service.loadMocks()) {
        std::fprintf(stderr, "serve: --mocks: %s\n", problem->c_str());
        return 2;
    }
    const std::string recovered = service.recover();

    Api::HttpFrontend frontend(service, std::move(frontendOptions));
    const quint16 port = frontend.listen(address, quint16(serve.port));
    if (port == 0) {
        std::fprintf(stderr, "serve: cannot listen on %s:%d\n", serve.host.c_str(), serve.port);
        return 1;
    }

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0) {
        std::fprintf(stderr, "serve: cannot watch for signals\n");
        return 1;
    }
    QSocketNotifier notifier(signalPipe[1], QSocketNotifier::Read);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        notifier.setEnabled(false);
        std::printf("stepwise endpoint: stopping (no new connections; answering %zu "
                    "request(s) in flight)\n",
                    frontend.inFlight());
        std::fflush(stdout);
        for (QTcpServer *server : frontend.servers())
            server->close();
        // Requests already accepted are answered before the service stops.
        QElapsedTimer waited;
        waited.start();
        while (frontend.inFlight() > 0 && waited.elapsed() < 10000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QCoreApplication::processEvents();
        app.quit();
    });

    const std::string url = "http://" + serve.host + ":" + std::to_string(port);
    std::printf("stepwise endpoint listening on %s (%s)\n", url.c_str(),
                serve.data.empty() ? "in memory: nothing is kept after exit"
                                   : ("data in " + serve.data).c_str());
    std::printf("  %s\n", recovered.c_str());
    std::printf("  %s\n", service.serviceModelsStatus().c_str());
    std::printf("  AWS CLI:  aws stepfunctions --endpoint-url %s list-state-machines\n",
                url.c_str());
    std::printf("  TestState and StartSyncExecution carry AWS's \"sync-\" host prefix: set\n"
                "    AWS_DISABLE_HOST_PREFIX_INJECTION=true (AWS CLI, boto3) or\n"
                "    disableHostPrefix: true (JavaScript SDK v3 client config)\n");
    std::printf("  credentials: %s; clock: %s\n",
                serve.keyFile.empty() ? "any (signatures are not checked)"
                                      : "SigV4 signatures checked against the key file",
                serve.clock.c_str());
    if (!address.isLoopback())
        std::printf("  warning: listening on %s, reachable from other machines\n",
                    serve.host.c_str());
    std::printf("  Ctrl+C stops it\n");
    std::fflush(stdout);

    const int code = app.exec();
    service.shutdown();
    std::printf("stepwise endpoint: stopped after %llu request(s); %zu execution(s) were "
                "still running and will be marked ABORTED at the next start\n",
                static_cast<unsigned long long>(frontend.handled()), service.runningExecutions());
    std::fflush(stdout);
    return code;
}

} // namespace Stepwise::App
