/**
 * Spring Boot auto-configuration for the Datastores SDK: {@link io.datastores.spring.DatastoresAutoConfiguration}.
 */
package io.datastores.spring;
