package io.datastores.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The recorded decimal type, read without a regular expression: exactly {@code decimal(<digits>,<digits>)}. */
class MongoTypesTest {
    @Test
    void aDecimalTypeGivesItsPrecisionAndScale() {
        assertThat(MongoTypes.isDecimal("decimal(34,6)")).isTrue();
        assertThat(MongoTypes.precision("decimal(34,6)")).isEqualTo(34);
        assertThat(MongoTypes.scale("decimal(34,6)")).isEqualTo(6);
        assertThat(MongoTypes.precision("decimal(7,0)")).isEqualTo(7);
        assertThat(MongoTypes.scale("decimal(100,20)")).isEqualTo(20);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "decimal", "decimal()", "decimal(10)", "decimal(10,)", "decimal(,2)", "decimal(1,2,3)",
                "decimal(+1,2)", "decimal(1,-2)", "decimal(1, 2)", "decimal(1,2", "decimal(1,2))", "decimalx(1,2)",
                "long", "struct<a:decimal(3,1)>"
            })
    void anythingElseIsNotADecimal(String type) {
        assertThat(MongoTypes.isDecimal(type)).isFalse();
        assertThat(MongoTypes.precision(type)).isZero();
        assertThat(MongoTypes.scale(type)).isZero();
    }
}
