#!/usr/bin/env bash
# Prints the S3 table of provider-s3/README.md: PostgreSQL → S3 Parquet and S3 Parquet → DuckDB
# through datastores.copy, beside DuckDB's own COPY TO / read_parquet of the same rows on local disk.
#   provider-benchmarks/run-s3.sh [rows=1000000] [runs=3]
# Needs the local PostgreSQL (127.0.0.1:5432, user postgres, database test). Starts S3Proxy (objects in a
# temporary folder) in a JVM of its own on a free loopback port and stops it on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Dstyle.color=never -DskipTests package dependency:build-classpath -pl provider-benchmarks -am \
  -Dmdep.outputFile=target/classpath.txt
classpath="provider-benchmarks/target/classes:$(cat provider-benchmarks/target/classpath.txt)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
objects=$(mktemp -d)
java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classpath" \
  io.datastores.benchmarks.providers.S3Server "$port" "$objects" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$objects"' EXIT
for _ in $(seq 100); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
java -Xmx1g --add-opens=java.base/java.nio=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Ds3.endpoint="http://127.0.0.1:$port" -cp "$classpath" io.datastores.benchmarks.providers.BenchmarkS3 "$@"
