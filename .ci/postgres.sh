#!/usr/bin/env bash
# Installs (if needed) and starts a local PostgreSQL with a database for the scale-out tests, and
# prints the environment the tests read. Debian's postgresql package; run as root.
set -euo pipefail
if ! command -v pg_lsclusters > /dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql > /dev/null
fi
version=$(pg_lsclusters -h | awk 'NR==1 {print $1}')
if [ -z "$version" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_createcluster "$version" main > /dev/null
fi
pg_ctlcluster "$version" main start > /dev/null 2>&1 || true
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 1
done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='archive'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE archive LOGIN PASSWORD 'archive'\""
su postgres -c "psql -qc 'DROP DATABASE IF EXISTS archive_test'"
su postgres -c "psql -qc 'CREATE DATABASE archive_test OWNER archive'"
port=$(pg_lsclusters -h | awk 'NR==1 {print $3}')
echo "ARCHIVE_TEST_POSTGRES_URL=jdbc:postgresql://localhost:$port/archive_test"
