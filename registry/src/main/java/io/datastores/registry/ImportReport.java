package io.datastores.registry;

import java.util.List;

/**
 * What {@code datastores registry import} did, datastore by datastore, in file order.
 *
 * @param outcomes one per datastore of the file
 */
public record ImportReport(List<Outcome> outcomes) {
    /** What happened to one datastore. */
    public enum Action {
        /** A new definition was created. */
        CREATED,
        /** An existing definition of that name was changed to match the file. */
        UPDATED,
        /** An existing definition of that name already matched the file. */
        UNCHANGED,
        /** Nothing was written; {@link Outcome#detail()} says why. */
        FAILED
    }

    /**
     * @param name the datastore's name
     * @param action what happened
     * @param detail why it failed, or what the registry could not keep (such as {@code tags}); empty when nothing to say
     */
    public record Outcome(String name, Action action, String detail) {}

    /**
     * Copies the list.
     *
     * @param outcomes one per datastore of the file
     */
    public ImportReport {
        outcomes = List.copyOf(outcomes);
    }

    /**
     * @param action an action
     * @return how many datastores had it
     */
    public long count(Action action) {
        return outcomes.stream().filter(o -> o.action() == action).count();
    }

    /** @return "2 created, 1 updated, 0 unchanged, 1 failed" */
    public String summary() {
        return count(Action.CREATED) + " created, " + count(Action.UPDATED) + " updated, " + count(Action.UNCHANGED)
                + " unchanged, " + count(Action.FAILED) + " failed";
    }
}
