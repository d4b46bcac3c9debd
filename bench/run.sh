#!/usr/bin/env bash
# The durable core's throughput harness: a throwaway PostgreSQL with durability left on
# (unlike the test server), the simulator in-process, real worker processes.
#   bench/run.sh [count] [workers]       e.g. bench/run.sh 2000 1
#   bench/run.sh 1000 1 reprocess        the reprocessing figures: a batch with 20 % failures, a dry run, a real run
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-2000}; workers=${2:-1}
data=$(mktemp -d /tmp/eigenpal-bench-pg.XXXXXX); port=${BENCH_PG_PORT:-55470}
trap 'scripts/pg.sh stop "$data"; rm -rf "$data"' EXIT
connection=$(scripts/pg.sh start "$data" "$port")
dotnet build bench/Eigenpal.Bench -c Release -nologo -clp:ErrorsOnly
dotnet bench/Eigenpal.Bench/bin/Release/net10.0/Eigenpal.Bench.dll "$connection" "$count" "$workers" ${3:-}
