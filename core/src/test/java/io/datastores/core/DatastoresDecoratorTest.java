package io.datastores.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Datastore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class DatastoresDecoratorTest {
    private static final String YAML = """
            datastores:
              one: {type: postgres, connection: {host: h}}
              two: {type: postgres, enabled: false, connection: {}}
            """;

    /** A decorator that records "label:method:datastore" for every call it passes on. */
    private static UnaryOperator<Datastore> recording(String label, List<String> calls) {
        return datastore -> (Datastore) Proxy.newProxyInstance(
                Datastore.class.getClassLoader(), new Class<?>[] {Datastore.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("name")) {
                        calls.add(label + ":" + method.getName() + ":" + datastore.name());
                    }
                    try {
                        return method.invoke(datastore, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void everyWayToADatastoreGivesTheDecoratedOneAndCloseReachesItOnce() {
        List<String> calls = new CopyOnWriteArrayList<>();
        Datastores datastores = Datastores.loader()
                .environment(Map.of())
                .decorator(recording("inner", calls))
                .decorator(recording("outer", calls))
                .fromYaml(YAML);
        assertThat(calls).as("decorating neither connects nor calls anything").isEmpty();

        assertThat(datastores.get("one"))
                .isSameAs(datastores.list().get(0))
                .isSameAs(datastores.find("one").get());
        assertThat(Proxy.isProxyClass(datastores.get("two").getClass())).isTrue();
        datastores.get("one").isConnected();
        assertThat(calls).containsExactly("outer:isConnected:one", "inner:isConnected:one");

        calls.clear();
        datastores.close();
        assertThat(calls).containsExactly("outer:close:one", "inner:close:one", "outer:close:two", "inner:close:two");
    }

    @Test
    void aDecoratorMustKeepTheName() {
        UnaryOperator<Datastore> renaming = datastore -> (Datastore) Proxy.newProxyInstance(
                Datastore.class.getClassLoader(),
                new Class<?>[] {Datastore.class},
                (proxy, method, args) -> method.getName().equals("name") ? "other" : method.invoke(datastore, args));
        assertThatThrownBy(() -> Datastores.loader()
                        .environment(Map.of())
                        .decorator(renaming)
                        .fromYaml(YAML))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("A decorator renamed datastore 'one' to 'other'");
    }
}
