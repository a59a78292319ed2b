/**
 * Arrow types that bulk readers and writers agree on beyond Arrow's primitive ones: the canonical
 * {@code arrow.uuid} and {@code arrow.json} extension types, registered once for the whole JVM by
 * {@link io.datastores.api.arrow.CanonicalTypes#register()}.
 */
package io.datastores.api.arrow;
