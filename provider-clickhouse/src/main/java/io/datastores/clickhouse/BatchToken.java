package io.datastores.clickhouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic {@code insert_deduplication_token}s for the batches of one write: the SHA-256 of
 * the target table and the batch's bytes, plus the batch's position, scoped by the request's
 * {@link io.datastores.api.bulk.WriteRequest#writeId() write id} when it has one. The same batch
 * sent again (a retry after a lost response, the same transfer run again, or a retried Spark task
 * under the same write id) gets the same token, so the server drops it; equal batches at different
 * positions of one write, or under different write ids (two Spark partitions holding equal rows),
 * stay distinct. The bytes stay in the token so that a retry whose batch differs (its input was not
 * deterministic) is stored rather than dropped. Not thread-safe: one per write.
 */
final class BatchToken {
    private final byte[] table;
    private final String prefix;
    private long position;

    BatchToken(String table) {
        this(table, null);
    }

    /**
     * @param table the qualified target table
     * @param writeId the request's write id, or {@code null}
     */
    BatchToken(String table, String writeId) {
        this.table = table.getBytes(StandardCharsets.UTF_8);
        this.prefix = writeId == null ? "datastores-" : "datastores-" + writeId + "-";
    }

    String next(byte[] batch, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(table);
            digest.update((byte) 0);
            digest.update(batch, 0, length);
            return prefix + HexFormat.of().formatHex(digest.digest()) + "-" + position++;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
