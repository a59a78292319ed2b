package io.datastores.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Connection tests, types, datasets, performance, connection details, tokens and the audit. */
final class ActionHandlers {
    private final Services services;
    private final Requests requests;
    private final DatastoreHandlers datastores;

    ActionHandlers(Services services, Requests requests, DatastoreHandlers datastores) {
        this.services = services;
        this.requests = requests;
        this.datastores = datastores;
    }

    void testConnection(Context ctx) {
        if (!services.testLimiter().tryAcquire(Requests.holder(ctx).id())) {
            throw ApiError.detail(429, "Request was throttled: too many connection tests this minute.");
        }
        StoredDatastore stored = datastores.live(ctx);
        Definition definition = stored.open(services.key());
        services.probe().refusedHost(definition).ifPresent(host -> {
            throw ApiError.detail(
                    403, "Connection tests to '" + host + "' are not allowed by this registry's host allow-list.");
        });
        ConnectionProbe.Outcome outcome = services.probe().test(definition);
        services.tests().record(stored.id(), outcome.success(), outcome.responseMillis(), outcome.failure());
        Map<String, Object> details = new LinkedHashMap<>();
        if (outcome.success()) {
            details.put("server_version", outcome.serverVersion());
            details.put("database_name", outcome.database());
            details.put(
                    "connected_at",
                    outcome.connectedAt() == null ? null : outcome.connectedAt().toString());
        } else {
            details.put("error", outcome.failure());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", outcome.success());
        body.put("response_time_ms", outcome.responseMillis());
        body.put("message", outcome.message());
        body.put("details", details);
        ctx.json(body);
    }

    void types(Context ctx) {
        ctx.json(TypesCatalog.of(services.providers().all()));
    }

    void currentDatasets(Context ctx) {
        StoredDatastore stored = datastores.live(ctx);
        List<Map<String, Object>> results = services.datasets().of(stored.id()).stream()
                .map(ActionHandlers::dataset)
                .toList();
        ctx.json(Map.of("count", results.size(), "results", results));
    }

    void performance(Context ctx) {
        StoredDatastore stored = datastores.live(ctx);
        String hours = ctx.queryParam("window_hours");
        int window = hours != null && hours.matches("\\d{1,4}") && Integer.parseInt(hours) > 0
                ? Integer.parseInt(hours)
                : 24;
        ctx.json(services.tests().performance(stored, Duration.ofHours(window)));
    }

    /** Full connection details, password included, for SDK clients; admin only, and audited. */
    void connectionDetails(Context ctx) {
        StoredDatastore stored = datastores.live(ctx);
        Definition definition = stored.open(services.key());
        services.audit().record(Requests.actor(ctx), "read-connection-details", stored.id(), null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", stored.id());
        body.put("name", definition.name());
        body.put("system", definition.system());
        body.put("server", definition.server());
        body.put("port", definition.port());
        body.put("username", definition.username());
        body.put("database", definition.database());
        body.put("password", definition.password());
        body.put("connection_string", definition.connectionString());
        ctx.json(body);
    }

    /**
     * Every live definition as datastores.yaml: what {@code Datastores.loader().registry(...)} reads
     * ({@code ?secrets=include}: stored secrets too, admin only, audited) and what
     * {@code datastores registry export} prints (secrets as placeholders, read scope).
     */
    void export(Context ctx) {
        String secrets = ctx.queryParam("secrets");
        if (secrets != null && !secrets.equals("include") && !secrets.equals("placeholders")) {
            throw ApiError.invalid(
                    Map.of("secrets", List.of("\"" + secrets + "\" is not a valid choice: include or placeholders.")));
        }
        boolean withSecrets = "include".equals(secrets);
        if (withSecrets && !Requests.holder(ctx).may(Scope.ADMIN)) {
            throw ApiError.detail(
                    403, "You do not have permission to perform this action (secrets=include needs scope 'admin').");
        }
        List<Definition> definitions = services.datastores().all().stream()
                .map(stored -> stored.open(services.key()))
                .toList();
        if (withSecrets) {
            services.audit()
                    .record(Requests.actor(ctx), "export-with-secrets", null, definitions.size() + " datastores");
        }
        String origin = ctx.scheme() + "://" + ctx.host() + "/";
        ctx.contentType("application/yaml; charset=utf-8")
                .result(new YamlExport(services.json(), services.providers()).write(definitions, withSecrets, origin));
    }

    void listDatasets(Context ctx) {
        ctx.json(Map.of(
                "results",
                services.datasets().all().stream().map(ActionHandlers::dataset).toList()));
    }

    void assignDataset(Context ctx) {
        JsonNode body = requests.body(ctx);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String name = requiredText(body, "name", errors);
        String reference = requiredText(body, "reference", errors);
        JsonNode datastore = body == null ? null : body.get("datastore");
        if (datastore == null || datastore.isNull()) {
            errors.put("datastore", List.of("This field is required."));
        } else if (!datastore.canConvertToLong() || !datastore.isIntegralNumber()) {
            errors.put("datastore", List.of("Incorrect type. Expected pk value."));
        }
        if (!errors.isEmpty()) {
            throw ApiError.invalid(errors);
        }
        long datastoreId = datastore.longValue();
        long id;
        try {
            id = services.sql().transaction(connection -> {
                Long created = services.datasets()
                        .assign(connection, datastoreId, name, reference)
                        .orElse(null);
                if (created != null) {
                    services.audit()
                            .record(connection, Requests.actor(ctx), "assign-dataset", datastoreId, "dataset " + name);
                }
                return created == null ? -1L : created;
            });
        } catch (RuntimeException e) {
            throw Sql.isUniqueViolation(e)
                    ? ApiError.invalid(Map.of("name", List.of("dataset with this name already exists.")))
                    : e;
        }
        if (id < 0) {
            throw ApiError.invalid(
                    Map.of("datastore", List.of("Invalid pk \"" + datastoreId + "\" - object does not exist.")));
        }
        ctx.status(201).json(dataset(services.datasets().find(id).orElseThrow()));
    }

    void removeDataset(Context ctx) {
        DatasetTable.Dataset dataset =
                Requests.id(ctx).flatMap(services.datasets()::find).orElseThrow(ApiError::notFound);
        services.sql().transaction(connection -> {
            services.datasets().remove(connection, dataset.id());
            services.audit()
                    .record(
                            connection,
                            Requests.actor(ctx),
                            "remove-dataset",
                            dataset.datastore(),
                            "dataset " + dataset.name());
            return null;
        });
        ctx.status(204);
    }

    void createToken(Context ctx) {
        JsonNode body = requests.body(ctx);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String name = requiredText(body, "name", errors);
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        JsonNode requested = body == null ? null : body.get("scopes");
        if (requested == null || !requested.isArray() || requested.isEmpty()) {
            errors.put("scopes", List.of("Give a list of scopes: read, write, test, admin."));
        } else {
            for (JsonNode scope : requested) {
                try {
                    scopes.add(Scope.of(scope.asText()));
                } catch (IllegalArgumentException e) {
                    errors.computeIfAbsent("scopes", f -> new ArrayList<>())
                            .add("\"" + scope.asText() + "\" is not a valid choice.");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.invalid(errors);
        }
        String token = services.tokens().create(name, scopes);
        services.audit().record(Requests.actor(ctx), "create-token", null, "token " + name + " " + scopes);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("name", name);
        reply.put("scopes", scopes.stream().map(Scope::value).toList());
        reply.put("token", token);
        ctx.status(201).json(reply);
    }

    void listTokens(Context ctx) {
        ctx.json(Map.of("results", services.tokens().list()));
    }

    void revokeToken(Context ctx) {
        long id = Requests.id(ctx).orElseThrow(ApiError::notFound);
        if (!services.tokens().revoke(id)) {
            throw ApiError.notFound();
        }
        services.audit().record(Requests.actor(ctx), "revoke-token", null, "token " + id);
        ctx.status(204);
    }

    void audit(Context ctx) {
        String datastore = ctx.queryParam("datastore");
        Long id = datastore != null && datastore.matches("\\d{1,18}") ? Long.valueOf(datastore) : null;
        ctx.json(Map.of("results", services.audit().list(id, 500)));
    }

    private static String requiredText(JsonNode body, String field, Map<String, List<String>> errors) {
        JsonNode node = body == null ? null : body.get(field);
        if (node == null || node.isNull()) {
            errors.put(field, List.of("This field is required."));
        } else if (!node.isTextual() || node.textValue().isBlank()) {
            errors.put(field, List.of("This field may not be blank."));
        } else if (node.textValue().length() > 255) {
            errors.put(field, List.of("Ensure this field has no more than 255 characters."));
        } else {
            return node.textValue().strip();
        }
        return null;
    }

    private static Map<String, Object> dataset(DatasetTable.Dataset dataset) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", dataset.id());
        json.put("datastore", dataset.datastore());
        json.put("name", dataset.name());
        json.put("reference", dataset.reference());
        json.put("created_at", dataset.createdAt());
        return json;
    }
}
