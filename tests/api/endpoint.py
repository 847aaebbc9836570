"""Starts `stepwise-cli serve` on a free loopback port with a temporary --data folder, and the
environment every AWS client needs to talk to it (credentials, region, no host prefix)."""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time


class Endpoint:
    def __init__(self, cli, args=(), data=None):
        self.cli = cli
        self.own_data = data is None
        self.data = data or tempfile.mkdtemp(prefix="stepwise-serve-")
        self.args = list(args)
        self.proc = None
        self.url = None
        self.lines = []

    def start(self):
        self.proc = subprocess.Popen(
            [self.cli, "serve", "--port", "0", "--data", self.data] + self.args,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.time() + 30
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("serve exited: " + "".join(self.lines))
            self.lines.append(line)
            m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
            if m:
                self.url = m.group(1)
            if "Ctrl+C stops it" in line:
                return self
        raise RuntimeError("serve did not start: " + "".join(self.lines))

    def stop(self, sig=signal.SIGINT):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                out, _ = self.proc.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                out, _ = self.proc.communicate()
            self.lines.append(out or "")
        return self.proc.returncode if self.proc else None

    def cleanup(self):
        self.stop()
        if self.own_data:
            shutil.rmtree(self.data, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cleanup()


def client_env(home=None):
    """What an AWS CLI, boto3 or SDK process needs: dummy keys, a region, no host prefix,
    no config files or instance metadata."""
    env = dict(os.environ)
    home = home or tempfile.mkdtemp(prefix="stepwise-client-")
    env.update({
        "AWS_ACCESS_KEY_ID": "AKIDSTEPWISETEST",
        "AWS_SECRET_ACCESS_KEY": "stepwise-test-secret",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
        "AWS_DISABLE_HOST_PREFIX_INJECTION": "true",
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": os.path.join(home, "config"),
        "AWS_SHARED_CREDENTIALS_FILE": os.path.join(home, "credentials"),
        "AWS_PAGER": "",
        "HOME": home,
    })
    return env


class Checks:
    """Counts checks and prints 'N passed, N failed' at the end, as ctest's log shows."""

    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0

    def check(self, condition, what):
        if condition:
            self.passed += 1
            print("ok   " + what)
        else:
            self.failed += 1
            print("FAIL " + what)
        sys.stdout.flush()
        return condition

    def equal(self, actual, expected, what):
        ok = actual == expected
        return self.check(ok, what if ok else "%s: got %r, expected %r" % (what, actual, expected))

    def finish(self):
        print("%s: %d passed, %d failed" % (self.name, self.passed, self.failed))
        return 0 if self.failed == 0 and self.passed > 0 else 1
