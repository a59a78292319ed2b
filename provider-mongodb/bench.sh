#!/usr/bin/env bash
# The issue's MongoDB benchmark (not a test): loads N deterministic lineitem rows (benchmarks/lineitem.sh, the rows
# every benchmark measures) into the local PostgreSQL, then runs BenchmarkMongoBulk on the in-process
# mongo-java-server of the tests (memory backend, in the benchmark's JVM; not a mongod): PostgreSQL -> MongoDB and
# MongoDB -> DuckDB, the SDK's copy beside a hand-written loop with the same driver (insertMany batches / a find cursor
# into DuckDB's appender).
#   provider-mongodb/bench.sh [--rows 1000000] [--iterations 3]
# Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust) and psql. MAVEN_ARGS passes e.g.
# -Dmaven.repo.local=... to Maven; install the reactor first (mvn -DskipTests install).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
# shellcheck source=../benchmarks/lineitem.sh
source "$ROOT/benchmarks/lineitem.sh"
ROWS=1000000 ITERATIONS=3
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS="$2"; shift 2 ;;
    --iterations) ITERATIONS="$2"; shift 2 ;;
    *) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
DB="${BENCH_DB:-datastores_mongo_bench}"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U postgres)
SCRATCH="$(mktemp -d)"
cleanup() {
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || echo "bench.sh: could not drop $DB" >&2
  rm -rf "$SCRATCH"
}
trap cleanup EXIT
cd "$HERE"
mvn -B -q -ntp ${MAVEN_ARGS:-} test-compile dependency:build-classpath -Dmdep.outputFile="$SCRATCH/cp" -Dmdep.includeScope=test
echo "bench.sh: loading $ROWS lineitem rows into PostgreSQL $DB.bench.lineitem" >&2
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
"${PSQL[@]}" -d "$DB" <<SQL
$(lineitem_sql "$ROWS")
SQL
echo "bench.sh: load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs" >&2
java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx6g -cp "target/test-classes:target/classes:$(cat "$SCRATCH/cp")" \
  io.datastores.mongodb.BenchmarkMongoBulk 127.0.0.1 5432 postgres "$DB" "$ROWS" "$ITERATIONS" 2> "${BENCH_LOG:-$SCRATCH/bench.log}" \
  || { tail -40 "${BENCH_LOG:-$SCRATCH/bench.log}" >&2; exit 1; }
echo "bench.sh: load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
