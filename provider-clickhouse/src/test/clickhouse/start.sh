#!/usr/bin/env bash
# Starts a loopback ClickHouse for the tests unless one already answers: ClickHouse 26.7 as the in-process
# library chDB (npm @chdb/lib-linux-x64-gnu, installed into a cache folder on first use, ~170 MB) behind
# shim.py, a minimal HTTP interface, on 127.0.0.1:${CLICKHOUSE_SHIM_PORT:-18123}. Idempotent; returns when /ping says Ok.
# Nothing is started when the tests have another ClickHouse: DATASTORES_TEST_CLICKHOUSE_URL, or a server on 127.0.0.1:8123.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${CLICKHOUSE_SHIM_PORT:-18123}"
cache="${DATASTORES_CHDB_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/datastores/chdb}"
package="@chdb/lib-linux-x64-gnu@26.7.3-stable.1"
lib="$cache/node_modules/@chdb/lib-linux-x64-gnu/libchdb.so"

if [ -n "${DATASTORES_TEST_CLICKHOUSE_URL:-}" ]; then
  echo "The tests use DATASTORES_TEST_CLICKHOUSE_URL; nothing to start"
  exit 0
fi
for answering in 8123 "$port"; do
  if curl -fsS "http://127.0.0.1:$answering/ping" 2>/dev/null | grep -q '^Ok\.'; then
    echo "ClickHouse already answers on 127.0.0.1:$answering"
    exit 0
  fi
done
if [ ! -f "$lib" ]; then
  echo "Installing $package into $cache"
  mkdir -p "$cache"
  npm install --prefix "$cache" --ignore-scripts --no-audit --no-fund "$package" >/dev/null
fi
data="$cache/data-$port"
mkdir -p "$data"
nohup python3 "$here/shim.py" "$lib" "$port" "$data" >"$cache/shim-$port.log" 2>&1 &
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/ping" 2>/dev/null | grep -q '^Ok\.'; then
    echo "ClickHouse (chDB behind shim.py) answers on 127.0.0.1:$port; log: $cache/shim-$port.log"
    exit 0
  fi
  sleep 0.5
done
echo "The ClickHouse shim did not start on 127.0.0.1:$port; see $cache/shim-$port.log" >&2
exit 1
