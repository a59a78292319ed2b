package io.datastores.cassandra;

import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The validated {@code connection:} settings of one Cassandra datastore. The password stays in the
 * configuration; this record holds none, so its {@link #toString()} cannot leak it.
 *
 * @param contactPoints the nodes the driver first contacts, {@code host:port} each
 * @param localDatacenter the datacenter whose nodes the driver prefers (required by driver 4)
 * @param keyspace the keyspace tables without a schema live in, or empty
 * @param user the user name, or empty for a cluster without authentication
 * @param tls whether to connect with TLS (the JVM's default trust store)
 * @param readConsistency the consistency level of reads
 * @param writeConsistency the consistency level of writes
 * @param maxInFlight how many inserts a bulk write keeps in flight at once
 */
record CassandraSettings(
        List<InetSocketAddress> contactPoints,
        String localDatacenter,
        Optional<String> keyspace,
        Optional<String> user,
        boolean tls,
        String readConsistency,
        String writeConsistency,
        int maxInFlight) {

    static final String PASSWORD = "password";
    static final Set<String> KEYS = Set.of(
            "host",
            "hosts",
            "port",
            "local_datacenter",
            "keyspace",
            "user",
            PASSWORD,
            "tls",
            "read_consistency",
            "write_consistency",
            "max_in_flight");
    static final int DEFAULT_PORT = 9042;
    private static final Set<String> CONSISTENCY = Set.of(
            "ANY",
            "ONE",
            "TWO",
            "THREE",
            "QUORUM",
            "ALL",
            "LOCAL_ONE",
            "LOCAL_QUORUM",
            "EACH_QUORUM",
            "SERIAL",
            "LOCAL_SERIAL");

    static List<ConfigProblem> validate(DatastoreConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.value("host").isEmpty() && config.value("hosts").isEmpty()) {
            problems.add(
                    config.problem("host", "Must specify host (or hosts: a comma-separated list of contact points)"));
        }
        String port = config.value("port", String.valueOf(DEFAULT_PORT));
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) == 0 || Integer.parseInt(port) > 65_535) {
            problems.add(config.problem("port", "Must be a port number (1-65535), got '" + port + "'"));
        }
        if (config.value("local_datacenter").isEmpty()) {
            problems.add(config.problem(
                    "local_datacenter",
                    "Must specify local_datacenter (such as datacenter1: "
                            + "SELECT data_center FROM system.local names it)"));
        }
        if (config.value("user").isPresent() != config.value(PASSWORD).isPresent()) {
            problems.add(config.problem(
                    config.value("user").isPresent() ? PASSWORD : "user", "Give both user and password, or neither"));
        }
        String tls = config.value("tls", "false").toLowerCase(Locale.ROOT);
        if (!tls.equals("true") && !tls.equals("false")) {
            problems.add(config.problem("tls", "Must be true or false, got '" + tls + "'"));
        }
        for (String key : List.of("read_consistency", "write_consistency")) {
            config.value(key)
                    .map(v -> v.toUpperCase(Locale.ROOT))
                    .filter(v -> !CONSISTENCY.contains(v))
                    .ifPresent(v -> problems.add(config.problem(
                            key, "Must be one of " + new java.util.TreeSet<>(CONSISTENCY) + ", got '" + v + "'")));
        }
        String inFlight = config.value("max_in_flight", "256");
        if (!inFlight.matches("\\d{1,5}") || Integer.parseInt(inFlight) == 0) {
            problems.add(
                    config.problem("max_in_flight", "Must be a whole number from 1 to 99999, got '" + inFlight + "'"));
        }
        return problems;
    }

    static CassandraSettings of(DatastoreConfig config) {
        int port = Integer.parseInt(config.value("port", String.valueOf(DEFAULT_PORT)));
        List<InetSocketAddress> points = Arrays.stream(
                        config.value("hosts", config.value("host", "")).split(","))
                .map(String::trim)
                .filter(h -> !h.isEmpty())
                .map(h -> address(h, port))
                .toList();
        return new CassandraSettings(
                points,
                config.value("local_datacenter").orElseThrow(),
                config.value("keyspace"),
                config.value("user"),
                Boolean.parseBoolean(config.value("tls", "false")),
                config.value("read_consistency", "LOCAL_ONE").toUpperCase(Locale.ROOT),
                config.value("write_consistency", "LOCAL_QUORUM").toUpperCase(Locale.ROOT),
                Integer.parseInt(config.value("max_in_flight", "256")));
    }

    /** {@code host} or {@code host:port}; unresolved, so opening a datastore does no DNS lookup. */
    private static InetSocketAddress address(String host, int defaultPort) {
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(':') == colon && host.substring(colon + 1).matches("\\d{1,5}")) {
            return InetSocketAddress.createUnresolved(
                    host.substring(0, colon), Integer.parseInt(host.substring(colon + 1)));
        }
        return InetSocketAddress.createUnresolved(host, defaultPort);
    }

    /** @return the contact points as {@code host:port, …}, for messages */
    String where() {
        return String.join(
                ", ",
                contactPoints.stream()
                        .map(a -> a.getHostString() + ":" + a.getPort())
                        .toList());
    }
}
