#!/usr/bin/env bash
# Ingest benchmark: deposits (a) large files and (b) many small files through the HTTP API of the
# real archive (the uber-jar) and prints MB/s and files/s next to this machine's sha512sum rate over
# the same bytes, measured in the same run.
#
#   ./mvnw -B -DskipTests package && tests/benchmarks/ingest-benchmark.sh [LARGE_MB] [SMALL_FILES]
#
# Defaults: 2048 MB in 4 files of 512 MB, and 5000 small files of 4 KiB. A small warm-up deposit
# runs first and is not measured. Work files go to
# BENCH_DIR (default: tests/target/benchmark); it needs about 3 x LARGE_MB of free disk.
# BENCH_JAR: another archive bundle to measure (e.g. a release, for a before/after comparison).
set -euo pipefail
cd "$(dirname "$0")/../.."
LARGE_MB=${1:-2048}
SMALL_FILES=${2:-5000}
PORT=${BENCH_PORT:-18181}
BENCH_DIR=${BENCH_DIR:-tests/target/benchmark}
JAR=${BENCH_JAR:-war/target/dpps-archive-microbundle.jar}
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }

rm -rf "$BENCH_DIR"; mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
HOME_DIR="$BENCH_DIR/archive-home"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; true; }
trap cleanup EXIT

now() { date +%s.%N; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.1f", n / t }'; }

make_bag() { # dir: writes bagit.txt and manifest-sha512.txt; prints sha512sum seconds
  local dir=$1 t0 t1
  printf 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n' > "$dir/bagit.txt"
  t0=$(now)
  (cd "$dir" && find data -type f -print0 | sort -z | xargs -0 sha512sum > manifest-sha512.txt)
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

# API calls send the archivist token the archive writes at its first start (when there is one)
api_curl() {
  local token="$HOME_DIR/keys/archivist.token"
  if [ -f "$token" ]; then curl -H "Authorization: Bearer $(cat "$token")" "$@"; else curl "$@"; fi
}

deposit() { # tar file: prints seconds from POST to ARCHIVED
  local tar=$1 t0 t1 location state body
  t0=$(now)
  location=$(api_curl -s -D - -o /dev/null -X POST -H 'Content-Type: application/x-tar' \
    -T "$tar" "http://localhost:$PORT/api/v1/deposits" | tr -d '\r' | awk '/^Location:/ {print $2}')
  [ -n "$location" ] || { echo "deposit refused" >&2; exit 1; }
  state=""
  while [ "$state" != ARCHIVED ] && [ "$state" != REJECTED ]; do
    sleep 0.2
    body=$(api_curl -s "$location")
    state=$(sed -E 's/.*"state":"([A-Z]+)".*/\1/' <<<"$body")
  done
  t1=$(now)
  [ "$state" = ARCHIVED ] || { echo "deposit rejected: $body" >&2; exit 1; }
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

echo "== preparing data in $BENCH_DIR"
mkdir -p "$BENCH_DIR/large/data" "$BENCH_DIR/small/data"
per_file=$((LARGE_MB / 4))
for i in 1 2 3 4; do
  head -c $((per_file * 1024 * 1024)) /dev/urandom > "$BENCH_DIR/large/data/events_$i.bin"
done
for i in $(seq 1 "$SMALL_FILES"); do
  head -c 4096 /dev/urandom > "$BENCH_DIR/small/data/f$(printf %05d "$i").dat"
done
sync
large_bytes=$(du -sb "$BENCH_DIR/large/data" | cut -f1)
small_bytes=$(du -sb "$BENCH_DIR/small/data" | cut -f1)
# baseline: sha512sum over the same bytes (the manifest is made with it), cache warm for both
cat "$BENCH_DIR"/large/data/* > /dev/null
sha_large=$(make_bag "$BENCH_DIR/large")
sha_small=$(make_bag "$BENCH_DIR/small")
tar -C "$BENCH_DIR/large" -cf "$BENCH_DIR/large.tar" bagit.txt manifest-sha512.txt data
tar -C "$BENCH_DIR/small" -cf "$BENCH_DIR/small.tar" bagit.txt manifest-sha512.txt data

echo "== starting the archive on port $PORT"
ARCHIVE_HOME="$HOME_DIR" java -Xmx2g -jar "$JAR" --port "$PORT" > "$BENCH_DIR/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 240); do
  curl -sf "http://localhost:$PORT/health/ready" > /dev/null && break
  sleep 0.5
done
curl -sf "http://localhost:$PORT/health/ready" > /dev/null || { tail -50 "$BENCH_DIR/server.log"; exit 1; }

# warm-up (not measured): a first deposit loads the classes of every library on the path
mkdir -p "$BENCH_DIR/warmup/data"
for i in $(seq 1 20); do head -c 65536 /dev/urandom > "$BENCH_DIR/warmup/data/w$i.dat"; done
make_bag "$BENCH_DIR/warmup" > /dev/null
tar -C "$BENCH_DIR/warmup" -cf "$BENCH_DIR/warmup.tar" bagit.txt manifest-sha512.txt data
deposit "$BENCH_DIR/warmup.tar" > /dev/null

t_large=$(deposit "$BENCH_DIR/large.tar")
t_small=$(deposit "$BENCH_DIR/small.tar")

mb_large=$(awk -v b="$large_bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
mb_small=$(awk -v b="$small_bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
printf '%-34s %10s %12s %14s\n' "case" "bytes(MB)" "archive" "sha512sum"
printf '%-34s %10s %9s MB/s %9s MB/s\n' "(a) large files: 4 x $per_file MB" "$mb_large" \
  "$(rate "$mb_large" "$t_large")" "$(rate "$mb_large" "$sha_large")"
printf '%-34s %10s %7s files/s %7s files/s\n' "(b) small files: $SMALL_FILES x 4 KiB" "$mb_small" \
  "$(rate "$SMALL_FILES" "$t_small")" "$(rate "$SMALL_FILES" "$sha_small")"
awk -v a="$(rate "$mb_large" "$t_large")" -v s="$(rate "$mb_large" "$sha_large")" \
  'BEGIN { printf "large-file ingest = %.0f%% of the sha512sum rate (target 60%%)\n", 100 * a / s }'
echo "small-file ingest = $(rate "$SMALL_FILES" "$t_small") files/s (target 200 files/s)"
echo "(archive time: from the start of the POST to ARCHIVED, i.e. upload + unpack + digests +"
echo " validation + AIP assembly + OCFL commit + indexing; one product per file)"
