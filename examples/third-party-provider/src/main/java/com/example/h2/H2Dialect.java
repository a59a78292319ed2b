package com.example.h2;

import io.datastores.api.ErrorCode;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.jdbc.BaseEmbeddedDialect;
import io.datastores.jdbc.SqlTypes;
import java.util.Map;
import java.util.Properties;

/**
 * What H2 does its own way. Unquoted identifiers stay lower case, as in PostgreSQL. The driver is
 * named, never referenced, so listing datastores loads no H2 class.
 */
final class H2Dialect extends BaseEmbeddedDialect {
    /** H2 2.x reports a missing table as 42S03/42S04 (the kit found it), a missing schema as 90079. */
    private static final Map<String, ErrorCode> STATES = Map.of("42S03", ErrorCode.NOT_FOUND,
            "42S04", ErrorCode.NOT_FOUND, "90079", ErrorCode.NOT_FOUND, "90008", ErrorCode.AUTHENTICATION);

    /** The standard names, but TIME(6): H2's TIME keeps whole seconds unless told (the kit's type zoo found it). */
    private static final SqlTypes TYPES = new SqlTypes("TEXT", "BLOB", "DOUBLE PRECISION", "TIME(6)", "TIMESTAMP",
            "TIMESTAMP WITH TIME ZONE", 38, null);

    H2Dialect() {
        super("org.h2.Driver", "jdbc:h2:file:%s;DATABASE_TO_LOWER=TRUE",
                "jdbc:h2:mem:%s;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE", TYPES);
    }

    /** The file's first connection sets its password; {@code sa} is H2's default user. */
    @Override
    public Properties connectionProperties(DatastoreConfig config) {
        Properties properties = super.connectionProperties(config);
        properties.putIfAbsent("user", "sa");
        properties.putIfAbsent("password", "");
        return properties;
    }

    @Override
    public Map<String, ErrorCode> sqlStates() {
        return STATES;
    }
}
