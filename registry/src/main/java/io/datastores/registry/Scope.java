package io.datastores.registry;

import io.javalin.security.RouteRole;
import java.util.Locale;

/** What an API token may do; {@link #ADMIN} may do everything. */
public enum Scope implements RouteRole {
    /** List and read definitions (secrets masked), types, datasets, performance. */
    READ,
    /** Create, change and delete definitions and dataset assignments. */
    WRITE,
    /** Run connection tests, which probe the network. */
    TEST,
    /** Everything, plus tokens, audit and full connection details. */
    ADMIN;

    /** @return the scope's name as the API writes it, {@code read} */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value a scope as the API writes it
     * @return the scope
     * @throws IllegalArgumentException for an unknown scope
     */
    public static Scope of(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
