package io.datastores.cli;

import io.datastores.api.Datastore;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.core.Datastores;
import java.util.List;

/**
 * Whether a datastore can be used in this environment, as {@code list} and {@code check} show it.
 *
 * @param word {@code ok}, {@code disabled} or {@code invalid}
 * @param problems what an invalid datastore lacks, secrets masked; empty otherwise
 */
record Status(String word, List<ConfigProblem> problems) {

    static Status of(Datastores datastores, Datastore datastore) {
        if (!datastore.enabled()) {
            return new Status("disabled", List.of());
        }
        List<ConfigProblem> problems = datastores.problems().stream()
                .filter(p -> datastore.name().equals(p.datastore()))
                .map(p -> new ConfigProblem(p.datastore(), p.key(), datastores.redact(p.message())))
                .toList();
        return new Status(problems.isEmpty() ? "ok" : "invalid", problems);
    }

    boolean invalid() {
        return !problems.isEmpty();
    }

    /** @return {@code ok}, {@code disabled}, or {@code invalid: } and each problem's message */
    String text() {
        if (problems.isEmpty()) {
            return word;
        }
        return word + ": "
                + String.join(
                        "; ", problems.stream().map(ConfigProblem::message).toList());
    }
}
