package io.datastores.spring;

import io.datastores.api.Datastore;
import io.datastores.core.Datastores;
import io.datastores.core.DatastoresLoader;
import io.datastores.micrometer.DatastoresMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;

/**
 * Spring Boot auto-configuration of the Datastores SDK.
 *
 * <ul>
 *   <li>a {@link Datastores} bean named {@value #DATASTORES_BEAN}, read from
 *       {@code datastores.config} (default {@code ./datastores.yaml}, then
 *       {@code classpath:datastores.yaml}), with Spring's properties as the variables of its
 *       {@code ${VAR:default}} placeholders; closed, with every datastore, once, when the context
 *       closes;
 *   <li>a {@link Datastore} bean per datastore, named after it ({@code @Qualifier("warehouse")});
 *   <li>a {@code javax.sql.DataSource} bean {@code <name>DataSource}, qualified {@code <name>}, per
 *       JDBC datastore, on the datastore's own pool;
 *   <li>when a {@link MeterRegistry} bean exists, the metrics of {@link DatastoresMetrics};
 *   <li>when Actuator is present, a health contributor {@code datastores} with one indicator per
 *       datastore.
 * </ul>
 *
 * <p>Runs before Spring Boot's {@code DataSourceAutoConfiguration}, which then creates no pool of
 * its own; JdbcTemplate, Flyway and JPA auto-configuration use the {@code DataSource} bean when
 * there is one JDBC datastore, or the one named by {@code datastores.primary-data-source}.
 *
 * <p>With {@code datastores.fail-fast=true}, startup connects every enabled datastore and fails on
 * the first that cannot connect; by default nothing connects until first use.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")
@EnableConfigurationProperties(DatastoresProperties.class)
@Import(DatastoreBeansRegistrar.class)
public class DatastoresAutoConfiguration {
    /** The name of the {@link Datastores} bean. */
    public static final String DATASTORES_BEAN = "datastores";

    /**
     * @param environment Spring's environment: the location and the placeholders' variables
     * @param resources for {@code classpath:} locations
     * @param properties the {@code datastores.*} settings
     * @param meterRegistry where metrics go, if the application has a registry
     * @param customizers further loader settings, in their order
     * @return the registry
     */
    @Bean(name = DATASTORES_BEAN, destroyMethod = "close")
    public Datastores datastores(
            ConfigurableEnvironment environment,
            ResourceLoader resources,
            DatastoresProperties properties,
            ObjectProvider<MeterRegistry> meterRegistry,
            ObjectProvider<DatastoresCustomizer> customizers) {
        DatastoresLoader loader = Datastores.loader();
        meterRegistry.ifAvailable(registry -> DatastoresMetrics.instrument(loader, registry));
        customizers.orderedStream().forEach(customizer -> customizer.customize(loader));
        Datastores datastores = ConfigLocation.load(environment, resources, loader);
        if (properties.failFast()) {
            try {
                datastores.connectAll();
            } catch (RuntimeException e) {
                try {
                    datastores.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
        return datastores;
    }

    /** The {@code datastores} health group, when Actuator is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {

        @Bean
        CompositeHealthContributor datastoresHealthContributor(Datastores datastores) {
            Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
            for (Datastore datastore : datastores.list()) {
                indicators.put(datastore.name(), new DatastoreHealthIndicator(datastore, datastores::redact));
            }
            return CompositeHealthContributor.fromMap(indicators);
        }
    }
}
