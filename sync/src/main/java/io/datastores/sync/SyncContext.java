package io.datastores.sync;

import io.datastores.api.Capability;
import io.datastores.api.Datastore;
import io.datastores.core.TransferProgress;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** What a table run needs from its job; the hooks are set only by tests. */
final class SyncContext {
    private static final System.Logger LOG = System.getLogger(Sync.class.getName());

    private final SyncJob job;
    private final Datastore source;
    private final Datastore target;
    private volatile Consumer<String> afterWrite = table -> {};
    private volatile Optional<BiConsumer<String, TransferProgress>> onProgress = Optional.empty();

    SyncContext(SyncJob job, Datastore source, Datastore target) {
        this.job = job;
        this.source = source;
        this.target = target;
    }

    SyncJob job() {
        return job;
    }

    Datastore source() {
        return source;
    }

    Datastore target() {
        return target;
    }

    Consumer<String> afterWrite() {
        return afterWrite;
    }

    /** Sets what runs after each table's write, before its state commits (tests inject crashes here). */
    void afterWrite(Consumer<String> hook) {
        afterWrite = hook;
    }

    /** Sets who hears each table's transfer progress. */
    void onProgress(BiConsumer<String, TransferProgress> listener) {
        onProgress = Optional.of(listener);
    }

    Optional<BiConsumer<String, TransferProgress>> onProgress() {
        return onProgress;
    }

    /**
     * @return whether a table's state commits in its write's own transaction (SQL targets with
     *     transactions); else it is written after the write
     */
    boolean stateCommitsWithRows() {
        return target.capabilities().containsAll(List.of(Capability.TRANSACTIONS, Capability.SQL));
    }

    void log(System.Logger.Level level, String message) {
        LOG.log(level, "[" + job.name() + "] " + message);
    }
}
