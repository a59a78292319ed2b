package io.datastores.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The variables for {@code ${VAR:default}} placeholders: every property of Spring's property
 * sources (command line, system properties, environment variables, application.properties/yaml,
 * profiles …), the first source that has a name winning, as in Spring itself. Names are matched
 * exactly as written in the placeholder.
 */
final class SpringVariables {
    private SpringVariables() {}

    static Map<String, String> of(ConfigurableEnvironment environment) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    // Raw values: the SDK resolves its own placeholders, and a secret holding "${" stays intact.
                    Object value = enumerable.getProperty(name);
                    if (value != null) {
                        variables.putIfAbsent(name, value.toString());
                    }
                }
            }
        }
        return variables;
    }
}
