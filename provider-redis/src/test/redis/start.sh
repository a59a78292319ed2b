#!/usr/bin/env bash
# Starts the local redis-server (Debian 12 package redis-server, 7.0.x; installed with apt when missing and
# run as root) for the Redis tests unless something already answers on 127.0.0.1:6379; idempotent. The command is the machine's own start command: no
# persistence, loopback only. Without redis-server installed it says so and starts nothing (the tests then
# skip, loudly; under CI=true they fail, and so does this script).
set -euo pipefail
if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  exit 0
fi
if ! command -v redis-server >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  # Debian 12's package (7.0.x); it creates /var/lib/redis and /var/log/redis used below.
  (apt-get install -y -q redis-server >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get install -y -q redis-server >/dev/null; }) || true
fi
if ! command -v redis-server >/dev/null 2>&1; then
  echo "redis-server is not installed (apt-get install redis-server, as root); the Redis tests will skip" >&2
  [ "${CI:-}" = "true" ] && exit 1
  exit 0
fi
redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
for _ in $(seq 1 60); do
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && exit 0
  sleep 0.5
done
echo "redis-server did not answer on 127.0.0.1:6379; see /var/log/redis/ci.log" >&2
exit 1
