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
# shellcheck source=../benchmarks/lineitem.sh
source "$(dirname "$HERE")/benchmarks/lineitem.sh"
# The JVM flags are the module's surefire argLine (Cassandra's jvm17-server.options), with a larger heap.
flags=$(sed -n '/<argLine>/,/<\/argLine>/p' "$HERE/pom.xml" | sed -e 's/<[^>]*>//g' \
  -e 's/\${test.jvm.flags}/--add-opens=java.base\/java.nio=ALL-UNNAMED/' -e 's/-Xmx1g/-Xmx2g/' | tr -s ' \n' ' ')
lineitem_bench "$HERE" datastores_cassandra_bench 1000000 "$flags" io.datastores.cassandra.BenchmarkCassandraBulk "$@"
