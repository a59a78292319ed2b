#!/usr/bin/env sh
# Prints the bulk-path table for the README's performance section.
#   provider-benchmarks/run.sh [rows=1000000] [runs=3] [postgres|mysql|clickhouse]
# (clickhouse: only ClickHouse, at -Dch.host/-Dch.port via JAVA_TOOL_OPTIONS, else the loopback shim, started here)
# Needs the local PostgreSQL and MySQL/MariaDB servers, psql and mysql on the PATH, and ~2 GB of heap.
set -eu
cd "$(dirname "$0")/.."
# Package within the reactor (never install: the local repository may hold other branches' snapshots).
mvn -B -q -Dstyle.color=never -DskipTests package dependency:build-classpath -pl provider-benchmarks -am \
  -Dmdep.outputFile=target/classpath.txt
classpath=$(cat provider-benchmarks/target/classpath.txt)
if [ "${3:-}" = clickhouse ]; then
  provider-clickhouse/src/test/clickhouse/start.sh >&2
fi
exec java -Xmx3g --add-opens=java.base/java.nio=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "provider-benchmarks/target/classes:$classpath" io.datastores.benchmarks.providers.BenchmarkBulkPaths "$@"
