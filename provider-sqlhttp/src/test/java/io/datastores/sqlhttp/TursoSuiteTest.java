package io.datastores.sqlhttp;

import java.util.Map;

/** The provider kit against the real sqld (libSQL) the set-up script starts. */
class TursoSuiteTest extends SqlHttpSuite {
    @Override
    String type() {
        return "turso";
    }

    @Override
    String token() {
        return TestingSqlHttp.tursoToken();
    }

    @Override
    Map<String, String> connection(String withToken) {
        return TestingSqlHttp.turso(withToken);
    }
}
