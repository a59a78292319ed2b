package io.datastores.benchmarks.providers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** The 16-column TPC-H lineitem shape: deterministic rows, kept in memory as an Arrow IPC stream. */
final class Lineitem {
    static final Schema SCHEMA = new Schema(List.of(
            Field.notNullable("l_orderkey", new ArrowType.Int(64, true)),
            Field.notNullable("l_partkey", new ArrowType.Int(64, true)),
            Field.notNullable("l_suppkey", new ArrowType.Int(64, true)),
            Field.notNullable("l_linenumber", new ArrowType.Int(32, true)),
            Field.notNullable("l_quantity", new ArrowType.Decimal(15, 2, 128)),
            Field.notNullable("l_extendedprice", new ArrowType.Decimal(15, 2, 128)),
            Field.notNullable("l_discount", new ArrowType.Decimal(15, 2, 128)),
            Field.notNullable("l_tax", new ArrowType.Decimal(15, 2, 128)),
            Field.notNullable("l_returnflag", ArrowType.Utf8.INSTANCE),
            Field.notNullable("l_linestatus", ArrowType.Utf8.INSTANCE),
            Field.notNullable("l_shipdate", new ArrowType.Date(DateUnit.DAY)),
            Field.notNullable("l_commitdate", new ArrowType.Date(DateUnit.DAY)),
            Field.notNullable("l_receiptdate", new ArrowType.Date(DateUnit.DAY)),
            Field.notNullable("l_shipinstruct", ArrowType.Utf8.INSTANCE),
            Field.notNullable("l_shipmode", ArrowType.Utf8.INSTANCE),
            Field.notNullable("l_comment", ArrowType.Utf8.INSTANCE)));

    static final String COLUMNS = "l_orderkey BIGINT NOT NULL, l_partkey BIGINT NOT NULL, l_suppkey BIGINT NOT NULL, "
            + "l_linenumber INT NOT NULL, l_quantity DECIMAL(15,2) NOT NULL, l_extendedprice DECIMAL(15,2) NOT NULL, "
            + "l_discount DECIMAL(15,2) NOT NULL, l_tax DECIMAL(15,2) NOT NULL, l_returnflag CHAR(1) NOT NULL, "
            + "l_linestatus CHAR(1) NOT NULL, l_shipdate DATE NOT NULL, l_commitdate DATE NOT NULL, "
            + "l_receiptdate DATE NOT NULL, l_shipinstruct VARCHAR(25) NOT NULL, l_shipmode VARCHAR(10) NOT NULL, "
            + "l_comment VARCHAR(44) NOT NULL";

    private static final String[] INSTRUCT = {"DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"};
    private static final String[] MODE = {"REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"};
    private static final String[] WORDS = {
        "furiously",
        "quickly",
        "carefully",
        "blithely",
        "slyly",
        "ironic",
        "final",
        "pending",
        "regular",
        "express",
        "deposits",
        "requests",
        "accounts",
        "packages",
        "theodolites"
    };
    private static final int BATCH = 65_536;

    private Lineitem() {}

    /** @return {@code rows} rows as an Arrow IPC stream, in batches of 65,536 */
    static byte[] generate(BufferAllocator allocator, int rows) throws IOException {
        SplittableRandom random = new SplittableRandom(20_261_122);
        int start = (int) LocalDate.of(1992, 1, 1).toEpochDay();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
                ArrowStreamWriter writer = new ArrowStreamWriter(root, null, bytes)) {
            writer.start();
            for (int done = 0; done < rows; done += BATCH) {
                int count = Math.min(BATCH, rows - done);
                root.allocateNew();
                for (int i = 0; i < count; i++) {
                    int row = done + i;
                    ((BigIntVector) root.getVector(0)).setSafe(i, row / 4 + 1);
                    ((BigIntVector) root.getVector(1)).setSafe(i, random.nextInt(200_000) + 1);
                    ((BigIntVector) root.getVector(2)).setSafe(i, random.nextInt(10_000) + 1);
                    ((IntVector) root.getVector(3)).setSafe(i, row % 4 + 1);
                    ((DecimalVector) root.getVector(4))
                            .setSafe(
                                    i,
                                    BigDecimal.valueOf(random.nextInt(50) + 1, 0)
                                            .setScale(2));
                    ((DecimalVector) root.getVector(5)).setSafe(i, BigDecimal.valueOf(random.nextLong(10_000_000), 2));
                    ((DecimalVector) root.getVector(6)).setSafe(i, BigDecimal.valueOf(random.nextInt(11), 2));
                    ((DecimalVector) root.getVector(7)).setSafe(i, BigDecimal.valueOf(random.nextInt(9), 2));
                    text(root, 8, i, random.nextBoolean() ? "R" : "N");
                    text(root, 9, i, random.nextBoolean() ? "O" : "F");
                    int ship = start + random.nextInt(2_500);
                    ((DateDayVector) root.getVector(10)).setSafe(i, ship);
                    ((DateDayVector) root.getVector(11)).setSafe(i, ship + random.nextInt(60));
                    ((DateDayVector) root.getVector(12)).setSafe(i, ship + random.nextInt(30) + 1);
                    text(root, 13, i, INSTRUCT[random.nextInt(INSTRUCT.length)]);
                    text(root, 14, i, MODE[random.nextInt(MODE.length)]);
                    StringBuilder comment = new StringBuilder();
                    int words = 2 + random.nextInt(5);
                    for (int w = 0; w < words; w++) {
                        comment.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
                    }
                    text(root, 15, i, comment.length() > 44 ? comment.substring(0, 44) : comment.toString());
                }
                root.setRowCount(count);
                writer.writeBatch();
            }
            writer.end();
        }
        return bytes.toByteArray();
    }

    private static void text(VectorSchemaRoot root, int column, int row, String value) {
        ((VarCharVector) root.getVector(column)).setSafe(row, value.getBytes(StandardCharsets.US_ASCII));
    }
}
