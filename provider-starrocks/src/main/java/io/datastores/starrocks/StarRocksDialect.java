package io.datastores.starrocks;

import io.datastores.jdbc.mysql.MySqlProtocolDialect;

/**
 * StarRocks over the MySQL protocol, on the FE's query port. Server-side prepared statements stay
 * off (the Connector/J default): StarRocks accepts them only from 3.2 on, and the text protocol
 * works on every version. StarRocks has no instant type, so no column reads as one.
 */
final class StarRocksDialect extends MySqlProtocolDialect {
    static final int DEFAULT_PORT = 9030;

    StarRocksDialect() {
        super(DEFAULT_PORT);
    }
}
