# Sourced by the benchmark scripts: the deterministic lineitem rows every benchmark measures, made by
# PostgreSQL's generate_series, so that every script loads the very same rows.

# The 16 columns of TPC-H lineitem, as DDL both PostgreSQL and MariaDB accept.
COLUMNS_DDL="l_orderkey BIGINT, l_partkey BIGINT, l_suppkey BIGINT, l_linenumber INTEGER,
  l_quantity DECIMAL(15,2), l_extendedprice DECIMAL(15,2), l_discount DECIMAL(15,2), l_tax DECIMAL(15,2),
  l_returnflag CHAR(1), l_linestatus CHAR(1), l_shipdate DATE, l_commitdate DATE, l_receiptdate DATE,
  l_shipinstruct VARCHAR(25), l_shipmode VARCHAR(10), l_comment VARCHAR(44)"

# lineitem_sql ROWS: prints the PostgreSQL statements that create bench.lineitem with ROWS rows.
lineitem_sql() {
  cat <<SQL
CREATE SCHEMA bench;
CREATE TABLE bench.lineitem ($COLUMNS_DDL);
INSERT INTO bench.lineitem
SELECT i / 4 + 1, (i * 7919) % 200000 + 1, (i * 104729) % 10000 + 1, i % 4 + 1,
       i % 50 + 1, round(((i * 31) % 10000000) / 100.0 + 900, 2), (i % 11) / 100.0, (i % 9) / 100.0,
       (ARRAY['A','N','R'])[i % 3 + 1], (ARRAY['F','O'])[i % 2 + 1],
       DATE '1992-01-01' + (i % 2526)::int, DATE '1992-01-31' + (i % 2526)::int, DATE '1992-01-02' + (i % 2526 + i % 30)::int,
       (ARRAY['DELIVER IN PERSON','COLLECT COD','NONE','TAKE BACK RETURN'])[i % 4 + 1],
       (ARRAY['REG AIR','AIR','RAIL','SHIP','TRUCK','MAIL','FOB'])[i % 7 + 1],
       left(md5(i::text) || md5((i + 1)::text), (10 + i % 34)::int)
FROM generate_series(0::bigint, $1 - 1) AS i;
ANALYZE bench.lineitem;
SQL
}

# lineitem_bench MODULE_DIR DATABASE DEFAULT_ROWS "JVM_FLAGS" MAIN_CLASS [--rows N] [--iterations N]
# The provider benchmarks' common run: builds the module's test class path, loads N lineitem rows into a
# PostgreSQL database of their own (127.0.0.1:5432, user postgres; dropped afterwards), then runs
# MAIN_CLASS with: host port user database rows iterations scratch-dir. Its stderr goes to $BENCH_LOG (else
# a scratch file, whose tail is shown if it fails); the load average is printed before and after.
# MAVEN_ARGS passes e.g. -Dmaven.repo.local=... to Maven.
lineitem_bench() {
  local dir="$1" flags="$4" main="$5" rows="$3" iterations=3
  BENCH_DATABASE="${BENCH_DB:-$2}"
  shift 5
  while [ $# -gt 0 ]; do
    case "$1" in
      --rows) rows="$2"; shift 2 ;;
      --iterations) iterations="$2"; shift 2 ;;
      *) echo "bench.sh: unknown argument $1" >&2; return 2 ;;
    esac
  done
  BENCH_PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U postgres)
  BENCH_SCRATCH="$(mktemp -d)"
  trap lineitem_bench_cleanup EXIT
  cd "$dir"
  mvn -B -q -ntp ${MAVEN_ARGS:-} test-compile dependency:build-classpath \
    -Dmdep.outputFile="$BENCH_SCRATCH/cp" -Dmdep.includeScope=test
  echo "bench.sh: loading $rows lineitem rows into PostgreSQL $BENCH_DATABASE.bench.lineitem" >&2
  "${BENCH_PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DATABASE" -c "CREATE DATABASE $BENCH_DATABASE"
  lineitem_sql "$rows" | "${BENCH_PSQL[@]}" -d "$BENCH_DATABASE"
  local log="${BENCH_LOG:-$BENCH_SCRATCH/bench.log}"
  echo "bench.sh: load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs" >&2
  # shellcheck disable=SC2086 # the flags are words
  java $flags -cp "target/test-classes:target/classes:$(cat "$BENCH_SCRATCH/cp")" "$main" \
    127.0.0.1 5432 postgres "$BENCH_DATABASE" "$rows" "$iterations" "$BENCH_SCRATCH" 2> "$log" \
    || { tail -40 "$log" >&2; return 1; }
  echo "bench.sh: load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
}

lineitem_bench_cleanup() {
  "${BENCH_PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DATABASE" >/dev/null 2>&1 \
    || echo "bench.sh: could not drop $BENCH_DATABASE" >&2
  rm -rf "$BENCH_SCRATCH"
}
