package io.datastores.api.spi;

import io.datastores.api.Capability;
import io.datastores.api.Category;
import io.datastores.api.Datastore;
import java.util.List;
import java.util.Set;

/**
 * The service provider interface every database implements, one per provider jar, listed in
 * {@code META-INF/services/io.datastores.api.spi.DatastoreProvider} and found with
 * {@link java.util.ServiceLoader}.
 *
 * <p>A provider must be cheap to instantiate and must not touch its driver's classes until a
 * datastore it opened first connects: listing datastores loads no driver.
 */
public interface DatastoreProvider {

    /** @return the canonical {@code type:} of {@code datastores.yaml}, lower case, such as {@code postgres} */
    String type();

    /** @return other accepted spellings of the type, such as {@code postgresql} */
    default Set<String> aliases() {
        return Set.of();
    }

    /** @return the family this type belongs to */
    Category category();

    /** @return what datastores of this type can do; declared honestly, tested both ways */
    Set<Capability> capabilities();

    /**
     * The keys accepted under {@code connection:} (after alias normalisation, so {@code database}
     * rather than {@code dbname}). Any other key is reported as unknown, with the nearest valid key
     * suggested. The pool keys ({@link PoolSettings#KEYS}) are always accepted.
     *
     * @return the accepted keys
     */
    Set<String> connectionKeys();

    /**
     * Checks a datastore's configuration without connecting. Every problem is returned, not just
     * the first.
     *
     * @param config the interpolated configuration
     * @return the problems, empty when the configuration is usable
     */
    List<ConfigProblem> validate(DatastoreConfig config);

    /**
     * Creates a datastore for a validated configuration. Must not connect or load driver classes.
     *
     * @param config a configuration that {@link #validate} accepted
     * @return the datastore, not yet connected
     */
    Datastore open(DatastoreConfig config);
}
