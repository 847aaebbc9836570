#!/usr/bin/env python3
"""Bad input against `stepwise-cli serve`, over raw HTTP: malformed JSON, unknown operations,
huge bodies, wrong ARNs, missing and mistyped members, payloads over AWS's limits, bad SigV4
signatures. Each gets an AWS-shaped error ({"__type", "message"}, HTTP 4xx) and the server
keeps serving.

usage: badinput_client.py STEPWISE_CLI"""
import http.client
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from endpoint import Checks, Endpoint  # noqa: E402

CLI = sys.argv[1]
ROLE = "arn:aws:iam::123456789012:role/R"
checks = Checks("bad input")


def call(url, target, body, headers=None):
    host = url.split("//")[1]
    conn = http.client.HTTPConnection(host, timeout=30)
    h = {"Content-Type": "application/x-amz-json-1.0"}
    if target is not None:
        h["X-Amz-Target"] = target
    h.update(headers or {})
    conn.request("POST", "/", body=body if isinstance(body, bytes) else body.encode(), headers=h)
    r = conn.getresponse()
    data = r.read()
    conn.close()
    try:
        return r.status, json.loads(data)
    except ValueError:
        return r.status, {"raw": data[:200]}


def expect(url, target, body, status, error, what):
    code, out = call(url, target, body)
    checks.check(code == status and out.get("__type") == error and isinstance(out.get("message"), str),
                 "%s: HTTP %s %s (%s)" % (what, code, out.get("__type"), out.get("message", "")[:90]))


with Endpoint(CLI) as server:
    u = server.url
    sm = "AWSStepFunctions."
    expect(u, sm + "ListStateMachines", "{not json", 400, "SerializationException", "malformed JSON")
    expect(u, sm + "ListStateMachines", "[1, 2]", 400, "SerializationException", "a body that is not an object")
    expect(u, sm + "LaunchRockets", "{}", 400, "UnknownOperationException", "unknown operation")
    expect(u, "SomethingElse.ListStateMachines", "{}", 400, "UnknownOperationException", "other service's target")
    expect(u, None, "{}", 400, "UnknownOperationException", "no X-Amz-Target")
    expect(u, sm + "StartExecution", b"{" + b" " * (2 * 1024 * 1024) + b"}", 413,
           "RequestEntityTooLargeException", "a 2 MiB body")
    expect(u, sm + "DescribeExecution", '{"executionArn": "arn:aws:sqs:us-east-1:1:q"}', 400, "InvalidArn", "another service's ARN")
    expect(u, sm + "DescribeExecution", '{"executionArn": "garbage"}', 400, "InvalidArn", "not an ARN")
    expect(u, sm + "DescribeStateMachine", '{"stateMachineArn": "arn:aws:states:us-east-1:123456789012:activity:x"}', 400,
           "InvalidArn", "an activity ARN where a state machine's goes")
    expect(u, sm + "StartExecution", "{}", 400, "ValidationException", "missing stateMachineArn")
    expect(u, sm + "CreateStateMachine", '{"name": "x", "roleArn": "%s"}' % ROLE, 400, "ValidationException", "missing definition")
    expect(u, sm + "CreateStateMachine", '{"name": 5, "definition": "{}", "roleArn": "%s"}' % ROLE, 400,
           "SerializationException", "a number where a string goes")
    expect(u, sm + "ListExecutions", '{"stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:x", "maxResults": 5000}',
           400, "ValidationException", "maxResults over 1000")
    big_definition = json.dumps({"StartAt": "P", "Comment": "x" * (1024 * 1024), "States": {"P": {"Type": "Pass", "End": True}}})
    expect(u, sm + "CreateStateMachine", json.dumps({"name": "big", "roleArn": ROLE, "definition": big_definition}),
           413, "RequestEntityTooLargeException", "a definition over 1 MiB (the request is too)")
    definition = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})
    code, created = call(u, sm + "CreateStateMachine", json.dumps({"name": "ok", "roleArn": ROLE, "definition": definition}))
    checks.equal(code, 200, "a good request between bad ones")
    arn = created.get("stateMachineArn", "")
    expect(u, sm + "StartExecution", json.dumps({"stateMachineArn": arn, "input": json.dumps({"x": "y" * 262144})}),
           400, "ValidationException", "an input over 256 KiB")
    expect(u, sm + "StartExecution", json.dumps({"stateMachineArn": arn, "input": "{bad"}), 400,
           "InvalidExecutionInput", "input that is not JSON")
    expect(u, sm + "StartExecution", json.dumps({"stateMachineArn": arn, "name": "a/b"}), 400, "InvalidName", "a name with '/'")
    expect(u, sm + "StartExecution", json.dumps({"stateMachineArn": arn + "x"}), 400, "StateMachineDoesNotExist",
           "an unknown state machine")
    expect(u, sm + "GetExecutionHistory", json.dumps({"executionArn": arn.replace("stateMachine", "execution") + ":e",
                                                      "nextToken": "zzz"}), 400, "ExecutionDoesNotExist", "unknown execution")
    expect(u, sm + "SendTaskSuccess", json.dumps({"taskToken": "x", "output": "{}"}), 400, "InvalidToken", "an unknown task token")
    expect(u, sm + "SendTaskSuccess", json.dumps({"taskToken": "x", "output": "{"}), 400, "InvalidOutput", "task output that is not JSON")
    expect(u, sm + "TestState", json.dumps({"definition": "{"}), 400, "InvalidDefinition", "TestState of a broken definition")
    parallel = json.dumps({"Type": "Parallel", "End": True, "Branches": [
        {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": True}}}]})
    expect(u, sm + "TestState", json.dumps({"definition": parallel}), 400, "InvalidDefinition",
           "TestState of a Parallel with no mock")
    expect(u, sm + "TestState", json.dumps({"definition": parallel, "mock": {"result": "[1, 2]"}}), 400,
           "ValidationException", "a Parallel's mock with one item too many")
    expect(u, sm + "TestState", json.dumps({"definition": parallel, "mock": {"errorOutput": {"error": "E"}},
                                            "stateConfiguration": {"errorCausedByState": "Nope"}}), 400,
           "ValidationException", "errorCausedByState naming no child state")
    code, listed = call(u, sm + "ListStateMachines", "{}")
    checks.check(code == 200 and len(listed["stateMachines"]) == 1, "the server still serves after all that")

# SigV4 verification with a key file.
try:
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError:
    SigV4Auth = None
if SigV4Auth:
    keys = tempfile.NamedTemporaryFile("w", suffix=".keys", delete=False)
    keys.write("# test keys\nAKIDGOOD secret-good\n")
    keys.close()
    with Endpoint(CLI, ["--verify-sigv4", keys.name]) as server:
        def signed(key, secret):
            req = AWSRequest(method="POST", url=server.url + "/", data=b"{}",
                             headers={"X-Amz-Target": "AWSStepFunctions.ListStateMachines",
                                      "Content-Type": "application/x-amz-json-1.0"})
            SigV4Auth(Credentials(key, secret), "states", "us-east-1").add_auth(req)
            return call(server.url, "AWSStepFunctions.ListStateMachines", b"{}", dict(req.headers))
        checks.equal(signed("AKIDGOOD", "secret-good")[0], 200, "a correctly signed request")
        code, out = signed("AKIDGOOD", "secret-bad")
        checks.check(code == 400 and out.get("__type") == "InvalidSignatureException", "a wrong signature: InvalidSignatureException")
        code, out = signed("AKIDOTHER", "secret-good")
        checks.check(code == 400 and out.get("__type") == "UnrecognizedClientException", "an unknown key: UnrecognizedClientException")
        code, out = call(server.url, "AWSStepFunctions.ListStateMachines", "{}")
        checks.check(code >= 400 and out.get("__type") == "MissingAuthenticationTokenException", "an unsigned request")
    os.unlink(keys.name)

sys.exit(checks.finish())
