#!/usr/bin/env bash
# The endpoint's load and crash figures (run by hand, a few minutes; ctest runs small versions):
# 200 concurrent StartExecution calls, 10,000 executions (latency, throughput, memory), and a
# kill -9 in the middle of 2,000 calls followed by a restart on the same data.
set -euo pipefail
cd "$(dirname "$0")/.."
cli=build/bin/stepwise-cli
client=tests/api/load_client.py
echo "== 200 concurrent StartExecution"
nice -n 10 python3 "$client" "$cli" --executions 200 --concurrency 200
echo "== 10,000 executions from 32 connections"
nice -n 10 python3 "$client" "$cli" --executions 10000 --concurrency 32
echo "== kill -9 during 2,000 StartExecution calls, then restart"
nice -n 10 python3 "$client" "$cli" --executions 2000 --concurrency 50 --kill
