package io.datastores.core;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.core.internal.Interpolator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves {@code ${NAME}} and {@code ${NAME:default}} in one value exactly as
 * {@code datastores.yaml} does (see {@link Datastores}), for other configuration files built on
 * it, such as sync jobs. Resolve each YAML scalar after parsing, never the raw text, so a value
 * from the environment cannot inject YAML. Immutable and thread-safe.
 */
public final class Placeholders {
    private final Interpolator interpolator;

    private Placeholders(Variables variables) {
        this.interpolator = new Interpolator(variables::lookup);
    }

    /**
     * @param dotEnv a {@code .env} file consulted after system properties and the environment, or {@code null}
     * @return placeholders taken from system properties, then the process environment, then {@code dotEnv}
     */
    public static Placeholders fromEnvironment(Path dotEnv) {
        return new Placeholders(new Variables(null, dotEnv == null ? List.of() : List.of(dotEnv)));
    }

    /**
     * @param values the variables, consulted first
     * @param dotEnv a {@code .env} file consulted after {@code values}, or {@code null}
     * @return placeholders taken from {@code values}, then {@code dotEnv}: as a loader given
     *     {@link DatastoresLoader#environment(Map)} resolves them
     */
    public static Placeholders of(Map<String, String> values, Path dotEnv) {
        return new Placeholders(new Variables(Map.copyOf(values), dotEnv == null ? List.of() : List.of(dotEnv)));
    }

    /**
     * @param values the only variables there are
     * @return placeholders taken from {@code values}
     */
    public static Placeholders of(Map<String, String> values) {
        return new Placeholders(new Variables(Map.copyOf(values), List.of()));
    }

    /**
     * A resolved value.
     *
     * @param value the text with every placeholder replaced; an unset variable without default gives empty
     * @param unset the variables that were unset and had no default, so a caller can name them
     */
    public record Resolved(String value, Set<String> unset) {
        /**
         * Copies the set.
         *
         * @param value the text with every placeholder replaced; an unset variable without default gives
         *     empty
         * @param unset the variables that were unset and had no default, so a caller can name them
         */
        public Resolved {
            unset = Set.copyOf(unset);
        }
    }

    /**
     * @param text one value
     * @param key the configuration key the value belongs to, for the error message
     * @return the resolved value
     * @throws DatastoreException with {@link ErrorCode#INVALID_CONFIG} naming the key for a malformed placeholder
     */
    public Resolved resolve(String text, String key) {
        try {
            Interpolator.Result result = interpolator.resolve(text);
            return new Resolved(result.value(), result.unset());
        } catch (Interpolator.SyntaxException e) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_CONFIG, "Bad placeholder in '" + key + "': " + e.getMessage());
        }
    }
}
