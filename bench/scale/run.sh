#!/usr/bin/env bash
# The tracking schema at 1,000,000 submissions: seeds a throwaway PostgreSQL (durability on)
# and prints the execution time of the poller's, the relay's and the dashboard's queries.
#   bench/scale/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
data=$(mktemp -d /tmp/eigenpal-scale-pg.XXXXXX); port=${BENCH_PG_PORT:-55471}
trap 'scripts/pg.sh stop "$data"; rm -rf "$data"' EXIT
scripts/pg.sh start "$data" "$port" >/dev/null
psql=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres)
"${psql[@]}" -f migrations/0001_tracking_schema.sql
start=$(date +%s)
"${psql[@]}" -f bench/scale/seed.sql
echo "seeded 1,000,000 submissions and their executions in $(( $(date +%s) - start )) s"
"${psql[@]}" -c "SELECT pg_size_pretty(pg_total_relation_size('eigenpal.submissions')) AS submissions, pg_size_pretty(pg_total_relation_size('eigenpal.executions')) AS executions"
"${psql[@]}" -f bench/scale/queries.sql | grep -E "^[0-9]\. |Execution Time|Index Only Scan|Index Scan|Seq Scan|Bitmap Index Scan"
