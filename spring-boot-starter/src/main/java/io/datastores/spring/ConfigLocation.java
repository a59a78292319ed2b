package io.datastores.spring;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.core.Datastores;
import io.datastores.core.DatastoresLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Where the {@code datastores.yaml} is: {@code datastores.config} when set (a path, or
 * {@code classpath:…}), else {@code datastores.yaml} in the working directory, else on the class
 * path. A file keeps its {@code .env} beside it; a class path resource has none.
 */
final class ConfigLocation {
    private static final String DEFAULT_NAME = "datastores.yaml";
    private static final String CLASSPATH = "classpath:";

    private final Path file;
    private final Resource resource;

    private ConfigLocation(Path file, Resource resource) {
        this.file = file;
        this.resource = resource;
    }

    /**
     * Reads the configuration with Spring's properties as the placeholders' variables.
     *
     * @param environment Spring's environment: {@code datastores.config} and the variables
     * @param resources for {@code classpath:} locations
     * @param loader the loader, with any decorators already added
     * @return the registry; nothing connected
     */
    static Datastores load(ConfigurableEnvironment environment, ResourceLoader resources, DatastoresLoader loader) {
        loader.environment(SpringVariables.of(environment));
        return find(
                        environment.getProperty(DatastoresProperties.CONFIG),
                        Path.of("").toAbsolutePath(),
                        resources)
                .load(loader);
    }

    static ConfigLocation find(String configured, Path workingDirectory, ResourceLoader resources) {
        if (configured != null && !configured.isBlank()) {
            if (!configured.startsWith(CLASSPATH)) {
                return new ConfigLocation(workingDirectory.resolve(configured), null);
            }
            Resource resource = resources.getResource(configured);
            if (!resource.exists()) {
                throw DatastoreException.of(
                        ErrorCode.NOT_FOUND,
                        "Configuration file not found: " + configured + " (from " + DatastoresProperties.CONFIG + ")");
            }
            return new ConfigLocation(null, resource);
        }
        Path local = workingDirectory.resolve(DEFAULT_NAME);
        if (Files.isRegularFile(local)) {
            return new ConfigLocation(local, null);
        }
        Resource resource = resources.getResource(CLASSPATH + DEFAULT_NAME);
        if (resource.exists()) {
            return new ConfigLocation(null, resource);
        }
        throw DatastoreException.of(
                ErrorCode.NOT_FOUND,
                "No " + DEFAULT_NAME + " in " + local.toAbsolutePath().getParent() + " nor on the class path; set "
                        + DatastoresProperties.CONFIG + " to its location");
    }

    Datastores load(DatastoresLoader loader) {
        if (file != null) {
            return loader.load(file);
        }
        try (InputStream in = resource.getInputStream()) {
            return loader.fromYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw DatastoreException.of(
                            ErrorCode.INVALID_CONFIG,
                            "Cannot read " + resource.getDescription() + ": " + e.getMessage())
                    .withCause(e);
        }
    }

    /** @return the file or resource, for messages */
    @Override
    public String toString() {
        return file != null ? file.toString() : resource.getDescription();
    }
}
