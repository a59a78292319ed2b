package io.datastores.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.core.Datastores;
import io.datastores.jdbc.TestingServers;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.DefaultResourceLoader;

class DatastoresLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void closingTheContextClosesEveryDatastoreOnce() throws Exception {
        Map<String, AtomicInteger> closes = new ConcurrentHashMap<>();
        DatastoresCustomizer counting = loader -> loader.decorator(datastore -> (Datastore) Proxy.newProxyInstance(
                Datastore.class.getClassLoader(), new Class<?>[] {Datastore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        closes.computeIfAbsent(datastore.name(), n -> new AtomicInteger())
                                .incrementAndGet();
                    }
                    try {
                        return method.invoke(datastore, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
        Datastore[] pg = new Datastore[1];
        TestingApplication.runner(dir, TestingServers.postgres())
                .withBean(DatastoresCustomizer.class, () -> counting)
                .run(context -> {
                    pg[0] = context.getBean("pg", Datastore.class);
                    pg[0].test();
                    context.getBean("warehouse", Datastore.class).test();
                    assertThat(pg[0].isConnected()).isTrue();
                    assertThat(closes).isEmpty();
                });
        assertThat(closes).containsOnlyKeys("pg", "warehouse", "offline", "parked");
        assertThat(closes.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(pg[0].isConnected()).isFalse();
    }

    @Test
    void withoutAConfiguredLocationTheClassPathFileIsUsed() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DatastoresAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Datastores.class).names()).containsExactly("from_classpath");
                    assertThat(context.getBean("from_classpath", Datastore.class)
                                    .query("SELECT 42 AS a")
                                    .scalar())
                            .isEqualTo(42);
                    assertThat(context)
                            .as("no MeterRegistry: no metrics, and nothing fails")
                            .doesNotHaveBean(io.micrometer.core.instrument.MeterRegistry.class);
                });
    }

    @Test
    void theWorkingDirectoryComesBeforeTheClassPathAndAMissingFileIsNamed() throws Exception {
        Files.writeString(
                dir.resolve("datastores.yaml"),
                "datastores: {local: {type: duckdb, connection: {database: ':memory:'}}}");
        DefaultResourceLoader resources = new DefaultResourceLoader();
        assertThat(ConfigLocation.find(null, dir, resources).toString())
                .isEqualTo(dir.resolve("datastores.yaml").toString());
        assertThat(ConfigLocation.find(null, dir.resolve("empty"), resources).toString())
                .isEqualTo("class path resource [datastores.yaml]");
        assertThatThrownBy(() -> ConfigLocation.find("classpath:nowhere.yaml", dir, resources))
                .hasMessage("Configuration file not found: classpath:nowhere.yaml (from datastores.config)");
        DefaultResourceLoader nothingOnTheClassPath = new DefaultResourceLoader(new ClassLoader(null) {});
        assertThatThrownBy(() -> ConfigLocation.find(null, dir.resolve("empty"), nothingOnTheClassPath))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessage("No datastores.yaml in " + dir.resolve("empty") + " nor on the class path; set "
                        + "datastores.config to its location");
    }
}
