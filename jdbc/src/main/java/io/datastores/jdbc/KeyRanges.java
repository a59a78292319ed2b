package io.datastores.jdbc;

import io.datastores.api.TableInfo;
import io.datastores.api.bulk.PartitionedRead;
import io.datastores.api.bulk.Predicate;
import io.datastores.api.bulk.ReadPartition;
import io.datastores.api.bulk.ReadRequest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a table read into ranges of its single-column integer primary key, of equal width between
 * the key's minimum and maximum. The first range is open below and takes NULL keys, the last is
 * open above, so the ranges cover every row even if the key's bounds moved since they were asked
 * and each row is in exactly one. Anything else (a query, a composite or non-integer key, an empty
 * table) is read as one partition. The partitions run in separate transactions: without a shared
 * snapshot, rows written while they are read may be seen by one partition and not another. There
 * are never more partitions than the pool has connections, since all are read at once.
 */
final class KeyRanges {
    private KeyRanges() {}

    static PartitionedRead partition(JdbcDatastore datastore, ReadRequest request, int wanted) {
        // Every partition is read at once, each on a connection of the pool.
        int count = Math.min(wanted, datastore.config().pool().maxSize());
        if (count <= 1 || request.table() == null) {
            return PartitionedRead.single(request);
        }
        TableInfo table = datastore.describe(request.table());
        if (table.primaryKey().size() != 1) {
            return PartitionedRead.single(request);
        }
        String key = table.primaryKey().get(0);
        BigInteger[] bounds = bounds(datastore, request, key);
        if (bounds == null) {
            return PartitionedRead.single(request);
        }
        BigInteger span = bounds[1].subtract(bounds[0]).add(BigInteger.ONE);
        int parts = (int) Math.min(count, span.min(BigInteger.valueOf(count)).longValueExact());
        if (parts <= 1) {
            return PartitionedRead.single(request);
        }
        List<Long> cuts = new ArrayList<>();
        for (int i = 1; i < parts; i++) {
            cuts.add(bounds[0]
                    .add(span.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(parts)))
                    .longValueExact());
        }
        List<ReadRequest> partitions = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            Predicate range;
            if (i == 0) {
                range = Predicate.or(Predicate.lt(key, cuts.get(0)), Predicate.isNull(key));
            } else if (i == parts - 1) {
                range = Predicate.ge(key, cuts.get(i - 1));
            } else {
                range = Predicate.and(Predicate.ge(key, cuts.get(i - 1)), Predicate.lt(key, cuts.get(i)));
            }
            partitions.add(request.withPartition(new ReadPartition(i, parts, range, Map.of())));
        }
        return new PartitionedRead(partitions, null);
    }

    /** @return the key's minimum and maximum, or {@code null} when it has none or is not an integer */
    private static BigInteger[] bounds(JdbcDatastore datastore, ReadRequest request, String key) {
        JdbcDialect dialect = datastore.dialect();
        String sql = "SELECT min(" + dialect.quote(key) + "), max(" + dialect.quote(key) + ") FROM "
                + dialect.qualify(request.table());
        String doing = "Splitting the read of " + request.table() + " into key ranges failed";
        try (Connection connection = datastore.borrow(doing);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            if (!rs.next()) {
                return null;
            }
            BigInteger min = integer(rs.getObject(1));
            BigInteger max = integer(rs.getObject(2));
            boolean fitsLong = min != null && max != null && min.bitLength() < 64 && max.bitLength() < 64;
            return fitsLong ? new BigInteger[] {min, max} : null;
        } catch (SQLException e) {
            throw datastore.translate(doing, e);
        }
    }

    private static BigInteger integer(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return big;
        }
        if (value instanceof BigDecimal decimal && decimal.stripTrailingZeros().scale() <= 0) {
            return decimal.toBigIntegerExact();
        }
        return null;
    }
}
