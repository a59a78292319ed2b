package io.datastores.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cells a bulk write reads straight from their vectors (longs, dates, decimals that fit a long) are
 * the BSON values the general path, through Java objects, stores: compared value by value with what the
 * driver's own {@code new Decimal128(BigDecimal)} and {@code LocalDate} give.
 */
class ArrowToBsonTest {
    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void close() {
        allocator.close();
    }

    @Test
    void decimalsAreTheDecimal128sOfTheirBigDecimals() {
        Random random = new Random(42);
        for (int scale : new int[] {0, 2, 6, 18}) {
            for (int precision : new int[] {Math.max(scale, 1), 15, 18, 19, 34, 38}) {
                if (precision < scale) {
                    continue;
                }
                List<BigDecimal> values = new ArrayList<>(List.of(
                        BigDecimal.ZERO.setScale(scale),
                        BigDecimal.ONE.setScale(scale),
                        BigDecimal.ONE.negate().setScale(scale),
                        new BigDecimal(
                                BigInteger.TEN.pow(Math.min(precision, 18)).subtract(BigInteger.ONE), scale),
                        new BigDecimal(
                                BigInteger.TEN
                                        .pow(precision)
                                        .subtract(BigInteger.ONE)
                                        .negate(),
                                scale)));
                for (int i = 0; i < 200; i++) {
                    BigInteger unscaled = new BigInteger(random.nextInt(4 * precision) + 1, random)
                            .mod(BigInteger.TEN.pow(precision));
                    values.add(new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), scale));
                }
                BigInteger limit = BigInteger.TEN.pow(precision);
                values.removeIf(v -> v.unscaledValue().abs().compareTo(limit) >= 0);
                String type = "decimal(" + precision + "," + scale + ")";
                try (DecimalVector vector = new DecimalVector("d", allocator, precision, scale)) {
                    for (int i = 0; i < values.size(); i++) {
                        vector.setSafe(i, values.get(i));
                    }
                    vector.setValueCount(values.size());
                    for (int i = 0; i < values.size(); i++) {
                        Object expected = precision <= ArrowToBson.DECIMAL128_DIGITS
                                ? new BsonDecimal128(new Decimal128(values.get(i)))
                                : new BsonString(values.get(i).toPlainString());
                        assertThat(ArrowToBson.cell(vector, i, type))
                                .as("%s as %s", values.get(i), type)
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void aDecimalOfAnotherScaleThanItsColumnIsRescaledAsBefore() {
        try (DecimalVector vector = new DecimalVector("d", allocator, 10, 2)) {
            vector.setSafe(0, new BigDecimal("12.50"));
            vector.setValueCount(1);
            assertThat(ArrowToBson.cell(vector, 0, "decimal(12,4)"))
                    .isEqualTo(new BsonDecimal128(new Decimal128(new BigDecimal("12.5000"))));
            assertThat(ArrowToBson.cell(vector, 0, "decimal(12,4)"))
                    .isEqualTo(new BsonDecimal128(
                            new Decimal128(new BigDecimal("12.50").setScale(4, RoundingMode.UNNECESSARY))));
        }
    }

    @Test
    void datesAndLongsAreWhatTheirJavaValuesStore() {
        long[] days = {0, 1, -1, 8_035, -719_162, 2_932_896, Integer.MAX_VALUE / 2};
        try (DateDayVector dates = new DateDayVector("day", allocator);
                BigIntVector longs = new BigIntVector("n", allocator)) {
            for (int i = 0; i < days.length; i++) {
                dates.setSafe(i, (int) days[i]);
                longs.setSafe(i, days[i] * 1_000_003L);
            }
            longs.setSafe(days.length, Long.MIN_VALUE);
            dates.setValueCount(days.length);
            longs.setValueCount(days.length + 1);
            for (int i = 0; i < days.length; i++) {
                long millis = LocalDate.ofEpochDay(days[i]).toEpochDay() * 86_400_000L;
                assertThat(ArrowToBson.cell(dates, i, "date")).isEqualTo(new BsonDateTime(millis));
                assertThat(ArrowToBson.cell(longs, i, "long")).isEqualTo(new BsonInt64(days[i] * 1_000_003L));
            }
            assertThat(ArrowToBson.cell(longs, days.length, "long")).isEqualTo(new BsonInt64(Long.MIN_VALUE));
        }
    }
}
