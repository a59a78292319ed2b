/**
 * Micrometer metrics for datastores: {@link io.datastores.micrometer.DatastoresMetrics} for the
 * registry's datastores, {@link io.datastores.micrometer.SyncMetrics} for sync jobs.
 */
package io.datastores.micrometer;
