package io.datastores.sqlhttp;

import java.util.Map;

/** The provider kit against StarbaseDB's API, emulated by the test worker over Durable Object SQLite (an instance per test). */
class StarbaseSuiteTest extends SqlHttpSuite {
    @Override
    String type() {
        return "starbasedb";
    }

    @Override
    String token() {
        return TestingSqlHttp.starbaseToken();
    }

    @Override
    Map<String, String> connection(String withToken) {
        return TestingSqlHttp.starbase(withToken);
    }
}
