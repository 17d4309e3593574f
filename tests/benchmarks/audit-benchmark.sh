#!/usr/bin/env bash
# Audit benchmark: stores about AUDIT_BENCH_MB of AIPs on two replicas in the real archive (the
# uber-jar), then measures full fixity audits through the HTTP API next to this machine's
# single-core sha512sum rate over the same stored bytes, measured in the same run:
#   - a FULL audit without I/O budget with archive.audit.threads=1, then with threads=2 (the archive
#     is restarted with the other option); MB/s from the audit report (bytesChecked /
#     elapsedSeconds), CPU cores the archive used meanwhile, MB/s per core, ratio to sha512sum;
#   - a FULL audit with budgetMBps at AUDIT_BENCH_BUDGET_PCT % (default 40) of the best unlimited
#     rate: the measured rate and its deviation from the budget.
#
#   ./mvnw -B -DskipTests package && bash tests/benchmarks/audit-benchmark.sh
#
# Environment: AUDIT_BENCH_MB (default 2000) in AUDIT_BENCH_PRODUCTS products (default 20) of random
# bytes, each deposited as its own BagIt bag by staged path ({"stagedPath": ...}, no HTTP upload);
# AUDIT_BENCH_BUDGET_PCT (default 40); BENCH_DIR (emptied first and kept; default: a new temporary
# directory, removed at the end unless AUDIT_BENCH_KEEP=1); it needs about 3 x AUDIT_BENCH_MB of
# free disk while depositing, 2 x afterwards. MB = 10^6 bytes, as the archive's budgetMBps. The
# page cache is warm for every measurement (one unmeasured read of all stored files first; the
# audits run on a warm cache too).
# BENCH_JAR: another archive bundle to measure (e.g. a release, for a before/after comparison).
set -euo pipefail
cd "$(dirname "$0")/../.."
TOTAL_MB=${AUDIT_BENCH_MB:-2000}
PRODUCTS=${AUDIT_BENCH_PRODUCTS:-20}
BUDGET_PCT=${AUDIT_BENCH_BUDGET_PCT:-40}
JAR=${BENCH_JAR:-war/target/dpps-archive-microbundle.jar}
[ -f "$JAR" ] || {
  echo "audit-benchmark: no archive bundle at $JAR; build it first: ./mvnw -B -DskipTests package" >&2
  exit 1
}
JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
COMMAND="AUDIT_BENCH_MB=$TOTAL_MB AUDIT_BENCH_PRODUCTS=$PRODUCTS AUDIT_BENCH_BUDGET_PCT=$BUDGET_PCT bash tests/benchmarks/audit-benchmark.sh"

KEEP=${AUDIT_BENCH_KEEP:-0}
if [ -n "${BENCH_DIR:-}" ]; then
  rm -rf "$BENCH_DIR"; mkdir -p "$BENCH_DIR"; BENCH_DIR=$(cd "$BENCH_DIR" && pwd); KEEP=1
else
  BENCH_DIR=$(mktemp -d "${TMPDIR:-/tmp}/audit-benchmark.XXXXXX")
fi
HOME_DIR="$BENCH_DIR/archive-home"
LOG="$BENCH_DIR/server.log"
server_pid=""
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
field() { sed -E "s/.*\"$1\":\"?([^,\"}]*)\"?[,}].*/\1/" <<<"$2"; } # a scalar field of a JSON object

free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "audit-benchmark: no free port found" >&2; exit 1
}
PORT=$(free_port)
URL="http://localhost:$PORT"

start_server() { # JVM options...
  ARCHIVE_HOME="$HOME_DIR" java -Xmx2g -Darchive.audit.scheduler.enabled=false "$@" \
    -jar "$JAR" --port "$PORT" --nocluster >> "$LOG" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 240); do
    curl -sf "$URL/health/ready" > /dev/null && return
    kill -0 "$server_pid" 2>/dev/null || { echo "the archive exited" >&2; exit 1; }
    sleep 0.5
  done
  echo "the archive was not ready within 120 s" >&2; exit 1
}
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; } # utime + stime of the archive

# API calls send the archivist token the archive writes at its first start (when there is one)
api_curl() {
  local token="$HOME_DIR/keys/archivist.token"
  if [ -f "$token" ]; then curl -H "Authorization: Bearer $(cat "$token")" "$@"; else curl "$@"; fi
}

await_deposit() { # location
  local body state=""
  while [ "$state" != ARCHIVED ] && [ "$state" != REJECTED ]; do
    sleep 0.5
    body=$(api_curl -s "$1")
    state=$(field state "$body")
  done
  [ "$state" = ARCHIVED ] || { echo "deposit rejected: $body" >&2; exit 1; }
}

# audit JSON-body: runs one audit to COMPLETED; sets REPORT, WALL (s) and CPU (s of the archive)
audit() {
  local location state="" t0 t1 c0 c1 ticks
  ticks=$(getconf CLK_TCK)
  c0=$(cpu_ticks); t0=$(now)
  location=$(api_curl -s -D - -o /dev/null -X POST -H 'Content-Type: application/json' -d "$1" \
    "$URL/api/v1/audits" | tr -d '\r' | awk '/^Location:/ {print $2}')
  [ -n "$location" ] || { echo "audit refused" >&2; exit 1; }
  case $location in http*) ;; *) location="$URL$location" ;; esac
  while [ "$state" != COMPLETED ]; do
    sleep 0.1
    REPORT=$(api_curl -s "$location?failures=0")
    state=$(field state "$REPORT")
    case $state in CANCELLED|FAILED) echo "audit $state: $REPORT" >&2; exit 1 ;; esac
  done
  t1=$(now); c1=$(cpu_ticks)
  WALL=$(calc %.3f "$t1 - $t0")
  CPU=$(calc %.3f "($c1 - $c0) / $ticks")
  [ "$(field failuresTotal "$REPORT")" = 0 ] || { echo "the audit found failures: $REPORT" >&2; exit 1; }
}

rate_of_report() { calc %.1f "$(field bytesChecked "$REPORT") / 1e6 / $(field elapsedSeconds "$REPORT")"; }

# ---------------------------------------------------------------------------- data
echo "== $PRODUCTS products, $TOTAL_MB MB of random bytes, in $BENCH_DIR (port $PORT)"
per_product=$((TOTAL_MB * 1000000 / PRODUCTS))
mkdir -p "$HOME_DIR/inbox"
for i in $(seq -w 1 "$PRODUCTS"); do
  bag="$HOME_DIR/inbox/bag-$i"
  mkdir -p "$bag/data"
  head -c "$per_product" /dev/urandom > "$bag/data/product-$i.bin"
  printf 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n' > "$bag/bagit.txt"
  (cd "$bag" && sha512sum data/product-$i.bin > manifest-sha512.txt)
done

echo "== storing them (threads=1 server)"
start_server -Darchive.audit.threads=1
locations=()
for i in $(seq -w 1 "$PRODUCTS"); do
  location=$(api_curl -s -D - -o /dev/null -X POST -H 'Content-Type: application/json' \
    -d "{\"stagedPath\": \"bag-$i\"}" "$URL/api/v1/deposits" | tr -d '\r' \
    | awk '/^Location:/ {print $2}')
  [ -n "$location" ] || { echo "deposit of bag-$i refused" >&2; exit 1; }
  case $location in http*) ;; *) location="$URL$location" ;; esac
  locations+=("$location")
done
for location in "${locations[@]}"; do await_deposit "$location"; done
rm -rf "$HOME_DIR"/inbox/bag-*
sync

stored_files=$(find "$HOME_DIR/ocfl" "$HOME_DIR/ocfl-r2" -type f | wc -l)
stored_bytes=$(find "$HOME_DIR/ocfl" "$HOME_DIR/ocfl-r2" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f", s }')
stored_mb=$(calc %.1f "$stored_bytes / 1e6")

# ---------------------------------------------------------------------------- baseline
echo "== baseline: sha512sum (one core) over every stored file of both replicas"
find "$HOME_DIR/ocfl" "$HOME_DIR/ocfl-r2" -type f -print0 | xargs -0 cat > /dev/null # warm-up
t0=$(now)
find "$HOME_DIR/ocfl" "$HOME_DIR/ocfl-r2" -type f -print0 | xargs -0 cat | sha512sum > /dev/null
t1=$(now)
sha_rate=$(calc %.1f "$stored_bytes / 1e6 / ($t1 - $t0)")
sha_seconds=$(calc %.1f "$t1 - $t0")
# for reference: OpenSSL's SHA-512 (assembly, like the JDK's intrinsic) on one core
ossl_rate=""
if command -v openssl > /dev/null; then
  t0=$(now)
  find "$HOME_DIR/ocfl" "$HOME_DIR/ocfl-r2" -type f -print0 | xargs -0 cat | openssl dgst -sha512 > /dev/null
  t1=$(now)
  ossl_rate=$(calc %.1f "$stored_bytes / 1e6 / ($t1 - $t0)"); ossl_seconds=$(calc %.1f "$t1 - $t0")
fi

# ---------------------------------------------------------------------------- audits
# one small unmeasured audit per server start: class loading and JIT warm-up
warm_up() { audit '{"kind":"FULL","budgetMBps":0,"limit":2}'; }

echo "== FULL audit, no budget, archive.audit.threads=1"
warm_up
audit '{"kind":"FULL","budgetMBps":0}'
r1_rate=$(rate_of_report); r1_cores=$(calc %.2f "$CPU / $WALL")
r1_per_core=$(calc %.1f "$(field bytesChecked "$REPORT") / 1e6 / $CPU")
r1_bytes=$(field bytesChecked "$REPORT"); r1_elapsed=$(field elapsedSeconds "$REPORT")

echo "== FULL audit, no budget, archive.audit.threads=2 (restart)"
stop_server
start_server -Darchive.audit.threads=2
warm_up
audit '{"kind":"FULL","budgetMBps":0}'
r2_rate=$(rate_of_report); r2_cores=$(calc %.2f "$CPU / $WALL")
r2_per_core=$(calc %.1f "$(field bytesChecked "$REPORT") / 1e6 / $CPU")
r2_bytes=$(field bytesChecked "$REPORT"); r2_elapsed=$(field elapsedSeconds "$REPORT")

best=$(awk -v a="$r1_rate" -v b="$r2_rate" 'BEGIN { print (a > b ? a : b) }')
budget=$(calc %.0f "$best * $BUDGET_PCT / 100")
echo "== FULL audit with budgetMBps=$budget ($BUDGET_PCT % of $best MB/s), threads=2"
audit "{\"kind\":\"FULL\",\"budgetMBps\":$budget}"
b_rate=$(rate_of_report); b_cores=$(calc %.2f "$CPU / $WALL")
b_wall_rate=$(calc %.1f "$(field bytesChecked "$REPORT") / 1e6 / $WALL")
b_dev=$(calc %+.1f "($b_rate - $budget) * 100 / $budget")
b_wall_dev=$(calc %+.1f "($b_wall_rate - $budget) * 100 / $budget")
b_elapsed=$(field elapsedSeconds "$REPORT")

# ---------------------------------------------------------------------------- report
echo
echo "command: $COMMAND"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
  "$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); $(date -u +%Y-%m-%dT%H:%MZ)"
echo "stored: $PRODUCTS products x $((per_product / 1000000)) MB on 2 replicas = $stored_mb MB in $stored_files files"
echo "(MB = 10^6 bytes; audit rate = bytesChecked / elapsedSeconds of the report; cores = CPU time"
echo " of the archive process / wall time of the audit; per core = MB / CPU seconds)"
printf '%-40s %9s %7s %10s %7s %8s\n' "case" "MB/s" "cores" "MB/s/core" "vs sha" "seconds"
printf '%-40s %9s %7s %10s %7s %8s\n' "sha512sum, 1 core, warm cache" "$sha_rate" "1.00" "$sha_rate" \
  "100 %" "$sha_seconds"
if [ -n "$ossl_rate" ]; then
  printf '%-40s %9s %7s %10s %5s %% %8s\n' "openssl dgst -sha512, 1 core, warm cache" "$ossl_rate" \
    "1.00" "$ossl_rate" "$(calc %.0f "100 * $ossl_rate / $sha_rate")" "$ossl_seconds"
fi
printf '%-40s %9s %7s %10s %5s %% %8s\n' "audit FULL, threads=1, no budget" "$r1_rate" "$r1_cores" \
  "$r1_per_core" "$(calc %.0f "100 * $r1_rate / $sha_rate")" "$r1_elapsed"
printf '%-40s %9s %7s %10s %5s %% %8s\n' "audit FULL, threads=2, no budget" "$r2_rate" "$r2_cores" \
  "$r2_per_core" "$(calc %.0f "100 * $r2_rate / $sha_rate")" "$r2_elapsed"
printf '%-40s %9s %7s %10s %7s %8s\n' "audit FULL, threads=2, budget $budget MB/s" "$b_rate" \
  "$b_cores" "" "" "$b_elapsed"
echo "I/O budget $budget MB/s: measured $b_rate MB/s (report), deviation $b_dev %;" \
  "wall clock $b_wall_rate MB/s ($b_wall_dev %)"
echo "(bytes checked: threads=1 $r1_bytes, threads=2 $r2_bytes; stored $stored_bytes)"
