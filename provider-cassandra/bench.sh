#!/usr/bin/env bash
# Runs BenchmarkCassandraBulk (not a test) on an in-process Cassandra: provider-cassandra/bench.sh [rows]
# Pass -Dmaven.repo.local=... through MAVEN_ARGS when using another local repository.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q ${MAVEN_ARGS:-} test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
# The JVM flags are the module's surefire argLine (Cassandra's jvm17-server.options).
flags=$(sed -n '/<argLine>/,/<\/argLine>/p' pom.xml | sed -e 's/<[^>]*>//g' -e 's/\${test.jvm.flags}/--add-opens=java.base\/java.nio=ALL-UNNAMED/' | tr -s ' \n' ' ')
exec java $flags -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.datastores.cassandra.BenchmarkCassandraBulk "${1:-100000}"
