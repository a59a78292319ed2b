package io.datastores.api.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.TableRef;
import org.junit.jupiter.api.Test;

/** How a reader that evaluates some predicates only splits a filter between itself and the caller. */
class PushdownTest {
    private static final ReadRequest TABLE = ReadRequest.table(TableRef.of("t"));

    @Test
    void topLevelConjunctsSplitIntoPushedAndResidualAndTheLimitStaysWithTheCaller() {
        Predicate equal = Predicate.eq("a", 1L);
        Predicate nulls = Predicate.isNull("b");
        Predicate text = Predicate.gt("c", "x");
        Pushdown split = Pushdown.split(
                TABLE.withFilter(Predicate.and(equal, nulls, text)).withLimit(5L),
                p -> !(p instanceof Predicate.IsNull),
                true);

        assertThat(split.pushed()).isEqualTo(Predicate.and(equal, text));
        assertThat(split.residual()).isEqualTo(nulls);
        assertThat(split.columns()).isTrue();
        assertThat(split.limit())
                .as("rows the caller filters out would use up a pushed limit")
                .isFalse();
    }

    @Test
    void aFilterPushedWholeKeepsTheLimitAndANonConjunctionIsOnePart() {
        Predicate either = Predicate.or(Predicate.eq("a", 1L), Predicate.eq("a", 2L));
        Pushdown all = Pushdown.split(TABLE.withFilter(either), p -> true, true);
        Pushdown none = Pushdown.split(TABLE.withFilter(either), p -> false, false);

        assertThat(all.pushed()).isEqualTo(either);
        assertThat(all.residual()).isNull();
        assertThat(all.limit()).isTrue();
        assertThat(none.pushed()).isNull();
        assertThat(none.residual()).isEqualTo(either);
        assertThat(none.columns()).isFalse();
    }
}
