package io.datastores.registry;

import com.fasterxml.jackson.databind.ObjectMapper;

/** What the handlers share: the store's tables, the key, the providers and the probe. */
record Services(
        Sql sql,
        RegistryKey key,
        Providers providers,
        DatastoreTable datastores,
        DatasetTable datasets,
        TokenTable tokens,
        AuditTable audit,
        TestTable tests,
        ConnectionProbe probe,
        RateLimiter testLimiter,
        ObjectMapper json) {}
