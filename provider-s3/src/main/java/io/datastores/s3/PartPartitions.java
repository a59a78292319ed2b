package io.datastores.s3;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.bulk.PartitionedRead;
import io.datastores.api.bulk.ReadPartition;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.spi.DatastoreConfig;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Splits a table read by its part objects: consecutive runs of parts (in key order) of about equal
 * size. Parts are immutable once published, so a partition reads exactly the parts listed when the
 * read was split; if the table was overwritten since, its parts are gone and the read fails rather
 * than mix two versions.
 */
final class PartPartitions {
    private static final String PARTS = "parts";

    private PartPartitions() {}

    static PartitionedRead split(ReadRequest request, List<S3Object> parts, int count) {
        int n = Math.min(count, parts.size());
        if (n <= 1) {
            return PartitionedRead.single(request);
        }
        long total = parts.stream().mapToLong(S3Object::size).sum();
        List<ReadRequest> partitions = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        long taken = 0;
        for (int i = 0; i < parts.size(); i++) {
            keys.add(URLEncoder.encode(parts.get(i).key(), StandardCharsets.UTF_8));
            taken += parts.get(i).size();
            int partsLeft = parts.size() - i - 1;
            int partitionsLeft = n - partitions.size() - 1;
            // Close a partition at its share of the bytes, keeping a part for each partition still to come.
            boolean full = taken * n >= total * (partitions.size() + 1) || partsLeft == partitionsLeft;
            if (partitionsLeft == 0 ? partsLeft == 0 : full) {
                partitions.add(request.withPartition(
                        new ReadPartition(partitions.size(), n, null, Map.of(PARTS, String.join(",", keys)))));
                keys.clear();
            }
        }
        return new PartitionedRead(partitions, null);
    }

    /** @return the table's parts named by the request's partition, in key order */
    static List<S3Object> of(DatastoreConfig config, ReadRequest request, List<S3Object> parts) {
        String hint = request.partition().hints().get(PARTS);
        if (hint == null) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_DATA,
                    config.name(),
                    config.type(),
                    "Not a partition of an S3 read: it names no parts");
        }
        Set<String> wanted = Arrays.stream(hint.split(","))
                .map(k -> URLDecoder.decode(k, StandardCharsets.UTF_8))
                .collect(Collectors.toSet());
        List<S3Object> found =
                parts.stream().filter(p -> wanted.contains(p.key())).toList();
        if (found.size() != wanted.size()) {
            throw DatastoreException.of(
                    ErrorCode.NOT_FOUND,
                    config.name(),
                    config.type(),
                    "Table '"
                            + request.table() + "' was rewritten while it was read in partitions: parts of "
                            + request.partition() + " are gone; read it again");
        }
        return found;
    }
}
