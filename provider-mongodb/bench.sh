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
# shellcheck source=../benchmarks/lineitem.sh
source "$(dirname "$HERE")/benchmarks/lineitem.sh"
lineitem_bench "$HERE" datastores_mongo_bench 1000000 "--add-opens=java.base/java.nio=ALL-UNNAMED -Xmx6g" io.datastores.mongodb.BenchmarkMongoBulk "$@"
