package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.metadata.TokenMap;
import com.datastax.oss.driver.api.core.metadata.token.Token;
import com.datastax.oss.driver.api.core.metadata.token.TokenRange;
import io.datastores.api.bulk.PartitionedRead;
import io.datastores.api.bulk.ReadPartition;
import io.datastores.api.bulk.ReadRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits the ring into partitions from the driver's token map: each of the cluster's token ranges
 * (wrapping ones unwrapped) goes, in ring order, to one of at most {@code count} partitions of
 * contiguous ranges. A partition carries its ranges as text in its hints, so it survives
 * serialisation; every token belongs to exactly one range, so every row is read exactly once.
 */
final class TokenPartitions {
    static final String HINT = "token_ranges";

    /** One {@code (start, end]} range of tokens. */
    record Range(Token start, Token end) {}

    private TokenPartitions() {}

    static PartitionedRead split(ReadRequest request, TokenMap tokens, int count) {
        List<TokenRange> ranges = new ArrayList<>();
        for (TokenRange range : tokens.getTokenRanges()) {
            ranges.addAll(range.unwrap());
        }
        ranges.sort(null);
        if (ranges.size() < count) {
            List<TokenRange> finer = new ArrayList<>();
            int pieces = (count + ranges.size() - 1) / ranges.size();
            ranges.forEach(range -> finer.addAll(range.splitEvenly(pieces)));
            ranges = finer;
        }
        int parts = Math.min(count, ranges.size());
        List<ReadRequest> partitions = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            StringBuilder hint = new StringBuilder();
            for (TokenRange range : ranges.subList(ranges.size() * p / parts, ranges.size() * (p + 1) / parts)) {
                if (hint.length() > 0) {
                    hint.append(';');
                }
                hint.append(tokens.format(range.getStart())).append(':').append(tokens.format(range.getEnd()));
            }
            partitions.add(request.withPartition(new ReadPartition(p, parts, null, Map.of(HINT, hint.toString()))));
        }
        return new PartitionedRead(partitions, null);
    }

    static List<Range> ranges(ReadPartition partition, TokenMap tokens) {
        List<Range> ranges = new ArrayList<>();
        for (String range : partition.hints().getOrDefault(HINT, "").split(";")) {
            int colon = range.indexOf(':', 1);
            if (colon > 0) {
                ranges.add(
                        new Range(tokens.parse(range.substring(0, colon)), tokens.parse(range.substring(colon + 1))));
            }
        }
        return ranges;
    }
}
