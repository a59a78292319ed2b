package io.datastores.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.arrow.JsonVector;
import io.datastores.api.arrow.UuidVector;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.jdbc.TestingArrow;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet this provider writes is read by another implementation, DuckDB's own {@code read_parquet},
 * over the same object's bytes: the same types (DuckDB's names for them, and the same Arrow types
 * when DuckDB exports them) and the same values as the SDK reads back.
 */
class S3ReadByDuckDbTest {
    private static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(32, true)), null),
            Field.nullable("amount", new ArrowType.Decimal(38, 10, 128)),
            Field.nullable("price", new ArrowType.Decimal(15, 2, 128)),
            Field.nullable("wall", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
            Field.nullable("instant", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
            CanonicalTypes.list("ints", new ArrowType.Int(32, true)),
            CanonicalTypes.list("texts", ArrowType.Utf8.INSTANCE),
            Field.nullable("ref", CanonicalTypes.UUID),
            Field.nullable("doc", CanonicalTypes.JSON),
            Field.nullable("bytes", ArrowType.Binary.INSTANCE)));

    @TempDir
    Path dir;

    @Test
    void duckDbReadsOurParquetWithTheSameTypesAndValues() throws Exception {
        try (TestingS3 s3 = TestingS3.start(dir.resolve("blobs"));
                BufferAllocator allocator = new RootAllocator()) {
            String bucket = s3.createBucket();
            try (Datastore lake = new S3DatastoreProvider().open(s3.config(bucket, Map.of()))) {
                TableRef table = TableRef.of("interop");
                try (VectorSchemaRoot root = batch(allocator);
                        ArrowReader batches = TestingArrow.reader(allocator, root)) {
                    lake.bulkWriter().write(WriteRequest.append(table), batches);
                }
                BufferAllocator readSide = allocator.newChildAllocator("ours", 0, Long.MAX_VALUE);
                ArrowReader ours = lake.bulkReader().read(ReadRequest.table(table), readSide);
                List<Object> ourShape = shape(ours.getVectorSchemaRoot().getSchema());
                List<List<Object>> ourRows = TestingArrow.rows(ours);
                readSide.close();

                List<String> files = download(s3, bucket, "parquet");
                String scan = "read_parquet([" + String.join(", ", files) + "])";
                try (BufferAllocator duckSide = allocator.newChildAllocator("duck", 0, Long.MAX_VALUE);
                        Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                        Statement statement = duck.createStatement()) {
                    List<String> types = new ArrayList<>();
                    try (ResultSet rs = statement.executeQuery("DESCRIBE SELECT * FROM " + scan)) {
                        while (rs.next()) {
                            types.add(rs.getString("column_name") + " " + rs.getString("column_type"));
                        }
                    }
                    assertThat(types)
                            .containsExactly(
                                    "id INTEGER",
                                    "amount DECIMAL(38,10)",
                                    "price DECIMAL(15,2)",
                                    "wall TIMESTAMP",
                                    "instant TIMESTAMP WITH TIME ZONE",
                                    "ints INTEGER[]",
                                    "texts VARCHAR[]",
                                    "ref UUID",
                                    "doc JSON",
                                    "bytes BLOB");
                    CanonicalTypes.register();
                    statement.execute("SET arrow_lossless_conversion = true");
                    try (ResultSet rs = statement.executeQuery("SELECT * FROM " + scan + " ORDER BY id")) {
                        ArrowReader theirs =
                                (ArrowReader) rs.unwrap(DuckDBResultSet.class).arrowExportStream(duckSide, 1024);
                        assertThat(shape(theirs.getVectorSchemaRoot().getSchema()))
                                .isEqualTo(ourShape);
                        assertThat(TestingArrow.rows(theirs)).isEqualTo(ourRows);
                    }
                }
                assertThat(ourRows).hasSize(3);
                assertThat(ourRows.get(1))
                        .isEqualTo(Arrays.asList(
                                1,
                                new BigDecimal("-1234567890123456789012345678.0123456789"),
                                new BigDecimal("12.50"),
                                java.time.LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000),
                                java.time.OffsetDateTime.parse("2038-01-19T03:14:08.000001Z"),
                                "[1,null,3]",
                                "[\"a\",null,\"\"]",
                                "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                                "{\"a\": [1, \"é\"]}",
                                "00ff10"));
            } finally {
                s3.deleteBucket(bucket);
            }
        }
    }

    @Test
    void duckDbReadsOurCsvAndJsonLinesAsTheSameText() throws Exception {
        try (TestingS3 s3 = TestingS3.start(dir.resolve("blobs"));
                BufferAllocator allocator = new RootAllocator()) {
            for (String format : List.of("csv", "jsonl")) {
                String bucket = s3.createBucket();
                try (Datastore lake = new S3DatastoreProvider().open(s3.config(bucket, Map.of("format", format)))) {
                    TableRef table = TableRef.of("interop");
                    try (VectorSchemaRoot root = batch(allocator);
                            ArrowReader batches = TestingArrow.reader(allocator, root)) {
                        lake.bulkWriter().write(WriteRequest.append(table), batches);
                    }
                    List<List<Object>> ours =
                            TestingArrow.rows(lake.bulkReader().read(ReadRequest.table(table), allocator));
                    List<String> files = download(s3, bucket, format);
                    // Every column as text, as the SDK reads these formats; a quoted empty field is the empty string.
                    String scan = format.equals("csv")
                            ? "read_csv([" + String.join(", ", files) + "], header = true, all_varchar = true, "
                                    + "allow_quoted_nulls = false)"
                            : "read_json([" + String.join(", ", files) + "], format = 'newline_delimited', columns = {"
                                    + SCHEMA.getFields().stream()
                                            .map(f -> f.getName() + ": 'VARCHAR'")
                                            .collect(java.util.stream.Collectors.joining(", "))
                                    + "})";
                    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                            Statement statement = duck.createStatement();
                            ResultSet rs = statement.executeQuery("SELECT * FROM " + scan + " ORDER BY id::INTEGER")) {
                        List<List<Object>> theirs = new ArrayList<>();
                        while (rs.next()) {
                            List<Object> row = new ArrayList<>();
                            for (int i = 1; i <= SCHEMA.getFields().size(); i++) {
                                row.add(rs.getString(i));
                            }
                            theirs.add(row);
                        }
                        assertThat(theirs).as(format).isEqualTo(ours);
                    }
                } finally {
                    s3.deleteBucket(bucket);
                }
            }
        }
    }

    private List<String> download(TestingS3 s3, String bucket, String format) throws Exception {
        List<String> files = new ArrayList<>();
        for (var object : s3.admin().listObjectsV2(b -> b.bucket(bucket)).contents()) {
            Path file = dir.resolve(bucket + "-" + files.size() + "." + format);
            Files.write(
                    file,
                    s3.admin()
                            .getObjectAsBytes(b -> b.bucket(bucket).key(object.key()))
                            .asByteArray());
            files.add("'" + file + "'");
        }
        assertThat(files).isNotEmpty();
        return files;
    }

    /** Row 0 all NULL but the key; row 1 ordinary values; row 2 empty lists and edge values. */
    private static VectorSchemaRoot batch(BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        root.allocateNew();
        IntVector id = (IntVector) root.getVector("id");
        id.setSafe(0, 0);
        id.setSafe(1, 1);
        id.setSafe(2, 2);
        ((DecimalVector) root.getVector("amount"))
                .setSafe(1, new BigDecimal("-1234567890123456789012345678.0123456789"));
        ((DecimalVector) root.getVector("amount")).setSafe(2, new BigDecimal("0.0000000001"));
        ((DecimalVector) root.getVector("price")).setSafe(1, new BigDecimal("12.50"));
        ((DecimalVector) root.getVector("price")).setSafe(2, new BigDecimal("-9999999999999.99"));
        ((TimeStampVector) root.getVector("wall")).setSafe(1, -1L);
        ((TimeStampVector) root.getVector("wall")).setSafe(2, 4_102_444_800_000_000L);
        ((TimeStampVector) root.getVector("instant")).setSafe(1, 2_147_483_648_000_001L);
        ((TimeStampVector) root.getVector("instant")).setSafe(2, 0L);
        list((ListVector) root.getVector("ints"), 1, 1, null, 3);
        list((ListVector) root.getVector("ints"), 2);
        list((ListVector) root.getVector("texts"), 1, "a", null, "");
        list((ListVector) root.getVector("texts"), 2);
        ((UuidVector) root.getVector("ref")).setSafe(1, UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        ((UuidVector) root.getVector("ref")).setSafe(2, new UUID(-1L, -1L));
        ((JsonVector) root.getVector("doc")).setSafe(1, "{\"a\": [1, \"é\"]}");
        ((JsonVector) root.getVector("doc")).setSafe(2, "[]");
        ((VarBinaryVector) root.getVector("bytes")).setSafe(1, new byte[] {0, -1, 16});
        ((VarBinaryVector) root.getVector("bytes")).setSafe(2, new byte[0]);
        root.setRowCount(3);
        return root;
    }

    private static void list(ListVector list, int row, Object... values) {
        int first = list.startNewValue(row);
        FieldVector elements = list.getDataVector();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                elements.setNull(first + i);
            } else if (values[i] instanceof Integer value) {
                ((IntVector) elements).setSafe(first + i, value);
            } else {
                ((VarCharVector) elements).setSafe(first + i, ((String) values[i]).getBytes(StandardCharsets.UTF_8));
            }
        }
        list.endValue(row, values.length);
    }

    /** Types without names (every engine names list elements its own way), a time zone only as present or not. */
    private static List<Object> shape(Schema schema) {
        return schema.getFields().stream().map(S3ReadByDuckDbTest::shape).toList();
    }

    private static Object shape(Field field) {
        ArrowType type = field.getType() instanceof ArrowType.Timestamp t
                ? new ArrowType.Timestamp(t.getUnit(), t.getTimezone() == null ? null : "zoned")
                : field.getType();
        return Arrays.asList(
                type,
                field.getChildren().stream().map(S3ReadByDuckDbTest::shape).toList());
    }
}
