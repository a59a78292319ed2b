package io.datastores.benchmarks;

import java.util.List;

/** What {@link RunScenarios} measures: each copy scenario and the contenders timed in it. */
final class Scenarios {
    /** One timed way of doing a scenario's copy: a JMH benchmark method and its label in the table. */
    record Contender(String method, String label) {}

    /** A copy from one system to another, with its benchmark class and contenders. */
    record Scenario(String title, Class<?> type, String source, String target, List<Contender> contenders) {}

    private Scenarios() {}

    /** @return every scenario, in the order the table prints them */
    static List<Scenario> all() {
        Contender sdk = new Contender("sdk", "SDK datastores.copy");
        Contender psqlTo = new Contender("limitPsqlCopyTo", "limit: psql \\copy TO binary file");
        Contender psqlFrom = new Contender("limitPsqlCopyFrom", "limit: psql \\copy FROM binary file");
        Contender handPg = new Contender("handWritten", "baseline: ResultSet + addBatch (reWriteBatchedInserts)");
        Contender arrowPg =
                new Contender("arrowJdbc", "arrow-jdbc + JdbcParameterBinder addBatch (reWriteBatchedInserts)");
        Contender handMysql = new Contender("handWritten", "baseline: ResultSet + addBatch (rewriteBatchedStatements)");
        Contender arrowMysql =
                new Contender("arrowJdbc", "arrow-jdbc + JdbcParameterBinder addBatch (rewriteBatchedStatements)");
        return List.of(
                new Scenario(
                        "PostgreSQL → DuckDB",
                        BenchmarkPostgresToDuckDb.class,
                        "pg",
                        "duck_target",
                        List.of(
                                psqlTo,
                                new Contender("limitDuckDbReadCsv", "limit: DuckDB read_csv of the same rows"),
                                sdk,
                                new Contender("sdkParallel2", "SDK datastores.copy, parallelism 2"),
                                new Contender("arrowJdbc", "arrow-jdbc + DuckDB Arrow stream import"),
                                new Contender("handWritten", "baseline: ResultSet + addBatch"))),
                new Scenario(
                        "DuckDB → PostgreSQL",
                        BenchmarkDuckDbToPostgres.class,
                        "duck_source",
                        "pg",
                        List.of(psqlFrom, sdk, arrowPg, handPg)),
                new Scenario(
                        "PostgreSQL → MySQL",
                        BenchmarkPostgresToMysql.class,
                        "pg",
                        "mysql",
                        List.of(
                                psqlTo,
                                new Contender("limitMysqlLoadData", "limit: mysql LOAD DATA LOCAL INFILE (CSV)"),
                                sdk,
                                arrowMysql,
                                handMysql)),
                new Scenario(
                        "MySQL → PostgreSQL",
                        BenchmarkMysqlToPostgres.class,
                        "mysql",
                        "pg",
                        List.of(
                                new Contender("limitMysqlSelect", "limit: mysql --quick SELECT to file"),
                                psqlFrom,
                                sdk,
                                arrowPg,
                                handPg)),
                new Scenario(
                        "PostgreSQL → ClickHouse (chDB behind the test shim)",
                        BenchmarkPostgresToClickHouse.class,
                        "pg",
                        "ch",
                        List.of(
                                psqlTo,
                                sdk,
                                new Contender(
                                        "arrowJdbc", "arrow-jdbc + client-v2 insert, one streamed FORMAT ArrowStream"),
                                new Contender("handWritten", "baseline: ResultSet + clickhouse-jdbc addBatch"))),
                new Scenario(
                        "PostgreSQL → Redis",
                        BenchmarkPostgresToRedis.class,
                        "pg",
                        "cache",
                        List.of(sdk, new Contender("handWritten", "baseline: ResultSet + Jedis pipelined HSET"))),
                new Scenario(
                        "Redis → DuckDB",
                        BenchmarkRedisToDuckDb.class,
                        "cache",
                        "duck_target",
                        List.of(
                                sdk,
                                new Contender("handWritten", "baseline: SCAN + pipelined HGETALL + DuckDB appender"))),
                new Scenario(
                        "PostgreSQL → PostgreSQL",
                        BenchmarkPostgresToPostgres.class,
                        "pg",
                        "pg",
                        List.of(
                                psqlTo,
                                psqlFrom,
                                new Contender(
                                        "limitPsqlPipe",
                                        "limit: psql \\copy TO STDOUT piped into psql \\copy FROM STDIN (binary)"),
                                sdk,
                                arrowPg,
                                handPg)));
    }
}
