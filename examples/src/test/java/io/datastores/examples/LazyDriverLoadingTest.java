package io.datastores.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a configuration and listing its datastores must load no driver class; the first query
 * must. Runs the SDK in a fresh class loader that records every class it defines, so classes
 * loaded by other tests in this JVM cannot hide or fake the result.
 */
class LazyDriverLoadingTest {

    /** Defines the class path's classes itself, child-first, and remembers which it defined. */
    static final class RecordingClassLoader extends URLClassLoader {
        final Set<String> defined = ConcurrentHashMap.newKeySet();

        RecordingClassLoader() {
            super(classPath(), ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> type = super.findClass(name);
            defined.add(name);
            return type;
        }

        private static URL[] classPath() {
            return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .map(entry -> {
                        try {
                            return Path.of(entry).toUri().toURL();
                        } catch (MalformedURLException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toArray(URL[]::new);
        }

        boolean loadedAnyOf(String... prefixes) {
            return defined.stream().anyMatch(name -> Arrays.stream(prefixes).anyMatch(name::startsWith));
        }
    }

    @Test
    void listingLoadsNoDriverAndTheFirstQueryDoes(@TempDir Path dir) throws Exception {
        String yaml = """
                datastores:
                  duck: {type: duckdb, connection: {database: '%s'}}
                  lite: {type: sqlite, connection: {database: '%s'}}
                """.formatted(dir.resolve("a.duckdb"), dir.resolve("b.sqlite"));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (RecordingClassLoader loader = new RecordingClassLoader()) {
            thread.setContextClassLoader(loader);
            Class<?> datastores = loader.loadClass("io.datastores.core.Datastores");
            Object registry =
                    datastores.getMethod("fromYaml", String.class, Map.class).invoke(null, yaml, Map.of());
            Object list = datastores.getMethod("list").invoke(registry);

            assertThat(loader.defined)
                    .as("the SDK itself ran in the recording loader")
                    .contains(
                            "io.datastores.core.Datastores",
                            "io.datastores.duckdb.DuckDbDatastoreProvider",
                            "io.datastores.sqlite.SqliteDatastoreProvider");
            assertThat((Iterable<?>) list).hasSize(2);
            assertThat(loader.loadedAnyOf("org.duckdb.", "org.sqlite."))
                    .as("driver classes after listing")
                    .isFalse();
            assertThat(loader.defined)
                    .as("no pool is created before the first use")
                    .doesNotContain(
                            "com.zaxxer.hikari.HikariConfig",
                            "com.zaxxer.hikari.HikariDataSource",
                            "com.zaxxer.hikari.pool.HikariPool");

            Object duck = datastores.getMethod("get", String.class).invoke(registry, "duck");
            duck.getClass().getMethod("query", String.class, Object[].class).invoke(duck, "SELECT 1", new Object[0]);

            assertThat(loader.defined).contains("org.duckdb.DuckDBDriver", "com.zaxxer.hikari.HikariDataSource");
            assertThat(loader.loadedAnyOf("org.sqlite."))
                    .as("the untouched SQLite datastore still loaded nothing")
                    .isFalse();
            datastores.getMethod("close").invoke(registry);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
