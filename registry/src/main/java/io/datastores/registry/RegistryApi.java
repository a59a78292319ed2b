package io.datastores.registry;

import io.javalin.Javalin;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.security.RouteRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP surface: every route with the scope it needs, token checks before a matched handler
 * runs, DRF-shaped errors, the OpenAPI document and the console's static files.
 */
final class RegistryApi {
    private static final Logger LOG = Logger.getLogger(RegistryApi.class.getName());
    static final String API = "/api/v1";
    static final long MAX_BODY_BYTES = 1_000_000;

    /** A registered route: what the OpenAPI test compares the document with. */
    record Route(String method, String path, List<String> scopes) {}

    private RegistryApi() {}

    static Javalin create(Services services, List<Route> routes) {
        Requests requests = new Requests(services.json());
        DatastoreHandlers datastores = new DatastoreHandlers(services, requests);
        ActionHandlers actions = new ActionHandlers(services, requests, datastores);
        byte[] openApi = resource("openapi.json");
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.http.prefer405over404 = true;
            config.jsonMapper(new JavalinJackson(services.json(), false));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/io/datastores/registry/console";
                files.location = Location.CLASSPATH;
            });
            config.events(events -> events.handlerAdded(info -> {
                if (info.getHttpMethod().isHttpMethod()) {
                    routes.add(new Route(
                            info.getHttpMethod().name(),
                            info.getPath(),
                            info.getRoles().stream()
                                    .map(role -> ((Scope) role).value())
                                    .toList()));
                }
            }));
        });
        app.beforeMatched(ctx -> authorize(ctx, services.tokens()));
        String ds = API + "/datastores/";
        route(app, HandlerType.GET, API + "/health/", ctx -> ctx.json(Map.of("status", "ok")));
        route(
                app,
                HandlerType.GET,
                API + "/openapi.json",
                ctx -> ctx.contentType("application/json").result(openApi));
        route(app, HandlerType.GET, ds, datastores::list, Scope.READ);
        route(app, HandlerType.POST, ds, datastores::create, Scope.WRITE);
        // Registered before {id} so that "types" is never read as an id.
        route(app, HandlerType.GET, ds + "types/", actions::types, Scope.READ);
        route(app, HandlerType.GET, ds + "export/", actions::export, Scope.READ);
        route(app, HandlerType.GET, ds + "{id}/", datastores::retrieve, Scope.READ);
        route(app, HandlerType.PUT, ds + "{id}/", datastores::replace, Scope.WRITE);
        route(app, HandlerType.PATCH, ds + "{id}/", datastores::update, Scope.WRITE);
        route(app, HandlerType.DELETE, ds + "{id}/", datastores::delete, Scope.WRITE);
        route(app, HandlerType.POST, ds + "{id}/test-connection/", actions::testConnection, Scope.TEST);
        route(app, HandlerType.GET, ds + "{id}/current-datasets/", actions::currentDatasets, Scope.READ);
        route(app, HandlerType.GET, ds + "{id}/performance/", actions::performance, Scope.READ);
        route(app, HandlerType.GET, ds + "{id}/connection-details/", actions::connectionDetails, Scope.ADMIN);
        route(app, HandlerType.GET, API + "/datasets/", actions::listDatasets, Scope.READ);
        route(app, HandlerType.POST, API + "/datasets/", actions::assignDataset, Scope.WRITE);
        route(app, HandlerType.DELETE, API + "/datasets/{id}/", actions::removeDataset, Scope.WRITE);
        route(app, HandlerType.GET, API + "/tokens/", actions::listTokens, Scope.ADMIN);
        route(app, HandlerType.POST, API + "/tokens/", actions::createToken, Scope.ADMIN);
        route(app, HandlerType.DELETE, API + "/tokens/{id}/", actions::revokeToken, Scope.ADMIN);
        route(app, HandlerType.GET, API + "/audit/", actions::audit, Scope.ADMIN);
        errors(app);
        return app;
    }

    private static void route(Javalin app, HandlerType method, String path, Handler handler, RouteRole... scopes) {
        app.addHttpHandler(method, path, handler, scopes);
    }

    /** 401 without a valid token, 403 when the token lacks the route's scope; public routes have none. */
    private static void authorize(Context ctx, TokenTable tokens) {
        if (ctx.routeRoles().isEmpty()) {
            return;
        }
        String header = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw ApiError.detail(401, "Authentication credentials were not provided.");
        }
        TokenTable.Holder holder = tokens.holder(header.substring(7).strip()).orElseThrow(() -> {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return ApiError.detail(401, "Invalid token.");
        });
        Scope needed = (Scope) ctx.routeRoles().iterator().next();
        if (!holder.may(needed)) {
            throw ApiError.detail(
                    403, "You do not have permission to perform this action (needs scope '" + needed.value() + "').");
        }
        ctx.attribute(Requests.HOLDER, holder);
    }

    private static void errors(Javalin app) {
        app.exception(ApiError.class, (e, ctx) -> ctx.status(e.status()).json(e.body()));
        app.exception(
                ContentTooLargeResponse.class,
                (e, ctx) -> ctx.status(413)
                        .json(Map.of("detail", "Request body is larger than " + MAX_BODY_BYTES + " bytes.")));
        app.exception(Exception.class, (e, ctx) -> {
            // The class only: a message may carry a driver's text, and with it a secret.
            LOG.log(
                    Level.WARNING,
                    () -> "Request " + ctx.method() + " " + ctx.matchedPath() + " failed: "
                            + e.getClass().getName());
            ctx.status(500).json(Map.of("detail", "Internal error; the registry's log names the failure."));
        });
        app.error(404, ctx -> {
            String type = ctx.contentType();
            if (type == null || !type.startsWith("application/json")) {
                ctx.json(Map.of("detail", "Not found."));
            }
        });
        app.error(405, ctx -> ctx.json(Map.of("detail", "Method \"" + ctx.method() + "\" not allowed.")));
    }

    private static byte[] resource(String name) {
        try (InputStream in = RegistryApi.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Route> newRouteList() {
        return Collections.synchronizedList(new ArrayList<>());
    }
}
