#!/usr/bin/env bash
# Migration benchmark: the rate at which the real archive (the uber-jar) migrates stored FITS
# images from the uncompressed to the tile-compressed format through the preservation-planning API,
# next to this machine's single-core rates over the same stored bytes, measured in the same run:
# `fpack -r` (cfitsio, Rice, one thread), `funpack` over fpack's output (the decoding the
# significant-property check repeats) and `sha512sum` (the archive digests every byte it writes).
#
#   ./mvnw -B -DskipTests package && bash tests/benchmarks/migration-benchmark.sh
#
# Data: MIGRATION_BENCH_PRODUCTS FITS files of about MIGRATION_BENCH_MB / MIGRATION_BENCH_PRODUCTS
# each, generated with Debian's /usr/bin/python3 (numpy, astropy): a primary int16 image, a smooth
# sky map (a diffuse band, point-like and extended gaussian sources, Poisson noise: compressible as
# real counts maps are, unlike random bytes) with the CTAO reference metadata (HIERARCH CTA PRODUCT
# ID = a fresh UUID, DATA LEVELS = DL4, DESCRIPTION, OBJECT), so that each file is its own product.
# Each is written straight into a BagIt bag <home>/inbox/bag-NN and deposited by staged path
# ({"stagedPath": ...}, no HTTP upload); the script waits for ARCHIVED.
#
# Measured: the baselines over the stored files of the first replica (page cache warmed by one
# unmeasured read): `fpack -r -S` of every file (output kept in a scratch directory: its size gives
# fpack's compression ratio), `funpack -S` of those outputs, `sha512sum` of the stored files. Then
# through the HTTP API with the archivist token (<home>/keys/archivist.token, Authorization:
# Bearer): PATCH /api/v1/formats/fits-image-uncompressed to at-risk; a plan
# fits-image-uncompressed -> fits-tile-compressed with action fits-tile-compress over the products;
# its preview (affected products and bytes, the sample migrated and checked, estimate.seconds);
# execute, then GET the plan every 0.2 s until FINISHED. Wall time runs from the execute call to
# FINISHED; "archive CPU" is the CPU time of the archive's JVM and of the processes it waited for
# (/proc/<pid>/stat utime + stime + cutime + cstime) meanwhile; "other" is the CPU time of
# everything else on the machine meanwhile (/proc/stat), in cores. The plan must end with every
# product migrated and none failed. With MIGRATION_BENCH_CWL=1 (default when /usr/bin/cwltool and
# /usr/bin/fpack exist) a second set of MIGRATION_BENCH_CWL_PRODUCTS products (default 4, same file
# size; deposited with the first) is migrated by a plan with action "cwl": a CWL CommandLineTool
# running `fpack -r -S` under `cwltool --no-container`. Checks, not timed: version 1 of a migrated
# product is still served byte-identical (sha256 of GET .../files/<path>?version=1 against the
# generated file's), and the new head decodes (astropy) to the same pixels and header values.
#
# Environment: MIGRATION_BENCH_MB (default 1000), MIGRATION_BENCH_PRODUCTS (16),
# MIGRATION_BENCH_CWL (see above), MIGRATION_BENCH_CWL_PRODUCTS (4). MIGRATION_BENCH_JFR=1 records
# the archive with JFR (profile settings) while each plan executes into BENCH_DIR/<plan name>.jfr
# and keeps BENCH_DIR (the figures of such a run include JFR's overhead). BENCH_DIR (emptied first and
# kept; default: a new temporary directory, removed at the end unless MIGRATION_BENCH_KEEP=1). The
# archive runs a private copy of war/target/dpps-archive-microbundle.jar (copied under
# `flock /tmp/build.lock`) with -Xmx2g and the audit scheduler off, on a fresh data directory with
# its default two replicas, on a free port. Disk: about 4 x the generated data (the staged bags, two
# replicas, the migrated versions, fpack's outputs) plus 500 MB (jar copy, Payara's runtime). The
# data generation runs under `nice`. MB = 10^6 bytes.
set -euo pipefail
cd "$(dirname "$0")/../.."
TOTAL_MB=${MIGRATION_BENCH_MB:-1000}
PRODUCTS=${MIGRATION_BENCH_PRODUCTS:-16}
default_cwl=0
[ -x /usr/bin/cwltool ] && [ -x /usr/bin/fpack ] && default_cwl=1
CWL=${MIGRATION_BENCH_CWL:-$default_cwl}
CWL_PRODUCTS=${MIGRATION_BENCH_CWL_PRODUCTS:-4}
[ "$CWL" = 1 ] || CWL_PRODUCTS=0
JFR=${MIGRATION_BENCH_JFR:-0}
PY=/usr/bin/python3 # Debian's, with python3-numpy and python3-astropy (another python3 may be first on PATH)
JAR=war/target/dpps-archive-microbundle.jar
COMMAND="MIGRATION_BENCH_MB=$TOTAL_MB MIGRATION_BENCH_PRODUCTS=$PRODUCTS MIGRATION_BENCH_CWL=$CWL"
[ "$CWL" = 1 ] && COMMAND="$COMMAND MIGRATION_BENCH_CWL_PRODUCTS=$CWL_PRODUCTS"
COMMAND="$COMMAND bash tests/benchmarks/migration-benchmark.sh"

# ---------------------------------------------------------------------------- prerequisites
[ -f "$JAR" ] || {
  echo "migration-benchmark: no archive bundle at $JAR; build it first: ./mvnw -B -DskipTests package" >&2
  exit 1
}
FPACK=$(command -v fpack || echo /usr/bin/fpack)
FUNPACK=$(command -v funpack || echo /usr/bin/funpack)
[ -x "$FPACK" ] && [ -x "$FUNPACK" ] || {
  echo "migration-benchmark: fpack/funpack missing (Debian: apt-get install libcfitsio-bin)" >&2
  exit 1
}
"$PY" -c 'import numpy, astropy' 2> /dev/null || {
  echo "migration-benchmark: $PY lacks numpy or astropy (Debian: apt-get install python3-numpy python3-astropy)" >&2
  exit 1
}
if [ "$CWL" = 1 ] && ! command -v cwltool > /dev/null; then
  echo "migration-benchmark: MIGRATION_BENCH_CWL=1 needs cwltool (Debian: apt-get install cwltool)" >&2
  exit 1
fi

KEEP=${MIGRATION_BENCH_KEEP:-0}
[ "$JFR" = 1 ] && KEEP=1
if [ -n "${BENCH_DIR:-}" ]; then
  rm -rf "$BENCH_DIR"; mkdir -p "$BENCH_DIR"; BENCH_DIR=$(cd "$BENCH_DIR" && pwd); KEEP=1
else
  BENCH_DIR=$(mktemp -d "${TMPDIR:-/tmp}/migration-benchmark.XXXXXX")
fi
HOME_DIR="$BENCH_DIR/archive-home"
SCRATCH="$BENCH_DIR/scratch"
LOG="$BENCH_DIR/server.log"
server_pid=""
cleanup() {
  local status=$?
  stop_server
  if [ "$status" -ne 0 ] && [ -f "$LOG" ]; then
    echo "--- tail of $LOG" >&2; tail -60 "$LOG" >&2
  fi
  if [ "$KEEP" != 1 ]; then rm -rf "$BENCH_DIR"; else echo "kept $BENCH_DIR"; fi
}
trap cleanup EXIT

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
field() { sed -E "s/.*\"$1\":\"?([^,\"}]*)\"?[,}].*/\1/" <<<"$2"; } # a scalar field of a JSON object
json() { # dotted.path JSON: a value of a JSON document (objects and lists printed as JSON)
  "$PY" -c 'import json, sys
v = json.loads(sys.stdin.read())
for k in filter(None, sys.argv[1].split(".")):
    v = v[int(k)] if isinstance(v, list) else (v or {}).get(k)
print(v if isinstance(v, str) else json.dumps(v))' "$1" <<<"$2"
}
fits_path() { # name product-JSON: the path of the product's file called name (else the first FITS)
  "$PY" -c 'import json, sys
files = json.loads(sys.stdin.read()).get("files") or []
paths = [f["path"] for f in files if f["path"].rsplit("/", 1)[-1] == sys.argv[1]]
paths += [f["path"] for f in files if f["path"].endswith((".fits", ".fz"))]
paths += [f["path"] for f in files]
print(paths[0] if paths else "")' "$1" <<<"$2"
}
ticks() { # utime + stime + cutime + cstime of a process (its own and its waited-for children's)
  awk '{ sub(/.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$1/stat"
}
busy_ticks() { # CPU time of the whole machine, all cores (user nice system irq softirq steal)
  awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
}
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "migration-benchmark: no free port found" >&2; exit 1
}
PORT=$(free_port)
URL="http://localhost:$PORT"

start_server() {
  ARCHIVE_HOME="$HOME_DIR" java -Xmx2g -Darchive.audit.scheduler.enabled=false \
    -jar "$BENCH_DIR/archive.jar" --port "$PORT" --nocluster >> "$LOG" 2>&1 &
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

auth=()
# api METHOD PATH [JSON-BODY]: the status in STATUS, the body in RESP (token sent when there is one)
api() {
  local args=(-s -X "$1" "${auth[@]}" -o "$BENCH_DIR/response" -w '%{http_code}')
  [ $# -ge 3 ] && args+=(-H 'Content-Type: application/json' --data-binary "$3")
  STATUS=$(curl "${args[@]}" "$URL$2")
  RESP=$(cat "$BENCH_DIR/response")
}
expect() { # status what
  [ "$STATUS" = "$1" ] || { echo "$2: HTTP $STATUS (expected $1): $RESP" >&2; exit 1; }
}

# ---------------------------------------------------------------------------- disk
per_product=$((TOTAL_MB * 1000000 / PRODUCTS))
ALL=$((PRODUCTS + CWL_PRODUCTS))
gen_mb=$((per_product * ALL / 1000000))
need_kb=$(( (gen_mb * 4 + 500) * 1000000 / 1024 ))
free_kb=$(df -Pk "$BENCH_DIR" | awk 'NR == 2 { print $4 }')
[ "$free_kb" -gt "$need_kb" ] || {
  echo "migration-benchmark: $((free_kb / 1024)) MiB free in $BENCH_DIR, need $((need_kb / 1024)) MiB" >&2
  exit 1
}
# a private copy (under the build lock): a build by someone else during the run changes nothing
flock /tmp/build.lock cp -p "$JAR" "$BENCH_DIR/archive.jar"
load_start=$(loadavg)

# ---------------------------------------------------------------------------- data
echo "== $ALL FITS sky maps of ~$((per_product / 1000000)) MB ($PRODUCTS for the built-in action," \
  "$CWL_PRODUCTS for the CWL action) in $BENCH_DIR (port $PORT)"
mkdir -p "$HOME_DIR/inbox" "$SCRATCH"
t0=$(now)
nice -n 10 "$PY" - "$HOME_DIR/inbox" "$ALL" "$per_product" > "$BENCH_DIR/generated" <<'PY'
import hashlib, math, os, sys, uuid
import numpy as np
from astropy.io import fits

inbox, count, target = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
# the data unit is what the target buys, less the header block; a near-square int16 image
pixels = max(1, (target - 2880) // 2)
nx = int(math.sqrt(pixels))
ny = max(1, pixels // nx)
targets = ["Crab Nebula", "PKS 2155-304", "Mrk 421", "Galactic Centre", "Vela X", "RX J1713.7-3946",
           "Cassiopeia A", "HESS J1825-137", "1ES 1959+650", "W51C"]


def sky(seed):
    """An int16 counts map: a diffuse band, sources of many sizes, Poisson noise (seeded)."""
    rng = np.random.default_rng(seed)
    y = np.arange(ny, dtype=np.float32)[:, None]
    x = np.arange(nx, dtype=np.float32)[None, :]
    tilt = rng.uniform(-0.15, 0.15)
    lam = 6.0 + 0.5 * np.sin(x / nx * 3.0).astype(np.float32) + 25.0 * np.exp(
        -0.5 * ((y - ny * rng.uniform(0.3, 0.7) - tilt * (x - nx / 2)) / (0.06 * ny)) ** 2)
    lam = lam.astype(np.float32)
    for _ in range(60):
        cx, cy = rng.uniform(0, nx), rng.uniform(0, ny)
        sigma = float(np.exp(rng.uniform(np.log(1.5), np.log(0.04 * nx + 2))))
        amp = float(rng.uniform(5, 300) * (3.0 / sigma) ** 0.5)
        r = int(5 * sigma) + 1
        x0, x1 = max(0, int(cx) - r), min(nx, int(cx) + r + 1)
        y0, y1 = max(0, int(cy) - r), min(ny, int(cy) + r + 1)
        if x0 >= x1 or y0 >= y1:
            continue
        xx = np.arange(x0, x1, dtype=np.float32)[None, :] - cx
        yy = np.arange(y0, y1, dtype=np.float32)[:, None] - cy
        lam[y0:y1, x0:x1] += amp * np.exp(-0.5 * (xx * xx + yy * yy) / (sigma * sigma))
    counts = np.empty((ny, nx), dtype=np.int16)
    step = max(1, 4_000_000 // nx)
    for row in range(0, ny, step):
        counts[row:row + step] = np.minimum(rng.poisson(lam[row:row + step]), 32767)
    return counts


for i in range(1, count + 1):
    name = f"map-{i:02d}.fits"
    bag = os.path.join(inbox, f"bag-{i:02d}")
    os.makedirs(os.path.join(bag, "data"))
    path = os.path.join(bag, "data", name)
    product = str(uuid.uuid4())
    target_name = targets[i % len(targets)]
    h = fits.Header()
    h["HIERARCH CTA REFERENCE VERSION"] = "1"
    h["HIERARCH CTA CONTACT ORGANIZATION"] = "CTAO"
    h["HIERARCH CTA PRODUCT DESCRIPTION"] = f"Counts map of {target_name}"
    h["HIERARCH CTA PRODUCT CREATION TIME"] = "2026-11-24 08:00:00.000"
    h["HIERARCH CTA PRODUCT ID"] = product
    h["HIERARCH CTA PRODUCT DATA CATEGORY"] = "A"
    h["HIERARCH CTA PRODUCT DATA LEVELS"] = "DL4"
    h["HIERARCH CTA PRODUCT DATA ASSOCIATION"] = "Subarray"
    h["HIERARCH CTA PROCESS TYPE"] = "Observation"
    h["HIERARCH CTA ACTIVITY NAME"] = "gammapy-make-maps"
    h["HIERARCH CTA INSTRUMENT SITE"] = "CTAO-North"
    h["OBJECT"] = target_name
    h["BUNIT"] = "count"
    h["CTYPE1"], h["CTYPE2"] = "RA---CAR", "DEC--CAR"
    h["CRPIX1"], h["CRPIX2"] = nx / 2 + 0.5, ny / 2 + 0.5
    h["CRVAL1"], h["CRVAL2"] = 83.6331, 22.0145
    h["CDELT1"], h["CDELT2"] = -0.002, 0.002
    h["HISTORY"] = "synthetic counts map for tests/benchmarks/migration-benchmark.sh"
    fits.PrimaryHDU(data=sky(1000 + i), header=h).writeto(path)
    sha512, sha256 = hashlib.sha512(), hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 22):
            sha512.update(chunk)
            sha256.update(chunk)
    with open(os.path.join(bag, "bagit.txt"), "w") as f:
        f.write("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
    with open(os.path.join(bag, "manifest-sha512.txt"), "w") as f:
        f.write(f"{sha512.hexdigest()}  data/{name}\n")
    print(f"{i:02d} {product} {name} {os.path.getsize(path)} {sha256.hexdigest()} {nx}x{ny}", flush=True)
PY
t1=$(now)
generated_bytes=$(awk '$1 <= '"$PRODUCTS"' { s += $4 } END { printf "%.0f", s }' "$BENCH_DIR/generated")
image=$(awk 'NR == 1 { print $6 }' "$BENCH_DIR/generated")
echo "generated $ALL files in $(calc %.1f "$t1 - $t0") s (int16 $image, $(awk 'NR == 1 { print $4 }' "$BENCH_DIR/generated") bytes each)"

# ---------------------------------------------------------------------------- archive, deposits
echo "== starting the archive, depositing the bags by staged path"
start_server
if [ -f "$HOME_DIR/keys/archivist.token" ]; then
  auth=(-H "Authorization: Bearer $(cat "$HOME_DIR/keys/archivist.token")")
else
  echo "warning: no $HOME_DIR/keys/archivist.token; calling the API without a token" >&2
fi
t0=$(now)
locations=()
for n in $(seq 1 "$ALL"); do
  i=$(printf %02d "$n")
  location=$(curl -s -D - -o /dev/null -X POST "${auth[@]}" -H 'Content-Type: application/json' \
    -d "{\"stagedPath\": \"bag-$i\"}" "$URL/api/v1/deposits" | tr -d '\r' \
    | awk 'tolower($1) == "location:" { print $2 }')
  [ -n "$location" ] || { echo "deposit of bag-$i refused" >&2; exit 1; }
  case $location in http*) ;; *) location="$URL$location" ;; esac
  locations+=("$location")
done
ids=()
n=0
for location in "${locations[@]}"; do
  n=$((n + 1))
  state=""
  while [ "$state" != ARCHIVED ] && [ "$state" != REJECTED ]; do
    sleep 0.5
    deposit=$(curl -s "${auth[@]}" "$location")
    state=$(field state "$deposit")
    kill -0 "$server_pid" 2>/dev/null || { echo "the archive exited" >&2; exit 1; }
  done
  [ "$state" = ARCHIVED ] || { echo "deposit rejected: $deposit" >&2; exit 1; }
  product=$(json products.0.productId "$deposit")
  expected=$(awk -v n="$n" 'NR == n { print $2 }' "$BENCH_DIR/generated")
  [ "$product" = "$expected" ] || {
    echo "bag $n was archived as product '$product', not as its CTA PRODUCT ID $expected: $deposit" >&2
    exit 1
  }
  ids+=("$product")
done
t1=$(now)
echo "archived $ALL products in $(calc %.1f "$t1 - $t0") s"
rm -rf "$HOME_DIR"/inbox/bag-*
sync
main_ids=("${ids[@]:0:$PRODUCTS}")
cwl_ids=("${ids[@]:$PRODUCTS}")

# the stored files of the main set on the first replica: the baselines' input
stored=()
while read -r _ _ name _; do
  file=$(find "$HOME_DIR/ocfl" -type f -name "$name" | head -1)
  [ -n "$file" ] || { echo "no stored $name under $HOME_DIR/ocfl" >&2; exit 1; }
  stored+=("$file")
done < <(head -n "$PRODUCTS" "$BENCH_DIR/generated")
stored_bytes=$(stat -c %s "${stored[@]}" | awk '{ s += $1 } END { printf "%.0f", s }')
[ "$stored_bytes" = "$generated_bytes" ] || { echo "stored $stored_bytes bytes, generated $generated_bytes" >&2; exit 1; }
stored_mb=$(calc %.1f "$stored_bytes / 1e6")
replicas_before=$(du -sb "$HOME_DIR/ocfl" "$HOME_DIR/ocfl-r2" 2>/dev/null | awk '{ s += $1 } END { printf "%.0f", s }')

# ---------------------------------------------------------------------------- baselines
echo "== baselines over the $PRODUCTS stored files ($stored_mb MB), one core each, warm cache"
cat "${stored[@]}" > /dev/null # warm-up
t0=$(now)
for f in "${stored[@]}"; do "$FPACK" -r -S "$f" > "$SCRATCH/$(basename "$f").fz"; done
t1=$(now)
fpack_s=$(calc %.2f "$t1 - $t0")
fpack_rate=$(calc %.1f "$stored_bytes / 1e6 / $fpack_s")
fpack_pps=$(calc %.2f "$PRODUCTS / $fpack_s")
fpack_out=$(stat -c %s "$SCRATCH"/*.fz | awk '{ s += $1 } END { printf "%.0f", s }')
fpack_ratio=$(calc %.2f "$stored_bytes / $fpack_out")
t0=$(now)
for f in "$SCRATCH"/*.fz; do "$FUNPACK" -S "$f" > /dev/null; done
t1=$(now)
funpack_s=$(calc %.2f "$t1 - $t0")
funpack_rate=$(calc %.1f "$stored_bytes / 1e6 / $funpack_s")
t0=$(now)
sha512sum "${stored[@]}" > /dev/null
t1=$(now)
sha_s=$(calc %.2f "$t1 - $t0")
sha_rate=$(calc %.1f "$stored_bytes / 1e6 / $sha_s")
rm -rf "$SCRATCH"
echo "fpack -r: $fpack_rate MB/s ($fpack_s s, ratio $fpack_ratio); funpack: $funpack_rate MB/s; sha512sum: $sha_rate MB/s"

# ---------------------------------------------------------------------------- migrations
echo "== PATCH /api/v1/formats/fits-image-uncompressed: at-risk"
api PATCH /api/v1/formats/fits-image-uncompressed \
  '{"status":"at-risk","reasons":["benchmark"],"reason":"migration benchmark"}'
expect 200 "PATCH /api/v1/formats/fits-image-uncompressed"
[ "$(field status "$RESP")" = at-risk ] || { echo "the format is not at-risk after the PATCH: $RESP" >&2; exit 1; }

# migrate label action [cwl-document] -- product ids...: creates, previews and executes a plan;
# sets R_* (see the end of the function)
migrate() {
  local label=$1 action=$2 cwl=$3 body plan_id t0 t1 c0 c1 b0 b1 state="" hz
  shift 3
  body=$("$PY" - "$action" "$cwl" "$label" "$@" <<'PY'
import json, sys
action, cwl, label, products = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
body = {"name": label, "sourceFormat": "fits-image-uncompressed",
        "targetFormat": "fits-tile-compressed", "action": action, "products": products}
if cwl:
    body["cwl"] = cwl
print(json.dumps(body))
PY
)
  api POST /api/v1/preservation/plans "$body"
  expect 201 "POST /api/v1/preservation/plans ($label)"
  plan_id=$(json id "$RESP")
  echo "plan $plan_id: $(json action "$RESP")"
  api POST "/api/v1/preservation/plans/$plan_id/preview"
  expect 200 "POST /api/v1/preservation/plans/$plan_id/preview"
  R_PREVIEW_PRODUCTS=$(json products "$RESP"); R_PREVIEW_BYTES=$(json bytes "$RESP")
  R_EST=$(calc %.1f "$(json estimate.seconds "$RESP")")
  echo "preview: $R_PREVIEW_PRODUCTS products, $(json files "$RESP") files, $R_PREVIEW_BYTES bytes;" \
    "estimate $R_EST s ($(json estimate.basis "$RESP"))"
  echo "preview sample: $(json sample "$RESP")"
  [ "$R_PREVIEW_PRODUCTS" = "$#" ] || { echo "the preview finds $R_PREVIEW_PRODUCTS products, not $#" >&2; exit 1; }
  [ "$(json sample.accepted "$RESP")" = true ] || { echo "the preview's sample was not accepted" >&2; exit 1; }

  hz=$(getconf CLK_TCK)
  [ "$JFR" = 1 ] && jcmd "$server_pid" JFR.start name="$label" settings=profile > /dev/null
  c0=$(ticks "$server_pid"); b0=$(busy_ticks); t0=$(now)
  api POST "/api/v1/preservation/plans/$plan_id/execute"
  expect 202 "POST /api/v1/preservation/plans/$plan_id/execute"
  while [ "$state" != FINISHED ]; do
    sleep 0.2
    R_PLAN=$(curl -s "${auth[@]}" "$URL/api/v1/preservation/plans/$plan_id")
    state=$(field state "$R_PLAN")
    case $state in
      FINISHED|RUNNING|DRAFT) ;;
      *) echo "plan $plan_id is '$state': $R_PLAN" >&2; exit 1 ;;
    esac
    kill -0 "$server_pid" 2>/dev/null || { echo "the archive exited" >&2; exit 1; }
  done
  t1=$(now); c1=$(ticks "$server_pid"); b1=$(busy_ticks)
  [ "$JFR" = 1 ] && jcmd "$server_pid" JFR.stop name="$label" filename="$BENCH_DIR/$label.jfr" > /dev/null
  R_WALL=$(calc %.2f "$t1 - $t0")
  R_CPU=$(calc %.1f "($c1 - $c0) / $hz")
  R_CORES=$(calc %.2f "($c1 - $c0) / $hz / $R_WALL")
  R_OTHER=$(calc %.2f "($b1 - $b0 - ($c1 - $c0)) / $hz / $R_WALL")
  echo "finished in $R_WALL s: counts $(json counts "$R_PLAN"), progress $(json progress "$R_PLAN")"
  R_MIGRATED=$(json counts.migrated "$R_PLAN")
  if [ "$R_MIGRATED" != "$#" ] || [ "$(json counts.failed "$R_PLAN")" != 0 ]; then
    echo "plan $plan_id did not migrate every product: counts $(json counts "$R_PLAN")" >&2
    curl -s "${auth[@]}" "$URL/api/v1/preservation/plans/$plan_id/items?state=FAILED" >&2; echo >&2
    exit 1
  fi
  R_BEFORE=$(json progress.bytesBefore "$R_PLAN"); R_AFTER=$(json progress.bytesAfter "$R_PLAN")
  R_MB=$(calc %.1f "$R_BEFORE / 1e6"); R_MB_AFTER=$(calc %.1f "$R_AFTER / 1e6")
  R_RATIO=$(calc %.2f "$R_BEFORE / $R_AFTER")
  R_RATE=$(calc %.1f "$R_BEFORE / 1e6 / $R_WALL")
  R_PPS=$(calc %.2f "$R_MIGRATED / $R_WALL")
  R_REPORTED=$(calc %.1f "$(json progress.megabytesPerSecond "$R_PLAN")")
  R_WORK=$(calc %.1f "$(json progress.workMillis "$R_PLAN") / 1000")
  R_ID=$plan_id
}

echo "== plan 1: action fits-tile-compress over $PRODUCTS products"
load_builtin=$(loadavg)
migrate "benchmark" fits-tile-compress "" "${main_ids[@]}"
b_products=$R_MIGRATED; b_mb=$R_MB; b_mb_after=$R_MB_AFTER; b_ratio=$R_RATIO; b_wall=$R_WALL
b_pps=$R_PPS; b_rate=$R_RATE; b_cpu=$R_CPU; b_cores=$R_CORES; b_other=$R_OTHER; b_est=$R_EST
b_reported=$R_REPORTED; b_work=$R_WORK; b_id=$R_ID

if [ "$CWL" = 1 ]; then
  echo "== plan 2: action cwl (cwltool --no-container, fpack -r -S) over $CWL_PRODUCTS products"
  read -r -d '' CWL_TOOL <<'CWL' || true
cwlVersion: v1.2
class: CommandLineTool
label: fpack (cfitsio) Rice tile compression
hints:
  SoftwareRequirement:
    packages:
      cfitsio: {version: ["4.2.0"]}
baseCommand: [fpack, -r, -S]
inputs:
  input: {type: File, inputBinding: {position: 1}}
outputs:
  output: {type: stdout}
stdout: migrated.fits
CWL
  migrate "benchmark-cwl" cwl "$CWL_TOOL" "${cwl_ids[@]}"
  c_products=$R_MIGRATED; c_mb=$R_MB; c_mb_after=$R_MB_AFTER; c_ratio=$R_RATIO; c_wall=$R_WALL
  c_pps=$R_PPS; c_rate=$R_RATE; c_cpu=$R_CPU; c_cores=$R_CORES; c_other=$R_OTHER; c_est=$R_EST
  c_reported=$R_REPORTED; c_work=$R_WORK; c_id=$R_ID
fi
replicas_after=$(du -sb "$HOME_DIR/ocfl" "$HOME_DIR/ocfl-r2" 2>/dev/null | awk '{ s += $1 } END { printf "%.0f", s }')
load_end=$(loadavg)

# ---------------------------------------------------------------------------- checks (not timed)
echo "== checks: version 1 still served byte-identical; the new head decodes to the same image"
check_product() { # index product-id
  local sha256 name v1 head path_v1 path_head href_v1 href_head got
  sha256=$(awk -v n="$1" 'NR == n { print $5 }' "$BENCH_DIR/generated")
  name=$(awk -v n="$1" 'NR == n { print $3 }' "$BENCH_DIR/generated")
  api GET "/api/v1/products/$2?version=1"; expect 200 "GET /api/v1/products/$2?version=1"
  path_v1=$(fits_path "$name" "$RESP")
  api GET "/api/v1/products/$2"; expect 200 "GET /api/v1/products/$2"
  [ "$(json version "$RESP")" = 2 ] || { echo "product $2: head version $(json version "$RESP"), not 2" >&2; exit 1; }
  path_head=$(fits_path "$name" "$RESP")
  [ -n "$path_v1" ] && [ -n "$path_head" ] || { echo "product $2: no file $name listed" >&2; exit 1; }
  href_v1="/api/v1/products/$2/files/$path_v1?version=1"; href_head="/api/v1/products/$2/files/$path_head"
  v1="$BENCH_DIR/check-v1.fits"; head="$BENCH_DIR/check-head.fits"
  got=$(curl -s -w '%{http_code}' -o "$v1" "${auth[@]}" "$URL$href_v1")
  [ "$got" = 200 ] || { echo "GET $href_v1: HTTP $got" >&2; exit 1; }
  [ "$(sha256sum < "$v1" | cut -d' ' -f1)" = "$sha256" ] \
    || { echo "GET $href_v1 is not the generated file (sha256 differs)" >&2; exit 1; }
  got=$(curl -s -w '%{http_code}' -o "$head" "${auth[@]}" "$URL$href_head")
  [ "$got" = 200 ] || { echo "GET $href_head: HTTP $got" >&2; exit 1; }
  "$PY" - "$v1" "$head" <<'PY' || { echo "product $2: the migrated head differs from version 1" >&2; exit 1; }
import sys
import numpy as np
from astropy.io import fits
with fits.open(sys.argv[1]) as a, fits.open(sys.argv[2]) as b:
    original = a[0]
    migrated = next(h for h in b if h.data is not None and h.data.ndim == 2)
    assert isinstance(migrated, fits.CompImageHDU), type(migrated)
    assert np.array_equal(original.data, migrated.data)
    for key in ("HIERARCH CTA PRODUCT ID", "HIERARCH CTA PRODUCT DATA LEVELS", "OBJECT", "BUNIT"):
        assert original.header[key] == migrated.header[key], key
PY
  echo "product $2: version 1 sha256 $sha256 = generated; head v2 $(stat -c %s "$head") bytes," \
    "$path_head, same pixels and cards"
  rm -f "$v1" "$head"
}
check_product 1 "${main_ids[0]}"
[ "$CWL" = 1 ] && check_product $((PRODUCTS + 1)) "${cwl_ids[0]}"

# ---------------------------------------------------------------------------- report
echo
echo "command: $COMMAND"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
  "$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); $(date -u +%Y-%m-%dT%H:%MZ)"
echo "load average: at the start $load_start, before plan 1 $load_builtin, at the end $load_end"
echo "data: $PRODUCTS (+ $CWL_PRODUCTS) FITS files, int16 $image sky maps, $stored_mb MB for the built-in action;"\
  "both replicas $(calc %.1f "$replicas_before / 1e6") MB before, $(calc %.1f "$replicas_after / 1e6") MB after"
echo "(MB = 10^6 bytes; wall = execute call to FINISHED; MB/s = bytes before / wall; archive CPU ="
echo " JVM + waited-for children over the wall time; other = the rest of the machine, cores)"
printf '%-34s %8s %8s %8s %6s %8s %8s %8s %8s %6s %6s %7s\n' "case" "products" "MB" "MB after" \
  "ratio" "wall s" "prod/s" "MB/s" "CPU s" "cores" "other" "vs fpk"
printf '%-34s %8s %8s %8s %6s %8s %8s %8s %8s %6s %6s %7s\n' "fpack -r, 1 core, warm cache" \
  "$PRODUCTS" "$stored_mb" "$(calc %.1f "$fpack_out / 1e6")" "$fpack_ratio" "$fpack_s" "$fpack_pps" \
  "$fpack_rate" "$fpack_s" "1.00" "" "100 %"
printf '%-34s %8s %8s %8s %6s %8s %8s %8s %8s %6s %6s %7s\n' "funpack of fpack's output, 1 core" \
  "$PRODUCTS" "$stored_mb" "" "" "$funpack_s" "" "$funpack_rate" "$funpack_s" "1.00" "" ""
printf '%-34s %8s %8s %8s %6s %8s %8s %8s %8s %6s %6s %7s\n' "sha512sum, 1 core, warm cache" \
  "$PRODUCTS" "$stored_mb" "" "" "$sha_s" "" "$sha_rate" "$sha_s" "1.00" "" ""
printf '%-34s %8s %8s %8s %6s %8s %8s %8s %8s %6s %6s %5s %%\n' "archive, fits-tile-compress" \
  "$b_products" "$b_mb" "$b_mb_after" "$b_ratio" "$b_wall" "$b_pps" "$b_rate" "$b_cpu" "$b_cores" \
  "$b_other" "$(calc %.0f "100 * $b_rate / $fpack_rate")"
if [ "$CWL" = 1 ]; then
  printf '%-34s %8s %8s %8s %6s %8s %8s %8s %8s %6s %6s %5s %%\n' "archive, cwl (cwltool + fpack)" \
    "$c_products" "$c_mb" "$c_mb_after" "$c_ratio" "$c_wall" "$c_pps" "$c_rate" "$c_cpu" "$c_cores" \
    "$c_other" "$(calc %.0f "100 * $c_rate / $fpack_rate")"
fi
echo "preview estimate vs measured wall time: fits-tile-compress $b_est s vs $b_wall s" \
  "($(calc %+.0f "100 * ($b_est - $b_wall) / $b_wall") %)$([ "$CWL" = 1 ] && echo "; cwl $c_est s vs $c_wall s ($(calc %+.0f "100 * ($c_est - $c_wall) / $c_wall") %)")"
echo "the plans' own figures: fits-tile-compress progress.megabytesPerSecond $b_reported," \
  "workMillis $b_work s (plan $b_id)$([ "$CWL" = 1 ] && echo "; cwl $c_reported MB/s, workMillis $c_work s (plan $c_id)")"
echo "checks: every product migrated, none failed; version 1 served byte-identical after the" \
  "migration; the head (v2) is a tile-compressed HDU with the same pixels and cards"
