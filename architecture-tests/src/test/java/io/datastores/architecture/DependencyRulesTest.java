package io.datastores.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rule of ARCHITECTURE.md, checked on the compiled main classes of every module. */
class DependencyRulesTest {
    private static final String[] PROVIDERS = {
        "io.datastores.duckdb..",
        "io.datastores.sqlite..",
        "io.datastores.postgres..",
        "io.datastores.mysql..",
        "io.datastores.starrocks..",
        "io.datastores.clickhouse..",
        "io.datastores.s3..",
        "io.datastores.sqlhttp..",
        "io.datastores.cassandra..",
        "io.datastores.neo4j..",
        "io.datastores.redis..",
        "io.datastores.mongodb.."
    };
    private static final String[] DRIVERS_AND_LIBRARIES = {
        "org.duckdb..",
        "org.sqlite..",
        "org.postgresql..",
        "com.mysql..",
        "com.clickhouse..",
        "com.datastax..",
        "org.neo4j..",
        "software.amazon..",
        "org.apache.parquet..",
        "com.zaxxer..",
        "org.yaml..",
        "redis.clients..",
        "com.mongodb..",
        "org.bson..",
        "java.sql.."
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Our modules arrive as jars (reactor or local repository); nothing else is scanned.
                .withImportOption(location -> !location.isJar() || location.contains("/datastores-"))
                .importPackages("io.datastores");
    }

    @Test
    void apiDependsOnNothingOfOursAndNoDriverPoolOrYaml() {
        classes()
                .that()
                .resideInAPackage("io.datastores.api..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("io.datastores.api..", "java..", "org.apache.arrow..")
                .check(classes);
    }

    @Test
    void providersNeverDependOnCore() {
        noClasses()
                .that()
                .resideInAnyPackage(PROVIDERS)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.datastores.core..")
                .check(classes);
    }

    @Test
    void providersNeverDependOnEachOther() {
        slices().matching(
                        "io.datastores.(duckdb|sqlite|postgres|mysql|starrocks|clickhouse|s3|sqlhttp|cassandra|neo4j|redis|mongodb)..")
                .should()
                .notDependOnEachOther()
                .check(classes);
    }

    @Test
    void coreReachesProvidersOnlyThroughApiAndServiceLoader() {
        noClasses()
                .that()
                .resideInAPackage("io.datastores.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(PROVIDERS)
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("io.datastores.jdbc..")
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.duckdb..",
                        "org.sqlite..",
                        "org.postgresql..",
                        "com.mysql..",
                        "com.clickhouse..",
                        "software.amazon..",
                        "com.zaxxer..")
                .check(classes);
    }

    @Test
    void syncReachesDatastoresOnlyThroughCoreAndApi() {
        noClasses()
                .that()
                .resideInAPackage("io.datastores.sync..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(PROVIDERS)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage("io.datastores.jdbc..", "io.datastores.core.internal..")
                .check(classes);
    }

    @Test
    void cliReachesProvidersOnlyThroughCoreAndApi() {
        noClasses()
                .that()
                .resideInAPackage("io.datastores.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(PROVIDERS)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage("io.datastores.jdbc..", "io.datastores.core.internal..")
                .check(classes);
    }

    @Test
    void sparkConnectorReachesProvidersOnlyThroughCoreAndApi() {
        // Providers come in at run time through ServiceLoader; the connector is written against api and core alone.
        noClasses()
                .that()
                .resideInAPackage("io.datastores.spark..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(PROVIDERS)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage("io.datastores.jdbc..", "io.datastores.core.internal..")
                .check(classes);
    }

    @Test
    void registryReachesProvidersOnlyThroughCoreAndApi() {
        // Its store's tables go through the datastore's feature(DataSource.class), never the JDBC base.
        noClasses()
                .that()
                .resideInAPackage("io.datastores.registry..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(PROVIDERS)
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("io.datastores.core.internal..")
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("io.datastores.jdbc..")
                .check(classes);
    }

    @Test
    void jdbcBaseKnowsNoProviderNorCore() {
        noClasses()
                .that()
                .resideInAPackage("io.datastores.jdbc..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(PROVIDERS)
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("io.datastores.core..")
                .check(classes);
    }

    @Test
    void genericJdbcBaseKnowsNoVendorFamily() {
        // Shared vendor bases (io.datastores.jdbc.mysql: MySQL, MariaDB, StarRocks; io.datastores.jdbc.sqlite: SQLite
        // embedded and over HTTP) build on the generic base, never the other way round, so a provider for
        // another database carries none of them.
        noClasses()
                .that()
                .resideInAPackage("io.datastores.jdbc")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.datastores.jdbc.mysql..", "io.datastores.jdbc.sqlite..")
                .check(classes);
    }

    @Test
    void sharedBasesReferenceNoDriverClassDirectly() {
        noClasses()
                .that()
                .resideInAPackage("io.datastores.jdbc..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.duckdb..",
                        "org.sqlite..",
                        "org.postgresql..",
                        "com.mysql..",
                        "com.clickhouse..",
                        "software.amazon..",
                        "org.apache.parquet..")
                .check(classes);
    }

    @Test
    void coreInternalsAreUsedOnlyByCore() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.datastores.core..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.datastores.core.internal..")
                .check(classes);
    }

    @Test
    void providersAndDialectsReferenceNoDriverClassDirectly() {
        // They are loaded when a configuration is read: naming the driver as a string keeps listing
        // datastores free of driver classes. Bulk paths, created on first use, may use the driver's API.
        noClasses()
                .that()
                .resideInAnyPackage(PROVIDERS)
                .and()
                .haveSimpleNameEndingWith("DatastoreProvider")
                .or()
                .haveSimpleNameEndingWith("Dialect")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.duckdb..",
                        "org.sqlite..",
                        "org.postgresql..",
                        "com.mysql..",
                        "com.clickhouse..",
                        "software.amazon..",
                        "org.apache.parquet..")
                .check(classes);
    }

    @Test
    void apiHasNoDriverPoolOrYamlDependency() {
        noClasses()
                .that()
                .resideInAPackage("io.datastores.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(DRIVERS_AND_LIBRARIES)
                .check(classes);
    }
    // Frameworks stay at the edge: Micrometer and Spring belong to datastores-micrometer and the
    // Spring Boot starter only, and those reach datastores the way any application does.

    @Test
    void noSdkModuleDependsOnMicrometerOrSpring() {
        noClasses()
                .that()
                .resideInAnyPackage(PROVIDERS)
                .or()
                .resideInAnyPackage(
                        "io.datastores.api..",
                        "io.datastores.core..",
                        "io.datastores.jdbc..",
                        "io.datastores.sync..",
                        "io.datastores.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.micrometer..",
                        "org.springframework..",
                        "io.datastores.micrometer..",
                        "io.datastores.spring..")
                .check(classes);
    }

    @Test
    void metricsAndTheStarterReachProvidersOnlyThroughTheRegistry() {
        noClasses()
                .that()
                .resideInAnyPackage("io.datastores.micrometer..", "io.datastores.spring..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(PROVIDERS)
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("io.datastores.core.internal..")
                .check(classes);
    }

    @Test
    void theMicrometerModuleKnowsNothingOfSpring() {
        noClasses()
                .that()
                .resideInAPackage("io.datastores.micrometer..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "io.datastores.spring..")
                .check(classes);
    }

    @Test
    void theStarterUsesNeitherTheJdbcBaseNorHikari() {
        noClasses()
                .that()
                .resideInAPackage("io.datastores.spring..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.datastores.jdbc..", "com.zaxxer..")
                .check(classes);
    }
}
