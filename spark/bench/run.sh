#!/usr/bin/env bash
# The Spark connector benchmark (not a test): loads N lineitem rows into the local PostgreSQL (the same
# deterministic rows benchmarks/run.sh makes), then copies them PostgreSQL -> Parquet and PostgreSQL -> DuckDB
# through format("datastores") and through Spark's JDBC source at the same parallelism, and prints a table.
# It also times each read alone (Spark's noop sink) and each write alone (from a cached DataFrame).
# Usage: spark/bench/run.sh [--rows N] [--parallelism P] [--iterations K]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source=../../benchmarks/lineitem.sh
source "$ROOT/benchmarks/lineitem.sh"
ROWS=1000000 PARALLELISM=2 ITERATIONS=3
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS="$2"; shift 2 ;;
    --parallelism) PARALLELISM="$2"; shift 2 ;;
    --iterations) ITERATIONS="$2"; shift 2 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
DB=datastores_spark_bench
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres)
SCRATCH="$(mktemp -d)"
cleanup() {
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || echo "run.sh: could not drop $DB" >&2
  rm -rf "$SCRATCH"
}
trap cleanup EXIT
MVN=(mvn -B -q -ntp ${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO})
(cd "$ROOT" && "${MVN[@]}" -DskipTests install -pl spark -am)
(cd "$ROOT/spark" && "${MVN[@]}" test-compile dependency:build-classpath -Dmdep.outputFile="$SCRATCH/cp" -Dmdep.includeScope=test)

echo "run.sh: loading $ROWS rows into PostgreSQL $DB.bench.lineitem" >&2
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
"${PSQL[@]}" -d "$DB" <<SQL
$(lineitem_sql "$ROWS")
SQL
cat > "$SCRATCH/datastores.yaml" <<YAML
datastores:
  pg: {type: postgres, connection: {host: 127.0.0.1, port: 5432, user: postgres, password: '', database: $DB, max_pool_size: $((PARALLELISM + 2))}}
  duck: {type: duckdb, connection: {database: '$SCRATCH/target.duckdb'}}
YAML
java -Xmx2g ${BENCH_JAVA_OPTS:-} --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$ROOT/spark/target/test-classes:$ROOT/spark/target/classes:$(cat "$SCRATCH/cp")" \
  io.datastores.spark.BenchmarkSparkCopies "$SCRATCH/datastores.yaml" \
  "jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres" "$ROWS" "$PARALLELISM" "$ITERATIONS" "$SCRATCH" \
  2> "$SCRATCH/bench.log" || { tail -50 "$SCRATCH/bench.log" >&2; exit 1; }
