#!/usr/bin/env python3
"""The AWS CLI against `stepwise-cli serve`: the timer example created, started, followed to
SUCCEEDED, its history read (paged, reversed), errors as AWS names them, and everything still
there after the server restarts on the same --data folder.

usage: awscli_client.py STEPWISE_CLI AWS_CLI EXAMPLES_DIR"""
import datetime
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from endpoint import Checks, Endpoint, client_env  # noqa: E402

CLI, AWS, EXAMPLES = sys.argv[1], sys.argv[2], sys.argv[3]
ENV = client_env()
ROLE = "arn:aws:iam::123456789012:role/StepwiseTest"
checks = Checks("awscli " + AWS)


def aws(url, *args):
    proc = subprocess.run([AWS, "--endpoint-url", url, "--output", "json", "stepfunctions"]
                          + list(args), env=ENV, capture_output=True, text=True, timeout=60)
    out = json.loads(proc.stdout) if proc.returncode == 0 and proc.stdout.strip() else None
    return proc.returncode, out, proc.stderr


def seconds(stamp):
    """The CLI prints timestamps as ISO-8601 text (or epoch seconds with some settings)."""
    if isinstance(stamp, (int, float)):
        return float(stamp)
    return datetime.datetime.fromisoformat(stamp).timestamp()


def wait_status(url, arn, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        _, out, _ = aws(url, "describe-execution", "--execution-arn", arn)
        if out and out["status"] != "RUNNING":
            return out
        time.sleep(0.3)
    return out


def token_of(url, execution, nth):
    """The task token of the execution's nth TaskScheduled event."""
    for _ in range(50):
        _, h, _ = aws(url, "get-execution-history", "--execution-arn", execution["executionArn"])
        scheduled = [e for e in (h or {"events": []})["events"] if e["type"] == "TaskScheduled"]
        if len(scheduled) >= nth:
            return json.loads(scheduled[nth - 1]["taskScheduledEventDetails"]["parameters"])[
                "MessageBody"]["token"]
        time.sleep(0.1)
    return "none"


with Endpoint(CLI) as server:
    url = server.url
    version = subprocess.run([AWS, "--version"], capture_output=True, text=True).stdout.strip()
    print("client: " + version)
    definition = open(os.path.join(EXAMPLES, "timer.asl.json")).read()
    code, created, err = aws(url, "create-state-machine", "--name", "Timer", "--definition",
                             definition, "--role-arn", ROLE)
    checks.equal(code, 0, "create-state-machine succeeds " + err)
    machine = created["stateMachineArn"] if created else ""
    checks.equal(machine, "arn:aws:states:us-east-1:123456789012:stateMachine:Timer",
                 "state machine ARN in AWS's form")
    code, described, _ = aws(url, "describe-state-machine", "--state-machine-arn", machine)
    checks.check(described and described["definition"] == definition
                 and described["type"] == "STANDARD" and described["roleArn"] == ROLE,
                 "describe-state-machine gives back the definition, type and role")
    code, listed, _ = aws(url, "list-state-machines")
    checks.check(listed and [m["name"] for m in listed["stateMachines"]] == ["Timer"],
                 "list-state-machines lists it")

    timer_input = json.dumps({"timer_seconds": 2, "message": "hello",
                              "topic": "arn:aws:sns:us-east-1:123456789012:Timer"})
    started_at = time.time()
    code, started, err = aws(url, "start-execution", "--state-machine-arn", machine, "--name",
                             "first", "--input", timer_input)
    checks.equal(code, 0, "start-execution succeeds " + err)
    execution = started["executionArn"] if started else ""
    checks.equal(execution, "arn:aws:states:us-east-1:123456789012:execution:Timer:first",
                 "execution ARN in AWS's form")
    done = wait_status(url, execution)
    checks.equal(done and done["status"], "SUCCEEDED", "the execution succeeds")
    checks.check(time.time() - started_at >= 2.0, "the 2 s Wait took real time")
    checks.check(done and "MessageId" in json.loads(done.get("output", "{}")),
                 "its output is SNS publish's answer")

    code, history, _ = aws(url, "get-execution-history", "--execution-arn", execution)
    types = [e["type"] for e in history["events"]] if history else []
    checks.equal(types, ["ExecutionStarted", "WaitStateEntered", "WaitStateExited",
                         "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
                         "TaskStateExited", "ExecutionSucceeded"], "history event types")
    stamps = {e["type"]: seconds(e["timestamp"]) for e in history["events"]} if history else {}
    checks.check(stamps and 2.0 <= stamps["WaitStateExited"] - stamps["WaitStateEntered"] < 4,
                 "the Wait's events are 2 s apart")
    checks.check(history and [e["id"] for e in history["events"]] == list(range(1, 10))
                 and all(0 <= e["previousEventId"] < e["id"] for e in history["events"]),
                 "event ids count up and point back")
    code, paged, _ = aws(url, "get-execution-history", "--execution-arn", execution,
                         "--page-size", "2")
    checks.equal(paged and [e["id"] for e in paged["events"]], list(range(1, 10)),
                 "paged history (maxResults 2 and nextToken) is the whole history")
    code, reverse, _ = aws(url, "get-execution-history", "--execution-arn", execution,
                           "--reverse-order", "--max-items", "1")
    checks.equal(reverse and reverse["events"][0]["type"], "ExecutionSucceeded",
                 "reverse order starts with the last event")
    code, listed, _ = aws(url, "list-executions", "--state-machine-arn", machine)
    checks.check(listed and [e["name"] for e in listed["executions"]] == ["first"],
                 "list-executions lists it")
    code, forexec, _ = aws(url, "describe-state-machine-for-execution", "--execution-arn",
                           execution)
    checks.check(forexec and forexec["definition"] == definition,
                 "describe-state-machine-for-execution gives the definition it ran")

    # Errors, named as AWS names them.
    code, _, err = aws(url, "describe-state-machine", "--state-machine-arn", machine + "Nope")
    checks.check(code != 0 and "StateMachineDoesNotExist" in err, "unknown state machine")
    code, _, err = aws(url, "describe-execution", "--execution-arn", "not-an-arn")
    checks.check(code != 0 and "InvalidArn" in err, "malformed ARN: InvalidArn")
    code, _, err = aws(url, "start-execution", "--state-machine-arn", machine, "--input", "{oops")
    checks.check(code != 0 and "InvalidExecutionInput" in err, "bad input: InvalidExecutionInput")
    code, _, err = aws(url, "start-execution", "--state-machine-arn", machine, "--name", "first",
                       "--input", "{}")
    checks.check(code != 0 and "ExecutionAlreadyExists" in err, "same name: ExecutionAlreadyExists")
    code, _, err = aws(url, "create-state-machine", "--name", "Broken", "--role-arn", ROLE,
                       "--definition", '{"StartAt": "Nowhere", "States": {}}')
    checks.check(code != 0 and "InvalidDefinition" in err, "bad definition: InvalidDefinition")
    code, _, err = aws(url, "create-state-machine", "--name", "bad name", "--role-arn", ROLE,
                       "--definition", definition)
    checks.check(code != 0 and "InvalidName" in err, "bad name: InvalidName")

    code, updated, err = aws(url, "update-state-machine", "--state-machine-arn", machine,
                             "--definition", definition.replace("Timer:", "Timer, updated:"))
    checks.check(code == 0 and "updateDate" in updated, "update-state-machine " + err)

    # A task token, sent back through the CLI.
    approval = json.dumps({"StartAt": "Approve", "States": {"Approve": {
        "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q",
                       "MessageBody": {"token.$": "$$.Task.Token"}}, "End": True}}})
    code, created, _ = aws(url, "create-state-machine", "--name", "Approval", "--definition",
                           approval, "--role-arn", ROLE)
    code, waiting, _ = aws(url, "start-execution", "--state-machine-arn",
                           created["stateMachineArn"])
    token = None
    for _ in range(50):
        code, h, _ = aws(url, "get-execution-history", "--execution-arn", waiting["executionArn"])
        scheduled = [e for e in h["events"] if e["type"] == "TaskScheduled"]
        if scheduled:
            token = json.loads(scheduled[0]["taskScheduledEventDetails"]["parameters"])[
                "MessageBody"]["token"]
            break
        time.sleep(0.1)
    code, _, err = aws(url, "send-task-success", "--task-token", token or "none", "--task-output",
                       '{"approved": true}')
    checks.equal(code, 0, "send-task-success " + err)
    done = wait_status(url, waiting["executionArn"])
    checks.check(done and done["status"] == "SUCCEEDED"
                 and json.loads(done["output"]) == {"approved": True},
                 "the task token's output ends the execution")

    # TestState, on a CLI that knows it (it carries the sync- host prefix).
    if subprocess.run([AWS, "stepfunctions", "test-state", "help"], env=ENV,
                      capture_output=True).returncode == 0:
        state = json.dumps({"Type": "Pass", "InputPath": "$.a", "Parameters": {"b.$": "$.x"},
                            "ResultPath": "$.r", "End": True})
        code, tested, err = aws(url, "test-state", "--definition", state, "--input",
                                '{"a": {"x": 5}}', "--inspection-level", "TRACE")
        checks.check(code == 0 and tested["status"] == "SUCCEEDED"
                     and json.loads(tested["output"]) == {"a": {"x": 5}, "r": {"b": 5}}
                     and json.loads(tested["inspectionData"]["afterInputPath"]) == {"x": 5},
                     "test-state at TRACE " + err)
    else:
        print("note: this AWS CLI has no test-state")

    # An execution that fails at its second state, to be redriven after the restart.
    redrive = subprocess.run([AWS, "stepfunctions", "redrive-execution", "help"], env=ENV,
                             capture_output=True).returncode == 0
    checkout = json.dumps({"StartAt": "Reserve", "States": {
        "Reserve": {"Type": "Pass", "Result": "held", "ResultPath": "$.stock", "Next": "Pay"},
        "Pay": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q",
                               "MessageBody": {"token.$": "$$.Task.Token"}},
                "ResultPath": "$.payment", "End": True}}})
    code, created, _ = aws(url, "create-state-machine", "--name", "Checkout", "--definition",
                           checkout, "--role-arn", ROLE)
    code, unpaid, _ = aws(url, "start-execution", "--state-machine-arn",
                          created["stateMachineArn"], "--name", "unpaid", "--input", '{"id": 3}')
    code, _, err = aws(url, "send-task-failure", "--task-token", token_of(url, unpaid, 1),
                       "--error", "CardDeclined")
    checks.equal(code, 0, "send-task-failure " + err)
    failed = wait_status(url, unpaid["executionArn"])
    checks.equal(failed and failed["status"], "FAILED", "the checkout fails at Pay")

    server.stop()
    checks.check(any("stopped after" in line for line in server.lines),
                 "Ctrl+C (SIGINT) stops the server cleanly")
    server.start()
    url = server.url
    done = wait_status(url, execution, 5)
    checks.equal(done and done["status"], "SUCCEEDED", "after a restart the execution is there")
    code, again, _ = aws(url, "get-execution-history", "--execution-arn", execution)
    checks.equal(again, history, "after a restart its history is the same")
    code, described, _ = aws(url, "describe-state-machine", "--state-machine-arn", machine)
    checks.check(described and "updated" in described["definition"],
                 "after a restart the updated definition is there")
    if redrive:
        arn = unpaid["executionArn"]
        code, redriven, err = aws(url, "redrive-execution", "--execution-arn", arn)
        checks.check(code == 0 and "redriveDate" in redriven,
                     "redrive-execution after a restart " + err)
        code, _, err = aws(url, "send-task-success", "--task-token", token_of(url, unpaid, 2),
                           "--task-output", '{"paid": true}')
        checks.equal(code, 0, "send-task-success to the redriven Pay " + err)
        paid = wait_status(url, arn)
        checks.check(paid and paid["status"] == "SUCCEEDED" and paid["redriveCount"] == 1
                     and json.loads(paid["output"]) == {"id": 3, "stock": "held",
                                                        "payment": {"paid": True}},
                     "the redriven execution succeeds, Reserve's result kept")
        code, h, _ = aws(url, "get-execution-history", "--execution-arn", arn)
        types = [e["type"] for e in h["events"]] if h else []
        checks.check(types.count("PassStateEntered") == 1 and types.count("TaskStateEntered") == 2
                     and types[types.index("ExecutionFailed") + 1] == "ExecutionRedriven"
                     and [e["id"] for e in h["events"]] == list(range(1, len(types) + 1)),
                     "its history: ExecutionRedriven after ExecutionFailed, Pay run again, "
                     "Reserve not")
        code, _, err = aws(url, "redrive-execution", "--execution-arn", arn)
        checks.check(code != 0 and "ExecutionNotRedrivable" in err,
                     "a succeeded execution: ExecutionNotRedrivable")
    else:
        print("note: this AWS CLI has no redrive-execution")
    code, _, err = aws(url, "delete-state-machine", "--state-machine-arn", machine)
    checks.equal(code, 0, "delete-state-machine " + err)
    code, _, err = aws(url, "describe-state-machine", "--state-machine-arn", machine)
    checks.check(code != 0 and "StateMachineDoesNotExist" in err, "deleted: gone")

sys.exit(checks.finish())
