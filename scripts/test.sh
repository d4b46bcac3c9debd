#!/usr/bin/env bash
# The test command (README, CI): builds the solution and runs every test project against a
# real PostgreSQL. With a Docker engine the tests start PostgreSQL through Testcontainers;
# without one this script starts a throwaway local PostgreSQL 15 (installing the Debian
# package if it is missing) and stops it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests need (fonts for the sample invoice PDFs, ...).
if [[ -f scripts/apt-packages.txt ]]; then scripts/ensure-apt.sh $(grep -v '^#' scripts/apt-packages.txt); fi

if docker info >/dev/null 2>&1; then
  echo "Docker engine answers: PostgreSQL comes from Testcontainers."
else
  data=$(mktemp -d /tmp/eigenpal-test-pg.XXXXXX)
  port=${EIGENPAL_TEST_PG_PORT:-55433}
  cleanup() { scripts/pg.sh stop "$data"; rm -rf "$data"; }
  trap cleanup EXIT
  # Durability is irrelevant for throwaway test data; these settings only make commits cheaper.
  EIGENPAL_TEST_POSTGRES=$(PG_EXTRA_OPTS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off" scripts/pg.sh start "$data" "$port")
  export EIGENPAL_TEST_POSTGRES
  export EIGENPAL_TEST_PGDATA=$data
  echo "No Docker engine: started a local PostgreSQL on 127.0.0.1:$port."
fi

results=$(mktemp -d /tmp/eigenpal-test-results.XXXXXX)
dotnet build Eigenpal.sln -c Release -nologo -clp:ErrorsOnly
status=0
dotnet test Eigenpal.sln -c Release --no-build --logger "trx" --logger "console;verbosity=normal" \
  --results-directory "$results" "$@" || status=$?

# One plain summary line over every test project.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [[ -f $trx ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -E 's/.*passed="([0-9]+)".*/\1/' <<<"$counters"); f=$(sed -E 's/.*failed="([0-9]+)".*/\1/' <<<"$counters")
  t=$(sed -E 's/.*total="([0-9]+)".*/\1/' <<<"$counters"); e=$(sed -E 's/.*executed="([0-9]+)".*/\1/' <<<"$counters")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + t - e))
done
rm -rf "$results"
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
