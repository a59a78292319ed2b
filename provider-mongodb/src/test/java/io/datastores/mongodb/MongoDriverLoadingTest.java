package io.datastores.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.jdbc.TestingClassLoading;
import org.junit.jupiter.api.Test;

/**
 * Reading a configuration and listing its datastores loads no driver class, nor does asking an unused one whether
 * it is connected or closing it: the driver loads on first connect.
 */
class MongoDriverLoadingTest {
    @Test
    void readingAConfigurationLoadsNoDriverClass() throws Exception {
        String yaml = "datastores:\n  docs: {type: mongo, connection: {uri: 'mongodb://u:pw@127.0.0.1:1/app'}}\n";
        assertThat(TestingClassLoading.loadedWhileReading(
                        yaml,
                        "com.mongodb.client.MongoClients",
                        "com.mongodb.ConnectionString",
                        "org.bson.BsonDocument"))
                .containsOnlyKeys(
                        "com.mongodb.client.MongoClients", "com.mongodb.ConnectionString", "org.bson.BsonDocument")
                .doesNotContainValue(true);
    }

    @Test
    void askingAnUnusedDatastoreWhetherItIsConnectedAndClosingItLoadNoDriverClass() throws Exception {
        String yaml = "datastores:\n  docs: {type: mongo, connection: {uri: 'mongodb://u:pw@127.0.0.1:1/app'}}\n";
        assertThat(TestingClassLoading.loadedWhileReadingAndClosing(
                        yaml,
                        "com.mongodb.client.MongoClient",
                        "com.mongodb.client.MongoClients",
                        "org.bson.BsonDocument"))
                .containsOnlyKeys(
                        "com.mongodb.client.MongoClient", "com.mongodb.client.MongoClients", "org.bson.BsonDocument")
                .doesNotContainValue(true);
    }
}
