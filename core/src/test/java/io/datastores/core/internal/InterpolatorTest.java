package io.datastores.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpolatorTest {
    private final Interpolator interpolator = new Interpolator(Map.of(
            "HOST", "db.internal",
            "PORT", "6543",
            "EMPTY", "",
            "SECRET", "pa${ss}word:with}braces")::get);

    private String resolve(String text) {
        return interpolator.resolve(text).value();
    }

    @Test
    void setVariableIsReplaced() {
        assertThat(resolve("${HOST}")).isEqualTo("db.internal");
    }

    @Test
    void unsetVariableWithoutDefaultIsEmptyAndReported() {
        Interpolator.Result result = interpolator.resolve("${MISSING}");
        assertThat(result.value()).isEmpty();
        assertThat(result.unset()).containsExactly("MISSING");
    }

    @Test
    void defaultIsUsedOnlyWhenUnset() {
        assertThat(resolve("${MISSING:fallback}")).isEqualTo("fallback");
        assertThat(resolve("${EMPTY:fallback}"))
                .as("set but empty is still set")
                .isEmpty();
        assertThat(resolve("${MISSING:}")).isEmpty();
        assertThat(interpolator.resolve("${MISSING:x}").unset()).isEmpty();
    }

    @Test
    void defaultIsEverythingAfterTheFirstColon() {
        assertThat(resolve("${URL:jdbc:postgresql://h:5432/db}")).isEqualTo("jdbc:postgresql://h:5432/db");
    }

    @Test
    void textAndPlaceholdersMix() {
        assertThat(resolve("jdbc:x://${HOST}:${NOPORT:5432}/${PORT}")).isEqualTo("jdbc:x://db.internal:5432/6543");
    }

    @Test
    void defaultsNest() {
        assertThat(resolve("${A:${B:${HOST}}}")).isEqualTo("db.internal");
        assertThat(resolve("${A:${B:deep}-tail}")).isEqualTo("deep-tail");
    }

    @Test
    void escapedPlaceholderIsLiteral() {
        assertThat(resolve("cost \\${HOST} is ${HOST}")).isEqualTo("cost ${HOST} is db.internal");
    }

    @Test
    void resolvedValuesAreNeverExpandedAgain() {
        assertThat(resolve("${SECRET}")).isEqualTo("pa${ss}word:with}braces");
    }

    @Test
    void unclosedOrNamelessPlaceholdersAreErrors() {
        assertThatThrownBy(() -> resolve("${HOST"))
                .isInstanceOf(Interpolator.SyntaxException.class)
                .hasMessageContaining("not closed");
        assertThatThrownBy(() -> resolve("${:x}"))
                .isInstanceOf(Interpolator.SyntaxException.class)
                .hasMessageContaining("no variable name");
    }

    @Test
    void plainTextIsUntouched() {
        assertThat(resolve("no placeholders $ here {}")).isEqualTo("no placeholders $ here {}");
    }
}
