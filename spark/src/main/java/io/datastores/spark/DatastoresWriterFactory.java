package io.datastores.spark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.DataWriterFactory;

/** Ships the {@link WritePlan} to the executors and makes each task attempt's writer. */
final class DatastoresWriterFactory implements DataWriterFactory {
    private static final long serialVersionUID = 1L;
    private final WritePlan plan;

    DatastoresWriterFactory(WritePlan plan) {
        this.plan = plan;
    }

    @Override
    public DataWriter<InternalRow> createWriter(int partitionId, long taskId) {
        return new DatastoresDataWriter(plan, partitionId, taskId);
    }
}
