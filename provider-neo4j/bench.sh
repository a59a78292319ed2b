#!/usr/bin/env bash
# The issue's Neo4j benchmark (not a test): loads N deterministic lineitem rows (benchmarks/lineitem.sh, the rows
# every benchmark measures) into the local PostgreSQL, then runs BenchmarkNeo4jBulk on the in-process Neo4j of
# the tests: PostgreSQL -> Neo4j nodes, the SDK's upsert copy beside a hand-written UNWIND ... MERGE loop.
#   provider-neo4j/bench.sh [--rows 100000] [--iterations 3]
# Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust) and psql. MAVEN_ARGS passes e.g.
# -Dmaven.repo.local=... to Maven; install the reactor first (mvn -DskipTests install).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
# shellcheck source=../benchmarks/lineitem.sh
source "$ROOT/benchmarks/lineitem.sh"
ROWS=100000 ITERATIONS=3
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS="$2"; shift 2 ;;
    --iterations) ITERATIONS="$2"; shift 2 ;;
    *) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
DB="${BENCH_DB:-datastores_neo4j_bench}"
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
java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx2g -cp "target/test-classes:target/classes:$(cat "$SCRATCH/cp")" \
  io.datastores.neo4j.BenchmarkNeo4jBulk 127.0.0.1 5432 postgres "$DB" "$ROWS" "$ITERATIONS" 2> "${BENCH_LOG:-$SCRATCH/bench.log}" \
  || { tail -40 "${BENCH_LOG:-$SCRATCH/bench.log}" >&2; exit 1; }
true
