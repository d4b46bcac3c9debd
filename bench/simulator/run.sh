#!/usr/bin/env bash
# Measures the simulator's requests/s for the run and get-execution endpoints with wrk.
# Traffic goes to 127.0.0.1 only; each wrk run is bounded by DURATION.
# Usage: bench/simulator/run.sh            (from the repository root; needs wrk: apt-get install -y wrk)
#        THREADS=2 CONNECTIONS=32 DURATION=15s PORT=5080 bench/simulator/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
DURATION="${DURATION:-15s}"
PORT="${PORT:-5080}"
URL="http://127.0.0.1:${PORT}"
export SIM_API_KEY="${SIM_API_KEY:-sim-test-key}"

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }

dotnet build -c Release src/Eigenpal.Simulator -v quiet -nologo
# Same as `dotnet run -c Release --project src/Eigenpal.Simulator -- --urls $URL`, minus the
# `dotnet run` wrapper process, so the script stops exactly the server it started.
dotnet src/Eigenpal.Simulator/bin/Release/net10.0/Eigenpal.Simulator.dll --urls "$URL" \
  --Simulator:ApiKeys:0="$SIM_API_KEY" > /tmp/eigenpal-sim-bench.log 2>&1 &
SIM_PID=$!
trap 'kill "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  curl -fs "$URL/_sim/health" >/dev/null && break
  sleep 0.1
done

echo "== warm-up (3 s, not reported)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -s bench/simulator/run.lua "$URL" >/dev/null
curl -fs -X POST "$URL/_sim/reset" >/dev/null

echo "== POST /api/v1/workflows/classify-text/run  (wrk -t$THREADS -c$CONNECTIONS -d$DURATION)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/simulator/run.lua "$URL"

EXECUTION_ID=$(curl -fs -X POST "$URL/api/v1/workflows/classify-text/run" \
  -H "Authorization: Bearer $SIM_API_KEY" -H 'Content-Type: application/json' \
  -d '{"input":{"text":"benchmark"}}' | sed -E 's/.*"executionId":"([^"]+)".*/\1/')
export EXECUTION_ID
echo "== GET /api/v1/workflows/executions/$EXECUTION_ID  (wrk -t$THREADS -c$CONNECTIONS -d$DURATION)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/simulator/get.lua "$URL"

echo "== counters after the run"
curl -fs "$URL/_sim/counters"; echo
