package io.datastores.core;

import io.datastores.core.internal.EnvFileReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where placeholder values come from: an explicit map, or system properties then the process
 * environment; then the {@code .env} files, the later of them winning ({@code .env.PROFILE} over {@code .env}).
 */
final class Variables {
    private final Map<String, String> explicit;
    private final Map<String, String> dotEnv = new HashMap<>();

    Variables(Map<String, String> explicit, List<Path> dotEnvFiles) {
        this.explicit = explicit;
        dotEnvFiles.forEach(file -> dotEnv.putAll(EnvFileReader.read(file)));
    }

    String lookup(String name) {
        String value;
        if (explicit != null) {
            value = explicit.get(name);
        } else {
            value = System.getProperty(name);
            if (value == null) {
                value = System.getenv(name);
            }
        }
        return value != null ? value : dotEnv.get(name);
    }
}
