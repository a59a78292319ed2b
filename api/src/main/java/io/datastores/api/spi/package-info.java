/**
 * The service provider interface: what a database provider jar implements to plug into the SDK.
 * Third-party providers depend on {@code datastores-api} alone.
 */
package io.datastores.api.spi;
