#!/usr/bin/env bash
# The issue's Cassandra benchmark (not a test): loads N deterministic lineitem rows (benchmarks/lineitem.sh, the
# rows every benchmark measures) into the local PostgreSQL, then runs BenchmarkCassandraBulk on the in-process
# Cassandra node of the tests: PostgreSQL -> Cassandra and Cassandra -> DuckDB, the SDK's copy beside
# hand-written driver loops. Prints one table.
#   provider-cassandra/bench.sh [--rows 1000000] [--iterations 3]
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
DB="${BENCH_DB:-datastores_cassandra_bench}"
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
# The JVM flags are the module's surefire argLine (Cassandra's jvm17-server.options), with a larger heap.
flags=$(sed -n '/<argLine>/,/<\/argLine>/p' pom.xml | sed -e 's/<[^>]*>//g' -e 's/\${test.jvm.flags}/--add-opens=java.base\/java.nio=ALL-UNNAMED/' -e 's/-Xmx1g/-Xmx2g/' | tr -s ' \n' ' ')
java $flags -cp "target/test-classes:target/classes:$(cat "$SCRATCH/cp")" io.datastores.cassandra.BenchmarkCassandraBulk \
  127.0.0.1 5432 postgres "$DB" "$ROWS" "$ITERATIONS" "$SCRATCH" 2> "${BENCH_LOG:-$SCRATCH/bench.log}" \
  || { tail -40 "${BENCH_LOG:-$SCRATCH/bench.log}" >&2; exit 1; }
true
