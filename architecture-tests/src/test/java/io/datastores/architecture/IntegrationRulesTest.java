package io.datastores.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Frameworks stay at the edge: Micrometer and Spring are dependencies of
 * {@code datastores-micrometer} and {@code datastores-spring-boot-starter} only, and those reach
 * datastores like any application does.
 */
class IntegrationRulesTest {
    private static final String[] SDK = {"io.datastores.api..", "io.datastores.core..", "io.datastores.jdbc..",
        "io.datastores.sync..", "io.datastores.cli..", "io.datastores.duckdb..", "io.datastores.sqlite..",
        "io.datastores.postgres..", "io.datastores.mysql..", "io.datastores.starrocks..", "io.datastores.clickhouse..",
        "io.datastores.s3.."};
    private static final String[] PROVIDERS = {"io.datastores.duckdb..", "io.datastores.sqlite..",
        "io.datastores.postgres..", "io.datastores.mysql..", "io.datastores.starrocks..", "io.datastores.clickhouse..",
        "io.datastores.s3.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.isJar() || location.contains("/datastores-"))
                .importPackages("io.datastores");
    }

    @Test
    void noSdkModuleDependsOnMicrometerOrSpring() {
        noClasses().that().resideInAnyPackage(SDK)
                .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "org.springframework..",
                        "io.datastores.micrometer..", "io.datastores.spring..")
                .check(classes);
    }

    @Test
    void metricsAndTheStarterReachProvidersOnlyThroughTheRegistry() {
        noClasses().that().resideInAnyPackage("io.datastores.micrometer..", "io.datastores.spring..")
                .should().dependOnClassesThat().resideInAnyPackage(PROVIDERS)
                .orShould().dependOnClassesThat().resideInAPackage("io.datastores.core.internal..")
                .check(classes);
    }

    @Test
    void theMicrometerModuleKnowsNothingOfSpring() {
        noClasses().that().resideInAPackage("io.datastores.micrometer..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.datastores.spring..")
                .check(classes);
    }

    @Test
    void theStarterUsesNoJdbcInternalsNorHikari() {
        noClasses().that().resideInAPackage("io.datastores.spring..")
                .should().dependOnClassesThat().resideInAnyPackage("io.datastores.jdbc..", "com.zaxxer..")
                .check(classes);
    }
}
