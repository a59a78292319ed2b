package io.datastores.sqlhttp;

import io.datastores.api.Capability;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The three services this module reaches: their {@code type:}, connection keys, capabilities and
 * transport. Capabilities are honest about transactions: only a libSQL stream keeps one open
 * across requests, so D1 and StarbaseDB do not declare TRANSACTIONS.
 */
enum Service {
    TURSO(
            "turso",
            Set.of("libsql"),
            "libSQL",
            Set.of("url", "token"),
            true,
            (endpoint, config) -> new HranaTransport(endpoint)) {
        @Override
        URI base(DatastoreConfig config) {
            String url = config.value("url").orElseThrow();
            // libsql:// is Turso's own scheme for the same API over TLS.
            return URI.create(url.startsWith("libsql://") ? "https://" + url.substring("libsql://".length()) : url);
        }

        @Override
        String token(DatastoreConfig config) {
            return config.value("token", "");
        }

        @Override
        void check(DatastoreConfig config, List<ConfigProblem> problems) {
            url(config, "url", Set.of("libsql", "https", "http"), problems);
        }
    },
    D1(
            "d1",
            Set.of(),
            "Cloudflare D1",
            Set.of("account_id", "database_id", "api_token", "url"),
            false,
            (endpoint, config) -> new D1Transport(
                    endpoint,
                    config.value("account_id").orElseThrow(),
                    config.value("database_id").orElseThrow())) {
        @Override
        URI base(DatastoreConfig config) {
            return URI.create(config.value("url", "https://api.cloudflare.com/client/v4"));
        }

        @Override
        String token(DatastoreConfig config) {
            return config.value("api_token").orElseThrow();
        }

        @Override
        void check(DatastoreConfig config, List<ConfigProblem> problems) {
            for (String key : List.of("account_id", "database_id", "api_token")) {
                required(config, key, problems);
            }
            for (String key : List.of("account_id", "database_id")) {
                String value = config.value(key, "x");
                if (!value.matches("[A-Za-z0-9-]{1,64}")) {
                    problems.add(config.problem(key, "Must be letters, digits and '-', got '" + value + "'"));
                }
            }
            if (config.value("url").isPresent()) {
                url(config, "url", Set.of("https", "http"), problems);
            }
        }
    },
    STARBASE(
            "starbasedb",
            Set.of(),
            "StarbaseDB",
            Set.of("url", "token"),
            false,
            (endpoint, config) -> new StarbaseTransport(endpoint)) {
        @Override
        URI base(DatastoreConfig config) {
            return URI.create(config.value("url").orElseThrow());
        }

        @Override
        String token(DatastoreConfig config) {
            return config.value("token").orElseThrow();
        }

        @Override
        void check(DatastoreConfig config, List<ConfigProblem> problems) {
            url(config, "url", Set.of("https", "http"), problems);
            required(config, "token", problems);
        }
    };

    final String type;
    final Set<String> aliases;
    /** The product name a connection test reports. */
    final String product;

    final Set<String> keys;
    final Set<Capability> capabilities;
    private final BiFunction<HttpEndpoint, DatastoreConfig, Transport> transport;

    Service(
            String type,
            Set<String> aliases,
            String product,
            Set<String> keys,
            boolean transactions,
            BiFunction<HttpEndpoint, DatastoreConfig, Transport> transport) {
        this.type = type;
        this.aliases = aliases;
        this.product = product;
        Set<String> all = new HashSet<>(keys);
        all.addAll(Shared.KEYS);
        this.keys = Set.copyOf(all);
        Set<Capability> declared = new HashSet<>(Shared.CAPABILITIES);
        if (transactions) {
            declared.add(Capability.TRANSACTIONS);
        }
        this.capabilities = Set.copyOf(declared);
        this.transport = transport;
    }

    /** @return the base URL the API's paths resolve against, ending in {@code /} */
    abstract URI base(DatastoreConfig config);

    /** @return the bearer token */
    abstract String token(DatastoreConfig config);

    /** Adds the problems of this service's own keys. */
    abstract void check(DatastoreConfig config, List<ConfigProblem> problems);

    List<ConfigProblem> validate(DatastoreConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        check(config, problems);
        for (String key : Shared.KEYS) {
            String value = config.value(key, "1");
            if (!value.strip().matches("\\d{1,6}")) {
                problems.add(config.problem(key, "Must be a whole number, got '" + value + "'"));
            }
        }
        config.refuseDatabases("SQLite over HTTP (" + type + ") has no schemas", "one datastore per database")
                .ifPresent(problems::add);
        return problems;
    }

    Transport open(DatastoreConfig config) {
        URI base = base(config);
        String text = base.toString();
        HttpEndpoint endpoint = new HttpEndpoint(
                config,
                URI.create(text.endsWith("/") ? text : text + "/"),
                token(config),
                config.pool().connectTimeout(),
                Duration.ofSeconds(config.intValue("request_timeout", 30)),
                config.intValue("max_retries", 5));
        return transport.apply(endpoint, config);
    }

    static void url(DatastoreConfig config, String key, Set<String> schemes, List<ConfigProblem> problems) {
        String value = config.value(key).orElse(null);
        if (value == null) {
            problems.add(config.problem(key, "Must specify " + key));
            return;
        }
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || !schemes.contains(uri.getScheme()) || uri.getHost() == null) {
                problems.add(config.problem(
                        key,
                        "Must be a URL with scheme "
                                + String.join(", ", schemes.stream().sorted().toList()) + " and a host, got '"
                                + DatastoreConfig.redactUrl(value) + "'"));
            }
        } catch (URISyntaxException e) {
            problems.add(config.problem(key, "Must be a URL, got '" + DatastoreConfig.redactUrl(value) + "'"));
        }
    }

    static void required(DatastoreConfig config, String key, List<ConfigProblem> problems) {
        if (config.value(key).isEmpty()) {
            problems.add(config.problem(key, "Must specify " + key));
        }
    }

    /** What every service has; a holder, since enum constructors cannot read the enum's own statics. */
    private static final class Shared {
        static final Set<String> KEYS = Set.of("request_timeout", "max_retries");
        static final Set<Capability> CAPABILITIES = Set.of(
                Capability.SQL,
                Capability.INTROSPECTION,
                Capability.BULK_READ,
                Capability.BULK_WRITE,
                Capability.UPSERT);
    }
}
