package io.datastores.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsCommonForms() throws Exception {
        Path env = dir.resolve(".env");
        Files.writeString(env, """
                # comment
                PLAIN=value
                export EXPORTED=yes
                SPACED = padded   # trailing comment
                SINGLE='lit $ \\n #kept'
                DOUBLE="line\\nnext \\"q\\""
                EMPTY=
                URL=jdbc:postgresql://h:5432/db?x=1#frag
                """);

        assertThat(EnvFileReader.read(env))
                .containsEntry("PLAIN", "value")
                .containsEntry("EXPORTED", "yes")
                .containsEntry("SPACED", "padded")
                .containsEntry("SINGLE", "lit $ \\n #kept")
                .containsEntry("DOUBLE", "line\nnext \"q\"")
                .containsEntry("EMPTY", "")
                .containsEntry("URL", "jdbc:postgresql://h:5432/db?x=1#frag");
    }

    @Test
    void badLineNamesFileAndLineButNotItsContent() throws Exception {
        Path env = dir.resolve(".env");
        Files.writeString(env, "OK=1\nthis line has hunter2 in it\n");

        assertThatThrownBy(() -> EnvFileReader.read(env))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining(env + ", line 2: expected NAME=value")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void unclosedQuoteIsAnError() throws Exception {
        Path env = dir.resolve(".env");
        Files.writeString(env, "A=\"open\n");
        assertThatThrownBy(() -> EnvFileReader.read(env))
                .hasMessageContaining("line 1: the quoted value is not closed");
    }
}
