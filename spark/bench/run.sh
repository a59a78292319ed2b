#!/usr/bin/env bash
# The Spark connector benchmark (not a test): loads N lineitem rows into the local PostgreSQL (the same
# deterministic rows benchmarks/run.sh makes), then copies them PostgreSQL -> Parquet and PostgreSQL -> DuckDB
# through format("datastores") and through Spark's JDBC source at the same parallelism, and prints a table.
# Usage: spark/bench/run.sh [--rows N] [--parallelism P] [--iterations K]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
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
CREATE SCHEMA bench;
CREATE TABLE bench.lineitem (l_orderkey BIGINT, l_partkey BIGINT, l_suppkey BIGINT, l_linenumber INTEGER,
  l_quantity DECIMAL(15,2), l_extendedprice DECIMAL(15,2), l_discount DECIMAL(15,2), l_tax DECIMAL(15,2),
  l_returnflag CHAR(1), l_linestatus CHAR(1), l_shipdate DATE, l_commitdate DATE, l_receiptdate DATE,
  l_shipinstruct VARCHAR(25), l_shipmode VARCHAR(10), l_comment VARCHAR(44));
INSERT INTO bench.lineitem
SELECT i / 4 + 1, (i * 7919) % 200000 + 1, (i * 104729) % 10000 + 1, i % 4 + 1,
       i % 50 + 1, round(((i * 31) % 10000000) / 100.0 + 900, 2), (i % 11) / 100.0, (i % 9) / 100.0,
       (ARRAY['A','N','R'])[i % 3 + 1], (ARRAY['F','O'])[i % 2 + 1],
       DATE '1992-01-01' + (i % 2526)::int, DATE '1992-01-31' + (i % 2526)::int, DATE '1992-01-02' + (i % 2526 + i % 30)::int,
       (ARRAY['DELIVER IN PERSON','COLLECT COD','NONE','TAKE BACK RETURN'])[i % 4 + 1],
       (ARRAY['REG AIR','AIR','RAIL','SHIP','TRUCK','MAIL','FOB'])[i % 7 + 1],
       left(md5(i::text) || md5((i + 1)::text), (10 + i % 34)::int)
FROM generate_series(0::bigint, $ROWS - 1) AS i;
ANALYZE bench.lineitem;
SQL
cat > "$SCRATCH/datastores.yaml" <<YAML
datastores:
  pg: {type: postgres, connection: {host: 127.0.0.1, port: 5432, user: postgres, password: '', database: $DB, max_pool_size: $((PARALLELISM + 2))}}
  duck: {type: duckdb, connection: {database: '$SCRATCH/target.duckdb'}}
YAML
java -Xmx2g --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$ROOT/spark/target/test-classes:$ROOT/spark/target/classes:$(cat "$SCRATCH/cp")" \
  io.datastores.spark.BenchmarkSparkCopies "$SCRATCH/datastores.yaml" \
  "jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres" "$ROWS" "$PARALLELISM" "$ITERATIONS" "$SCRATCH" \
  2> "$SCRATCH/bench.log" || { tail -50 "$SCRATCH/bench.log" >&2; exit 1; }
