package io.datastores.core.internal;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Parses YAML with SnakeYAML's safe constructor only: no custom or Java tags, duplicate keys
 * refused, aliases, nesting and size bounded so a hostile file cannot exhaust memory. Every plain
 * scalar but {@code null} stays a string (see {@link StringScalars}). Public only so
 * {@link io.datastores.core.YamlDocuments} can reach it; not an API.
 */
public final class YamlReader {
    static final int MAX_ALIASES = 50;
    private static final int MAX_DEPTH = 50;
    private static final int MAX_CODE_POINTS = 4 * 1024 * 1024;

    private YamlReader() {}

    /**
     * @param text the YAML text
     * @param source the file name (or a description) for messages
     * @return the parsed document: maps, lists, strings, numbers, booleans, or {@code null} if empty
     */
    public static Object parse(String text, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowRecursiveKeys(false);
        Yaml yaml = new Yaml(
                new SafeConstructor(options),
                new Representer(new DumperOptions()),
                new DumperOptions(),
                options,
                new StringScalars());
        try {
            return yaml.load(text);
        } catch (DuplicateKeyException e) {
            throw invalid(source, e, "Duplicate key '" + duplicateKey(e) + "'" + " (names and keys must be unique)");
        } catch (MarkedYAMLException e) {
            String problem = String.valueOf(e.getProblem());
            if (problem.contains("constructor for the tag") || problem.contains("Global tag is not allowed")) {
                throw invalid(
                        source,
                        e,
                        "Custom YAML tags such as " + tagOf(e)
                                + " are not allowed; the file holds plain maps, lists and scalars only");
            }
            throw invalid(source, e, "Malformed YAML: " + problem);
        } catch (YAMLException e) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_CONFIG,
                    "Invalid YAML in " + source + ": "
                            + e.getMessage()
                            + (e.getMessage() != null && e.getMessage().contains("aliases")
                                    ? " (at most " + MAX_ALIASES + " aliases to collections are allowed)"
                                    : ""));
        }
    }

    /**
     * Resolves plain scalars to strings, except {@code null}/{@code ~}/empty and merge keys. YAML
     * 1.1 would turn a datastore named {@code on} into {@code true}, a password {@code 012345}
     * into the octal number 5349 and {@code 2024-01-01} into a date; the configuration converts
     * numbers and booleans itself, after interpolation.
     */
    private static final class StringScalars extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

    private static DatastoreException invalid(String source, MarkedYAMLException e, String what) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        return DatastoreException.of(ErrorCode.INVALID_CONFIG, what + " in " + source + where);
    }

    private static String duplicateKey(DuplicateKeyException e) {
        String problem = String.valueOf(e.getProblem());
        int at = problem.lastIndexOf("found duplicate key ");
        return at < 0
                ? problem
                : problem.substring(at + "found duplicate key ".length()).strip();
    }

    private static String tagOf(MarkedYAMLException e) {
        String problem = String.valueOf(e.getProblem());
        int bang = problem.indexOf('!');
        int tag = problem.indexOf("tag:");
        int start = tag >= 0 ? tag : bang;
        return start < 0
                ? "that one"
                : "'" + problem.substring(start).split("\\s")[0].replaceAll("[;,]$", "") + "'";
    }
}
