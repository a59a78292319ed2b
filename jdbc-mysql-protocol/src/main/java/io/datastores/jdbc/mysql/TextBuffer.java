package io.datastores.jdbc.mysql;

import io.datastores.jdbc.ProducedStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * The growing byte buffer {@link ArrowTextEncoder} writes into: numbers, dates and escaped text as
 * bytes, without making a String per value. Not thread-safe.
 */
final class TextBuffer {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final int capacity;
    private byte[] buffer;
    private int limit;

    TextBuffer(int capacity) {
        this.capacity = capacity;
        this.buffer = new byte[capacity];
    }

    /** @return bytes written and not yet handed on */
    int size() {
        return limit;
    }

    /** @return a copy of the bytes written */
    byte[] toByteArray() {
        return Arrays.copyOf(buffer, limit);
    }

    /**
     * Gives the filled buffer away (the sink owns it now) and starts a new one.
     *
     * @return the bytes handed
     */
    int handTo(ProducedStream.Sink sink) {
        int handed = limit;
        sink.accept(buffer, handed);
        buffer = new byte[capacity];
        limit = 0;
        return handed;
    }

    void put(byte b) {
        ensure(1);
        buffer[limit++] = b;
    }

    void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, limit, bytes.length);
        limit += bytes.length;
    }

    void ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            buffer[limit++] = (byte) text.charAt(i);
        }
    }

    /** Writes a long's decimal digits. */
    void integer(long value) {
        if (value == Long.MIN_VALUE) {
            ascii(Long.toString(value));
            return;
        }
        ensure(20);
        if (value < 0) {
            buffer[limit++] = '-';
            value = -value;
        }
        int start = limit;
        do {
            buffer[limit++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        for (int i = start, j = limit - 1; i < j; i++, j--) {
            byte swap = buffer[i];
            buffer[i] = buffer[j];
            buffer[j] = swap;
        }
    }

    /**
     * Writes a decimal from its unscaled value.
     *
     * @param unscaled the unscaled value, not {@link Long#MIN_VALUE}
     * @param scale digits after the point, at most 18
     */
    void decimal(long unscaled, int scale) {
        if (unscaled < 0) {
            put((byte) '-');
            unscaled = -unscaled;
        }
        long factor = 1;
        for (int i = 0; i < scale; i++) {
            factor *= 10;
        }
        integer(unscaled / factor);
        if (scale > 0) {
            put((byte) '.');
            long fraction = unscaled % factor;
            ensure(scale);
            for (int i = limit + scale - 1; i >= limit; i--) {
                buffer[i] = (byte) ('0' + fraction % 10);
                fraction /= 10;
            }
            limit += scale;
        }
    }

    /** Writes an ISO date; years outside 0–9999 take {@link LocalDate#toString()}'s form. */
    void date(int epochDay) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            ascii(date.toString());
            return;
        }
        ensure(10);
        digits(year, 4);
        buffer[limit++] = '-';
        digits(date.getMonthValue(), 2);
        buffer[limit++] = '-';
        digits(date.getDayOfMonth(), 2);
    }

    private void digits(int value, int width) {
        for (int i = limit + width - 1; i >= limit; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        limit += width;
    }

    /** LOAD DATA text: backslash, tab, newline, carriage return and NUL escaped with a backslash. */
    void loadDataEscaped(byte[] value, int length) {
        ensure(length * 2);
        for (int i = 0; i < length; i++) {
            byte b = value[i];
            switch (b) {
                case '\\' -> escape((byte) '\\');
                case '\t' -> escape((byte) 't');
                case '\n' -> escape((byte) 'n');
                case '\r' -> escape((byte) 'r');
                case 0 -> escape((byte) '0');
                default -> buffer[limit++] = b;
            }
        }
    }

    private void escape(byte letter) {
        buffer[limit++] = '\\';
        buffer[limit++] = letter;
    }

    /** A JSON string of UTF-8 bytes: quote, backslash and control characters escaped, the rest as is. */
    void jsonString(byte[] value, int length) {
        ensure(length * 6 + 2);
        buffer[limit++] = '"';
        for (int i = 0; i < length; i++) {
            byte b = value[i];
            if (b == '"' || b == '\\') {
                escape(b);
            } else if (b >= 0 && b < 0x20) {
                buffer[limit++] = '\\';
                buffer[limit++] = 'u';
                buffer[limit++] = '0';
                buffer[limit++] = '0';
                buffer[limit++] = HEX[b >> 4];
                buffer[limit++] = HEX[b & 0xF];
            } else {
                buffer[limit++] = b;
            }
        }
        buffer[limit++] = '"';
    }

    private void ensure(int more) {
        if (buffer.length - limit < more) {
            byte[] grown = new byte[Math.max(buffer.length * 2, limit + more)];
            System.arraycopy(buffer, 0, grown, 0, limit);
            buffer = grown;
        }
    }
}
