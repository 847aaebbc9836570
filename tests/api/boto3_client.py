#!/usr/bin/env python3
"""boto3 against `stepwise-cli serve`: every Step Functions operation the installed botocore
knows (Debian's 1.26 predates versions, aliases, redrive, validation and TestState; a newer
one runs those too), with AWS's error names and the host-prefix setting that TestState and
StartSyncExecution need.

usage: boto3_client.py STEPWISE_CLI EXAMPLES_DIR"""
import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from endpoint import Checks, Endpoint, client_env  # noqa: E402

os.environ.update(client_env())
import boto3  # noqa: E402
import botocore  # noqa: E402
from botocore.config import Config  # noqa: E402

CLI, EXAMPLES = sys.argv[1], sys.argv[2]
ROLE = "arn:aws:iam::123456789012:role/StepwiseTest"
checks = Checks("boto3 %s (botocore %s)" % (boto3.__version__, botocore.__version__))

APPROVAL = {
    "StartAt": "Approve",
    "States": {
        "Approve": {
            "Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q",
                           "MessageBody": {"token.$": "$$.Task.Token", "order.$": "$.order"}},
            "TimeoutSeconds": 60,
            "End": True,
        }
    },
}
# A redrive is meaningful here: Reserve succeeds once, Pay fails (its token is answered with
# SendTaskFailure), and the redriven execution runs Pay alone, whose token then succeeds.
CHECKOUT = {
    "StartAt": "Reserve",
    "States": {
        "Reserve": {"Type": "Pass", "Result": {"reserved": True}, "ResultPath": "$.reservation",
                    "Next": "Pay"},
        "Pay": {
            "Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/pay",
                           "MessageBody": {"token.$": "$$.Task.Token",
                                           "attempt.$": "$$.Execution.RedriveCount"}},
            "ResultPath": "$.payment",
            "End": True,
        },
    },
}
EXPRESS = {"StartAt": "Double", "States": {"Double": {
    "Type": "Pass", "Parameters": {"twice.$": "States.MathAdd($.n, $.n)"}, "End": True}}}


def error_code(call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"]
    return None


def wait_done(sfn, arn, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        d = sfn.describe_execution(executionArn=arn)
        if d["status"] != "RUNNING":
            return d
        time.sleep(0.2)
    return d


def token_of(sfn, arn, seconds=10, nth=1):
    """The token of the execution's nth TaskScheduled event."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        scheduled = [e for e in sfn.get_execution_history(executionArn=arn)["events"]
                     if e["type"] == "TaskScheduled"]
        if len(scheduled) >= nth:
            params = json.loads(scheduled[nth - 1]["taskScheduledEventDetails"]["parameters"])
            return params["MessageBody"]["token"]
        time.sleep(0.1)
    return None


def check_redrive(sfn, express_arn):
    """RedriveExecution: a failed execution goes on from its failed state."""
    checkout = sfn.create_state_machine(name="Checkout", definition=json.dumps(CHECKOUT),
                                        roleArn=ROLE)["stateMachineArn"]
    arn = sfn.start_execution(stateMachineArn=checkout, name="order-9",
                              input='{"order": 9}')["executionArn"]
    sfn.send_task_failure(taskToken=token_of(sfn, arn), error="CardDeclined", cause="try later")
    failed = wait_done(sfn, arn)
    checks.check(failed["status"] == "FAILED" and failed["redriveStatus"] == "REDRIVABLE"
                 and failed["redriveCount"] == 0, "a failed execution is REDRIVABLE")
    redriven = sfn.redrive_execution(executionArn=arn)
    checks.check("redriveDate" in redriven, "redrive_execution answers its redriveDate")
    running = sfn.describe_execution(executionArn=arn)
    checks.check(running["status"] == "RUNNING" and running["redriveCount"] == 1
                 and "redriveDate" in running and "stopDate" not in running,
                 "the redriven execution is RUNNING again, redriveCount 1")
    checks.equal(error_code(sfn.redrive_execution, executionArn=arn), "ExecutionNotRedrivable",
                 "a running execution cannot be redriven")
    token = token_of(sfn, arn, nth=2)
    checks.check(token and token != token_of(sfn, arn), "the redriven task has a new token")
    sfn.send_task_success(taskToken=token, output='{"paid": 42}')
    done = wait_done(sfn, arn)
    checks.check(done["status"] == "SUCCEEDED" and json.loads(done["output"]) == {
        "order": 9, "reservation": {"reserved": True}, "payment": {"paid": 42}},
        "after the redrive it succeeds with the kept Reserve result " + done.get("output", ""))
    events = sfn.get_execution_history(executionArn=arn)["events"]
    types = [e["type"] for e in events]
    checks.equal(types.count("PassStateEntered"), 1, "the succeeded Reserve is not run again")
    redrive_event = [e for e in events if e["type"] == "ExecutionRedriven"]
    checks.check(len(redrive_event) == 1
                 and redrive_event[0]["executionRedrivenEventDetails"]["redriveCount"] == 1
                 and types.index("ExecutionRedriven") == types.index("ExecutionFailed") + 1,
                 "ExecutionRedriven follows ExecutionFailed in the history")
    checks.equal([e["id"] for e in events], list(range(1, len(events) + 1)),
                 "the history's ids go on after the redrive")
    attempts = [json.loads(e["taskScheduledEventDetails"]["parameters"])["MessageBody"]["attempt"]
                for e in events if e["type"] == "TaskScheduled"]
    checks.equal(attempts, [0, 1], "$$.Execution.RedriveCount in each attempt")
    listed = sfn.list_executions(stateMachineArn=checkout, redriveFilter="REDRIVEN")["executions"]
    checks.check([x["name"] for x in listed] == ["order-9"] and listed[0]["redriveCount"] == 1,
                 "list_executions redriveFilter=REDRIVEN")
    checks.equal(sfn.list_executions(stateMachineArn=checkout,
                                     redriveFilter="NOT_REDRIVEN")["executions"], [],
                 "list_executions redriveFilter=NOT_REDRIVEN")
    checks.equal(sfn.describe_execution(executionArn=arn)["redriveStatusReason"],
                 "Execution is SUCCEEDED and cannot be redriven", "redriveStatusReason")
    checks.equal(error_code(sfn.redrive_execution, executionArn=arn), "ExecutionNotRedrivable",
                 "a succeeded execution cannot be redriven")
    checks.equal(error_code(sfn.redrive_execution, executionArn=express_arn),
                 "ExecutionNotRedrivable", "an Express execution cannot be redriven")


def check_mocked_redrive():
    """With --mocks, a redriven Task's numbered mock answers go on from the earlier calls: the
    first call's answer fails the execution, the redrive gets the second's."""
    mocks = {"StateMachines": {"Billing": {"TestCases": {"FlakyCard": {"Charge": "ThenOk"}}}},
             "MockedResponses": {"ThenOk": {
                 "0": {"Throw": {"Error": "CardDeclined", "Cause": "first try"}},
                 "1": {"Return": {"charged": True}}}}}
    billing = {"StartAt": "Prepare", "States": {
        "Prepare": {"Type": "Pass", "Result": 1, "ResultPath": "$.prepared", "Next": "Charge"},
        "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Parameters": {"FunctionName": "charge"}, "ResultPath": "$.charge",
                   "End": True}}}
    folder = tempfile.mkdtemp(prefix="stepwise-mocks-")
    path = os.path.join(folder, "mocks.json")
    with open(path, "w") as f:
        json.dump(mocks, f)
    with Endpoint(CLI, ["--mocks", path]) as mocked:
        sfn = boto3.client("stepfunctions", endpoint_url=mocked.url,
                           config=Config(inject_host_prefix=False, retries={"max_attempts": 1}))
        machine = sfn.create_state_machine(name="Billing", definition=json.dumps(billing),
                                           roleArn=ROLE)["stateMachineArn"]
        arn = sfn.start_execution(stateMachineArn=machine + "#FlakyCard",
                                  input='{"id": 1}')["executionArn"]
        first = wait_done(sfn, arn)
        checks.check(first["status"] == "FAILED" and first.get("error") == "CardDeclined",
                     "the mocked Charge fails the first attempt")
        sfn.redrive_execution(executionArn=arn)
        done = wait_done(sfn, arn)
        checks.check(done["status"] == "SUCCEEDED" and json.loads(done["output"]) == {
            "id": 1, "prepared": 1, "charge": {"charged": True}},
            "the redrive gets the mock's second answer")
    shutil.rmtree(folder, ignore_errors=True)


with Endpoint(CLI) as server:
    sfn = boto3.client("stepfunctions", endpoint_url=server.url,
                       config=Config(inject_host_prefix=False, retries={"max_attempts": 1}))
    ops = set(sfn.meta.service_model.operation_names)
    timer = open(os.path.join(EXAMPLES, "timer.asl.json")).read()
    machine = sfn.create_state_machine(name="Timer", definition=timer, roleArn=ROLE,
                                       tags=[{"key": "team", "value": "core"}])["stateMachineArn"]
    checks.equal(sfn.describe_state_machine(stateMachineArn=machine)["name"], "Timer",
                 "create and describe")
    started = sfn.start_execution(stateMachineArn=machine, input=json.dumps(
        {"timer_seconds": 1, "topic": "arn:aws:sns:us-east-1:123456789012:t", "message": "m"}))
    done = wait_done(sfn, started["executionArn"])
    checks.equal(done["status"], "SUCCEEDED", "the timer example succeeds")
    events = sfn.get_paginator("get_execution_history").paginate(
        executionArn=started["executionArn"], PaginationConfig={"PageSize": 3})
    ids = [e["id"] for page in events for e in page["events"]]
    checks.equal(ids, list(range(1, 10)), "paged history is complete")
    checks.equal(len(sfn.list_executions(stateMachineArn=machine)["executions"]), 1,
                 "list_executions")

    # Task tokens: approve one, reject one, heartbeat, unknown tokens.
    approval = sfn.create_state_machine(name="Approval", definition=json.dumps(APPROVAL),
                                        roleArn=ROLE)["stateMachineArn"]
    a = sfn.start_execution(stateMachineArn=approval, input='{"order": 1}')["executionArn"]
    b = sfn.start_execution(stateMachineArn=approval, input='{"order": 2}')["executionArn"]
    token_a, token_b = token_of(sfn, a), token_of(sfn, b)
    checks.check(token_a and token_b and token_a != token_b,
                 "each waiting task has its own token")
    sfn.send_task_heartbeat(taskToken=token_a)
    sfn.send_task_success(taskToken=token_a, output='{"approved": true}')
    sfn.send_task_failure(taskToken=token_b, error="Rejected", cause="no budget")
    da, db = wait_done(sfn, a), wait_done(sfn, b)
    checks.check(da["status"] == "SUCCEEDED" and json.loads(da["output"]) == {"approved": True},
                 "SendTaskSuccess: its output is the execution's")
    checks.check(db["status"] == "FAILED" and db.get("error") == "Rejected"
                 and db.get("cause") == "no budget", "SendTaskFailure: error and cause")
    checks.equal(error_code(sfn.send_task_success, taskToken=token_a, output="{}"),
                 "TaskTimedOut", "a token already answered")
    checks.equal(error_code(sfn.send_task_success, taskToken="nonsense", output="{}"),
                 "InvalidToken", "an unknown token")
    c = sfn.start_execution(stateMachineArn=approval, input='{"order": 3}')["executionArn"]
    sfn.stop_execution(executionArn=c, error="Cancelled", cause="by test")
    dc = sfn.describe_execution(executionArn=c)
    checks.check(dc["status"] == "ABORTED" and dc.get("error") == "Cancelled",
                 "stop_execution aborts a waiting execution")
    hist = sfn.get_execution_history(executionArn=c, reverseOrder=True)["events"]
    checks.equal(hist[0]["type"], "ExecutionAborted", "its history ends with ExecutionAborted")

    # Express, synchronously.
    express = sfn.create_state_machine(name="Doubler", definition=json.dumps(EXPRESS),
                                       roleArn=ROLE, type="EXPRESS")["stateMachineArn"]
    sync = sfn.start_sync_execution(stateMachineArn=express, input='{"n": 21}')
    checks.check(sync["status"] == "SUCCEEDED" and json.loads(sync["output"]) == {"twice": 42}
                 and ":express:Doubler:" in sync["executionArn"], "start_sync_execution")
    checks.equal(error_code(sfn.start_sync_execution, stateMachineArn=machine),
                 "StateMachineTypeNotSupported", "sync execution of a Standard machine")
    if "RedriveExecution" in ops:
        check_redrive(sfn, sync["executionArn"])
        check_mocked_redrive()

    # Tags and activities.
    sfn.tag_resource(resourceArn=machine, tags=[{"key": "env", "value": "dev"}])
    sfn.untag_resource(resourceArn=machine, tagKeys=["team"])
    checks.equal(sfn.list_tags_for_resource(resourceArn=machine)["tags"],
                 [{"key": "env", "value": "dev"}], "tag, untag, list tags")
    activity = sfn.create_activity(name="Review")["activityArn"]
    checks.equal(sfn.describe_activity(activityArn=activity)["name"], "Review", "activities")
    checks.equal([x["name"] for x in sfn.list_activities()["activities"]], ["Review"],
                 "list_activities")
    sfn.delete_activity(activityArn=activity)
    checks.equal(error_code(sfn.describe_activity, activityArn=activity),
                 "ActivityDoesNotExist", "deleted activity")
    checks.equal(sfn.list_map_runs(executionArn=started["executionArn"])["mapRuns"], [],
                 "list_map_runs on an execution without a distributed Map")

    # Errors, as AWS names them.
    checks.equal(error_code(sfn.describe_execution, executionArn="arn:aws:states:us-east-1:"
                            "123456789012:execution:Timer:nope"), "ExecutionDoesNotExist",
                 "unknown execution")
    checks.equal(error_code(sfn.start_execution, stateMachineArn="nope"), "InvalidArn",
                 "malformed ARN")
    checks.equal(error_code(sfn.create_state_machine, name="Timer", definition=timer,
                            roleArn=ROLE + "2"), "StateMachineAlreadyExists",
                 "same name, other role")
    checks.equal(error_code(sfn.list_executions, stateMachineArn=machine, nextToken="garbage"),
                 "InvalidToken", "a nextToken this server never gave")

    if "PublishStateMachineVersion" in ops:
        v1 = sfn.publish_state_machine_version(stateMachineArn=machine,
                                               description="first")["stateMachineVersionArn"]
        checks.equal(v1, machine + ":1", "publish a version")
        sfn.update_state_machine(stateMachineArn=machine, definition=timer.replace(
            "Timer:", "Timer v2:"), publish=True, versionDescription="second")
        versions = [v["stateMachineVersionArn"] for v in
                    sfn.list_state_machine_versions(stateMachineArn=machine)["stateMachineVersions"]]
        checks.equal(versions, [machine + ":2", machine + ":1"], "versions newest first")
        alias = sfn.create_state_machine_alias(name="live", routingConfiguration=[
            {"stateMachineVersionArn": machine + ":1", "weight": 100}])["stateMachineAliasArn"]
        checks.equal(alias, machine + ":live", "create an alias")
        run = sfn.start_execution(stateMachineArn=alias, input=json.dumps(
            {"timer_seconds": 0, "topic": "arn:aws:sns:us-east-1:123456789012:t",
             "message": "m"}))
        d = wait_done(sfn, run["executionArn"])
        checks.check(d.get("stateMachineAliasArn") == alias
                     and d.get("stateMachineVersionArn") == machine + ":1",
                     "an execution through the alias runs its version")
        sfn.update_state_machine_alias(stateMachineAliasArn=alias, routingConfiguration=[
            {"stateMachineVersionArn": machine + ":2", "weight": 100}])
        checks.equal(sfn.describe_state_machine_alias(stateMachineAliasArn=alias)[
            "routingConfiguration"][0]["stateMachineVersionArn"], machine + ":2",
            "update the alias")
        checks.equal(error_code(sfn.delete_state_machine_version,
                                stateMachineVersionArn=machine + ":2"), "ConflictException",
                     "a version an alias uses cannot be deleted")
        sfn.delete_state_machine_alias(stateMachineAliasArn=alias)
        sfn.delete_state_machine_version(stateMachineVersionArn=machine + ":2")
        checks.equal(len(sfn.list_state_machine_versions(stateMachineArn=machine)[
            "stateMachineVersions"]), 1, "delete alias and version")
    if "ValidateStateMachineDefinition" in ops:
        ok = sfn.validate_state_machine_definition(definition=timer)
        bad = sfn.validate_state_machine_definition(definition='{"StartAt": "X", "States": {}}')
        checks.check(ok["result"] == "OK" and bad["result"] == "FAIL"
                     and bad["diagnostics"][0]["severity"] == "ERROR",
                     "validate_state_machine_definition")
    if "TestState" in ops:
        task = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "f", "Payload.$": "$"},
                "ResultSelector": {"v.$": "$.Payload"}, "End": True}
        r = sfn.test_state(definition=json.dumps(task), input='{"a": 1}',
                           inspectionLevel="TRACE", mock={"result": '{"Payload": 7}'})
        checks.check(r["status"] == "SUCCEEDED" and json.loads(r["output"]) == {"v": 7}
                     and json.loads(r["inspectionData"]["afterResultSelector"]) == {"v": 7},
                     "test_state at TRACE with a mocked result")
        r = sfn.test_state(definition=json.dumps(task), input="{}", inspectionLevel="INFO",
                           mock={"errorOutput": {"error": "Boom", "cause": "mocked"}})
        checks.check(r["status"] == "FAILED" and r["error"] == "Boom", "test_state mocked error")

    sfn.delete_state_machine(stateMachineArn=approval)
    checks.equal(error_code(sfn.describe_state_machine, stateMachineArn=approval),
                 "StateMachineDoesNotExist", "delete_state_machine")

sys.exit(checks.finish())
