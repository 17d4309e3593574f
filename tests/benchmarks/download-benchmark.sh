#!/usr/bin/env bash
# Download benchmark: the rate at which the real archive (the uber-jar) serves a 1 GiB product file
# from GET /api/v1/products/{id}/files/{path}, next to this machine's static-file rate measured in
# the same run: Debian's nginx (nginx-light; installed with apt-get if missing) serving the same
# file (a hard link to the file the archive serves: same inode, same page cache) with a generated
# configuration (Debian's defaults for static files: sendfile, tcp_nopush), on a free port, run as
# the current user with its own pid and log files in the temporary directory.
#
#   bash tests/benchmarks/download-benchmark.sh
#
# The product is a FITS file (a primary image of random bytes) in a BagIt bag with a SIP manifest
# that releases it at once (embargoUntil 2000-01-01), so downloads need no token. The bag is
# generated while it is uploaded as a tar (POST /api/v1/deposits, curl -T -) rather than staged
# and deposited by path: a staged bag is copied by the archive, and this machine's disk has room
# for one copy of the file, not two. The deposit sends the archivist token the archive writes to
# <home>/keys/archivist.token when there is one.
#
# Each measured download is `curl -s -o /dev/null -w '%{size_download} %{time_total}'` over
# loopback, warm page cache (the file read once before, plus one unmeasured download from each);
# DOWNLOAD_BENCH_RUNS (default 5) downloads from each server, alternating, and the median rates are
# compared. "server" and "curl" are the CPU time of the serving process (the archive's JVM, nginx's
# worker) and of curl over the wall time of the download. Checks, not timed: the downloaded bytes'
# sha256 equals the deposited file's; a download resumed with Range (first half, then
# `Range: bytes=N-`) gives the same sha256, with 206 and the right Content-Range; the ETag is the
# sha256.
#
# Environment: DOWNLOAD_BENCH_MB (default 1024: MiB of the FITS data unit; the file is a little
# larger: one 2880-byte header block, the data padded to 2880-byte blocks), DOWNLOAD_BENCH_RUNS
# (5), DOWNLOAD_BENCH_REPLICAS (archive.storage.replicas; default r1=ocfl, one replica: downloads
# read the first replica, a second costs only disk and deposit time; r1=ocfl,r2=ocfl-r2 is the
# archive's default). DOWNLOAD_BENCH_BUILD=1 (default) builds first with
# `./mvnw -B -q -o install -DskipTests -DskipITs -Dspotless.check.skip=true` under
# `flock /tmp/build.lock`; 0 uses the existing war/target/dpps-archive-microbundle.jar.
# DOWNLOAD_BENCH_JFR=1 records the archive with JFR (profile settings) during the measured
# downloads into BENCH_DIR/server.jfr and keeps BENCH_DIR. BENCH_DIR (emptied first and kept;
# default: a new temporary directory, removed at the end unless DOWNLOAD_BENCH_KEEP=1). Disk: the
# file once per replica, plus a copy of the jar and Payara Micro's unpacked runtime (about 400 MB).
# The data generation runs under `nice`; the servers and the downloads do not. MB = 10^6 bytes.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA_MIB=${DOWNLOAD_BENCH_MB:-1024}
RUNS=${DOWNLOAD_BENCH_RUNS:-5}
REPLICAS=${DOWNLOAD_BENCH_REPLICAS:-r1=ocfl}
JFR=${DOWNLOAD_BENCH_JFR:-0}
BUILD=${DOWNLOAD_BENCH_BUILD:-1}
JAR=war/target/dpps-archive-microbundle.jar
COMMAND="DOWNLOAD_BENCH_MB=$DATA_MIB DOWNLOAD_BENCH_RUNS=$RUNS DOWNLOAD_BENCH_REPLICAS=$REPLICAS bash tests/benchmarks/download-benchmark.sh"

KEEP=${DOWNLOAD_BENCH_KEEP:-0}
[ "$JFR" = 1 ] && KEEP=1
if [ -n "${BENCH_DIR:-}" ]; then
  rm -rf "$BENCH_DIR"; mkdir -p "$BENCH_DIR"; BENCH_DIR=$(cd "$BENCH_DIR" && pwd); KEEP=1
else
  BENCH_DIR=$(mktemp -d "${TMPDIR:-/tmp}/download-benchmark.XXXXXX")
fi
HOME_DIR="$BENCH_DIR/archive-home"
NGINX_DIR="$BENCH_DIR/nginx"
LOG="$BENCH_DIR/server.log"
server_pid=""
nginx_pid=""
cleanup() {
  local status=$?
  stop_server
  if [ -n "$nginx_pid" ]; then
    kill "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -f "$LOG" ]; then
    echo "--- tail of $LOG" >&2; tail -40 "$LOG" >&2
  fi
  if [ "$KEEP" != 1 ]; then rm -rf "$BENCH_DIR"; else echo "kept $BENCH_DIR"; fi
}
trap cleanup EXIT

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
ticks() { # utime + stime of a process, in clock ticks
  awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}

free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "download-benchmark: no free port found" >&2; exit 1
}

stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}

# ---------------------------------------------------------------------------- prerequisites
NGINX=$(command -v nginx || true)
if [ -z "$NGINX" ] && [ -x /usr/sbin/nginx ]; then NGINX=/usr/sbin/nginx; fi
if [ -z "$NGINX" ]; then
  echo "== installing nginx-light (apt-get)"
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd=sudo
  $sudo_cmd apt-get install -y nginx-light > /dev/null || {
    $sudo_cmd apt-get update > /dev/null && $sudo_cmd apt-get install -y nginx-light > /dev/null
  }
  NGINX=/usr/sbin/nginx
fi
if [ "$BUILD" = 1 ]; then
  echo "== building (flock /tmp/build.lock ./mvnw -B -q -o install -DskipTests -DskipITs ...)"
  flock /tmp/build.lock ./mvnw -B -q -o install -DskipTests -DskipITs -Dspotless.check.skip=true
fi
[ -f "$JAR" ] || { echo "download-benchmark: no archive bundle at $JAR; build it first" >&2; exit 1; }
# the file once per replica, the jar's copy and Payara Micro's unpacked runtime (about 400 MB)
copies=$(tr ',' '\n' <<<"$REPLICAS" | grep -c .)
need_kb=$((DATA_MIB * 1024 * copies + 500 * 1024))
free_kb=$(df -Pk "$BENCH_DIR" | awk 'NR == 2 { print $4 }')
[ "$free_kb" -gt "$need_kb" ] || {
  echo "download-benchmark: $((free_kb / 1024)) MiB free in $BENCH_DIR," \
    "need $((need_kb / 1024)) MiB" >&2
  exit 1
}
# a private copy (under the build lock): a build by someone else during the run changes nothing
flock /tmp/build.lock cp -p "$JAR" "$BENCH_DIR/archive.jar"

# ---------------------------------------------------------------------------- archive
PORT=$(free_port)
URL="http://localhost:$PORT"
echo "== starting the archive (port $PORT; replicas $REPLICAS)"
ARCHIVE_HOME="$HOME_DIR" java -Xmx2g -Darchive.home="$HOME_DIR" \
  -Darchive.audit.scheduler.enabled=false -Darchive.storage.replicas="$REPLICAS" \
  -jar "$BENCH_DIR/archive.jar" --port "$PORT" --nocluster >> "$LOG" 2>&1 &
server_pid=$!
for _ in $(seq 1 240); do
  curl -sf "$URL/health/ready" > /dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { echo "the archive exited" >&2; exit 1; }
  sleep 0.5
done
curl -sf "$URL/health/ready" > /dev/null || { echo "the archive was not ready within 120 s" >&2; exit 1; }
auth=()
[ -f "$HOME_DIR/keys/archivist.token" ] \
  && auth=(-H "Authorization: Bearer $(cat "$HOME_DIR/keys/archivist.token")")

# ---------------------------------------------------------------------------- data, deposit
# The bag is generated as it is uploaded (a tar on curl's standard input): the FITS file (one
# header block: SIMPLE, BITPIX=8, NAXIS=1, NAXIS1, OBJECT; a data unit of random bytes padded to
# 2880-byte blocks), then bagit.txt, manifest-sha512.txt (digest computed while streaming) and
# metadata/sip.json releasing the product at once. The only copy on disk is the archive's.
NAME=download-benchmark.fits
naxis1=$(( (DATA_MIB * 1048576 / 2880) * 2880 ))
echo "== depositing a FITS file of $((naxis1 + 2880)) bytes (a bag streamed as a tar upload)"
t0=$(now)
nice -n 10 python3 - "$naxis1" "$NAME" "$BENCH_DIR/digests" <<'PY' \
  | curl -s -D "$BENCH_DIR/deposit.headers" -o /dev/null -X POST "${auth[@]}" \
    -H 'Content-Type: application/x-tar' -T - "$URL/api/v1/deposits"
import hashlib, io, os, sys, tarfile, time

naxis1, name, digests = int(sys.argv[1]), sys.argv[2], sys.argv[3]

def card(key, value, comment=""):
    text = f"{key:<8}= {value:>20}" + (f" / {comment}" if comment else "")
    return f"{text:<80}".encode("ascii")

header = b"".join([
    card("SIMPLE", "T", "conforms to FITS standard"), card("BITPIX", "8", "bytes"),
    card("NAXIS", "1"), card("NAXIS1", str(naxis1)),
    "OBJECT  = 'download benchmark'".ljust(80).encode("ascii"), b"END".ljust(80)])
header += b" " * (2880 - len(header))
padding = (-naxis1) % 2880

class Fits:
    """The FITS file's bytes, random data drawn as they are read; digests on the way."""
    def __init__(self):
        self.size = len(header) + naxis1 + padding
        self.pos = 0
        self.sha512, self.sha256 = hashlib.sha512(), hashlib.sha256()
    def read(self, n=-1):
        n = self.size - self.pos if n < 0 else min(n, self.size - self.pos)
        out = bytearray()
        while len(out) < n:
            want = n - len(out)
            if self.pos < len(header):
                take = header[self.pos:self.pos + want]
            elif self.pos < len(header) + naxis1:
                take = os.urandom(min(want, len(header) + naxis1 - self.pos))
            else:
                take = bytes(want)
            out += take
            self.pos += len(take)
        self.sha512.update(out)
        self.sha256.update(out)
        return bytes(out)

def add(tar, path, data, fileobj=None):
    info = tarfile.TarInfo(path)
    info.size = len(data) if fileobj is None else data
    info.mtime = int(time.time())
    tar.addfile(info, io.BytesIO(data) if fileobj is None else fileobj)

fits = Fits()
with tarfile.open(fileobj=sys.stdout.buffer, mode="w|", format=tarfile.PAX_FORMAT) as tar:
    tar.copybufsize = 1 << 20
    add(tar, f"data/{name}", fits.size, fits)
    add(tar, "bagit.txt", b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
    add(tar, "manifest-sha512.txt", f"{fits.sha512.hexdigest()}  data/{name}\n".encode())
    add(tar, "metadata/sip.json", b'{"pipeline": {"name": "download-benchmark"},'
        b' "embargoUntil": "2000-01-01T00:00:00Z",'
        b' "description": "FITS image of random bytes for tests/benchmarks/download-benchmark.sh"}')
with open(digests, "w") as out:
    out.write(f"{fits.sha256.hexdigest()} {fits.size}\n")
PY
read -r sha256 bytes < "$BENCH_DIR/digests"
location=$(tr -d '\r' < "$BENCH_DIR/deposit.headers" | awk 'tolower($1) == "location:" { print $2 }')
[ -n "$location" ] || { echo "the deposit was refused: $(cat "$BENCH_DIR/deposit.headers")" >&2; exit 1; }
case $location in http*) ;; *) location="$URL$location" ;; esac
state=""
while [ "$state" != ARCHIVED ] && [ "$state" != REJECTED ]; do
  sleep 0.5
  deposit=$(curl -s "${auth[@]}" "$location")
  state=$(sed -nE 's/.*"state":"([A-Z]+)".*/\1/p' <<<"$deposit")
done
t1=$(now)
[ "$state" = ARCHIVED ] || { echo "deposit rejected: $deposit" >&2; exit 1; }
product=$(sed -nE 's/.*"productId":"([^"]+)".*/\1/p' <<<"$deposit")
echo "archived as product $product in $(calc %.1f "$t1 - $t0") s"
described=$(curl -sf "$URL/api/v1/products/$product")
href=$(sed -nE 's/.*"href":"(\/api\/v1\/products\/[^"]+\/files\/[^"?]+)".*/\1/p' <<<"$described")
[ -n "$href" ] || { echo "no file link in the product description: $described" >&2; exit 1; }
ARCHIVE_URL="$URL$href"
stored=$(find "$HOME_DIR/ocfl" -type f -name "$NAME")
[ "$(stat -c %s "$stored")" = "$bytes" ] || { echo "stored file $stored is not $bytes bytes" >&2; exit 1; }

# ---------------------------------------------------------------------------- nginx
# the same bytes for nginx: a hard link to the file the archive serves (same inode, same cache)
mkdir -p "$NGINX_DIR/www" "$NGINX_DIR/tmp"
ln "$stored" "$NGINX_DIR/www/$NAME"
NGINX_PORT=$(free_port)
user_line=""; [ "$(id -u)" = 0 ] && user_line="user root;" # else workers would run as www-data
cat > "$NGINX_DIR/nginx.conf" <<EOF
worker_processes 1;
$user_line
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log;
events { worker_connections 64; }
http {
  access_log $NGINX_DIR/access.log;
  client_body_temp_path $NGINX_DIR/tmp/body;
  proxy_temp_path $NGINX_DIR/tmp/proxy;
  fastcgi_temp_path $NGINX_DIR/tmp/fastcgi;
  uwsgi_temp_path $NGINX_DIR/tmp/uwsgi;
  scgi_temp_path $NGINX_DIR/tmp/scgi;
  sendfile on;
  tcp_nopush on;
  types { application/fits fits; }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $NGINX_DIR/www;
  }
}
EOF
"$NGINX" -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -e "$NGINX_DIR/error.log" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 1 50); do
  curl -sf -o /dev/null -r 0-0 "http://127.0.0.1:$NGINX_PORT/$NAME" && break
  sleep 0.1
done
NGINX_URL="http://127.0.0.1:$NGINX_PORT/$NAME"
nginx_worker=$(pgrep -P "$nginx_pid" | head -1) # worker_processes 1: the process that serves
[ -n "$nginx_worker" ] || { echo "nginx did not start: $(cat "$NGINX_DIR/error.log")" >&2; exit 1; }

# ---------------------------------------------------------------------------- checks (not timed)
echo "== checks: sha256 of a download, a resumed download, ETag"
[ "$(curl -s "$ARCHIVE_URL" | sha256sum | cut -d' ' -f1)" = "$sha256" ] \
  || { echo "the archive's download differs from the deposited file" >&2; exit 1; }
[ "$(curl -s "$NGINX_URL" | sha256sum | cut -d' ' -f1)" = "$sha256" ] \
  || { echo "nginx's download differs from the deposited file" >&2; exit 1; }
half=$((bytes / 2))
resumed=$( { curl -s -r "0-$((half - 1))" "$ARCHIVE_URL"
  curl -s -D "$BENCH_DIR/resume.headers" -H "Range: bytes=$half-" "$ARCHIVE_URL"; } \
  | sha256sum | cut -d' ' -f1)
resume_status=$(head -1 "$BENCH_DIR/resume.headers" | tr -d '\r' | awk '{ print $2 }')
resume_range=$(tr -d '\r' < "$BENCH_DIR/resume.headers" | awk 'tolower($1) == "content-range:" { print $2, $3 }')
[ "$resumed" = "$sha256" ] && [ "$resume_status" = 206 ] \
  && [ "$resume_range" = "bytes $half-$((bytes - 1))/$bytes" ] \
  || { echo "resumed download: sha256 $resumed, status $resume_status, range '$resume_range'" >&2; exit 1; }
etag=$(curl -s -D - -o /dev/null -r 0-0 "$ARCHIVE_URL" | tr -d '\r' \
  | awk 'tolower($1) == "etag:" { gsub(/"/, "", $2); print $2 }')
[ "$etag" = "$sha256" ] || { echo "ETag $etag is not the sha256 $sha256" >&2; exit 1; }

# ---------------------------------------------------------------------------- downloads
download() { # url pid: prints "MB/s seconds server-cores curl-cores"
  local out c0 c1 size seconds code user sys
  c0=$(ticks "$2")
  out=$( { TIMEFORMAT='%U %S'; time curl -s -o /dev/null \
    -w '%{size_download} %{time_total} %{http_code}' "$1"; } 2> "$BENCH_DIR/curl.time")
  c1=$(ticks "$2")
  read -r size seconds code <<<"$out"
  read -r user sys < "$BENCH_DIR/curl.time"
  [ "$code" = 200 ] && [ "$size" = "$bytes" ] \
    || { echo "download of $1: status $code, $size bytes" >&2; exit 1; }
  echo "$(calc %.1f "$size / 1e6 / $seconds") $seconds" \
    "$(calc %.2f "($c1 - $c0) / $(getconf CLK_TCK) / $seconds")" \
    "$(calc %.2f "($user + $sys) / $seconds")"
}
echo "== $RUNS downloads from each, alternating (after one unmeasured download of each)"
cat "$stored" "$NGINX_DIR/www/$NAME" > /dev/null
download "$ARCHIVE_URL" "$server_pid" > /dev/null
download "$NGINX_URL" "$nginx_worker" > /dev/null
: > "$BENCH_DIR/archive.runs"; : > "$BENCH_DIR/nginx.runs"
[ "$JFR" = 1 ] && jcmd "$server_pid" JFR.start name=downloads settings=profile > /dev/null
for i in $(seq 1 "$RUNS"); do
  download "$NGINX_URL" "$nginx_worker" >> "$BENCH_DIR/nginx.runs"
  download "$ARCHIVE_URL" "$server_pid" >> "$BENCH_DIR/archive.runs"
  echo "run $i: nginx $(tail -1 "$BENCH_DIR/nginx.runs" | cut -d' ' -f1) MB/s," \
    "archive $(tail -1 "$BENCH_DIR/archive.runs" | cut -d' ' -f1) MB/s"
done

[ "$JFR" = 1 ] && jcmd "$server_pid" JFR.stop name=downloads filename="$BENCH_DIR/server.jfr" > /dev/null

# ---------------------------------------------------------------------------- report
col() { awk -v c="$1" '{ print $c }' "$2"; }
a_med=$(col 1 "$BENCH_DIR/archive.runs" | median); n_med=$(col 1 "$BENCH_DIR/nginx.runs" | median)
a_best=$(col 1 "$BENCH_DIR/archive.runs" | sort -g | tail -1)
n_best=$(col 1 "$BENCH_DIR/nginx.runs" | sort -g | tail -1)
a_worst=$(col 1 "$BENCH_DIR/archive.runs" | sort -g | head -1)
n_worst=$(col 1 "$BENCH_DIR/nginx.runs" | sort -g | head -1)
a_cores=$(col 3 "$BENCH_DIR/archive.runs" | median); n_cores=$(col 3 "$BENCH_DIR/nginx.runs" | median)
a_curl=$(col 4 "$BENCH_DIR/archive.runs" | median); n_curl=$(col 4 "$BENCH_DIR/nginx.runs" | median)
ratio=$(calc %.0f "100 * $a_med / $n_med")
echo
echo "command: $COMMAND"
echo "server/driver/other = cores used meanwhile by the archive, the load driver, everything else;"
echo "ms CPU/req = the archive's CPU time per request"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
  "$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); $(date -u +%Y-%m-%dT%H:%MZ)"
echo "file: $bytes bytes (FITS, random data), sha256 $sha256; nginx $("$NGINX" -v 2>&1 | sed 's/.*\///')"
echo "(curl over loopback to /dev/null, warm page cache; MB = 10^6 bytes; median of $RUNS runs;"
echo " server/curl = CPU time of the serving process / of curl over the wall time of the download,"
echo " median; on loopback curl's share includes the kernel's receive copies)"
printf '%-46s %12s %9s %9s %7s %7s %7s\n' "server" "median MB/s" "best" "worst" "server" "curl" \
  "ratio"
printf '%-46s %12s %9s %9s %7s %7s %7s\n' "nginx (sendfile), static file" "$n_med" \
  "$n_best" "$n_worst" "$n_cores" "$n_curl" "100 %"
printf '%-46s %12s %9s %9s %7s %7s %5s %%\n' "archive GET /api/v1/products/{id}/files/{path}" \
  "$a_med" "$a_best" "$a_worst" "$a_cores" "$a_curl" "$ratio"
echo "archive download = $ratio % of nginx's static-file rate (target >= 80 %)"
echo "checks: sha256 of a full download and of a resumed one (bytes=0-$((half - 1)), then" \
  "bytes=$half-: 206, Content-Range bytes $half-$((bytes - 1))/$bytes) equal the deposited file's; ETag = sha256"
