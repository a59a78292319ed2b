package io.datastores.spring;

import io.datastores.core.Datastores;
import io.datastores.core.DatastoresLoader;

/**
 * Adjusts how the {@link Datastores} bean is loaded, such as adding a
 * {@link DatastoresLoader#decorator decorator} (tracing) or naming a {@code .env} file. Declare
 * beans of this type; they run in their {@code @Order}, after the starter has set the variables
 * and the metrics decorator.
 */
@FunctionalInterface
public interface DatastoresCustomizer {

    /** @param loader the loader about to read the configuration */
    void customize(DatastoresLoader loader);
}
