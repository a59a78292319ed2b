#!/usr/bin/env bash
# The issue's Neo4j benchmark (not a test): loads N deterministic lineitem rows (benchmarks/lineitem.sh, the rows
# every benchmark measures) into the local PostgreSQL, then runs BenchmarkNeo4jBulk on the in-process Neo4j of
# the tests: PostgreSQL -> Neo4j nodes, the SDK's upsert copy beside a hand-written UNWIND ... MERGE loop.
#   provider-neo4j/bench.sh [--rows 100000] [--iterations 3]
# Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust) and psql. MAVEN_ARGS passes e.g.
# -Dmaven.repo.local=... to Maven; install the reactor first (mvn -DskipTests install).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../benchmarks/lineitem.sh
source "$(dirname "$HERE")/benchmarks/lineitem.sh"
lineitem_bench "$HERE" datastores_neo4j_bench 100000 "--add-opens=java.base/java.nio=ALL-UNNAMED -Xmx2g" io.datastores.neo4j.BenchmarkNeo4jBulk "$@"
