package io.datastores.core;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.DatastoreConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Objects;

/**
 * A datastore registry as a source of definitions: one GET of its admin-scoped export, which
 * answers the live definitions as {@code datastores.yaml} text with the stored values as they
 * were written (placeholders included) and the stored secrets, so the loader reads them with the
 * very rules of a file. Core speaks only this one route and knows nothing else of the registry.
 * The token is never part of a message or of {@link #toString()}.
 */
final class RegistrySource {
    /** The registry route; {@code secrets=include} is what needs the admin scope (and is audited). */
    static final String EXPORT_PATH = "api/v1/datastores/export/?secrets=include";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String token;
    private final String description;

    RegistrySource(URI base, String token) {
        Objects.requireNonNull(base, "registry URI is null");
        if (token == null || token.isBlank()) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_CONFIG,
                    "A registry token is needed to load from " + describe(base) + " (a token with the admin scope)");
        }
        if (!"http".equalsIgnoreCase(base.getScheme()) && !"https".equalsIgnoreCase(base.getScheme())) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_CONFIG,
                    "The registry address must be an http:// or https:// URL, got "
                            + DatastoreConfig.redactUrl(base.toString()));
        }
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.token = token.strip();
        this.description = describe(this.base);
    }

    /** @return "the datastore registry at URL", the URL without user info: what messages name */
    String description() {
        return description;
    }

    private static String describe(URI base) {
        return "the datastore registry at " + DatastoreConfig.redactUrl(base.toString());
    }

    /**
     * @return the registry's definitions as datastores.yaml text
     * @throws DatastoreException naming the registry: {@link ErrorCode#AUTHENTICATION} for a refused
     *     token, {@link ErrorCode#CONNECTION} when unreachable or answering an error, {@link ErrorCode#TIMEOUT},
     *     {@link ErrorCode#INVALID_CONFIG} for a reply that is not datastores YAML
     */
    String fetch() {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(EXPORT_PATH))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/yaml")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder()
                    .connectTimeout(CONNECT_TIMEOUT)
                    .build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw DatastoreException.of(
                            ErrorCode.TIMEOUT,
                            "Cannot connect to " + description + " within " + CONNECT_TIMEOUT.toSeconds() + " s")
                    .withCause(e);
        } catch (HttpTimeoutException e) {
            throw DatastoreException.of(
                            ErrorCode.TIMEOUT,
                            description + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s")
                    .withCause(e);
        } catch (ConnectException e) {
            boolean unknownHost = e.getCause() instanceof UnresolvedAddressException;
            throw DatastoreException.of(
                            ErrorCode.CONNECTION,
                            "Cannot reach " + description + (unknownHost ? ": unknown host" : ": connection refused"))
                    .withCause(e);
        } catch (IOException e) {
            throw DatastoreException.of(
                            ErrorCode.CONNECTION,
                            "Cannot read from " + description + ": "
                                    + e.getClass().getSimpleName())
                    .withCause(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DatastoreException.of(ErrorCode.CANCELLED, "Interrupted while reading " + description);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw DatastoreException.of(
                    ErrorCode.AUTHENTICATION,
                    capitalised() + " refused the token (HTTP " + status + ")"
                            + (status == 403
                                    ? ": loading definitions needs a token with the admin scope"
                                    : ": the token is unknown or revoked"));
        }
        if (status != 200) {
            throw DatastoreException.of(
                    ErrorCode.CONNECTION,
                    capitalised() + " answered HTTP " + status + " to " + "GET " + EXPORT_PATH
                            + (status == 404 ? " (is it a datastores registry?)" : ""));
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/yaml")) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_CONFIG,
                    capitalised() + " answered '" + type
                            + "' instead of datastores YAML (is it a datastores registry?)");
        }
        return response.body();
    }

    private String capitalised() {
        return "T" + description.substring(1);
    }

    @Override
    public String toString() {
        return "RegistrySource[" + DatastoreConfig.redactUrl(base.toString()) + ", token=****]";
    }
}
