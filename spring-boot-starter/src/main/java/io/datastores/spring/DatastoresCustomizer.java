package io.datastores.spring;

import io.datastores.core.Datastores;

/**
 * Adjusts how the {@link Datastores} bean is loaded, such as adding a
 * {@link Datastores.Loader#decorator decorator} (tracing) or naming a {@code .env} file. Declare
 * beans of this type; they run in their {@code @Order}, after the starter has set the variables
 * and the metrics decorator.
 */
@FunctionalInterface
public interface DatastoresCustomizer {

    /** @param loader the loader about to read the configuration */
    void customize(Datastores.Loader loader);
}
