package io.datastores.registry;

import io.datastores.api.Category;
import io.datastores.api.spi.DatastoreProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code /types/} reply: each category that has an installed provider, its systems (the
 * installed providers' types), and what the category is good and bad at. A new provider jar on
 * the class path shows up here without a change to the registry.
 */
final class TypesCatalog {
    private static final Map<String, String> SYSTEM_LABELS = Map.ofEntries(
            Map.entry("postgres", "PostgreSQL"),
            Map.entry("mysql", "MySQL"),
            Map.entry("sqlite", "SQLite"),
            Map.entry("duckdb", "DuckDB"),
            Map.entry("clickhouse", "ClickHouse"),
            Map.entry("starrocks", "StarRocks"),
            Map.entry("s3", "Amazon S3"),
            Map.entry("mongodb", "MongoDB"),
            Map.entry("redis", "Redis"),
            Map.entry("neo4j", "Neo4j"),
            Map.entry("cassandra", "Apache Cassandra"),
            Map.entry("turso", "Turso"),
            Map.entry("d1", "Cloudflare D1"),
            Map.entry("starbasedb", "StarbaseDB"));

    private record Traits(String label, List<String> strengths, List<String> limitations, List<String> bestFor) {}

    private static final Map<Category, Traits> TRAITS = Map.of(
            Category.SQL,
                    new Traits(
                            "SQL Database",
                            List.of("ACID compliance", "Complex queries", "Data integrity"),
                            List.of("Vertical scaling", "Schema rigidity"),
                            List.of("Structured data", "Financial systems", "CRM applications")),
            Category.DOCUMENT,
                    new Traits(
                            "Document Database",
                            List.of("Flexible schema", "Horizontal scaling", "Nested data"),
                            List.of("Joins across collections", "Multi-document transactions"),
                            List.of("Content management", "Catalogs", "User profiles")),
            Category.KEYVALUE,
                    new Traits(
                            "Key-Value Store",
                            List.of("Very low latency", "Simple model", "High throughput"),
                            List.of("No ad-hoc queries", "Memory-bound datasets"),
                            List.of("Caching", "Sessions", "Counters")),
            Category.GRAPH,
                    new Traits(
                            "Graph Database",
                            List.of("Relationship traversal", "Pattern matching"),
                            List.of("Bulk analytics", "Horizontal scaling"),
                            List.of("Social networks", "Recommendations", "Fraud detection")),
            Category.COLUMN,
                    new Traits(
                            "Column-Family Store",
                            List.of("Write throughput", "Linear scaling", "High availability"),
                            List.of("Ad-hoc queries", "Joins"),
                            List.of("Time series", "Event logging", "IoT data")),
            Category.OBJECT,
                    new Traits(
                            "Object Storage",
                            List.of("Cheap capacity", "Durability", "Any file format"),
                            List.of("No queries in place", "Whole-object writes"),
                            List.of("Data lakes", "Archives", "Exchange files")));

    private TypesCatalog() {}

    static Map<String, Object> of(List<DatastoreProvider> providers) {
        List<Map<String, Object>> types = new ArrayList<>();
        for (Category category : Category.values()) {
            List<Map<String, Object>> systems = providers.stream()
                    .filter(p -> p.category() == category)
                    .map(p -> choice(p.type(), SYSTEM_LABELS.getOrDefault(p.type(), p.type())))
                    .toList();
            if (systems.isEmpty()) {
                continue;
            }
            Traits traits = TRAITS.get(category);
            Map<String, Object> type = choice(Providers.typeOf(category), traits.label());
            type.put("systems", systems);
            Map<String, Object> characteristics = new LinkedHashMap<>();
            characteristics.put("strengths", traits.strengths());
            characteristics.put("limitations", traits.limitations());
            characteristics.put("best_for", traits.bestFor());
            type.put("characteristics", characteristics);
            types.add(type);
        }
        return Map.of("types", types);
    }

    private static Map<String, Object> choice(String value, String label) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("value", value);
        choice.put("label", label);
        return choice;
    }
}
