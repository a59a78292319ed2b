package io.datastores.spark;

import io.datastores.api.TableRef;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

/**
 * What a committed task attempt tells the driver.
 *
 * @param staging the staging table it loaded, or {@code null} when it wrote into the target directly
 * @param rows the rows it wrote
 */
record WrittenPart(TableRef staging, long rows) implements WriterCommitMessage {}
