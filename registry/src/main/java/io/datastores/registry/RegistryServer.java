package io.datastores.registry;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.Javalin;
import java.util.EnumSet;
import java.util.List;
import java.util.logging.Logger;

/**
 * A running datastore registry: the REST API under {@code /api/v1/} and the web console at
 * {@code /}, over Javalin. {@link #close()} stops it; the store's datastore stays open (its owner
 * closes it).
 *
 * <pre>{@code
 * try (Datastores config = Datastores.fromYaml(yaml);
 *      RegistryServer server = RegistryServer.start(RegistrySettings.of(RegistryStore.open(config.get("registry")),
 *              RegistryKey.parse(System.getenv("DATASTORES_REGISTRY_KEY"))).withPort(0))) {
 *     System.out.println("listening on " + server.port());
 * }
 * }</pre>
 */
public final class RegistryServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RegistryServer.class.getName());
    /** Deeper JSON than this is refused before it is built into a tree. */
    static final int MAX_JSON_DEPTH = 32;

    private final Javalin app;
    private final ConnectionProbe probe;
    private final List<RegistryApi.Route> routes;

    private RegistryServer(Javalin app, ConnectionProbe probe, List<RegistryApi.Route> routes) {
        this.app = app;
        this.probe = probe;
        this.routes = routes;
    }

    /**
     * Starts a registry; returns once it answers {@code GET /api/v1/health/}.
     *
     * @param settings how to run
     * @return the running server
     */
    public static RegistryServer start(RegistrySettings settings) {
        Sql sql = settings.store().sql();
        RegistryKey key = settings.key();
        Providers providers = new Providers(RegistryServer.class.getClassLoader());
        TokenTable tokens = new TokenTable(sql);
        if (settings.adminToken() != null
                && !tokens.ensure("bootstrap-admin", settings.adminToken().strip(), EnumSet.of(Scope.ADMIN))) {
            LOG.warning(
                    "The bootstrap admin token was revoked through the API and stays revoked; unset it or create another token");
        }
        ConnectionProbe probe = new ConnectionProbe(providers, settings.testTimeout(), settings.allowedHosts());
        Services services = new Services(
                sql,
                key,
                providers,
                new DatastoreTable(sql, key),
                new DatasetTable(sql),
                tokens,
                new AuditTable(sql),
                new TestTable(sql),
                probe,
                new RateLimiter(settings.testsPerMinute()),
                json());
        List<RegistryApi.Route> routes = RegistryApi.newRouteList();
        Javalin app = RegistryApi.create(services, routes).start(settings.host(), settings.port());
        LOG.info(() -> "Datastores registry listening on http://" + settings.host() + ":" + app.port() + "/ (store "
                + settings.store().datastore().name() + "/"
                + settings.store().datastore().type() + ", key " + key + ")");
        return new RegistryServer(app, probe, routes);
    }

    static ObjectMapper json() {
        JsonMapper mapper = JsonMapper.builder().build();
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_JSON_DEPTH)
                        .maxStringLength(
                                RegistryApi.MAX_BODY_BYTES > Integer.MAX_VALUE
                                        ? Integer.MAX_VALUE
                                        : (int) RegistryApi.MAX_BODY_BYTES)
                        .build());
        return mapper;
    }

    /** @return the port the server listens on */
    public int port() {
        return app.port();
    }

    /** @return every route registered with the HTTP server, as method, path and scopes */
    List<RegistryApi.Route> routes() {
        return List.copyOf(routes);
    }

    /** Stops the server and its connection-test threads. */
    @Override
    public void close() {
        app.stop();
        probe.close();
    }
}
