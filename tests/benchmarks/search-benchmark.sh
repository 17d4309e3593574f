#!/usr/bin/env bash
# Search benchmark: latency of /api/v1/search of the real archive (the uber-jar) with a catalogue
# of SEARCH_BENCH_PRODUCTS products under SEARCH_BENCH_CLIENTS concurrent closed-loop clients,
# printed next to the latency of a static file and of /health over the same HTTP client and
# concurrency, measured in the same run (the floor of the HTTP stack):
#   - the catalogue is generated, not ingested: CatalogueGenerator (tests module, test scope) opens
#     the database of a fresh data directory as the server does (Flyway schema, H2 under
#     <home>/db) and writes rows with CatalogueRows.upsert, so that Hibernate Search writes the
#     Lucene documents into <home>/index; it runs on the archive's own libraries, taken from the
#     WAR inside the uber-jar. No AIP is stored: the start-up reconciliation (stored heads the
#     catalogue lacks) must index nothing, and the search API must return every product;
#   - the load (SearchLoad, plain JDK HttpClient, HTTP/1.1 keep-alive) runs a warm-up of mixed
#     requests, then each case for SEARCH_BENCH_SECONDS: static /index.html, GET /health, free-text
#     (q: one or two description words, or a target name), faceted (level + target filters; every
#     search answer carries the facet counts), cone (random centre uniform on the sphere, radius
#     0.5-5 degrees), cone+time (the same with a 30-365 day window), 20 hits per page.
#
#   bash tests/benchmarks/search-benchmark.sh
#
# Environment: SEARCH_BENCH_PRODUCTS (default 100000), SEARCH_BENCH_CLIENTS (8), SEARCH_BENCH_SECONDS
# (20 per case), SEARCH_BENCH_WARMUP (15 s). SEARCH_BENCH_BUILD=1 (default) builds first with
# `./mvnw -B -q -o install -DskipTests -DskipITs -Dspotless.check.skip=true` under
# `flock /tmp/build.lock` (the uber-jar, and the generator in tests/target/test-classes);
# SEARCH_BENCH_BUILD=0 uses what is built. SEARCH_BENCH_MERGE=1 merges the generated Lucene index
# into one segment (by default it keeps the segments Lucene's merge policy leaves, as a server's
# index would: their number varies from run to run, facets cost more with more of them, and the
# report prints it). SEARCH_BENCH_JFR=1 records the server with JFR (profile settings, after a
# throw-away recording) from the warm-up to the end into BENCH_DIR/server.jfr and keeps BENCH_DIR.
# BENCH_DIR (emptied first and kept; default: a new temporary directory, removed at the end unless
# SEARCH_BENCH_KEEP=1). The generation runs under `nice`; the server and the load do not.
# Disk: about 1.2 GB for 100,000 products while generating (the H2 file grows 8-16 times beyond
# its data and is compacted every 20,000 products), 0.5 GB afterwards, plus 230 MB for the jar.
set -euo pipefail
cd "$(dirname "$0")/../.."
PRODUCTS=${SEARCH_BENCH_PRODUCTS:-100000}
CLIENTS=${SEARCH_BENCH_CLIENTS:-8}
SECONDS_PER_CASE=${SEARCH_BENCH_SECONDS:-20}
WARMUP=${SEARCH_BENCH_WARMUP:-15}
BUILD=${SEARCH_BENCH_BUILD:-1}
JFR=${SEARCH_BENCH_JFR:-0}
MERGE=${SEARCH_BENCH_MERGE:-0}
JAR=war/target/dpps-archive-microbundle.jar
CLASSES=tests/target/test-classes
COMMAND="SEARCH_BENCH_PRODUCTS=$PRODUCTS SEARCH_BENCH_CLIENTS=$CLIENTS SEARCH_BENCH_SECONDS=$SECONDS_PER_CASE SEARCH_BENCH_WARMUP=$WARMUP bash tests/benchmarks/search-benchmark.sh"
[ "$MERGE" = 1 ] && COMMAND="SEARCH_BENCH_MERGE=1 $COMMAND"

KEEP=${SEARCH_BENCH_KEEP:-0}
[ "$JFR" = 1 ] && KEEP=1
if [ -n "${BENCH_DIR:-}" ]; then
  rm -rf "$BENCH_DIR"; mkdir -p "$BENCH_DIR"; BENCH_DIR=$(cd "$BENCH_DIR" && pwd); KEEP=1
else
  BENCH_DIR=$(mktemp -d "${TMPDIR:-/tmp}/search-benchmark.XXXXXX")
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
size_mb() { du -sb "$1" | awk '{ printf "%.0f", $1 / 1e6 }'; }

free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "search-benchmark: no free port found" >&2; exit 1
}
PORT=$(free_port)
URL="http://localhost:$PORT"

stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}

# ---------------------------------------------------------------------------- build
if [ "$BUILD" = 1 ]; then
  echo "== building (flock /tmp/build.lock ./mvnw -B -q -o install -DskipTests -DskipITs ...)"
  flock /tmp/build.lock ./mvnw -B -q -o install -DskipTests -DskipITs -Dspotless.check.skip=true
fi
[ -f "$JAR" ] || { echo "search-benchmark: no archive bundle at $JAR; build it first" >&2; exit 1; }
[ -f "$CLASSES/org/dpps/archive/tests/benchmarks/CatalogueGenerator.class" ] || {
  echo "search-benchmark: no generator in $CLASSES; build first: ./mvnw -B -o install -DskipTests" >&2
  exit 1
}
# Under the build lock: the test classpath of the tests module (access, Hibernate, H2...: the
# generator's dependencies), and private copies of the jar and of the benchmark classes, so that a
# build by someone else during the run does not change what runs.
mkdir -p "$BENCH_DIR/classes/org/dpps/archive/tests"
flock /tmp/build.lock bash -c '
  set -e
  ./mvnw -B -q -o -pl tests dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$1/classpath.txt" > /dev/null
  cp -r "$2/org/dpps/archive/tests/benchmarks" "$1/classes/org/dpps/archive/tests/"
  cp -p "$3" "$1/archive.jar"' copy "$BENCH_DIR" "$CLASSES" "$JAR"
# The generator runs on the archive's own libraries, taken from the WAR inside the uber-jar (so
# its entities, Hibernate Search mapping and Flyway migrations are the server's), then the test
# classpath for what the server's container provides (Jakarta EE and Jackson APIs).
unzip -q -p "$BENCH_DIR/archive.jar" MICRO-INF/deploy/ROOT.war > "$BENCH_DIR/ROOT.war"
unzip -q "$BENCH_DIR/ROOT.war" 'WEB-INF/lib/*' -d "$BENCH_DIR/war"
rm "$BENCH_DIR/ROOT.war"
CP="$BENCH_DIR/classes:$BENCH_DIR/war/WEB-INF/lib/*:$(cat "$BENCH_DIR/classpath.txt")"

# ---------------------------------------------------------------------------- catalogue
echo "== generating $PRODUCTS catalogued products in $HOME_DIR (nice)"
t0=$(now)
nice -n 10 java -Xmx2g -Dcatalogue.merge="$([ "$MERGE" = 1 ] && echo true || echo false)" \
  -cp "$CP" org.dpps.archive.tests.benchmarks.CatalogueGenerator \
  "$HOME_DIR" "$PRODUCTS" > "$BENCH_DIR/generator.log" 2>&1 \
  || { tail -30 "$BENCH_DIR/generator.log" >&2; exit 1; }
t1=$(now)
grep '^catalogue-generator:' "$BENCH_DIR/generator.log"
gen_seconds=$(calc %.0f "$t1 - $t0")
segments=$(find "$HOME_DIR/index" -name '*.si' | wc -l)

# ---------------------------------------------------------------------------- server
echo "== starting the archive on $HOME_DIR (port $PORT)"
t0=$(now)
ARCHIVE_HOME="$HOME_DIR" java -Xmx2g -Darchive.home="$HOME_DIR" \
  -Darchive.audit.scheduler.enabled=false \
  -jar "$BENCH_DIR/archive.jar" --port "$PORT" --nocluster >> "$LOG" 2>&1 &
server_pid=$!
for _ in $(seq 1 480); do
  curl -sf "$URL/health/ready" > /dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { echo "the archive exited" >&2; exit 1; }
  sleep 0.5
done
curl -sf "$URL/health/ready" > /dev/null || { echo "the archive was not ready within 240 s" >&2; exit 1; }
t1=$(now)
start_seconds=$(calc %.1f "$t1 - $t0")
ready_line=$(grep -o 'Archive ready: .*' "$LOG" | tail -1)
echo "ready after $start_seconds s; $ready_line"
reindexed=$(sed -nE 's/.*removed, ([0-9]+) products re-indexed.*/\1/p' <<<"$ready_line")
[ "$reindexed" = 0 ] || { echo "start-up re-indexed '$reindexed' products (expected 0)" >&2; exit 1; }

# the search API returns the generated products: all of them, and the well-known targets
all=$(curl -sf "$URL/api/v1/search?size=1")
total=$(field total "$all")
[ "$total" = "$PRODUCTS" ] || { echo "search of everything: total $total, expected $PRODUCTS" >&2; exit 1; }
crab=$(curl -sf "$URL/api/v1/search?target=Crab%20Nebula&level=DL3&size=1")
echo "search: everything $total hits; target=Crab Nebula&level=DL3: $(field total "$crab") hits"
one=$(sed -nE 's/.*"productId":"([^"]+)".*/\1/p' <<<"$crab")
echo "product page of a generated product (no AIP stored): HTTP" \
  "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/products/$one")"
token=""
[ -f "$HOME_DIR/keys/archivist.token" ] && token=$(cat "$HOME_DIR/keys/archivist.token")
counts=$(curl -s ${token:+-H "Authorization: Bearer $token"} "$URL/api/v1/admin/catalogue")
echo "catalogue counts after start-up: $counts"
[ "$(field products "$counts")" = "$PRODUCTS" ] \
  || echo "warning: the catalogue counts are not $PRODUCTS products (see above)" >&2

# ---------------------------------------------------------------------------- load
if [ "$JFR" = 1 ]; then
  # a throw-away recording first: JFR's first start slows the JVM down for a while (deoptimised
  # code); the warm-up of the load then runs after it
  jcmd "$server_pid" JFR.start name=prime settings=profile > /dev/null
  sleep 2
  jcmd "$server_pid" JFR.stop name=prime > /dev/null
  jcmd "$server_pid" JFR.start name=search settings=profile > /dev/null
fi
echo "== load: $CLIENTS clients, ${SECONDS_PER_CASE} s per case after a ${WARMUP} s warm-up"
java -Xmx512m -XX:+UseSerialGC -cp "$CP" org.dpps.archive.tests.benchmarks.SearchLoad \
  --url "$URL" --clients "$CLIENTS" --seconds "$SECONDS_PER_CASE" --warmup "$WARMUP" \
  --server-pid "$server_pid" > "$BENCH_DIR/load.txt"
if [ "$JFR" = 1 ]; then
  jcmd "$server_pid" JFR.stop name=search filename="$BENCH_DIR/server.jfr" > /dev/null
fi
stop_server

# ---------------------------------------------------------------------------- report
echo
echo "command: $COMMAND"
echo "archive: $JAR built $(date -u -r "$BENCH_DIR/archive.jar" +%Y-%m-%dT%H:%MZ)" \
  "(working tree at git $(git rev-parse --short HEAD 2>/dev/null || echo ?))"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
  "$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); $(date -u +%Y-%m-%dT%H:%MZ)"
echo "catalogue: $PRODUCTS products generated in $gen_seconds s; database $(size_mb "$HOME_DIR/db") MB,"\
  "Lucene index $(size_mb "$HOME_DIR/index") MB in $segments segments; archive ready after $start_seconds s"
echo "load: $CLIENTS closed-loop clients (JDK HttpClient, HTTP/1.1 keep-alive) on the same machine,"\
  "${SECONDS_PER_CASE} s per case, 20 hits per page; latency = request sent to body read;"
echo "server/driver/other = cores used meanwhile by the archive, the load driver, everything else;"
echo "ms CPU/req = the archive's CPU time per request"
cat "$BENCH_DIR/load.txt"
awk -v target=50 '
  /^(free-text|faceted|cone|cone\+time) / {
    printf "%s p99 %s ms: %s (target < %d ms)\n", $1, $6, ($6 < target ? "met" : "MISSED"), target
  }' "$BENCH_DIR/load.txt"
