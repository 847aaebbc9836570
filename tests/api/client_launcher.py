#!/usr/bin/env python3
"""Runs one client test with the right interpreter or tool, or exits 77 (ctest: SKIP) when
that client is not on this machine.

usage: client_launcher.py awscli|boto3|newer-awscli|newer-boto3|jssdk STEPWISE_CLI ..."""
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
kind, args = sys.argv[1], sys.argv[2:]


def skip(why):
    print("SKIP: " + why)
    sys.exit(77)


def run(command):
    sys.stdout.flush()
    sys.exit(subprocess.call(command))


def newer_python():
    """The first python3 on PATH other than Debian's whose boto3 knows TestState."""
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        candidate = os.path.join(directory, "python3")
        if not os.access(candidate, os.X_OK) or os.path.realpath(candidate) == "/usr/bin/python3":
            continue
        probe = subprocess.run([candidate, "-c", "import boto3, botocore.session as s; "
                                "assert 'TestState' in s.get_session().get_service_model("
                                "'stepfunctions').operation_names"], capture_output=True)
        if probe.returncode == 0:
            return candidate
    return None


def newer_aws():
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        candidate = os.path.join(directory, "aws")
        if not os.access(candidate, os.X_OK) or os.path.realpath(candidate) == "/usr/bin/aws":
            continue
        probe = subprocess.run([candidate, "stepfunctions", "test-state", "help"],
                               capture_output=True, env=dict(os.environ, AWS_PAGER=""))
        if probe.returncode == 0:
            return candidate
    return None


if kind == "awscli":
    if not os.path.exists(args[1]):
        skip("no " + args[1])
    run(["/usr/bin/python3", os.path.join(HERE, "awscli_client.py")] + args)
elif kind == "boto3":
    if subprocess.run(["/usr/bin/python3", "-c", "import boto3"]).returncode != 0:
        skip("Debian's python3-boto3 is not installed")
    run(["/usr/bin/python3", os.path.join(HERE, "boto3_client.py")] + args)
elif kind == "newer-awscli":
    aws = newer_aws()
    if not aws:
        skip("no AWS CLI with test-state on PATH")
    run([sys.executable, os.path.join(HERE, "awscli_client.py"), args[0], aws, args[1]])
elif kind == "newer-boto3":
    python = newer_python()
    if not python:
        skip("no boto3 with TestState on PATH")
    run([python, os.path.join(HERE, "boto3_client.py")] + args)
elif kind == "jssdk":
    node = shutil.which("node")
    if not node:
        skip("no node")
    if not os.path.isdir(os.path.join(args[2], "@aws-sdk", "client-sfn")):
        skip("@aws-sdk/client-sfn is not installed in " + args[2] + " (scripts/test.sh does it)")
    run([node, os.path.join(HERE, "jssdk_client.cjs")] + args)
else:
    sys.exit("unknown client " + kind)
