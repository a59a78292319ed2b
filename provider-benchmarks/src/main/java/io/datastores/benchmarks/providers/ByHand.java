package io.datastores.benchmarks.providers;

import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import io.datastores.jdbc.ArrowValues;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/** The baselines the benchmarks measure the SDK against (a hand-written JDBC loop, a shell command) and their configuration. */
final class ByHand {
    private static final int JDBC_BATCH = 1_000;

    private ByHand() {}

    /** The plain-JDBC baseline: one prepared INSERT, values bound from Arrow, executeBatch per 1,000 rows. */
    static Object addBatch(String url, String user, String table, ArrowReader source) throws SQLException, IOException {
        String marks = String.join(
                ", ", java.util.Collections.nCopies(Lineitem.SCHEMA.getFields().size(), "?"));
        try (Connection connection = DriverManager.getConnection(url, user, "");
                PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")");
                ArrowReader reader = source) {
            connection.setAutoCommit(false);
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                List<FieldVector> vectors = root.getFieldVectors();
                for (int row = 0; row < root.getRowCount(); row++) {
                    for (int column = 0; column < vectors.size(); column++) {
                        insert.setObject(column + 1, ArrowValues.object(vectors.get(column), row));
                    }
                    insert.addBatch();
                    if ((row + 1) % JDBC_BATCH == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
        }
        return null;
    }

    static Object shell(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IOException("Command failed (" + process.exitValue() + "): " + command);
        }
        return null;
    }

    static DatastoreConfig config(
            String name,
            String type,
            String host,
            String port,
            String user,
            String database,
            Map<String, String> extra) {
        Map<String, String> connection =
                new java.util.HashMap<>(Map.of("host", host, "port", port, "user", user, "database", database));
        connection.putAll(extra);
        return new DatastoreConfig(
                name,
                type,
                "",
                List.of(),
                true,
                connection,
                Map.of(),
                new PoolSettings(1, 4, Duration.ofSeconds(10)),
                Map.of());
    }
}
