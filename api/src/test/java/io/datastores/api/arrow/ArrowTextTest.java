package io.datastores.api.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.junit.jupiter.api.Test;

/** The text of decimals and dates is exactly the JDK's, on the fast paths and off them. */
class ArrowTextTest {
    private static final Random RANDOM = new Random(20261203);

    @Test
    void decimalsReadLikeToPlainStringAtEveryPrecisionAndScale() {
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int precision : new int[] {1, 2, 9, 15, 18, 19, 38}) {
                for (int scale : new int[] {0, 1, 2, precision / 2, precision}) {
                    List<BigDecimal> values = decimals(precision, scale);
                    try (DecimalVector vector = new DecimalVector("d", allocator, precision, scale)) {
                        for (int i = 0; i < values.size(); i++) {
                            vector.setSafe(i, values.get(i));
                        }
                        vector.setValueCount(values.size());
                        for (int i = 0; i < values.size(); i++) {
                            assertThat(ArrowText.text(vector, i))
                                    .as("decimal(%d, %d) %s", precision, scale, values.get(i))
                                    .isEqualTo(values.get(i).toPlainString());
                        }
                    }
                }
            }
        }
    }

    @Test
    void wideDecimalsKeepTheirDigits() {
        try (BufferAllocator allocator = new RootAllocator();
                Decimal256Vector vector = new Decimal256Vector("d", allocator, 60, 5)) {
            BigDecimal value = new BigDecimal("-1234567890123456789012345678901234567890123456789012.34567");
            vector.setSafe(0, value);
            vector.setValueCount(1);
            assertThat(ArrowText.text(vector, 0)).isEqualTo(value.toPlainString());
        }
    }

    @Test
    void datesReadLikeLocalDateInsideAndOutsideFourDigitYears() {
        List<Long> days = new ArrayList<>(List.of(
                0L,
                -1L,
                1L,
                LocalDate.of(9999, 12, 31).toEpochDay(),
                LocalDate.of(10000, 1, 1).toEpochDay(),
                LocalDate.of(0, 1, 1).toEpochDay(),
                LocalDate.of(-1, 12, 31).toEpochDay(),
                LocalDate.of(2024, 2, 29).toEpochDay(),
                LocalDate.of(-5000, 6, 1).toEpochDay()));
        for (int i = 0; i < 2_000; i++) {
            days.add((long) RANDOM.nextInt(4_000_000) - 2_000_000);
        }
        try (BufferAllocator allocator = new RootAllocator();
                DateDayVector byDay = new DateDayVector("d", allocator);
                DateMilliVector byMilli = new DateMilliVector("m", allocator)) {
            for (int i = 0; i < days.size(); i++) {
                byDay.setSafe(i, Math.toIntExact(days.get(i)));
                byMilli.setSafe(i, days.get(i) * 86_400_000L + 3_600_000L);
            }
            byDay.setValueCount(days.size());
            byMilli.setValueCount(days.size());
            for (int i = 0; i < days.size(); i++) {
                String expected = LocalDate.ofEpochDay(days.get(i)).toString();
                assertThat(ArrowText.text(byDay, i)).isEqualTo(expected);
                assertThat(ArrowText.text(byMilli, i)).isEqualTo(expected);
            }
        }
    }

    private static List<BigDecimal> decimals(int precision, int scale) {
        BigInteger largest = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
        List<BigDecimal> values = new ArrayList<>();
        for (BigInteger unscaled : List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(5), largest)) {
            values.add(new BigDecimal(unscaled, scale));
            values.add(new BigDecimal(unscaled.negate(), scale));
        }
        for (int i = 0; i < 200; i++) {
            BigInteger unscaled = new BigInteger(largest.bitLength(), RANDOM).mod(largest.add(BigInteger.ONE));
            values.add(new BigDecimal(RANDOM.nextBoolean() ? unscaled : unscaled.negate(), scale));
        }
        return values;
    }
}
