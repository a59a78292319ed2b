package io.datastores.starrocks;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The HTTP side of StarRocks: Stream Load and its transaction interface on the FE's {@code http_port}.
 * Redirects are followed here, not by the JDK client, which drops the {@code Authorization} header
 * when it follows one: the FE answers a load with 307 to a BE, and the BE needs the credentials too.
 * Loads ask for {@code Expect: 100-continue}, so the FE redirects before any of the body is sent.
 * Thread-safe: one {@link HttpClient} serves every call.
 */
final class StreamLoadHttp {
    private static final int MAX_REDIRECTS = 3;

    /**
     * A reply: its status, body and, when the body is a JSON object, its fields.
     *
     * @param status the HTTP status
     * @param body the body text
     * @param json the body's fields, or empty
     * @param location the {@code Location} header, or empty
     */
    record Reply(int status, String body, Map<String, Object> json, String location) {
        String field(String name) {
            Object value = json.get(name);
            return value == null ? "" : value.toString();
        }

        long count(String name) {
            Object value = json.get(name);
            return value instanceof Number number ? number.longValue() : 0;
        }
    }

    /** The request went out but no reply came back: whether the server acted on it is unknown. */
    static final class Unanswered extends IOException {
        Unanswered(String where, IOException cause) {
            super("No reply from " + where + ": " + cause.getMessage(), cause);
        }
    }

    private final String name;
    private final String host;
    private final int port;
    private final String user;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient client;

    StreamLoadHttp(
            String name,
            String host,
            int port,
            String user,
            String password,
            Duration connectTimeout,
            Duration timeout) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.user = user;
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    /** @return {@code host:port} of the FE's HTTP port, for messages */
    String where() {
        return host + ":" + port;
    }

    /**
     * Sends a PUT with a body to the FE and follows its redirect to a BE with the credentials.
     *
     * @param path the path on the FE, such as {@code /api/db/t/_stream_load}
     * @param headers load headers (label, format, columns ...)
     * @param body the body's chunks; sent again, whole, after a redirect
     * @param length the body's length in bytes
     * @return the final reply
     * @throws Unanswered when the request went out but no reply came (the load may have happened)
     */
    Reply put(String path, Map<String, String> headers, List<byte[]> body, long length) throws Unanswered {
        return send(
                path,
                headers,
                () -> HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(body), length),
                true);
    }

    /**
     * Sends a POST without a body (the transaction interface's begin, prepare, commit, rollback).
     *
     * @param path the path on the FE
     * @param headers label, db, table ...
     * @return the final reply
     * @throws Unanswered when the request went out but no reply came
     */
    Reply post(String path, Map<String, String> headers) throws Unanswered {
        return send(path, headers, HttpRequest.BodyPublishers::noBody, false);
    }

    /**
     * @param pathOrUrl a path on the FE, or a full URL (a BE's error log)
     * @return the reply
     * @throws Unanswered when no reply came
     */
    Reply get(String pathOrUrl) throws Unanswered {
        URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : fe(pathOrUrl);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", authorization)
                .GET()
                .build();
        return exchange(request, uri);
    }

    private interface Body {
        HttpRequest.BodyPublisher publisher();
    }

    private Reply send(String path, Map<String, String> headers, Body body, boolean put) throws Unanswered {
        URI uri = fe(path);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Authorization", authorization)
                    .expectContinue(put);
            headers.forEach(builder::header);
            HttpRequest request = (put ? builder.PUT(body.publisher()) : builder.POST(body.publisher())).build();
            Reply reply = exchange(request, uri);
            if (reply.status() != 307 && reply.status() != 302 && reply.status() != 301) {
                return reply;
            }
            if (reply.location().isEmpty()) {
                throw DatastoreException.of(
                        ErrorCode.CONNECTION,
                        name,
                        "starrocks",
                        "StarRocks at " + where() + " answered " + path + " with HTTP " + reply.status()
                                + " but no Location");
            }
            uri = uri.resolve(reply.location());
        }
        throw DatastoreException.of(
                ErrorCode.CONNECTION,
                name,
                "starrocks",
                "StarRocks at " + where() + " redirected " + path + " more than " + MAX_REDIRECTS
                        + " times; check http_port points at an FE");
    }

    private Reply exchange(HttpRequest request, URI uri) throws Unanswered {
        String at = uri.getHost() + ":" + uri.getPort();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
            throw unreachable(at, e);
        } catch (HttpTimeoutException e) {
            throw DatastoreException.of(
                    ErrorCode.TIMEOUT,
                    name,
                    "starrocks",
                    "StarRocks at " + at + " did not answer " + uri.getPath() + " within " + timeout.toSeconds()
                            + " s");
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException || e.getCause() instanceof UnresolvedAddressException) {
                throw unreachable(at, e);
            }
            throw new Unanswered(at + uri.getPath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DatastoreException.of(
                    ErrorCode.CANCELLED, name, "starrocks", "Interrupted while talking to StarRocks at " + at);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw DatastoreException.of(
                    ErrorCode.AUTHENTICATION,
                    name,
                    "starrocks",
                    "StarRocks at " + at + " refused user '" + user + "' (HTTP " + response.statusCode()
                            + "); check user and password");
        }
        return new Reply(
                response.statusCode(),
                response.body(),
                Json.object(response.body()),
                response.headers().firstValue("Location").orElse(""));
    }

    private DatastoreException unreachable(String at, Exception cause) {
        return new DatastoreException(
                ErrorCode.CONNECTION,
                name,
                DatastoreException.prefix(name, "starrocks")
                        + "Cannot reach StarRocks HTTP at " + at + " ("
                        + cause.getClass().getSimpleName()
                        + "); check host and http_port (default 8030) and that the FE is up",
                null,
                0,
                cause);
    }

    private URI fe(String path) {
        return URI.create("http://" + host + ":" + port + path);
    }
}
