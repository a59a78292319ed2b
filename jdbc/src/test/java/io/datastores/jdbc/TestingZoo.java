package io.datastores.jdbc;

import io.datastores.tck.TckZoo;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The type zoo every provider round-trips: one row of NULLs, then minimum, maximum and awkward
 * values of every common type (integer limits, -0.0/NaN/±Infinity, numeric(38,10), dates before
 * 1970 and after 2038, microsecond timestamps, emoji/CJK/combining marks, empty strings, 1 MB text
 * and binary values). Column {@code id} is the key (0…4).
 */
public final class TestingZoo {
    /** Columns, in order: id, small, medium, big, real, double, amount, text, bytes, day, wall, instant, flag, clock. */
    public static final Schema SCHEMA = TckZoo.SCHEMA;

    /** A text of 2^20 UTF-16 units (1.4 MB of UTF-8) in mixed scripts. */
    public static final String LARGE_TEXT = "héllo 世界 😀 ok  ".repeat(1 << 16);

    private TestingZoo() {}

    /**
     * @param allocator where the batch lives
     * @param floatSpecials whether to include -0.0, NaN and ±Infinity (databases without them pass false)
     * @return the zoo; the caller closes it
     */
    public static VectorSchemaRoot create(BufferAllocator allocator, boolean floatSpecials) {
        return create(allocator, floatSpecials, true);
    }

    /**
     * @param allocator where the batch lives
     * @param floatSpecials whether to include -0.0, NaN and ±Infinity (databases without them pass false)
     * @param largeValues whether the last row holds {@link #LARGE_TEXT} and 1 MiB of binary (2.4 MB); else a
     *     64 KiB text and blob, for databases that cap a row at 2 MB (D1, Durable Object SQLite)
     * @return the zoo; the caller closes it
     */
    public static VectorSchemaRoot create(BufferAllocator allocator, boolean floatSpecials, boolean largeValues) {
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        root.allocateNew();
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        byte[] largeBinary = new byte[largeValues ? 1 << 20 : 1 << 16];
        new Random(42).nextBytes(largeBinary);
        int row = 0;
        ((IntVector) root.getVector("id")).setSafe(row, 0); // every other column NULL
        row++;
        TckZoo.set(
                root,
                row++,
                Short.MIN_VALUE,
                Integer.MIN_VALUE,
                Long.MIN_VALUE,
                floatSpecials ? Float.NEGATIVE_INFINITY : -Float.MAX_VALUE,
                floatSpecials ? Double.NEGATIVE_INFINITY : -Double.MAX_VALUE,
                new BigDecimal("-9999999999999999999999999999.9999999999"),
                "",
                new byte[0],
                LocalDate.of(1000, 1, 1),
                LocalDateTime.of(1901, 12, 13, 20, 45, 52, 1000),
                LocalDateTime.of(1969, 7, 20, 20, 17, 40, 123_456_000),
                false,
                LocalTime.MIDNIGHT);
        TckZoo.set(
                root,
                row++,
                Short.MAX_VALUE,
                Integer.MAX_VALUE,
                Long.MAX_VALUE,
                floatSpecials ? Float.POSITIVE_INFINITY : Float.MAX_VALUE,
                floatSpecials ? Double.POSITIVE_INFINITY : Double.MAX_VALUE,
                new BigDecimal("9999999999999999999999999999.9999999999"),
                "😀🎉 漢字かな e\u0301 ñ",
                everyByte,
                LocalDate.of(9999, 12, 31),
                LocalDateTime.of(2100, 12, 31, 23, 59, 59, 999_999_000),
                LocalDateTime.of(2038, 1, 19, 3, 14, 8, 1000),
                true,
                LocalTime.of(23, 59, 59, 999_999_000));
        TckZoo.set(
                root,
                row++,
                (short) 0,
                0,
                0L,
                floatSpecials ? -0.0f : Float.MIN_VALUE,
                floatSpecials ? Double.NaN : Double.MIN_VALUE,
                new BigDecimal("0.0000000001"),
                "tab\there\nnew line \\ back\\slash \"quote\" 'single' \r end",
                "\\N\t\n".getBytes(StandardCharsets.UTF_8),
                LocalDate.of(1969, 12, 31),
                LocalDateTime.of(1970, 1, 1, 0, 0),
                LocalDateTime.of(2000, 2, 29, 12, 0),
                true,
                LocalTime.of(12, 0, 0, 1000));
        TckZoo.set(
                root,
                row++,
                (short) -1,
                -1,
                -1L,
                1.5f,
                Math.PI,
                new BigDecimal("-0.0000000001"),
                largeValues ? LARGE_TEXT : LARGE_TEXT.substring(0, 1 << 16),
                largeBinary,
                LocalDate.of(2000, 1, 1),
                LocalDateTime.of(2262, 4, 11, 23, 47, 16, 854_775_000),
                LocalDateTime.of(1600, 1, 1, 0, 0, 0, 1000),
                false,
                LocalTime.of(0, 0, 0, 1000));
        root.setRowCount(row);
        return root;
    }

    /**
     * @param wall a wall-clock time, read as UTC
     * @return microseconds since the epoch
     */
    public static long micros(LocalDateTime wall) {
        return TckZoo.micros(wall);
    }
}
