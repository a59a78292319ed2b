package io.datastores.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code datastores.} in the application's properties.
 *
 * @param config where the {@code datastores.yaml} is: a file path (relative to the working
 *     directory) or {@code classpath:...}; unset means {@code ./datastores.yaml}, else
 *     {@code classpath:datastores.yaml}
 * @param failFast whether startup connects every enabled datastore and fails when one cannot
 *     connect; by default nothing connects until first use, and an unreachable datastore shows as
 *     DOWN in health instead of stopping the application
 * @param primaryDataSource the JDBC datastore whose {@code DataSource} bean is {@code @Primary}, so
 *     Spring Boot's single-DataSource auto-configurations (JdbcTemplate, Flyway, JPA) pick it when
 *     there are several; unset, none is primary
 */
@ConfigurationProperties("datastores")
public record DatastoresProperties(String config, boolean failFast, String primaryDataSource) {

    /** The property that names the configuration file. */
    public static final String CONFIG = "datastores.config";
}
