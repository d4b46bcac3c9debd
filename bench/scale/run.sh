#!/usr/bin/env bash
# The dashboard at scale: a throwaway PostgreSQL (durability on, pg_stat_statements loaded), every
# migration applied by the worker's own `eigenpal migrate`, N submissions seeded (seed.sql) and analysed;
# then the totals and the reprocessing preview timed directly (before/after), and a real `eigenpal worker`
# serving every page and /api/v1 endpoint of pages.txt, each statement's mean time from pg_stat_statements.
#   bench/scale/run.sh            1,000,000 submissions; appends the figures to bench/RESULTS.md
#   bench/scale/run.sh 20000      a short smoke run (under a minute once built); RESULTS.md untouched
# BENCH_PG_PORT picks the server's port; BENCH_REPEAT how many times each page is requested (5).
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-1000000}; repeat=${BENCH_REPEAT:-5}
data=$(mktemp -d /tmp/eigenpal-scale-pg.XXXXXX); port=${BENCH_PG_PORT:-55471}
trap 'scripts/pg.sh stop "$data"; rm -rf "$data"' EXIT
connection=$(PG_EXTRA_OPTS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all -c shared_buffers=512MB" \
  scripts/pg.sh start "$data" "$port")
psql=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres)
dotnet build bench/Eigenpal.Bench -c Release -nologo -clp:ErrorsOnly
bin=bench/Eigenpal.Bench/bin/Release/net10.0
ConnectionStrings__Eigenpal=$connection dotnet "$bin/eigenpal.dll" migrate
start=$(date +%s)
"${psql[@]}" -v n="$rows" -f bench/scale/seed.sql
echo "seeded $rows submissions in $(( $(date +%s) - start )) s"
"${psql[@]}" -c "SELECT (SELECT count(*) FROM eigenpal.submissions) AS submissions, (SELECT count(*) FROM eigenpal.batches) AS batches,
  (SELECT count(*) FROM eigenpal.submissions WHERE state = 'failed') AS failed, (SELECT count(*) FROM eigenpal.executions) AS executions,
  (SELECT count(*) FROM eigenpal.status_changes) AS status_changes,
  pg_size_pretty(pg_total_relation_size('eigenpal.submissions')) AS submissions_size, pg_size_pretty(pg_total_relation_size('eigenpal.executions')) AS executions_size"
out=$(mktemp /tmp/eigenpal-scale-out.XXXXXX)
dotnet "$bin/Eigenpal.Bench.dll" scale "$connection" bench/scale/pages.txt "$repeat" | tee "$out"
if [[ $rows -eq 1000000 ]]; then
  {
    echo
    echo "### $(date -u +%Y-%m-%d) — commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench migrations || echo ' (uncommitted changes)'), \`bench/scale/run.sh\`"
    echo
    cat "$out"
  } >> bench/RESULTS.md
  echo "appended to bench/RESULTS.md"
fi
rm -f "$out"
