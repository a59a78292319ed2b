package io.datastores.neo4j;

import io.datastores.api.TableRef;
import io.datastores.api.bulk.TableCreator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * "Creates" a label for a copy: Neo4j has no tables, so what is created is the uniqueness
 * constraint on the copy's key ({@code CREATE CONSTRAINT … REQUIRE (n.k, …) IS UNIQUE}), which
 * also indexes the key, so each upserted row is found by the index instead of a label scan. A copy
 * without a key creates nothing: the label appears with its first node. Column types are not
 * declared in Neo4j (the community edition has no property-type constraints); {@link #columnType}
 * tells the plan what each column becomes and loses.
 */
final class Neo4jTableCreator implements TableCreator {
    private final Neo4jErrors errors;
    private final Neo4jDriver driver;

    Neo4jTableCreator(Neo4jErrors errors, Neo4jDriver driver) {
        this.errors = errors;
        this.driver = driver;
    }

    @Override
    public Optional<TargetType> columnType(Field field) {
        return ArrowToCypher.columnType(field);
    }

    @Override
    public void createTable(TableRef table, List<ColumnDefinition> columns, List<String> primaryKey) {
        if (Neo4jSchema.relationships(table.schema())) {
            if (RelationshipPattern.parse(table.name()).isEmpty()) {
                throw errors.error(
                        io.datastores.api.ErrorCode.INVALID_CONFIG,
                        "A relationship table to write is named (Start)-[" + table.name()
                                + "]->(End): the labels whose keys its _start and _end columns hold");
            }
            // Nothing to create: the type appears with its first relationship, matched by the labels' keys.
            return;
        }
        if (primaryKey.isEmpty()) {
            return;
        }
        String properties = String.join(
                ", ", primaryKey.stream().map(k -> "n." + Neo4jSchema.quote(k)).toList());
        driver.run(
                "CREATE CONSTRAINT IF NOT EXISTS FOR (n:" + Neo4jSchema.quote(table.name()) + ") REQUIRE (" + properties
                        + ") IS UNIQUE",
                Map.of());
    }
}
