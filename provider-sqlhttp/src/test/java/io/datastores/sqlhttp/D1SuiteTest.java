package io.datastores.sqlhttp;

import java.util.Map;

/** The provider kit against D1's REST envelope, emulated by the test worker over a real local D1 binding. */
class D1SuiteTest extends SqlHttpSuite {
    @Override
    String type() {
        return "d1";
    }

    @Override
    String token() {
        return TestingSqlHttp.d1Token();
    }

    @Override
    Map<String, String> connection(String withToken) {
        return TestingSqlHttp.d1(withToken);
    }
}
