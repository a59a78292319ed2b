package io.datastores.registry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Datasets assigned to datastores: a name and the table, collection or key prefix it lives in. */
final class DatasetTable {
    private static final String COLUMNS = "id, datastore_id, name, reference, created_at";

    /** One assignment. */
    record Dataset(long id, long datastore, String name, String reference, String createdAt) {}

    private final Sql sql;

    DatasetTable(Sql sql) {
        this.sql = sql;
    }

    /** @return the new id, or empty when the datastore is unknown or deleted (checked in the same statement) */
    Optional<Long> assign(Connection connection, long datastoreId, String name, String reference) throws SQLException {
        List<Long> ids = Sql.query(
                connection,
                "INSERT INTO registry_datasets (datastore_id, name, reference, created_at) "
                        + "SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM registry_datastores WHERE id = ? AND deleted_at IS NULL) "
                        + "RETURNING id",
                List.of(datastoreId, name, reference, Times.now(), datastoreId),
                row -> row.getLong(1));
        return ids.stream().findFirst();
    }

    Optional<Dataset> find(long id) {
        return sql
                .query("SELECT " + COLUMNS + " FROM registry_datasets WHERE id = ?", List.of(id), DatasetTable::read)
                .stream()
                .findFirst();
    }

    List<Dataset> of(long datastoreId) {
        return sql.query(
                "SELECT " + COLUMNS + " FROM registry_datasets WHERE datastore_id = ? ORDER BY name",
                List.of(datastoreId),
                DatasetTable::read);
    }

    List<Dataset> all() {
        return sql.query("SELECT " + COLUMNS + " FROM registry_datasets ORDER BY name", List.of(), DatasetTable::read);
    }

    boolean remove(Connection connection, long id) throws SQLException {
        return Sql.update(connection, "DELETE FROM registry_datasets WHERE id = ?", id) == 1;
    }

    private static Dataset read(ResultSet row) throws SQLException {
        return new Dataset(
                row.getLong("id"),
                row.getLong("datastore_id"),
                row.getString("name"),
                row.getString("reference"),
                row.getString("created_at"));
    }
}
