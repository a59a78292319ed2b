#!/usr/bin/env bash
# Builds the benchmarks, loads the lineitem table into the local PostgreSQL and MariaDB, runs every
# scenario (each contender in its own forked JVM through JMH) and prints one table. See README.md.
#
#   benchmarks/run.sh [--rows 1000000|5000000] [--iterations 3] [--warmup 1] [--jdbc-warmup 0]
#                      [--only PostgresToDuckDb] [--methods sdk,limit]
#
# Needs: PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth), MariaDB/MySQL at 127.0.0.1:3306
# (root, empty password), the psql and mysql clients, and /usr/bin/time (installed if missing).
# Creates the database datastores_bench ($BENCH_DB) on both servers, and on the ClickHouse at $BENCH_CLICKHOUSE
# (host:port; else the loopback chDB shim, started by provider-clickhouse/src/test/clickhouse/start.sh), and
# drops it again on exit.
set -euo pipefail

ROWS=1000000
PASS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) ROWS="$2"; shift 2 ;;
    --iterations|--warmup|--jdbc-warmup|--only|--methods|--duckdb-baseline-rows) PASS+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ "$ROWS" =~ ^[0-9]+$ && "$ROWS" -gt 0 ]] || { echo "run.sh: --rows must be a positive integer" >&2; exit 2; }

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
DATA="$HERE/target/bench-data"
# $BENCH_DB names the database on every server, so two runs on one machine keep apart.
DB="${BENCH_DB:-datastores_bench}"
export BENCH_DB="$DB"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U postgres)
MYSQL=(mysql -h 127.0.0.1 -P 3306 -u root)

die() { echo "run.sh: $*" >&2; exit 1; }

# ---- tools and servers: fail loudly ----
if [[ ! -x /usr/bin/time ]]; then
  echo "run.sh: /usr/bin/time missing, installing the 'time' package" >&2
  if [[ $(id -u) -eq 0 ]]; then
    (apt-get install -y -q time >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q time >/dev/null; }) \
      || die "could not install 'time'"
  else
    die "/usr/bin/time is missing: install the 'time' package"
  fi
fi
for tool in psql mysql java mvn; do
  command -v "$tool" >/dev/null || die "'$tool' is not on PATH"
done
"${PSQL[@]}" -d postgres -c 'SELECT 1' >/dev/null 2>&1 \
  || die "PostgreSQL is not reachable at 127.0.0.1:5432 as user postgres"
"${MYSQL[@]}" -e 'SELECT 1' >/dev/null 2>&1 \
  || die "MariaDB/MySQL is not reachable at 127.0.0.1:3306 as root with an empty password"

# ClickHouse target: $BENCH_CLICKHOUSE (host:port of an HTTP interface), else the loopback chDB shim.
if [[ -z "${BENCH_CLICKHOUSE:-}" ]]; then
  "$ROOT/provider-clickhouse/src/test/clickhouse/start.sh" >&2 || die "could not start the loopback ClickHouse"
fi
CH_URL="http://${BENCH_CLICKHOUSE:-127.0.0.1:18123}/"
clickhouse() { curl -fsS "$CH_URL" --data-binary "$1" >/dev/null; }

cleanup() {
  clickhouse "DROP DATABASE IF EXISTS $DB" || echo "run.sh: could not drop ClickHouse database $DB" >&2
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || echo "run.sh: could not drop PostgreSQL database $DB" >&2
  "${MYSQL[@]}" -e "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || echo "run.sh: could not drop MariaDB database $DB" >&2
  rm -rf "$DATA/scratch" "$DATA"/*.duckdb "$DATA"/*.duckdb.wal "$DATA/lineitem.bin" "$DATA/lineitem.csv"
}
trap cleanup EXIT

# ---- build through the reactor: siblings come from this tree, never from ~/.m2 ----
echo "run.sh: building (mvn -B -q -DskipTests package -pl benchmarks -am)" >&2
(cd "$ROOT" && mvn -B -q -DskipTests package -pl benchmarks -am)

# ---- data: deterministic lineitem rows from generate_series ----
mkdir -p "$DATA/logs"
rm -f "$DATA"/*.duckdb "$DATA"/*.duckdb.wal
# shellcheck source=lineitem.sh
source "$ROOT/benchmarks/lineitem.sh"
started=$(date +%s)
echo "run.sh: loading $ROWS rows into PostgreSQL $DB.bench.lineitem" >&2
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
"${PSQL[@]}" -d "$DB" <<SQL
$(lineitem_sql "$ROWS")
\copy bench.lineitem TO '$DATA/lineitem.bin' (FORMAT binary)
\copy bench.lineitem TO '$DATA/lineitem.csv' (FORMAT csv)
SQL
echo "run.sh: loading the same rows into MariaDB $DB.lineitem" >&2
"${MYSQL[@]}" --local-infile=1 <<SQL
DROP DATABASE IF EXISTS $DB;
CREATE DATABASE $DB;
USE $DB;
CREATE TABLE lineitem ($COLUMNS_DDL);
LOAD DATA LOCAL INFILE '$DATA/lineitem.csv' INTO TABLE lineitem
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' LINES TERMINATED BY '\n';
SQL
loaded=$("${MYSQL[@]}" -N -B -e "SELECT count(*) FROM $DB.lineitem")
[[ "$loaded" == "$ROWS" ]] || die "MariaDB holds $loaded rows, expected $ROWS"
clickhouse "DROP DATABASE IF EXISTS $DB"
clickhouse "CREATE DATABASE $DB"
echo "run.sh: data loaded in $(( $(date +%s) - started )) s" >&2

# ---- run ----
# As bin/datastores does: a fixed glibc mmap threshold, so Arrow buffers go back to the kernel when
# freed and peak RSS follows the memory in flight, not the rows moved (README: "Memory").
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-131072}"
CP="$HERE/target/classes:$(cat "$HERE/target/classpath.txt")"
OUT="$DATA/logs/run-$(date -u +%Y%m%dT%H%M%SZ)-${ROWS}.txt"
set +e
java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx256m -cp "$CP" io.datastores.benchmarks.RunScenarios \
  --rows "$ROWS" --dir "$DATA" ${PASS[@]+"${PASS[@]}"} | tee "$OUT"
status=${PIPESTATUS[0]}
set -e
echo "run.sh: table saved to $OUT; per-benchmark JMH logs in $DATA/logs" >&2
exit "$status"
