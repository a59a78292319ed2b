package io.datastores.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.DatastoreConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Talks to a registry's REST API from the command line: {@link #exportYaml()} prints its
 * definitions, {@link #importer()} writes a file's into it. Loading a registry's definitions into
 * an application is core's {@code Datastores.loader().registry(uri, token)}, not this class.
 * The token is never part of a message or of {@link #toString()}. Thread-safe.
 */
public final class RegistryClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final String token;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private RegistryClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /**
     * @param base the registry's address, such as {@code http://registry:8080/}
     * @param token an API token: read scope to export, write to import
     * @return the client
     */
    public static RegistryClient of(URI base, String token) {
        return new RegistryClient(base.toString().endsWith("/") ? base : URI.create(base + "/"), token.strip());
    }

    /**
     * @return every live definition as datastores.yaml, stored placeholders kept as they are and every
     *     other secret a {@code ${NAME_PASSWORD}} / {@code ${NAME_CONNECTION_STRING}} placeholder
     */
    public String exportYaml() {
        return send("GET", "api/v1/datastores/export/", null).body();
    }

    /** @return an import of datastores.yaml files into this registry, with its options */
    public RegistryImport importer() {
        return new RegistryImport(this);
    }

    /** A reply: status and body. */
    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw DatastoreException.of(
                        ErrorCode.CONNECTION, "The registry answered HTTP " + status + " with a body that is not JSON");
            }
        }
    }

    /**
     * @param path relative to the registry's address
     * @param body a JSON body, or {@code null}
     * @return the reply: 2xx, or 400/404/409/412 for the caller to report
     * @throws DatastoreException naming the registry for a refused token, an unreachable registry or another status
     */
    Reply send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        try {
            request.method(
                    method,
                    body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 401 || status == 403) {
                throw DatastoreException.of(
                        ErrorCode.AUTHENTICATION,
                        "The datastore registry at " + address() + " refused the token (HTTP " + status + ") for "
                                + method + " " + path.replaceAll("\\?.*", "") + ": " + detail(response.body()));
            }
            if (status >= 300 && status != 400 && status != 404 && status != 409 && status != 412) {
                throw DatastoreException.of(
                        ErrorCode.CONNECTION,
                        "The datastore registry at " + address() + " answered HTTP " + status + " to " + method + " "
                                + path.replaceAll("\\?.*", ""));
            }
            return new Reply(status, response.body());
        } catch (IOException e) {
            throw DatastoreException.of(
                            ErrorCode.CONNECTION,
                            "Cannot reach the datastore registry at " + address() + ": "
                                    + e.getClass().getSimpleName())
                    .withCause(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DatastoreException.of(
                    ErrorCode.CANCELLED, "Interrupted while talking to the datastore registry at " + address());
        }
    }

    private static String detail(String body) {
        try {
            JsonNode detail = JSON.readTree(body).get("detail");
            return detail == null ? "no detail" : detail.asText();
        } catch (JsonProcessingException e) {
            return "no detail";
        }
    }

    String address() {
        return DatastoreConfig.redactUrl(base.toString());
    }

    @Override
    public String toString() {
        return "RegistryClient[" + address() + ", token=****]";
    }
}
