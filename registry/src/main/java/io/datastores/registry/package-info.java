/**
 * The datastore registry: a REST service and web console where teams create, test and share
 * datastore definitions. Start one with {@link io.datastores.registry.RegistryServer#start} (or
 * {@code datastores serve}); its tables live in a {@link io.datastores.registry.RegistryStore};
 * secrets are sealed with the operator's {@link io.datastores.registry.RegistryKey}.
 */
package io.datastores.registry;
