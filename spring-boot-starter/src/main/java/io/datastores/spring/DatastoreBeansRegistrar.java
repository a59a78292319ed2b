package io.datastores.spring;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.core.Datastores;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers a {@link Datastore} bean named after each datastore, and for each JDBC datastore a
 * {@link DataSource} bean {@code <name>DataSource} qualified {@code <name>}, on the datastore's own
 * pool. Bean names must be known before any bean exists, so the configuration is read here once
 * to learn them (nothing connects), and read again for the {@link Datastores} bean itself, which
 * the registered beans come from.
 */
final class DatastoreBeansRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, ResourceLoaderAware {
    private ConfigurableEnvironment environment;
    private ResourceLoader resources;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = (ConfigurableEnvironment) environment;
    }

    @Override
    public void setResourceLoader(ResourceLoader resourceLoader) {
        this.resources = resourceLoader;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        String primary = environment.getProperty("datastores.primary-data-source");
        boolean primaryFound = primary == null || primary.isBlank();
        try (Datastores names = ConfigLocation.load(environment, resources, Datastores.loader())) {
            for (Datastore datastore : names.list()) {
                String name = datastore.name();
                if (name.equals(DatastoresAutoConfiguration.DATASTORES_BEAN)) {
                    throw DatastoreException.of(
                            ErrorCode.INVALID_CONFIG,
                            "A datastore may not be named '" + name
                                    + "' in a Spring application: that is the name of the Datastores bean");
                }
                registry.registerBeanDefinition(name, datastoreBean(name));
                if (datastore.feature(DataSource.class).isPresent()) {
                    boolean isPrimary = name.equals(primary);
                    primaryFound |= isPrimary;
                    registry.registerBeanDefinition(name + "DataSource", dataSourceBean(name, isPrimary));
                }
            }
        }
        if (!primaryFound) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_CONFIG,
                    "datastores.primary-data-source is '" + primary
                            + "', which is not a JDBC datastore of the configuration");
        }
    }

    private static RootBeanDefinition datastoreBean(String name) {
        RootBeanDefinition bean = new RootBeanDefinition();
        bean.setFactoryBeanName(DatastoresAutoConfiguration.DATASTORES_BEAN);
        bean.setFactoryMethodName("get");
        bean.getConstructorArgumentValues().addGenericArgumentValue(name);
        bean.setTargetType(Datastore.class);
        // The Datastores bean closes every datastore, once; Spring must not close each again.
        bean.setDestroyMethodName("");
        return bean;
    }

    private static RootBeanDefinition dataSourceBean(String name, boolean primary) {
        RootBeanDefinition bean = new RootBeanDefinition(DatastoreBeansRegistrar.class);
        bean.setFactoryMethodName("dataSource");
        bean.getConstructorArgumentValues().addGenericArgumentValue(new RuntimeBeanReference(name));
        bean.setTargetType(DataSource.class);
        bean.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
        bean.setPrimary(primary);
        bean.setDestroyMethodName("");
        return bean;
    }

    /**
     * @param datastore a JDBC datastore
     * @return its {@code DataSource}, on its own pool
     */
    public static DataSource dataSource(Datastore datastore) {
        return datastore.feature(DataSource.class).orElseThrow();
    }
}
