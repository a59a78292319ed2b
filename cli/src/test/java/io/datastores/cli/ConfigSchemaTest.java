package io.datastores.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code datastores schema} against a real JSON Schema validator: every datastores.yaml of the
 * repository (files and Markdown snippets, the SPEC's included) passes, and what the loader
 * refuses as the file's own problem the schema refuses too.
 */
class ConfigSchemaTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern YAML_BLOCK =
            Pattern.compile("```yaml\\n((?:#.*\\n)*datastores:\\n.*?)```", Pattern.DOTALL);
    private static String schemaJson;
    private static Schema schema;

    @BeforeAll
    static void generate() {
        schemaJson = schemaCommand();
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(schemaJson, InputFormat.JSON);
    }

    private static String schemaCommand() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = Main.commandLine(Map.of(), Path.of(""));
        commandLine.setOut(new PrintWriter(out, true));
        assertThat(commandLine.execute("schema")).isZero();
        return out.toString();
    }

    private static List<String> errors(String yaml) {
        return schema.validate(yaml, InputFormat.YAML).stream()
                .map(Error::toString)
                .toList();
    }

    @Test
    void theSchemaIsStableAndNamesEveryInstalledType() {
        assertThat(schemaCommand()).isEqualTo(schemaJson);
        assertThat(schemaJson)
                .contains("\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"")
                .contains(
                        "\"enum\":[\"cassandra\",\"clickhouse\",\"d1\",\"duckdb\",\"libsql\",\"mariadb\",\"mongo\",\"mongodb\",\"mysql\",\"neo4j\",\"object_storage\","
                                + "\"postgres\",\"postgresql\",\"redis\",\"s3\",\"sqlite\",\"starbasedb\",\"starrocks\",\"turso\"]")
                .contains("\"connection_starrocks\"")
                .contains("\"http_port\"")
                .contains("\"dbname\"");
    }

    @Test
    void everyDatastoresYamlOfTheRepositoryPasses() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(REPOSITORY)) {
            files = walk.filter(p -> !p.toString().contains("/target/")
                            && !p.toString().contains("/.git/")
                            && !p.toString().contains("/node_modules/"))
                    .filter(p -> p.toString().endsWith(".yaml")
                            || p.toString().endsWith(".yml")
                            || p.toString().endsWith(".md"))
                    .sorted()
                    .toList();
        }
        List<String> checked = new ArrayList<>();
        for (Path file : files) {
            for (String yaml : datastoresYaml(file)) {
                assertThat(errors(yaml)).as(file + ":\n" + yaml).isEmpty();
                checked.add(REPOSITORY.relativize(file).toString());
            }
        }
        assertThat(checked)
                .contains("examples/datastores.yaml", "core/src/test/resources/spec-datastores.yaml", "README.md");
    }

    @Test
    void theSpecsSnippetsPass() throws IOException {
        Path spec = REPOSITORY.resolve("../shared/SPEC.md");
        assumeTrue(Files.exists(spec), "shared/SPEC.md is not beside this checkout");
        List<String> snippets = datastoresYaml(spec);
        assertThat(snippets).hasSize(2);
        assertThat(errors(snippets.get(0))).isEmpty();
        // Every type the non-SQL snippet names (MongoDB, Redis, Neo4j, Cassandra, the SQLite-over-HTTP family) is
        // installed.
        assertThat(errors(snippets.get(1))).isEmpty();
    }

    @Test
    void whatTheLoaderRefusesTheSchemaRefuses() {
        assertThat(errors("datastores: {pg: {type: postgres, connection: {host: h, port: 5432}}}"))
                .isEmpty();
        assertThat(errors("datastores: {pg: {type: postgres, connection: {host: '${H}', port: '${P:5432}', "
                        + "max_connections: 4, properties: {ssl: true}}, databases: {crm: crm_schema}}}"))
                .isEmpty();
        assertThat(errors("datastores: {pg: {type: postgres, connection: {hots: h}}}"))
                .singleElement()
                .asString()
                .contains("hots");
        assertThat(errors("datastores: {pg: {type: postgres, connection: {host: h, port: 99999}}}"))
                .isNotEmpty();
        assertThat(errors("datastores: {pg: {type: postgres, connection: {host: h, max_pool_size: many}}}"))
                .isNotEmpty();
        assertThat(errors("datastores: {x: {type: oracle}}")).isNotEmpty();
        assertThat(errors("datastores: {x: {connection: {host: h}}}")).isNotEmpty();
        assertThat(errors("datastores: {pg: {type: postgres, conection: {host: h}}}"))
                .isNotEmpty();
        assertThat(errors("datastore: {}")).isNotEmpty();
        // A key of another type is refused for this one.
        assertThat(errors("datastores: {d: {type: duckdb, connection: {database: a, http_port: 8030}}}"))
                .singleElement()
                .asString()
                .contains("http_port");
    }

    private static List<String> datastoresYaml(Path file) throws IOException {
        String text = Files.readString(file);
        if (!file.toString().endsWith(".md")) {
            return Pattern.compile("(?m)^datastores:").matcher(text).find() ? List.of(text) : List.of();
        }
        List<String> blocks = new ArrayList<>();
        Matcher matcher = YAML_BLOCK.matcher(text);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }
}
