#!/usr/bin/env bash
# The fault suite with its full figures (tests/Eigenpal.Worker.Tests/Faults, EIGENPAL_FAULT_SUITE=full):
# 300 invoices per scenario, 3 SIGKILLs, a 30 s settle time, the worker's default claim lease.
# scripts/test.sh builds the solution and starts (and stops) a throwaway PostgreSQL itself.
#   bench/faults/run.sh                      every scenario
#   bench/faults/run.sh 'DisplayName~None'   only some (an extra --filter term, ANDed)
# Prints one row per scenario (bench/faults/README.md explains the columns); the figures, the test
# log and every worker's output are kept in $EIGENPAL_FAULT_OUT (default: a new /tmp directory).
set -euo pipefail
cd "$(dirname "$0")/../.."

out=${EIGENPAL_FAULT_OUT:-$(mktemp -d /tmp/eigenpal-faults.XXXXXX)}
mkdir -p "$out"
filter="FullyQualifiedName~Eigenpal.Worker.Tests.Faults"
if [[ $# -gt 0 ]]; then filter="$filter&$1"; fi

export EIGENPAL_FAULT_SUITE=${EIGENPAL_FAULT_SUITE:-full}
export EIGENPAL_FAULT_REPORT="$out/figures.tsv"
export EIGENPAL_FAULT_LOGS="$out/logs"
# A port of its own, so that a concurrent scripts/test.sh on the default port is not disturbed.
export EIGENPAL_TEST_PG_PORT=${EIGENPAL_TEST_PG_PORT:-55492}
: > "$EIGENPAL_FAULT_REPORT"

started=$(date +%s)
status=0
scripts/test.sh --filter "$filter" > "$out/test.log" 2>&1 || status=$?
elapsed=$(( $(date +%s) - started ))

header="scenario\tprofile\tsubmissions\tworker starts\tfaults\tlost\treconciled\tnot-created\tundetermined\tduplicates\tearly\t429\t5xx\trequests\tlook-alikes\tfinal after last fault (s)\ttotal (s)"
echo
echo "Fault suite ($EIGENPAL_FAULT_SUITE), commit $(git rev-parse --short HEAD), $(date -u +%Y-%m-%dT%H:%M:%SZ), ${elapsed} s:"
{ echo -e "$header"; cat "$EIGENPAL_FAULT_REPORT"; } | column -t -s $'\t'
echo
grep -E '^\s+(Passed|Failed|Skipped) Eigenpal\.Worker\.Tests\.Faults' "$out/test.log" || true
tail -n 1 "$out/test.log"
echo "figures: $EIGENPAL_FAULT_REPORT; test log: $out/test.log; worker output: $EIGENPAL_FAULT_LOGS/"
exit $status
