package io.datastores.examples.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datastores.api.Datastore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Spring Boot application on {@code datastores-spring-boot-starter}: the datastores of
 * {@code datastores.yaml} are beans, JdbcTemplate runs on the warehouse's own pool, and the health
 * of every datastore is printed as Actuator reports it. Run with {@code mvn spring-boot:run}.
 */
@SpringBootApplication
public class ExampleApplication {

    /** @param args Spring Boot arguments, such as {@code --POSTGRES_HOST=db.local} */
    public static void main(String[] args) {
        SpringApplication.run(ExampleApplication.class, args);
    }

    @Bean
    CommandLineRunner report(@Qualifier("warehouse") Datastore warehouse, JdbcTemplate jdbc, HealthEndpoint health) {
        return args -> {
            warehouse.execute(
                    "CREATE OR REPLACE TABLE orders AS SELECT range AS id, range * 2.5 AS amount FROM range(10)");
            Double total = jdbc.queryForObject("SELECT sum(amount) FROM orders", Double.class);
            System.out.println("JdbcTemplate on the warehouse's pool: sum(amount) = " + total);
            System.out.println("Health:");
            System.out.println(
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(health.health()));
        };
    }
}
