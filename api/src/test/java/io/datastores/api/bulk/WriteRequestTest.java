package io.datastores.api.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.TableRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A request's write id: kept by every wither, refused when no label could carry it. */
class WriteRequestTest {

    @Test
    void aWriteIdSurvivesTheOtherWithers() {
        WriteRequest request = WriteRequest.append(TableRef.of("t"))
                .withWriteId("dss_0123abcd_7")
                .withBeforeCommit(rows -> List.of())
                .withCreate(List.of(new TableCreator.ColumnDefinition("id", "INT", false)));
        assertThat(request.writeId()).isEqualTo("dss_0123abcd_7");
        assertThat(WriteRequest.append(TableRef.of("t")).writeId()).isNull();
    }

    @Test
    void aWriteIdThatNoLabelCouldCarryIsRefused() {
        WriteRequest request = WriteRequest.append(TableRef.of("t"));
        assertThatThrownBy(() -> request.withWriteId("has space"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("writeId must be 1-64 letters, digits, '_' or '-', got 'has space'");
        assertThatThrownBy(() -> request.withWriteId("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }
}
