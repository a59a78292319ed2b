package io.datastores.cassandra;

import static io.datastores.cassandra.CassandraCollectionsTest.map;
import static io.datastores.cassandra.CassandraStructBatches.HOME;
import static io.datastores.cassandra.CassandraStructBatches.INT;
import static io.datastores.cassandra.CassandraStructBatches.TEXT;
import static io.datastores.cassandra.CassandraStructBatches.leaf;
import static io.datastores.cassandra.CassandraStructBatches.struct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.TableCreator.ColumnDefinition;
import io.datastores.api.bulk.TableCreator.TargetType;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.core.Reads;
import io.datastores.jdbc.TestingArrow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An Arrow Struct column of a new table, against a real Cassandra node in a keyspace of this test's
 * own: the UDTs it gets (nested one first), the batch written and read back unchanged, a type of the
 * same name but another shape never used, and structs no UDT can hold refused naming the field.
 */
class CassandraStructTablesTest {
    private static final String HOME_TYPE = "struct<\"street\" text, \"Zip Code\" int, \"tags\" list<text>,"
            + " \"rooms\" map<text, int>, \"geo\" struct<\"lat\" double, \"lon\" double>>";

    private DatastoreConfig config;
    private Datastore datastore;
    private TableCreator creator;

    @BeforeEach
    void open() {
        config = TestingCassandra.freshKeyspace("cassandra_structs");
        datastore = TestingCassandra.open(config);
        creator = datastore.feature(TableCreator.class).orElseThrow();
    }

    @AfterEach
    void close() {
        datastore.close();
        TestingCassandra.dropKeyspace(config);
    }

    @Test
    void aStructColumnOfANewTableBecomesAUdtAndReadsBackAsTheBatch() throws Exception {
        assertThat(creator.columnType(HOME)).contains(TargetType.exact(HOME_TYPE));
        create("places", HOME_TYPE);

        KeyspaceMetadata keyspace =
                TestingCassandra.admin().refreshSchema().getKeyspace(keyspace()).orElseThrow();
        UserDefinedType home = type(keyspace, "places_home");
        assertThat(home.getFieldNames())
                .extracting(CqlIdentifier::asInternal)
                .containsExactly("street", "Zip Code", "tags", "rooms", "geo");
        assertThat(home.getFieldTypes())
                .extracting(t -> t.asCql(true, true))
                .containsExactly(
                        "text", "int", "list<text>", "map<text, int>", "frozen<" + keyspace() + ".places_home_geo>");
        UserDefinedType geo = type(keyspace, "places_home_geo");
        assertThat(geo.getFieldNames()).extracting(CqlIdentifier::asInternal).containsExactly("lat", "lon");
        assertThat(geo.getFieldTypes()).extracting(t -> t.asCql(true, true)).containsExactly("double", "double");
        assertThat(keyspace.getTable("places")
                        .flatMap(t -> t.getColumn("home"))
                        .orElseThrow()
                        .getType()
                        .asCql(true, true))
                .isEqualTo("frozen<" + keyspace() + ".places_home>");

        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot batch = CassandraStructBatches.homes(allocator)) {
            TestingArrow.write(datastore, allocator, batch, WriteRequest.append(TableRef.of("places")));
            Map<Long, Object> written = new LinkedHashMap<>();
            homesById(batch, written);
            assertThat(written.get(2L)).isNull();
            assertThat(written.get(3L))
                    .isEqualTo(map("street", null, "Zip Code", 7, "tags", null, "rooms", null, "geo", null));
            assertThat(written.get(4L))
                    .isEqualTo(map(
                            "street",
                            "Elm",
                            "Zip Code",
                            null,
                            "tags",
                            List.of(),
                            "rooms",
                            Map.of(),
                            "geo",
                            map("lat", null, "lon", -0.5)));

            try (ArrowReader reader = Reads.open(datastore, ReadRequest.table(TableRef.of("places")), allocator)) {
                Field read = reader.getVectorSchemaRoot().getSchema().findField("home");
                assertThat(read.getType()).isEqualTo(ArrowType.Struct.INSTANCE);
                assertThat(read.getChildren()).isEqualTo(HOME.getChildren());
                Map<Long, Object> back = new LinkedHashMap<>();
                while (reader.loadNextBatch()) {
                    homesById(reader.getVectorSchemaRoot(), back);
                }
                assertThat(back).isEqualTo(written);
            }
        }
    }

    @Test
    void aTypeOfThatNameWithOtherFieldsIsNeverUsed() {
        datastore.execute("CREATE TYPE places_home (street text, zip int)");
        assertThatThrownBy(() -> create("places", HOME_TYPE))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining("column 'home' needs user-defined type '" + keyspace() + ".places_home' as"
                        + " (street text, \"Zip Code\" int, tags list<text>, rooms map<text,int>, geo places_home_geo)")
                .hasMessageContaining("a type of that name already exists as (street text, zip int)")
                .hasMessageContaining("DROP TYPE \"" + keyspace() + "\".\"places_home\"");
        KeyspaceMetadata keyspace =
                TestingCassandra.admin().refreshSchema().getKeyspace(keyspace()).orElseThrow();
        assertThat(keyspace.getTable("places")).as("no table").isEmpty();
        assertThat(keyspace.getUserDefinedType("places_home_geo"))
                .as("checked before any type is created")
                .isEmpty();

        // A type of the same shape is used as it is: a table dropped and copied again finds its types.
        datastore.execute("DROP TYPE places_home");
        create("places", HOME_TYPE);
        datastore.execute("DROP TABLE places");
        create("places", HOME_TYPE);
        datastore.execute("INSERT INTO places (id, home) VALUES (1, {street: 'Oak', geo: {lon: 1.0}})");
        UdtValue oak = TestingCassandra.admin()
                .execute("SELECT home FROM " + keyspace() + ".places WHERE id = 1")
                .one()
                .getUdtValue("home");
        assertThat(oak.getString("street")).isEqualTo("Oak");
        assertThat(oak.getUdtValue("geo").getDouble("lon")).isEqualTo(1.0);

        // Two columns of one table whose paths give one name.
        assertThatThrownBy(() -> creator.createTable(
                        TableRef.of("t"),
                        List.of(
                                new ColumnDefinition("id", "bigint", false),
                                new ColumnDefinition("a", "struct<\"b\" struct<\"c\" int>>", true),
                                new ColumnDefinition("a_b", "struct<\"x\" text>", true)),
                        List.of("id")))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining("column 'a_b' needs user-defined type '" + keyspace() + ".t_a_b' as (x text),"
                        + " but column 'a.b' of the same table needs it as (c int)");
    }

    @Test
    void aStructNoTypeCanHoldIsRefusedNamingTheField() {
        Field empty = struct("home", leaf("street", TEXT, true), struct("geo"));
        assertThatThrownBy(() -> creator.columnType(empty))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                .hasMessageContaining("No Cassandra column type for Arrow Struct column 'home': field 'home.geo' is an"
                        + " Arrow Struct with no fields")
                .hasMessageContaining("columnType(\"home\", \"<type>\")");
        Field visits = new Field(
                "visits", FieldType.nullable(ArrowType.List.INSTANCE), List.of(struct("item", leaf("at", INT, true))));
        assertThatThrownBy(() -> creator.columnType(struct("home", visits)))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                .hasMessageContaining("field 'home.visits' (Arrow List) has no CQL type");
        assertThat(creator.columnType(visits))
                .as("a list of structs: no column type, so the transfer names the column")
                .isEqualTo(Optional.empty());
        assertThatThrownBy(() -> creator.columnType(struct("home", leaf("a", INT, true), leaf("a", TEXT, true))))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                .hasMessageContaining("field 'home.a' is a second field of that name");

        assertThatThrownBy(() -> create("bad", "struct<\"a\" int"))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining("Column 'home' of table '" + keyspace() + ".bad' has type 'struct<\"a\" int'")
                .hasMessageContaining("expected ',' or '>' at the end");
    }

    private void create(String table, String homeType) {
        creator.createTable(
                TableRef.of(table),
                List.of(new ColumnDefinition("id", "bigint", false), new ColumnDefinition("home", homeType, true)),
                List.of("id"));
    }

    private String keyspace() {
        return config.value("keyspace").orElseThrow();
    }

    private static UserDefinedType type(KeyspaceMetadata keyspace, String name) {
        return keyspace.getUserDefinedType(CqlIdentifier.fromInternal(name)).orElseThrow();
    }

    /** Adds each row's {@code home} by its {@code id}, as {@link CassandraCollectionsTest#plain} gives it. */
    static void homesById(VectorSchemaRoot root, Map<Long, Object> homes) {
        BigIntVector ids = (BigIntVector) root.getVector("id");
        for (int row = 0; row < root.getRowCount(); row++) {
            homes.put(ids.get(row), CassandraCollectionsTest.plain(root.getVector("home"), row));
        }
    }
}
