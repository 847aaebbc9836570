#!/usr/bin/env python3
"""AWS-recorded TestState cases (shared/conformance/localstack/test_state) sent through the
endpoint's TestState API, compared as the shared compare.py compares (normalised, placeholders
match any text): status, output, error, cause, nextState, inspectionData, or the API error's
code and message. A case recorded as an exception with no body (`status: null`) passes when the
answer is an error. Prints the pass rate of the JSONPath and of the JSONata cases and the cases
skipped as not reproducible, with the reason; fails below either threshold.

usage: teststate_conformance.py STEPWISE_CLI SHARED_DIR [--min-jsonpath RATE]
                                [--min-jsonata RATE] [--verbose]"""
import collections
import glob
import http.client
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from endpoint import Endpoint  # noqa: E402

CLI, SHARED = sys.argv[1], sys.argv[2]


def option(name):
    return float(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else 0.0


MIN = {"JSONPath": option("--min-jsonpath"), "JSONata": option("--min-jsonata")}
VERBOSE = "--verbose" in sys.argv
sys.path.insert(0, os.path.join(SHARED, "conformance"))
import compare  # noqa: E402

# A value LocalStack's test computed at run time, recorded unevaluated (e.g.
# "localstack.utils.aws.arns.stepfunctions_state_machine_arn()"): AWS saw the real value.
FIXTURE = re.compile(r"\blocalstack\.utils\.[A-Za-z0-9_.]+\(\)")


def uses_jsonata(value):
    if isinstance(value, dict):
        if value.get("QueryLanguage") == "JSONata":
            return True
        return any(uses_jsonata(v) for v in value.values())
    if isinstance(value, list):
        return any(uses_jsonata(v) for v in value)
    return False


def tested_state(case):
    """The state the request runs: the definition itself, or stateName (StartAt) of a machine."""
    definition = case.get("definition")
    if not isinstance(definition, dict) or "States" not in definition:
        return definition

    def find(machine, name):
        states = machine.get("States") or {}
        if name in states:
            return states[name]
        for state in states.values():
            if not isinstance(state, dict):
                continue
            for child in [state.get("ItemProcessor"), state.get("Iterator")] + list(state.get("Branches") or []):
                if isinstance(child, dict):
                    found = find(child, name)
                    if found is not None:
                        return found
        return None

    name = (case.get("request") or {}).get("stateName", definition.get("StartAt"))
    return find(definition, name)


def skip_reason(case):
    """Why the case cannot be reproduced from its recorded data alone (None: it can)."""
    trust = case.get("source", {}).get("trust", "")
    if trust != "aws-validated":
        return "source.trust is not aws-validated (%s)" % trust.split(" ")[0]
    request = case.get("request") or {}
    expected = case.get("expected") or {}
    if "api_error" not in expected and FIXTURE.search(json.dumps(request.get("mock"))):
        return "the mocked result AWS answered from is recorded unevaluated (a LocalStack fixture)"
    state = tested_state(case)
    if (isinstance(state, dict) and state.get("Type") == "Task" and "mock" not in request
            and "api_error" not in expected and expected.get("status") is not None):
        return "a Task with no mock: AWS called the real service"
    return None


def call(url, body):
    conn = http.client.HTTPConnection(url.split("//")[1], timeout=60)
    conn.request("POST", "/", body=json.dumps(body).encode(), headers={
        "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "AWSStepFunctions.TestState"})
    r = conn.getresponse()
    out = json.loads(r.read() or b"{}")
    conn.close()
    return r.status, out


def check(case, status, out):
    exp = case["expected"]
    if "api_error" in exp:
        e = exp["api_error"]
        if out.get("__type") != e["code"]:
            return False, "error %s != %s (%s)" % (out.get("__type"), e["code"], out.get("message"))
        if "message" in e:
            message = compare._normalize_value(out.get("message"), case.get("normalize") or [])
            return compare.match(e["message"], message, "message")
        return True, ""
    if exp.get("status") is None:
        # Recorded as an exception whose body was not kept: any API error matches.
        if status == 200:
            return False, "an error was expected, got status %s" % out.get("status")
        return True, ""
    if status != 200:
        return False, "HTTP %d %s: %s" % (status, out.get("__type"), out.get("message"))
    ok, why = compare.compare_execution(case, out)
    if not ok:
        return ok, why
    if exp.get("nextState") != out.get("nextState"):
        return False, "nextState %r != %r" % (out.get("nextState"), exp.get("nextState"))
    if "inspectionData" in exp or "inspectionData" in out:
        data = {k: compare._decode(v, "json") for k, v in (out.get("inspectionData") or {}).items()}
        data = compare._normalize_value(data, case.get("normalize") or [])
        return compare.match(exp.get("inspectionData"), data, "inspectionData")
    return True, ""


cases, skipped = [], []
for path in sorted(glob.glob(os.path.join(SHARED, "conformance/localstack/test_state/**/*.json"), recursive=True)):
    case = json.load(open(path))
    reason = skip_reason(case)
    if reason:
        skipped.append((os.path.basename(path), reason))
    else:
        cases.append((path, case))

counts = collections.Counter()
passed = collections.Counter()
failures = []
with Endpoint(CLI) as server:
    for path, case in cases:
        mode = "JSONata" if uses_jsonata(case.get("definition")) else "JSONPath"
        request = dict(case.get("request") or {})
        body = {"definition": json.dumps(case["definition"]),
                "input": case.get("input_raw") or json.dumps(case.get("input", {}))}
        for key, value in request.items():
            body[key] = json.dumps(value) if key in ("context", "variables") and not isinstance(value, str) else value
        body.setdefault("roleArn", "arn:aws:iam::111111111111:role/TestState")
        status, out = call(server.url, body)
        ok, why = check(case, status, out)
        counts[mode] += 1
        if ok:
            passed[mode] += 1
        else:
            failures.append((mode, os.path.basename(path), why))
if VERBOSE:
    for mode, name, why in failures:
        print("FAIL [%s] %s: %s" % (mode, name, why[:300]))
for name, reason in skipped:
    print("SKIP %s: %s" % (name, reason))
good = True
for mode in ("JSONPath", "JSONata"):
    rate = passed[mode] / counts[mode] if counts[mode] else 0.0
    print("TestState conformance (%s): %d of %d (%.1f%%)" % (mode, passed[mode], counts[mode], 100 * rate))
    if not counts[mode] or rate < MIN[mode]:
        good = False
print("TestState conformance: %d skipped as not reproducible" % len(skipped))
print("teststate: %d passed, %d failed, %d skipped" % (sum(passed.values()), len(failures), len(skipped)))
sys.exit(0 if good else 1)
