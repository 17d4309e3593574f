#!/usr/bin/env bash
# TAP benchmark: latency of ADQL queries over TAP_BENCH_ROWS generated ObsCore rows through the real
# archive (the uber-jar, POST /tap/sync, CSV) under TAP_BENCH_CLIENTS closed-loop clients, printed
# next to the same queries written by hand in SQL over JDBC on the same H2 file (the server stopped)
# and to the floor of the HTTP stack (GET /tap/availability), measured in the same run:
#   - the rows are generated, not ingested: ObsCoreGenerator (tests module, test scope) opens the
#     database of a fresh data directory as the server does (Flyway schema, H2 under <home>/db) and
#     writes ivoa.obscore, ivoa.obscore_hea and ctao.observation with batched JDBC inserts; no
#     catalogue entry (the start-up reconciliation leaves these tables alone; the script checks
#     that the service still sees every row after start-up). It runs on the archive's own
#     libraries, taken from the WAR inside the uber-jar;
#   - the load (TapLoad) runs three kinds of query with random parameters: cone (1=CONTAINS(POINT,
#     CIRCLE), centre uniform on the sphere, radius 0.5-2 degrees), time (t_min BETWEEN x AND x+30,
#     MJD), cone+time; SELECT obs_id, s_ra, s_dec, t_min; the server's default MAXREC (10000);
#   - with the server stopped, the same query sequences over JDBC, 8 connections in one JVM: by
#     hand (zone algorithm: one branch per 0.5-degree zone on the (s_zone, s_ra) index, exact
#     haversine in plain SQL; and one s_zone BETWEEN range as the translator writes it), and the
#     server's own translation of the ADQL (H2Translator in-process: no HTTP, no TAP, no CSV).
#     Fixed cones are counted by ADQL over HTTP, by hand SQL and by the translated SQL.
#
#   bash tests/benchmarks/tap-benchmark.sh
#
# Environment: TAP_BENCH_ROWS (default 1000000), TAP_BENCH_CLIENTS (8), TAP_BENCH_SECONDS (20 per
# case), TAP_BENCH_WARMUP (12 s, spread over the cases of each side), TAP_BENCH_SYNC_CONCURRENCY
# (unset: the server's archive.tap.sync.concurrency, 4; a TAP query beyond it waits up to 30 s, then 503
# and counted as an error), TAP_BENCH_FROM (the archive-home of a kept run: its database is copied
# instead of generating; the rows are the same, the server having only rewritten TAP_SCHEMA), TAP_BENCH_BUILD=1 (default) builds first under `flock
# /tmp/build.lock`; BENCH_DIR (kept) or a temporary directory (removed unless TAP_BENCH_KEEP=1).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${TAP_BENCH_ROWS:-1000000}
CLIENTS=${TAP_BENCH_CLIENTS:-8}
SECONDS_PER_CASE=${TAP_BENCH_SECONDS:-20}
WARMUP=${TAP_BENCH_WARMUP:-12}
BUILD=${TAP_BENCH_BUILD:-1}
SYNC=${TAP_BENCH_SYNC_CONCURRENCY:-}
JAR=war/target/dpps-archive-microbundle.jar
CLASSES=tests/target/test-classes
COMMAND="TAP_BENCH_ROWS=$ROWS TAP_BENCH_CLIENTS=$CLIENTS TAP_BENCH_SECONDS=$SECONDS_PER_CASE${SYNC:+ TAP_BENCH_SYNC_CONCURRENCY=$SYNC} bash tests/benchmarks/tap-benchmark.sh"

KEEP=${TAP_BENCH_KEEP:-0}
if [ -n "${BENCH_DIR:-}" ]; then
  rm -rf "$BENCH_DIR"; mkdir -p "$BENCH_DIR"; BENCH_DIR=$(cd "$BENCH_DIR" && pwd); KEEP=1
else
  BENCH_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tap-benchmark.XXXXXX")
fi
HOME_DIR="$BENCH_DIR/archive-home"
LOG="$BENCH_DIR/server.log"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
cleanup() {
  local status=$?
  stop_server
  if [ "$status" -ne 0 ] && [ -f "$LOG" ]; then
    echo "--- tail of $LOG" >&2; tail -40 "$LOG" >&2
  fi
  if [ "$KEEP" != 1 ]; then rm -rf "$BENCH_DIR"; else echo "kept $BENCH_DIR"; fi
}
trap cleanup EXIT
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "tap-benchmark: no free port found" >&2; exit 1
}
PORT=$(free_port)
URL="http://localhost:$PORT"

# ---------------------------------------------------------------------------- build
if [ "$BUILD" = 1 ]; then
  echo "== building (flock /tmp/build.lock ./mvnw -B -q -o install -DskipTests -DskipITs ...)"
  flock /tmp/build.lock ./mvnw -B -q -o install -DskipTests -DskipITs -Dspotless.check.skip=true
fi
[ -f "$JAR" ] || { echo "tap-benchmark: no archive bundle at $JAR; build it first" >&2; exit 1; }
[ -f "$CLASSES/org/dpps/archive/tests/benchmarks/TapLoad.class" ] || {
  echo "tap-benchmark: no TapLoad in $CLASSES; build first" >&2; exit 1
}
mkdir -p "$BENCH_DIR/classes/org/dpps/archive/tests"
flock /tmp/build.lock bash -c '
  set -e
  ./mvnw -B -q -o -pl tests dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$1/classpath.txt" > /dev/null
  cp -r "$2/org/dpps/archive/tests/benchmarks" "$1/classes/org/dpps/archive/tests/"
  cp -p "$3" "$1/archive.jar"' copy "$BENCH_DIR" "$CLASSES" "$JAR"
unzip -q -p "$BENCH_DIR/archive.jar" MICRO-INF/deploy/ROOT.war > "$BENCH_DIR/ROOT.war"
unzip -q "$BENCH_DIR/ROOT.war" 'WEB-INF/lib/*' -d "$BENCH_DIR/war"
rm "$BENCH_DIR/ROOT.war"
CP="$BENCH_DIR/classes:$BENCH_DIR/war/WEB-INF/lib/*:$(cat "$BENCH_DIR/classpath.txt")"

# ---------------------------------------------------------------------------- rows
if [ -n "${TAP_BENCH_FROM:-}" ]; then
  echo "== copying $TAP_BENCH_FROM (its database is not changed)"
  mkdir -p "$HOME_DIR"; cp -r "$TAP_BENCH_FROM/db" "$HOME_DIR/db"
  gen_seconds="(copied)"
else
  echo "== generating $ROWS ObsCore rows in $HOME_DIR (nice)"
  t0=$(now)
  nice -n 10 java -Xmx1500m -cp "$CP" org.dpps.archive.tests.benchmarks.ObsCoreGenerator \
    "$HOME_DIR" "$ROWS" > "$BENCH_DIR/generator.log" 2>&1 \
    || { tail -30 "$BENCH_DIR/generator.log" >&2; exit 1; }
  t1=$(now)
  grep '^obscore-generator:' "$BENCH_DIR/generator.log" | tail -3
  gen_seconds=$(calc %.0f "$t1 - $t0")
fi
db_mb=$(du -sb "$HOME_DIR/db" | awk '{ printf "%.0f", $1 / 1e6 }')

# ---------------------------------------------------------------------------- server
echo "== starting the archive on $HOME_DIR (port $PORT)"
t0=$(now)
ARCHIVE_HOME="$HOME_DIR" java -Xmx2g -Darchive.home="$HOME_DIR" \
  -Darchive.audit.scheduler.enabled=false ${SYNC:+-Darchive.tap.sync.concurrency=$SYNC} \
  -jar "$BENCH_DIR/archive.jar" --port "$PORT" --nocluster >> "$LOG" 2>&1 &
server_pid=$!
for _ in $(seq 1 480); do
  curl -sf "$URL/health/ready" > /dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { echo "the archive exited" >&2; exit 1; }
  sleep 0.5
done
curl -sf "$URL/health/ready" > /dev/null || { echo "the archive was not ready within 240 s" >&2; exit 1; }
start_seconds=$(calc %.1f "$(now) - $t0")
echo "ready after $start_seconds s; $(grep -o 'Archive ready: .*' "$LOG" | tail -1)"
count=$(curl -sf --data-urlencode 'QUERY=SELECT COUNT(*) AS n FROM ivoa.obscore' \
  -d LANG=ADQL -d RESPONSEFORMAT=csv "$URL/tap/sync" | tail -1 | tr -d '\r')
echo "ivoa.obscore through TAP after start-up: $count rows"
[ "$count" = "$ROWS" ] || { echo "expected $ROWS rows: the start-up changed the table" >&2; exit 1; }

echo "== load over HTTP: $CLIENTS clients, ${SECONDS_PER_CASE} s per case; uptime: $(uptime)"
load_http=$(uptime | sed 's/.*load average: //')
java -Xmx512m -XX:+UseSerialGC -cp "$CP" org.dpps.archive.tests.benchmarks.TapLoad --mode http \
  --url "$URL" --clients "$CLIENTS" --seconds "$SECONDS_PER_CASE" --warmup "$WARMUP" \
  > "$BENCH_DIR/http.txt"
stop_server

echo "== load over JDBC (server stopped): $CLIENTS threads; uptime: $(uptime)"
load_sql=$(uptime | sed 's/.*load average: //')
java -Xmx2g -cp "$CP" org.dpps.archive.tests.benchmarks.TapLoad --mode sql --home "$HOME_DIR" \
  --clients "$CLIENTS" --seconds "$SECONDS_PER_CASE" --warmup "$WARMUP" > "$BENCH_DIR/sql.txt"

# ---------------------------------------------------------------------------- report
echo
echo "command: $COMMAND"
echo "archive: $JAR built $(date -u -r "$BENCH_DIR/archive.jar" +%Y-%m-%dT%H:%MZ)" \
  "(git $(git rev-parse --short HEAD 2>/dev/null || echo ?))"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
  "$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); $(date -u +%Y-%m-%dT%H:%MZ)"
echo "rows: $ROWS generated in $gen_seconds s, database $db_mb MB; archive ready after $start_seconds s"
echo "load average before HTTP cases: $load_http; before JDBC cases: $load_sql"
echo
grep -h '^EXPLAIN\|^TRANSLATED' "$BENCH_DIR/sql.txt" || true
echo
echo "fixed cones (rows): ADQL over HTTP / hand SQL / translated SQL over JDBC"
join <(sed -n 's/^COUNT http \([^ ]*\) \(.*\)/\1 \2/p' "$BENCH_DIR/http.txt" | sort) \
  <(sed -n 's/^COUNT sql \([^ ]*\) \([0-9]*\) translated \([0-9]*\)/\1 \2 \3/p' "$BENCH_DIR/sql.txt" | sort) \
  | awk '{ printf "  %-28s %8s %8s %8s %s\n", $1, $2, $3, $4, ($2 == $3 && $3 == $4) ? "same" : "DIFFERENT" }'
echo
grep -h '^ERROR' "$BENCH_DIR/http.txt" "$BENCH_DIR/sql.txt" || true
printf '%-34s %8s %8s %8s %8s %8s %9s %7s\n' case requests "p50 ms" "p90 ms" "p99 ms" "max ms" rows/req errors
for f in http sql; do
  sed -n 's/^RESULT \([a-z]*\) \(.*\)/\1 \2/p' "$BENCH_DIR/$f.txt" | while IFS='|' read -r name n p50 p90 p99 max rows errors; do
    case "$name" in
      "http availability") label="HTTP floor: GET /tap/availability" ;;
      http\ *) label="ADQL /tap/sync ${name#http }" ;;
      "sql translated "*) label="translated SQL, JDBC ${name#sql translated }" ;;
      sql\ *) label="hand SQL, JDBC ${name#sql }" ;;
    esac
    printf '%-34s %8s %8s %8s %8s %8s %9s %7s\n' "$label" "$n" "$p50" "$p90" "$p99" "$max" "$rows" "$errors"
  done
done
awk -F'|' '/^RESULT http (cone|time|cone\+time)\|/ {
  sub(/^RESULT http /, "", $1); printf "ADQL %s p99 %s ms: %s (target < 100 ms)\n", $1, $5, ($5 < 100 ? "met" : "MISSED") }' \
  "$BENCH_DIR/http.txt"
