/**
 * Sync jobs: keep tables of one datastore in step with another, fully or incrementally, with
 * durable state in the target. Start with {@link io.datastores.sync.SyncJob} (YAML) and
 * {@link io.datastores.sync.Sync} (runs, schedule, status); the guarantee a run gives is stated on
 * {@link io.datastores.sync.Sync}. Reaches datastores only through {@code io.datastores.api} and
 * {@code io.datastores.core}.
 */
package io.datastores.sync;
