package io.datastores.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.arrow.ArrowText;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import io.datastores.jdbc.TestingArrow;
import io.datastores.jdbc.TestingBatches;
import io.datastores.jdbc.TestingZoo;
import io.datastores.tck.TckReaders;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bulk writes and reads against a real S3 protocol server: every format, every mode, failures. */
class S3BulkTest extends S3ServerTest {
    private static final Schema ID_VALUE = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(32, true)), null),
            new Field("value", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
    private static final TableRef TABLE = TableRef.of("orders");

    private Datastore datastore(Format format) {
        return new S3DatastoreProvider().open(s3.config(bucket, Map.of("format", format.key())));
    }

    @ParameterizedTest
    @EnumSource(
            value = Format.class,
            names = {"PARQUET", "ARROW"})
    void typedFormatsRoundTripTheZooExactly(Format format) {
        try (Datastore lake = datastore(format);
                VectorSchemaRoot zoo = TestingZoo.create(allocator, true)) {
            write(lake, WriteMode.APPEND, zoo);
            assertThat(s3.objects(bucket))
                    .singleElement()
                    .satisfies(o -> assertThat(o.key())
                            .matches("data/orders/part-[0-9a-z]+-[0-9a-f]{6}-00000\\." + format.key()));
            ArrowReader back = lake.bulkReader().read(ReadRequest.table(TABLE), allocator);
            try (ArrowReader expected = TestingArrow.reader(allocator, zoo)) {
                assertThat(schemaOf(back)).isEqualTo(zoo.getSchema());
                assertThat(TestingArrow.rows(back)).isEqualTo(TestingArrow.rows(expected));
            }
            assertThat(lake.describe(TABLE).columns())
                    .extracting(c -> c.name() + " " + c.typeName() + " " + c.nullable())
                    .startsWith("id int32 false", "small int16 true")
                    .contains(
                            "amount decimal(38, 10) true",
                            "instant timestamp[us, tz=UTC] true",
                            "clock time64[us] true");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** CSV and JSON Lines keep text: every column reads back as nullable utf8 in the form TextValues states. */
    @ParameterizedTest
    @EnumSource(
            value = Format.class,
            names = {"CSV", "JSONL"})
    void textFormatsRoundTripTheZooAsText(Format format) {
        try (Datastore lake = datastore(format);
                VectorSchemaRoot zoo = TestingZoo.create(allocator, true)) {
            write(lake, WriteMode.APPEND, zoo);
            ArrowReader back = lake.bulkReader().read(ReadRequest.table(TABLE), allocator);
            Schema schema = schemaOf(back);
            assertThat(schema.getFields())
                    .extracting(Field::getName)
                    .containsExactlyElementsOf(zoo.getSchema().getFields().stream()
                            .map(Field::getName)
                            .toList());
            assertThat(schema.getFields()).allSatisfy(f -> {
                assertThat(f.getType()).isEqualTo(ArrowType.Utf8.INSTANCE);
                assertThat(f.isNullable()).isTrue();
            });
            List<List<Object>> rows = TestingArrow.rows(back);
            assertThat(rows).isEqualTo(asText(zoo));
            // The stated forms, spelled out: NULL stays NULL, the empty string stays empty.
            assertThat(rows.get(0))
                    .containsExactly("0", null, null, null, null, null, null, null, null, null, null, null, null, null);
            assertThat(rows.get(1))
                    .containsExactly(
                            "1",
                            "-32768",
                            "-2147483648",
                            "-9223372036854775808",
                            "-Infinity",
                            "-Infinity",
                            "-9999999999999999999999999999.9999999999",
                            "",
                            "",
                            "1000-01-01",
                            "1901-12-13T20:45:52.000001",
                            "1969-07-20T20:17:40.123456Z",
                            "false",
                            "00:00");
            assertThat(rows.get(3)).containsSubsequence("-0.0", "NaN", "0.0000000001");
            assertThat(rows.get(3).get(8)).isEqualTo("5c4e090a");
            assertThat(rows.get(4).get(7)).isEqualTo(TestingZoo.LARGE_TEXT);
        }
    }

    private static List<List<Object>> asText(VectorSchemaRoot zoo) {
        List<List<Object>> rows = new ArrayList<>();
        for (int row = 0; row < zoo.getRowCount(); row++) {
            List<Object> values = new ArrayList<>();
            for (FieldVector vector : zoo.getFieldVectors()) {
                values.add(vector.isNull(row) ? null : ArrowText.text(vector, row));
            }
            rows.add(values);
        }
        return rows;
    }

    @Test
    void overwriteReplacesThePartsAndAppendAddsBeside() {
        try (Datastore lake = datastore(Format.PARQUET)) {
            TestingArrow.writeIdValueRows(
                    lake, allocator, ID_VALUE, TABLE, WriteMode.APPEND, new int[] {1, 2}, new String[] {"a", "b"});
            TestingArrow.writeIdValueRows(
                    lake, allocator, ID_VALUE, TABLE, WriteMode.APPEND, new int[] {3}, new String[] {null});
            assertThat(s3.objects(bucket)).hasSize(2);
            assertThat(TestingArrow.rows(lake.bulkReader().read(ReadRequest.table(TABLE), allocator)))
                    .containsExactly(List.of(1, "a"), List.of(2, "b"), java.util.Arrays.asList(3, null));

            TestingArrow.writeIdValueRows(
                    lake, allocator, ID_VALUE, TABLE, WriteMode.OVERWRITE, new int[] {9}, new String[] {"z"});
            assertThat(s3.objects(bucket)).hasSize(1);
            assertThat(TestingArrow.rows(lake.bulkReader().read(ReadRequest.table(TABLE), allocator)))
                    .containsExactly(List.of(9, "z"));
            assertThat(lake.tables(null)).containsExactly(TABLE);
        }
    }

    @Test
    void aWriteThatFailsMidwayPublishesNothingAndKeepsTheOldParts() throws IOException {
        try (Datastore lake = datastore(Format.PARQUET)) {
            TestingArrow.writeIdValueRows(
                    lake, allocator, ID_VALUE, TABLE, WriteMode.APPEND, new int[] {1}, new String[] {"kept"});
            try (VectorSchemaRoot first = TestingBatches.idValue(allocator, ID_VALUE, new int[] {7}, "lost");
                    VectorSchemaRoot second = TestingBatches.idValue(allocator, ID_VALUE, new int[] {8}, "lost");
                    ArrowReader batches = TestingArrow.reader(allocator, first, second);
                    ArrowReader broken = TckReaders.failingAfterFirstBatch(batches, allocator)) {
                assertThatThrownBy(() -> lake.bulkWriter()
                                .write(new WriteRequest(TABLE, WriteMode.OVERWRITE, List.of()), broken))
                        .hasMessageContaining("source broke");
            }
            assertThat(s3.objects(bucket)).hasSize(1);
            assertThat(s3.admin().listMultipartUploads(b -> b.bucket(bucket)).uploads())
                    .isEmpty();
            assertThat(TestingArrow.rows(lake.bulkReader().read(ReadRequest.table(TABLE), allocator)))
                    .containsExactly(List.of(1, "kept"));
        }
    }

    @Test
    void partsWhoseColumnsDisagreeFailTheReadNamingBoth() {
        try (Datastore lake = datastore(Format.PARQUET)) {
            TestingArrow.writeIdValueRows(
                    lake, allocator, ID_VALUE, TABLE, WriteMode.APPEND, new int[] {1}, new String[] {"a"});
            Schema other = new Schema(List.of(
                    new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
                    new Field("value", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
            try (VectorSchemaRoot batch = VectorSchemaRoot.create(other, allocator)) {
                batch.allocateNew();
                ((org.apache.arrow.vector.BigIntVector) batch.getVector(0)).setSafe(0, 2L);
                batch.setRowCount(1);
                write(lake, WriteMode.APPEND, batch);
            }
            assertThatThrownBy(() -> lake.bulkReader().read(ReadRequest.table(TABLE), allocator))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
                    .hasMessageContaining("column 'id' is Int(32, true) in data/orders/part-")
                    .hasMessageContaining("but Int(64, true) in data/orders/part-");
        }
    }

    @Test
    void aMissingTableIsNotFoundAndQueriesAreUnsupported() {
        try (Datastore lake = datastore(Format.PARQUET)) {
            assertThatThrownBy(() -> lake.describe(TableRef.of("nope")))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                    .hasMessageContaining("Table 'nope' not found")
                    .hasMessageContaining("s3://" + bucket + "/data/nope/");
            assertThatThrownBy(() -> lake.query("SELECT 1"))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                    .hasMessage("Datastore 'lake' (s3) does not support SQL");
            assertThatThrownBy(() -> lake.bulkReader().read(ReadRequest.query("SELECT 1"), allocator))
                    .hasMessage("Datastore 'lake' (s3) does not support SQL");
            assertThatThrownBy(() -> TestingArrow.writeIdValueRows(
                            lake, allocator, ID_VALUE, TABLE, WriteMode.UPSERT, new int[] {1}, new String[] {"a"}))
                    .hasMessage("Datastore 'lake' (s3) does not support UPSERT");
            try (VectorSchemaRoot batch = TestingBatches.idValue(allocator, ID_VALUE, new int[] {1}, "a");
                    ArrowReader source = TestingArrow.reader(allocator, batch)) {
                WriteRequest withState = WriteRequest.append(TABLE)
                        .withBeforeCommit(rows -> List.of(
                                io.datastores.api.bulk.BoundStatement.of("INSERT INTO state VALUES (?)", rows)));
                assertThatThrownBy(() -> lake.bulkWriter().write(withState, source))
                        .hasMessage("Datastore 'lake' (s3) does not support TRANSACTIONS");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertThat(s3.objects(bucket)).as("nothing written").isEmpty();
        }
    }

    private void write(Datastore lake, WriteMode mode, VectorSchemaRoot batch) {
        try (ArrowReader source = TestingArrow.reader(allocator, batch)) {
            WriteResult result = lake.bulkWriter().write(new WriteRequest(TABLE, mode, List.of()), source);
            assertThat(result.rows()).isEqualTo(batch.getRowCount());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Schema schemaOf(ArrowReader reader) {
        try {
            return reader.getVectorSchemaRoot().getSchema();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
