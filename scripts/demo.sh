#!/usr/bin/env bash
# The demo: a batch of sample invoices flowing through the worker against the bundled simulator.
#
#   bash scripts/demo.sh [--count N]   start PostgreSQL, the simulator and a worker; submit N invoices (default 200) with --wait
#   bash scripts/demo.sh stop          stop everything the demo started (the data in .data/ stays)
#
# PostgreSQL comes from Docker when an engine answers, otherwise from the system's PostgreSQL
# binaries (installed from Debian packages if missing) into .data/pg. Logs are in .run/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
run_dir=$root/.run
data_dir=$root/.data
pg_port=${DEMO_PG_PORT:-55480}
sim_url=http://127.0.0.1:${DEMO_SIMULATOR_PORT:-5080}
dashboard_url=http://127.0.0.1:${DEMO_DASHBOARD_PORT:-5081}
api_key=sim-demo-key
worker_dll=$root/src/Eigenpal.Worker/bin/Release/net10.0/eigenpal.dll
simulator_dll=$root/src/Eigenpal.Simulator/bin/Release/net10.0/Eigenpal.Simulator.dll
pg_container=eigenpal-demo-postgres

say() { printf '\033[1m%s\033[0m\n' "$*"; }

# PostgreSQL refuses to run as root; the local server runs as `postgres`, which must be able to
# reach its data folder. A checkout under /root is not reachable for it, so fall back to /tmp.
pg_data_dir() {
  if [[ $(id -u) -ne 0 ]] || runuser -u postgres -- test -x "$root" 2>/dev/null; then
    echo "$data_dir/pg"
  else
    echo "/tmp/eigenpal-demo-pg"
  fi
}

stop_process() {
  local name=$1 pid_file=$run_dir/$1.pid
  [[ -f $pid_file ]] || return 0
  local pid; pid=$(cat "$pid_file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    echo "stopped the $name (pid $pid)"
  fi
  rm -f "$pid_file"
}

stop_all() {
  stop_process worker
  stop_process simulator
  if [[ -f $run_dir/postgres.docker ]]; then
    docker rm -f "$pg_container" >/dev/null 2>&1 || true
    rm -f "$run_dir/postgres.docker"
  else
    scripts/pg.sh stop "$(pg_data_dir)"
  fi
  echo "the demo is stopped (its data stays in .data/; delete that folder to start afresh)"
}

wait_for_url() {
  local url=$1 what=$2
  for _ in $(seq 1 150); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "$what did not come up at $url; see $run_dir/*.log" >&2
  exit 1
}

start_postgres() {
  if docker info >/dev/null 2>&1; then
    if ! docker ps --format '{{.Names}}' | grep -qx "$pg_container"; then
      docker run -d --name "$pg_container" -p "127.0.0.1:$pg_port:5432" \
        -e POSTGRES_USER=eigenpal -e POSTGRES_PASSWORD=eigenpal -e POSTGRES_DB=eigenpal postgres:15 >/dev/null
    fi
    touch "$run_dir/postgres.docker"
    for _ in $(seq 1 150); do docker exec "$pg_container" pg_isready -U eigenpal >/dev/null 2>&1 && break; sleep 0.2; done
    connection="Host=127.0.0.1;Port=$pg_port;Username=eigenpal;Password=eigenpal;Database=eigenpal"
  else
    connection=$(scripts/pg.sh start "$(pg_data_dir)" "$pg_port")
  fi
}

if [[ ${1:-} == stop ]]; then
  stop_all
  exit 0
fi

count=200
while [[ $# -gt 0 ]]; do
  case $1 in
    --count) count=$2; shift 2 ;;
    *) echo "usage: bash scripts/demo.sh [--count N] | stop" >&2; exit 2 ;;
  esac
done

mkdir -p "$run_dir" "$data_dir"
scripts/ensure-apt.sh curl
for port_url in "$sim_url" "$dashboard_url"; do
  if curl -fsS -o /dev/null "$port_url/_sim/health" 2>/dev/null || curl -fsS -o /dev/null "$port_url/healthz" 2>/dev/null; then
    echo "something already answers at $port_url: stop it first (bash scripts/demo.sh stop)" >&2
    exit 1
  fi
done

say "Building (Release)..."
dotnet build src/Eigenpal.Worker -c Release -nologo -clp:ErrorsOnly -v quiet
dotnet build src/Eigenpal.Simulator -c Release -nologo -clp:ErrorsOnly -v quiet

say "Starting PostgreSQL..."
start_postgres
export ConnectionStrings__Eigenpal=$connection EIGENPAL_BASE_URL=$sim_url EIGENPAL_API_KEY=$api_key
eigenpal() { dotnet "$worker_dll" "$@"; }

say "Starting the Eigenpal simulator at $sim_url..."
# Runs take a quarter of their simulated time (extract-invoice: log-normal, median 2 s here)
# so the demo finishes in well under a minute; failures and rejections stay on (5 %, 1 %).
nohup dotnet "$simulator_dll" --urls "$sim_url" --Simulator:ApiKeys:0=$api_key --Simulator:TimeScale=0.25 \
  >"$run_dir/simulator.log" 2>&1 &
echo $! >"$run_dir/simulator.pid"
wait_for_url "$sim_url/_sim/health" "the simulator"

# One line gives a shell the demo's environment: `source .run/eigenpal.env` (the simulator's key, not a real one).
cat >"$run_dir/eigenpal.env" <<ENV
export ConnectionStrings__Eigenpal='$connection'
export EIGENPAL_BASE_URL=$sim_url
export EIGENPAL_API_KEY=$api_key
ENV

say "Migrating the tracking schema and starting a worker (dashboard at $dashboard_url/)..."
eigenpal migrate
nohup dotnet "$worker_dll" worker --urls "$dashboard_url" >"$run_dir/worker.log" 2>&1 &
echo $! >"$run_dir/worker.pid"
wait_for_url "$dashboard_url/healthz" "the worker"

say "Writing $count sample invoices to .data/invoices..."
eigenpal samples --count "$count" --out "$data_dir/invoices" --seed 1

batch="demo-$(date +%Y%m%d-%H%M%S)"
say "Submitting them to extract-invoice as batch $batch..."
status=0
eigenpal submit --workflow extract-invoice --dir "$data_dir/invoices" --pattern '*.pdf' --batch "$batch" --wait --timeout 3m || status=$?

cat <<EOF

$(say "What next")
  Executions dashboard:       $dashboard_url/
  Hangfire dashboard (jobs):  $dashboard_url/hangfire
  Batch status:               dotnet $worker_dll status --batch $batch
  Failed and rejected runs:   dotnet $worker_dll list --status failed,rejected --batch $batch
  Export the results:         dotnet $worker_dll results --batch $batch --out results.csv
  Submit the folder again:    nothing new is sent (every invoice is already recorded)
  Logs:                       .run/worker.log, .run/simulator.log
  Stop everything:            bash scripts/demo.sh stop
  (the commands above need the demo's environment; in this shell: source .run/eigenpal.env)
EOF

# Exit code 1 from submit means "every invoice ended, some failed or were rejected": the
# simulator fails a few on purpose, and the demo has done its job. Anything else (5: still
# running when --timeout ran out; 2-4: input, database or API trouble) is a real problem.
if [[ $status -ne 0 && $status -ne 1 ]]; then
  echo "the demo failed (eigenpal submit exited with $status); see .run/*.log" >&2
  exit "$status"
fi
