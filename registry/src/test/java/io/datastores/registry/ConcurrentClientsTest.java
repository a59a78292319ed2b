package io.datastores.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 50 clients create, list and update for 30 s, on the default SQLite store and on PostgreSQL. Updates of one shared
 * counter go through If-Match, so a lost update would show as a counter below the number of
 * successful increments; no request may answer 5xx.
 */
class ConcurrentClientsTest {
    private static final int CLIENTS = 50;
    private static final long RUN_NANOS = 30_000_000_000L;

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void fiftyClientsForThirtySecondsLoseNoUpdateAndGetNo5xx(String store) throws Exception {
        try (TestingRegistry registry = store.equals("sqlite")
                ? TestingRegistry.sqlite(folder)
                : TestingRegistry.postgres(settings -> settings)) {
            Map<String, Object> counterBody = TestingRegistry.postgresBody("counter", "pw-counter");
            counterBody.put("max_connections", 1);
            long counter = registry.create(counterBody);
            String path = "/api/v1/datastores/" + counter + "/";
            AtomicLong increments = new AtomicLong();
            Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            long end = System.nanoTime() + RUN_NANOS;
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    int created = 0;
                    while (System.nanoTime() < end) {
                        int action = ThreadLocalRandom.current().nextInt(3);
                        TestingRegistry.Response response;
                        if (action == 0) {
                            response = registry.admin(
                                    "POST",
                                    "/api/v1/datastores/",
                                    TestingRegistry.postgresBody("client-" + client + "-" + created++, "pw"));
                        } else if (action == 1) {
                            response = registry.admin(
                                    "GET", "/api/v1/datastores/?ordering=-created_at&search=client-" + client, null);
                        } else {
                            TestingRegistry.Response read = registry.admin("GET", path, null);
                            count(statuses, read.status());
                            int value = read.json().get("max_connections").asInt();
                            response = registry.admin(
                                    "PATCH",
                                    path,
                                    Map.of("max_connections", value + 1),
                                    "If-Match",
                                    read.header("ETag"));
                            if (response.status() == 200) {
                                increments.incrementAndGet();
                            }
                        }
                        count(statuses, response.status());
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
            pool.shutdown();
            JsonNode finalCounter = registry.admin("GET", path, null).json();
            assertThat(statuses.keySet()).as("statuses %s", statuses).allMatch(status -> status < 500);
            assertThat(statuses.keySet()).contains(200, 201);
            assertThat(increments.get()).isPositive();
            assertThat(finalCounter.get("max_connections").asLong()).isEqualTo(1 + increments.get());
            System.out.println(
                    "concurrent clients on " + store + ": statuses " + statuses + ", increments " + increments.get());
        }
    }

    private static void count(Map<Integer, AtomicLong> statuses, int status) {
        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }
}
