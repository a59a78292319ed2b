package io.datastores.core;

import io.datastores.core.internal.EnvFileReader;
import java.nio.file.Path;
import java.util.Map;

/** Where placeholder values come from: explicit map or system properties then environment, then {@code .env}. */
final class Variables {
    private final Map<String, String> explicit;
    private final Map<String, String> dotEnv;

    Variables(Map<String, String> explicit, Path dotEnvFile) {
        this.explicit = explicit;
        this.dotEnv = dotEnvFile == null ? Map.of() : EnvFileReader.read(dotEnvFile);
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
