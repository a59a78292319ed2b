package io.datastores.clickhouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic {@code insert_deduplication_token}s for the batches of one write: the SHA-256 of
 * the target table and the batch's bytes, plus the batch's position. The same batch sent again (a
 * retry after a lost response, or the same transfer run again) gets the same token, so the server
 * drops it; equal batches at different positions of one write stay distinct. Not thread-safe: one
 * per write.
 */
final class BatchToken {
    private final byte[] table;
    private long position;

    BatchToken(String table) {
        this.table = table.getBytes(StandardCharsets.UTF_8);
    }

    String next(byte[] batch, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(table);
            digest.update((byte) 0);
            digest.update(batch, 0, length);
            return "datastores-" + HexFormat.of().formatHex(digest.digest()) + "-" + position++;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
