package io.datastores.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.datastores.api.spi.DatastoreProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Turns a request body into a {@link Definition}, checking every rule of the registry contract
 * and reporting each broken one as field → messages (DRF's shape and wording). Fields left out keep
 * the stored value on PUT and PATCH, as DRF's update does; POST and PUT must carry the required ones.
 */
final class DefinitionParser {
    static final List<String> REQUIRED = List.of("name", "type", "system", "description");
    private static final List<String> SERVER_FIELDS = List.of("server", "port", "username", "password");
    private static final int MAX_TEXT = 255;

    private final Providers providers;
    private final Map<String, List<String>> errors = new LinkedHashMap<>();
    private final JsonNode body;
    private final Definition stored;

    /** The outcome: a definition or the errors, never both. */
    record Result(Definition definition, Map<String, List<String>> errors) {}

    private DefinitionParser(Providers providers, JsonNode body, Definition stored) {
        this.providers = providers;
        this.body = body;
        this.stored = stored;
    }

    /**
     * @param body the request body
     * @param stored the stored definition (secrets decrypted) for PUT/PATCH, {@code null} for POST
     * @param partial whether required fields may be left out (PATCH)
     * @param nameTaken whether another live datastore has this name
     */
    static Result parse(
            Providers providers, JsonNode body, Definition stored, boolean partial, Predicate<String> nameTaken) {
        if (body == null || !body.isObject()) {
            String got = body == null ? "nothing" : body.getNodeType().name().toLowerCase(Locale.ROOT);
            return new Result(
                    null,
                    Map.of("non_field_errors", List.of("Invalid data. Expected a dictionary, but got " + got + ".")));
        }
        return new DefinitionParser(providers, body, stored).parse(partial, nameTaken);
    }

    private Result parse(boolean partial, Predicate<String> nameTaken) {
        if (!partial) {
            REQUIRED.stream()
                    .filter(field -> !body.has(field))
                    .forEach(field -> error(field, "This field is required."));
        }
        String name = text("name", stored == null ? null : stored.name(), true);
        String type = text("type", stored == null ? null : stored.type(), true);
        String system = text("system", stored == null ? null : stored.system(), true);
        String description = text("description", stored == null ? null : stored.description(), true);
        String server = text("server", stored == null ? null : stored.server(), false);
        Integer port = integer("port", stored == null ? null : stored.port(), 1, 65535);
        String username = text("username", stored == null ? null : stored.username(), false);
        String database = text("database", stored == null ? null : stored.database(), false);
        String password = secret("password", stored == null ? null : stored.password());
        String connectionString = secret("connection_string", stored == null ? null : stored.connectionString());
        boolean active = bool("is_active", stored == null || stored.active());
        Integer maxConnections = integer(
                "max_connections", stored == null ? Integer.valueOf(10) : stored.maxConnections(), 1, 1_000_000);
        Double avg = positive("avg_response_time_ms", stored == null ? null : stored.avgResponseTimeMs());
        Double capacity = positive("storage_capacity_gb", stored == null ? null : stored.storageCapacityGb());

        if (name != null && nameTaken.test(name)) {
            error("name", "datastore with this name already exists.");
        }
        DatastoreProvider provider = system(type, system);
        if (connectionString == null) {
            Map<String, Object> serverValues = new LinkedHashMap<>();
            serverValues.put("server", server);
            serverValues.put("port", port);
            serverValues.put("username", username);
            serverValues.put("password", password);
            SERVER_FIELDS.stream()
                    .filter(field -> serverValues.get(field) == null && !errors.containsKey(field))
                    .forEach(field -> error(field, "This field is required unless connection_string is given."));
        }
        Definition definition = new Definition(
                name,
                type,
                provider == null ? system : provider.type(),
                description,
                server,
                port,
                username,
                database,
                password,
                connectionString,
                active,
                maxConnections,
                avg,
                capacity);
        if (errors.isEmpty() && provider != null) {
            providers
                    .validate(provider, definition)
                    .forEach((field, messages) -> messages.forEach(m -> error(field, m)));
        }
        return errors.isEmpty() ? new Result(definition, Map.of()) : new Result(null, errors);
    }

    /** The system must be installed and belong to the type: its provider's category. */
    private DatastoreProvider system(String type, String system) {
        if (type != null
                && providers.all().stream()
                        .noneMatch(p -> Providers.typeOf(p.category()).equals(type))) {
            error("type", "\"" + type + "\" is not a valid choice.");
            return null;
        }
        if (system == null) {
            return null;
        }
        DatastoreProvider provider = providers.find(system).orElse(null);
        if (provider == null) {
            error("system", "\"" + system + "\" is not a valid choice.");
        } else if (type != null && !Providers.typeOf(provider.category()).equals(type)) {
            error(
                    "system",
                    "\"" + system + "\" is not a system of type \"" + type + "\"; it is "
                            + Providers.typeOf(provider.category()) + ".");
        }
        return provider;
    }

    private String text(String field, String current, boolean required) {
        if (!body.has(field)) {
            return current;
        }
        JsonNode node = body.get(field);
        if (node.isNull()) {
            if (required) {
                error(field, "This field may not be null.");
            }
            return null;
        }
        if (!node.isTextual()) {
            error(field, "Not a valid string.");
            return null;
        }
        String value = node.textValue().strip();
        if (value.isEmpty()) {
            if (required) {
                error(field, "This field may not be blank.");
            }
            return null;
        }
        int limit = field.equals("description") ? 10_000 : MAX_TEXT;
        if (value.length() > limit) {
            error(field, "Ensure this field has no more than " + limit + " characters.");
            return null;
        }
        return value;
    }

    /** Left out, or sent back as the mask, a secret keeps its stored value; null or "" clears it. */
    private String secret(String field, String current) {
        if (!body.has(field)) {
            return current;
        }
        JsonNode node = body.get(field);
        if (node.isNull() || node.isTextual() && node.textValue().isEmpty()) {
            return null;
        }
        if (!node.isTextual()) {
            error(field, "Not a valid string.");
            return null;
        }
        String value = node.textValue();
        if (Masking.isMask(value) || current != null && value.equals(Masking.connectionString(current))) {
            return current;
        }
        if (value.length() > 4000) {
            error(field, "Ensure this field has no more than 4000 characters.");
            return null;
        }
        return value;
    }

    private Integer integer(String field, Integer current, int min, int max) {
        if (!body.has(field)) {
            return current;
        }
        JsonNode node = body.get(field);
        if (node.isNull()) {
            return null;
        }
        long value;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.longValue();
        } else if (node.isTextual() && node.textValue().strip().matches("-?\\d{1,12}")) {
            value = Long.parseLong(node.textValue().strip());
        } else {
            error(field, "A valid integer is required.");
            return null;
        }
        if (value < min) {
            error(field, "Ensure this value is greater than or equal to " + min + ".");
        } else if (value > max) {
            error(field, "Ensure this value is less than or equal to " + max + ".");
        }
        return errors.containsKey(field) ? null : (int) value;
    }

    private Double positive(String field, Double current) {
        if (!body.has(field)) {
            return current;
        }
        JsonNode node = body.get(field);
        if (node.isNull()) {
            return null;
        }
        double value;
        if (node.isNumber()) {
            value = node.doubleValue();
        } else if (node.isTextual() && node.textValue().strip().matches("-?\\d{1,15}(\\.\\d{1,15})?")) {
            value = Double.parseDouble(node.textValue().strip());
        } else {
            error(field, "A valid number is required.");
            return null;
        }
        if (!Double.isFinite(value) || value <= 0) {
            error(field, "Ensure this value is greater than 0.");
            return null;
        }
        return value;
    }

    private boolean bool(String field, boolean current) {
        if (!body.has(field)) {
            return current;
        }
        JsonNode node = body.get(field);
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String text = node.asText("").toLowerCase(Locale.ROOT);
        if (List.of("true", "1").contains(text)) {
            return true;
        }
        if (List.of("false", "0").contains(text)) {
            return false;
        }
        error(field, "Must be a valid boolean.");
        return current;
    }

    private void error(String field, String message) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }
}
