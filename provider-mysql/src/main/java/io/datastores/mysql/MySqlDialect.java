package io.datastores.mysql;

import io.datastores.api.spi.DatastoreConfig;
import io.datastores.jdbc.mysql.MySqlProtocolDialect;
import java.util.Properties;

/** Connector/J specifics for MySQL and MariaDB, on top of what every MySQL-protocol server shares. */
final class MySqlDialect extends MySqlProtocolDialect {
    static final int DEFAULT_PORT = 3306;
    /** {@code connection.local_infile: false} turns the LOAD DATA path off on our side. */
    static final String LOCAL_INFILE = "local_infile";

    MySqlDialect() {
        super(DEFAULT_PORT);
    }

    @Override
    public Properties connectionProperties(DatastoreConfig config) {
        Properties properties = super.connectionProperties(config);
        // LOAD DATA LOCAL reads only the stream we hand the statement; no file is ever opened.
        properties.putIfAbsent("allowLoadLocalInfile", "true");
        // The binary protocol: the text protocol sends FLOAT with six digits and loses precision.
        properties.putIfAbsent("useServerPrepStmts", "true");
        properties.putIfAbsent("cachePrepStmts", "true");
        return properties;
    }

    /** MySQL's default collations ignore case (and MariaDB's accents): compare the bytes instead. */
    @Override
    public String binaryText(String quotedColumn) {
        return "CAST(" + quotedColumn + " AS BINARY)";
    }

    @Override
    public boolean isInstantType(String databaseTypeName) {
        return databaseTypeName.equals("TIMESTAMP");
    }
}
