package io.datastores.tck;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.core.Reads;
import io.datastores.core.TransferPlan;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The pieces of a fidelity test, where the type zoo travels from one datastore through others and
 * the rows that arrive are compared with the rows sent: loading a zoo, collecting the losses the
 * transfers' plans name, and comparing by column name (stores such as Cassandra or MongoDB keep their
 * own column order) with exactly those losses applied, as {@link TckZoo} knows their effect.
 */
public final class TckFidelity {
    private TckFidelity() {}

    /**
     * Creates {@code table} for the zoo's schema (key {@code id}) and appends the zoo to it.
     *
     * @param store where the zoo goes first
     * @param table the table to create
     * @param zoo a batch of {@link TckZoo#SCHEMA}
     * @param allocator for the write's reader
     */
    public static void load(Datastore store, TableRef table, VectorSchemaRoot zoo, BufferAllocator allocator) {
        TckTables.create(store, table, zoo.getSchema(), List.of("id"));
        try (var reader = TckZoo.reader(allocator, zoo)) {
            store.bulkWriter().write(WriteRequest.append(table), reader);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * @param plans the plans of the transfers the zoo went through, in order
     * @return each column's losses, those of all the transfers one after the other
     */
    public static Map<String, List<String>> losses(TransferPlan... plans) {
        Map<String, List<String>> losses = new LinkedHashMap<>();
        for (TransferPlan plan : plans) {
            plan.columns()
                    .forEach(c -> losses.computeIfAbsent(c.name(), k -> new ArrayList<>())
                            .addAll(c.losses()));
        }
        return losses;
    }

    /**
     * Asserts that the zoo's columns, read back by name from {@code table} and ordered by {@code id},
     * hold the zoo's values after the named losses and nothing else.
     *
     * @param zoo the batch that was sent
     * @param store where the zoo arrived
     * @param table the table it arrived in
     * @param losses each column's named losses ({@link #losses})
     * @param allocator for the read
     */
    public static void assertArrived(
            VectorSchemaRoot zoo,
            Datastore store,
            TableRef table,
            Map<String, List<String>> losses,
            BufferAllocator allocator) {
        List<List<Object>> sent = TckZoo.rows(zoo);
        List<List<Object>> arrived = TckZoo.rows(Reads.open(
                store,
                ReadRequest.table(table)
                        .withColumns(zoo.getSchema().getFields().stream()
                                .map(Field::getName)
                                .toList()),
                allocator));
        arrived.sort(Comparator.comparing(row -> (BigInteger) row.get(0)));
        TckZoo.assertSameExceptLosses(sent, arrived, losses);
    }
}
