package io.datastores.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.Capability;
import io.datastores.api.Category;
import io.datastores.api.Datastore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DeclaredProviderTest {
    private static final AtomicReference<Set<Capability>> OPENED_WITH = new AtomicReference<>();

    /** A provider whose declaration is changed after construction, to show the copy. */
    static final class Notes extends DeclaredProvider {
        static Declaration declaration;

        Notes() {
            super(
                    declaration = declare("notes", Category.KEYVALUE)
                            .aliases("memo")
                            .capabilities(Capability.INTROSPECTION)
                            .connectionKeys("path")
                            .check(Set.of("a"), config -> List.of(config.problem("a", "first")))
                            .check(Set.of("b"), config -> List.of(config.problem("b", "second")))
                            .opens((config, capabilities) -> {
                                OPENED_WITH.set(capabilities);
                                return null;
                            }));
        }
    }

    private static DatastoreConfig config() {
        return new DatastoreConfig(
                "n", "notes", null, List.of(), true, Map.of(), Map.of(), PoolSettings.DEFAULT, Map.of());
    }

    @Test
    void answersTheSpiFromTheDeclaration() {
        Notes provider = new Notes();

        assertThat(provider.type()).isEqualTo("notes");
        assertThat(provider.aliases()).containsExactly("memo");
        assertThat(provider.category()).isEqualTo(Category.KEYVALUE);
        assertThat(provider.capabilities()).containsExactly(Capability.INTROSPECTION);
        assertThat(provider.connectionKeys()).containsExactlyInAnyOrder("path", "a", "b");
        assertThat(provider.validate(config()))
                .extracting(ConfigProblem::message)
                .containsExactly("first", "second");
        Datastore ignored = provider.open(config());
        assertThat(OPENED_WITH.get()).isEqualTo(provider.capabilities());
    }

    @Test
    void laterChangesToTheDeclarationHaveNoEffect() {
        Notes provider = new Notes();

        Notes.declaration
                .capabilities(Capability.SQL)
                .aliases("late")
                .connectionKeys("late")
                .check(Set.of(), config -> List.of(config.problem("c", "third")));

        assertThat(provider.capabilities()).containsExactly(Capability.INTROSPECTION);
        assertThat(provider.aliases()).containsExactly("memo");
        assertThat(provider.connectionKeys()).doesNotContain("late");
        assertThat(provider.validate(config())).hasSize(2);
        assertThatThrownBy(() -> provider.capabilities().add(Capability.SQL))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aDeclarationWithoutAnOpenerIsRefused() {
        assertThatThrownBy(() -> new DeclaredProvider(DeclaredProvider.declare("x", Category.SQL)) {})
                .isInstanceOf(NullPointerException.class)
                .hasMessage("opener is not declared");
    }
}
