package io.datastores.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** List, create, retrieve, replace, update and delete stored datastores. */
final class DatastoreHandlers {
    /** PATCH without a precondition re-reads and re-applies when another writer got in between. */
    private static final int MERGE_ATTEMPTS = 10;

    private final Services services;
    private final Requests requests;

    DatastoreHandlers(Services services, Requests requests) {
        this.services = services;
        this.requests = requests;
    }

    void list(Context ctx) {
        ListQuery query;
        try {
            query = ListQuery.of(ctx::queryParam);
        } catch (ListQuery.BadQuery e) {
            throw e.field().equals("is_active")
                    ? ApiError.invalid(Map.of(e.field(), List.of(e.getMessage())))
                    : ApiError.detail(404, e.getMessage());
        }
        DatastoreTable.Page page = services.datastores().list(query);
        long pages = Math.max(1, (page.count() + query.pageSize() - 1) / query.pageSize());
        if (query.page() > pages) {
            throw ApiError.detail(404, "Invalid page.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", page.count());
        body.put("next", query.page() < pages ? pageLink(ctx, query.page() + 1) : null);
        body.put("previous", query.page() > 1 ? pageLink(ctx, query.page() - 1) : null);
        body.put("results", page.rows().stream().map(DatastoreJson::of).toList());
        ctx.json(body);
    }

    private static String pageLink(Context ctx, int page) {
        StringBuilder link = new StringBuilder(ctx.url()).append("?page=").append(page);
        for (String name : ListQuery.parameters()) {
            String value = ctx.queryParam(name);
            if (value != null) {
                link.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return link.toString();
    }

    void create(Context ctx) {
        JsonNode body = requests.body(ctx);
        DefinitionParser.Result result = DefinitionParser.parse(
                services.providers(),
                body,
                null,
                false,
                name -> services.datastores().nameTaken(name, null));
        if (result.definition() == null) {
            throw ApiError.invalid(result.errors());
        }
        long id;
        try {
            id = services.sql().transaction(connection -> {
                long created = services.datastores().insert(connection, result.definition());
                services.audit()
                        .record(
                                connection,
                                Requests.actor(ctx),
                                "create",
                                created,
                                "created " + result.definition().name());
                return created;
            });
        } catch (RuntimeException e) {
            throw nameRace(e);
        }
        StoredDatastore stored = services.datastores().find(id).orElseThrow();
        ctx.status(201)
                .header("Location", ctx.url() + id + "/")
                .header("ETag", stored.etag())
                .json(DatastoreJson.of(stored));
    }

    void retrieve(Context ctx) {
        StoredDatastore stored = live(ctx);
        ctx.header("ETag", stored.etag()).json(DatastoreJson.of(stored));
    }

    void replace(Context ctx) {
        change(ctx, false);
    }

    void update(Context ctx) {
        change(ctx, true);
    }

    private void change(Context ctx, boolean partial) {
        JsonNode body = requests.body(ctx);
        StoredDatastore current = live(ctx);
        Optional<String> ifMatch = Optional.ofNullable(ctx.header("If-Match"));
        Optional<String> updatedAt = body != null && body.hasNonNull("updated_at")
                ? Optional.of(body.get("updated_at").asText())
                : Optional.empty();
        boolean conditional = ifMatch.isPresent() || updatedAt.isPresent();
        for (int attempt = 0; attempt < MERGE_ATTEMPTS; attempt++) {
            requirePrecondition(current, ifMatch, updatedAt);
            Definition before = current.open(services.key());
            long id = current.id();
            DefinitionParser.Result result = DefinitionParser.parse(
                    services.providers(),
                    body,
                    before,
                    partial,
                    name -> services.datastores().nameTaken(name, id));
            if (result.definition() == null) {
                throw ApiError.invalid(result.errors());
            }
            if (result.definition().equals(before)) {
                // Nothing to write: the row, its ETag and updated_at stay, so a re-run import can tell "unchanged".
                ctx.header("ETag", current.etag()).json(DatastoreJson.of(current));
                return;
            }
            StoredDatastore read = current;
            boolean written;
            try {
                written = services.sql().transaction(connection -> {
                    if (!services.datastores().update(connection, read, result.definition())) {
                        return false;
                    }
                    services.audit()
                            .record(
                                    connection,
                                    Requests.actor(ctx),
                                    partial ? "update" : "replace",
                                    id,
                                    DatastoreJson.changedFields(before, result.definition()));
                    return true;
                });
            } catch (RuntimeException e) {
                throw nameRace(e);
            }
            StoredDatastore now = services.datastores().find(id).orElseThrow(ApiError::notFound);
            if (written) {
                ctx.header("ETag", now.etag()).json(DatastoreJson.of(now));
                return;
            }
            if (conditional) {
                throw preconditionFailed();
            }
            current = now;
        }
        throw ApiError.detail(409, "The datastore kept changing while this update was applied; try again.");
    }

    private static void requirePrecondition(
            StoredDatastore current, Optional<String> ifMatch, Optional<String> updatedAt) {
        if (ifMatch.isPresent()
                && !ifMatch.get().strip().equals("*")
                && !ifMatch.get().strip().replace("W/", "").equals(current.etag())) {
            throw preconditionFailed();
        }
        if (updatedAt.isPresent()) {
            try {
                if (!Times.parse(updatedAt.get()).equals(Times.parse(current.updatedAt()))) {
                    throw preconditionFailed();
                }
            } catch (DateTimeParseException e) {
                throw ApiError.invalid(Map.of("updated_at", List.of("Datetime has wrong format. Use ISO 8601.")));
            }
        }
    }

    private static ApiError preconditionFailed() {
        return ApiError.detail(
                412, "The datastore was changed since you read it; read it again and reapply your change.");
    }

    void delete(Context ctx) {
        StoredDatastore current = live(ctx);
        boolean deleted = services.sql().transaction(connection -> {
            if (!services.datastores().softDelete(connection, current.id())) {
                return false;
            }
            services.audit()
                    .record(connection, Requests.actor(ctx), "delete", current.id(), "deleted " + current.name());
            return true;
        });
        if (!deleted) {
            List<String> names = services.datasets().of(current.id()).stream()
                    .map(DatasetTable.Dataset::name)
                    .toList();
            if (names.isEmpty()) {
                throw ApiError.notFound();
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put(
                    "detail",
                    "Datastore '" + current.name() + "' has datasets assigned and cannot be deleted: "
                            + String.join(", ", names));
            body.put("datasets", names);
            throw new ApiError(409, body);
        }
        ctx.status(204);
    }

    /** @return the live datastore of the path's {@code id}, or 404 for unknown, deleted or malformed ids */
    StoredDatastore live(Context ctx) {
        return Requests.id(ctx).flatMap(services.datastores()::find).orElseThrow(ApiError::notFound);
    }

    private static RuntimeException nameRace(RuntimeException e) {
        return Sql.isUniqueViolation(e)
                ? ApiError.invalid(Map.of("name", List.of("datastore with this name already exists.")))
                : e;
    }
}
