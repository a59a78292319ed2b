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
