#!/usr/bin/env python3
"""Load and crash test of `stepwise-cli serve` from a bounded loopback client.

Starts the server (virtual clock, temporary --data), creates a 4-state machine, then sends
--executions StartExecution calls from --concurrency threads, waits for all to finish and
checks every acknowledged execution SUCCEEDED with a complete history. Prints p50/p99 latency
of StartExecution and DescribeExecution, executions per second and the server's resident
memory. With --kill, the server gets SIGKILL while calls are in flight, is restarted on the
same data, and every execution it acknowledged must still be there.

usage: load_client.py STEPWISE_CLI [--executions N] [--concurrency C] [--kill]"""
import http.client
import json
import os
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from endpoint import Checks, Endpoint  # noqa: E402

CLI = sys.argv[1]


def option(name, default):
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


EXECUTIONS = option("--executions", 200)
CONCURRENCY = option("--concurrency", 200)
KILL = "--kill" in sys.argv
DEFINITION = {"StartAt": "Prepare", "States": {
    "Prepare": {"Type": "Pass", "Parameters": {"n.$": "$.n", "half.$": "States.MathAdd($.n, 1)"}, "Next": "Check"},
    "Check": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThanEquals": 0, "Next": "Pause"}],
              "Default": "Done"},
    "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Done"},
    "Done": {"Type": "Succeed"}}}
EVENTS = 10  # ExecutionStarted, 4 states entered/exited (Succeed has both), ExecutionSucceeded
checks = Checks("load")


class Client:
    def __init__(self, url):
        self.host = url.split("//")[1]
        self.conn = None

    def call(self, op, body):
        for attempt in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, timeout=60)
                self.conn.request("POST", "/", body=json.dumps(body), headers={
                    "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "AWSStepFunctions." + op})
                r = self.conn.getresponse()
                return r.status, json.loads(r.read() or b"{}")
            except (ConnectionError, http.client.HTTPException, OSError):
                self.conn = None
                if attempt == 1:
                    raise
        return 0, {}


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] * 1000 if values else 0


def rss_mb(pid):
    try:
        for line in open("/proc/%d/status" % pid):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0


def start_all(url, machine, prefix, acknowledged, latencies, stop_after=None):
    lock = threading.Lock()
    counter = iter(range(EXECUTIONS))

    def worker():
        client = Client(url)
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            began = time.perf_counter()
            try:
                status, out = client.call("StartExecution", {"stateMachineArn": machine, "name": "%s%d" % (prefix, i),
                                                             "input": json.dumps({"n": i})})
            except Exception:
                return  # the server died under us: unacknowledged
            if status == 200:
                with lock:
                    latencies.append(time.perf_counter() - began)
                    acknowledged.append(out["executionArn"])

    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    for t in threads:
        t.start()
    if stop_after:
        stop_after()
    for t in threads:
        t.join()


def wait_finished(url, arns, describe_latencies, seconds=120):
    client = Client(url)
    pending = list(arns)
    deadline = time.time() + seconds
    results = {}
    while pending and time.time() < deadline:
        still = []
        for arn in pending:
            began = time.perf_counter()
            status, out = client.call("DescribeExecution", {"executionArn": arn})
            describe_latencies.append(time.perf_counter() - began)
            if status == 200 and out["status"] != "RUNNING":
                results[arn] = out["status"]
            else:
                still.append(arn)
        pending = still
        if pending:
            time.sleep(0.2)
    return results, pending


server = Endpoint(CLI, ["--clock", "x1"]).start()
try:
    client = Client(server.url)
    _, created = client.call("CreateStateMachine", {"name": "Load", "roleArn": "arn:aws:iam::123456789012:role/R",
                                                    "definition": json.dumps(DEFINITION)})
    machine = created["stateMachineArn"]
    acknowledged, start_latencies, describe_latencies = [], [], []
    began = time.perf_counter()
    if KILL:
        def kill_midway():
            while len(acknowledged) < EXECUTIONS // 3:
                time.sleep(0.005)
            server.proc.send_signal(signal.SIGKILL)
        start_all(server.url, machine, "e", acknowledged, start_latencies, kill_midway)
        server.proc.wait()
        print("killed with %d of %d StartExecution calls acknowledged" % (len(acknowledged), EXECUTIONS))
        server.start()
        recovered = [l.strip() for l in server.lines if "loaded" in l]
        print("restart: " + (recovered[-1] if recovered else "?"))
        client = Client(server.url)
        missing = [arn for arn in acknowledged if client.call("DescribeExecution", {"executionArn": arn})[0] != 200]
        checks.equal(len(missing), 0, "every acknowledged execution is there after kill -9 and restart (%d)" % len(acknowledged))
        statuses = {}
        for arn in acknowledged:
            status = client.call("DescribeExecution", {"executionArn": arn})[1].get("status")
            statuses[status] = statuses.get(status, 0) + 1
        print("statuses after restart: %s" % statuses)
        checks.check(set(statuses) <= {"SUCCEEDED", "ABORTED"}, "finished ones SUCCEEDED, interrupted ones ABORTED")
        complete = 0
        for arn in acknowledged:
            events = client.call("GetExecutionHistory", {"executionArn": arn, "maxResults": 1000})[1]["events"]
            last = events[-1]["type"] if events else ""
            if events and events[0]["type"] == "ExecutionStarted" and last in ("ExecutionSucceeded", "ExecutionAborted"):
                complete += 1
        checks.equal(complete, len(acknowledged), "every history starts and ends")
    else:
        start_all(server.url, machine, "e", acknowledged, start_latencies)
        started = time.perf_counter()
        checks.equal(len(acknowledged), EXECUTIONS, "every StartExecution acknowledged")
        results, pending = wait_finished(server.url, acknowledged, describe_latencies)
        elapsed = time.perf_counter() - began
        checks.equal(len(pending), 0, "every execution finished")
        checks.equal(sum(1 for s in results.values() if s == "SUCCEEDED"), EXECUTIONS, "every execution SUCCEEDED")
        complete = 0
        for arn in acknowledged:
            events = client.call("GetExecutionHistory", {"executionArn": arn, "maxResults": 1000})[1]["events"]
            if len(events) == EVENTS and events[-1]["type"] == "ExecutionSucceeded":
                complete += 1
        checks.equal(complete, EXECUTIONS, "every history complete (%d events)" % EVENTS)
        print("StartExecution: p50 %.1f ms, p99 %.1f ms over %d calls from %d threads in %.2f s" % (
            percentile(start_latencies, 0.5), percentile(start_latencies, 0.99), len(start_latencies), CONCURRENCY,
            started - began))
        print("DescribeExecution: p50 %.1f ms, p99 %.1f ms over %d calls" % (
            percentile(describe_latencies, 0.5), percentile(describe_latencies, 0.99), len(describe_latencies)))
        print("executions per second (start to all finished, each with a 1 s Wait): %.0f" % (EXECUTIONS / elapsed))
        print("server memory (VmRSS) after %d executions: %.0f MB" % (EXECUTIONS, rss_mb(server.proc.pid)))
finally:
    server.cleanup()
sys.exit(checks.finish())
