#!/usr/bin/env python3
"""AWS-recorded TestState cases (shared/conformance/localstack/test_state) sent through the
endpoint's TestState API, compared as the shared compare.py compares (normalised, placeholders
match any text): status, output, error, cause, nextState, inspectionData, or the API error.
Prints the pass rate of the JSONPath cases; fails below --min.

usage: teststate_conformance.py STEPWISE_CLI SHARED_DIR [--min RATE] [--verbose]"""
import glob
import http.client
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from endpoint import Endpoint  # noqa: E402

CLI, SHARED = sys.argv[1], sys.argv[2]
MIN = float(sys.argv[sys.argv.index("--min") + 1]) if "--min" in sys.argv else 0.0
VERBOSE = "--verbose" in sys.argv
sys.path.insert(0, os.path.join(SHARED, "conformance"))
import compare  # noqa: E402


def uses_jsonata(value):
    if isinstance(value, dict):
        if value.get("QueryLanguage") == "JSONata":
            return True
        return any(uses_jsonata(v) for v in value.values())
    if isinstance(value, list):
        return any(uses_jsonata(v) for v in value)
    return False


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
        return True, ""
    if status != 200:
        return False, "HTTP %d %s: %s" % (status, out.get("__type"), out.get("message"))
    ok, why = compare.compare_execution(case, out)
    if not ok:
        return ok, why
    if "nextState" in exp and exp["nextState"] != out.get("nextState"):
        return False, "nextState %r != %r" % (out.get("nextState"), exp["nextState"])
    if "inspectionData" in exp:
        data = {k: compare._decode(v, "json") for k, v in (out.get("inspectionData") or {}).items()}
        data = compare._normalize_value(data, case.get("normalize") or [])
        return compare.match(exp["inspectionData"], data, "inspectionData")
    return True, ""


cases = []
for path in sorted(glob.glob(os.path.join(SHARED, "conformance/localstack/test_state/**/*.json"), recursive=True)):
    case = json.load(open(path))
    if uses_jsonata(case.get("definition")) or not case.get("source", {}).get("trust", "").startswith("aws-validated"):
        continue
    cases.append((path, case))

passed = 0
failures = []
with Endpoint(CLI) as server:
    for path, case in cases:
        request = dict(case.get("request") or {})
        body = {"definition": json.dumps(case["definition"]),
                "input": case.get("input_raw") or json.dumps(case.get("input", {}))}
        for key, value in request.items():
            body[key] = json.dumps(value) if key in ("context", "variables") and not isinstance(value, str) else value
        body.setdefault("roleArn", "arn:aws:iam::111111111111:role/TestState")
        status, out = call(server.url, body)
        ok, why = check(case, status, out)
        if ok:
            passed += 1
        else:
            failures.append((os.path.basename(path), why))
for name, why in failures:
    if VERBOSE:
        print("FAIL %s: %s" % (name, why[:300]))
rate = passed / len(cases) if cases else 0
print("TestState conformance (JSONPath): %d of %d (%.1f%%)" % (passed, len(cases), 100 * rate))
print("teststate: %d passed, %d failed" % (passed, len(cases) - passed))
sys.exit(0 if cases and rate >= MIN else 1)
