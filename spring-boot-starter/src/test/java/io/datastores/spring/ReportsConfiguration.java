package io.datastores.spring;

import io.datastores.api.Datastore;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** An application's own configuration that asks for a datastore and a DataSource by name. */
@Configuration(proxyBeanMethods = false)
class ReportsConfiguration {

    record Holder(Datastore warehouse, DataSource pg) {}

    @Bean
    Holder holder(@Qualifier("warehouse") Datastore warehouse, @Qualifier("pg") DataSource pg) {
        return new Holder(warehouse, pg);
    }
}
