package io.datastores.sqlhttp;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.DatastoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * POSTs JSON to one service with a bearer token over the JDK {@link HttpClient}, and turns what can
 * go wrong into {@link DatastoreException}s that name the host and never the token: 401/403 are
 * AUTHENTICATION; 429 is retried after {@code Retry-After} (or a doubling backoff) up to
 * {@code max_retries} times, then TIMEOUT; a refused or broken connection is CONNECTION (retryable when
 * it broke in use); a timeout is TIMEOUT. Other statuses return to the caller, whose service puts
 * its SQL errors in the body. Thread-safe: the client is shared and immutable.
 */
final class HttpEndpoint {
    private static final long MAX_BACKOFF_MILLIS = 10_000;
    private final DatastoreConfig config;
    private final URI base;
    private final String authorization;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final HttpClient client;

    HttpEndpoint(
            DatastoreConfig config,
            URI base,
            String token,
            Duration connectTimeout,
            Duration requestTimeout,
            int maxRetries) {
        this.config = config;
        this.base = base;
        this.authorization = "Bearer " + token;
        this.requestTimeout = requestTimeout;
        this.maxRetries = maxRetries;
        // Plain http:// (a local sqld or wrangler) gets HTTP/1.1: the client's h2c upgrade stalls on those servers.
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version("http".equals(base.getScheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .build();
    }

    /** @return {@code host:port}, the name every message gives the service */
    String host() {
        return base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
    }

    /**
     * @param path the path under the base URL
     * @param body the JSON body
     * @return the status and body of the reply, after any retries of 429
     */
    Reply post(String path, byte[] body) {
        HttpResponse<InputStream> response = send(path, body);
        try (InputStream in = response.body()) {
            return new Reply(response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw broken(e);
        }
    }

    /**
     * @param path the path under the base URL
     * @param body the JSON body
     * @return the reply's body as it arrives; the caller closes it. Fails on any status but 200.
     */
    InputStream postStreaming(String path, byte[] body) {
        HttpResponse<InputStream> response = send(path, body);
        if (response.statusCode() != 200) {
            try (InputStream in = response.body()) {
                throw failure(response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw broken(e);
            }
        }
        return response.body();
    }

    /** @return the error for a status the service's protocol does not explain */
    DatastoreException failure(int status, String body) {
        ErrorCode code = status >= 500 ? ErrorCode.CONNECTION : ErrorCode.INVALID_DATA;
        return error(code, host() + " answered HTTP " + status + ": " + abbreviate(body), status >= 500);
    }

    /** @return a broken connection, named by host, retryable */
    DatastoreException broken(IOException e) {
        return error(ErrorCode.CONNECTION, "The connection to " + host() + " broke: " + e, true)
                .withCause(e);
    }

    DatastoreException error(ErrorCode code, String message, boolean retryable) {
        return new DatastoreException(
                code,
                config.name(),
                DatastoreException.prefix(config.name(), config.type()) + config.redact(message),
                null,
                0,
                null,
                retryable);
    }

    private HttpResponse<InputStream> send(String path, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(requestTimeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        for (int attempt = 0; ; attempt++) {
            HttpResponse<InputStream> response = exchange(request);
            int status = response.statusCode();
            if (status == 401 || status == 403) {
                String reply = drain(response);
                throw error(
                        ErrorCode.AUTHENTICATION,
                        host() + " refused the token (HTTP " + status + "): " + abbreviate(reply),
                        false);
            }
            if (status != 429) {
                return response;
            }
            drain(response);
            if (attempt >= maxRetries) {
                throw error(
                        ErrorCode.TIMEOUT,
                        host() + " kept answering HTTP 429 (rate limited) after " + (attempt + 1)
                                + " attempts; lower the request rate or raise connection.max_retries",
                        true);
            }
            sleep(response.headers()
                    .firstValue("Retry-After")
                    .map(HttpEndpoint::retryAfterMillis)
                    .orElse(Math.min(MAX_BACKOFF_MILLIS, 100L << Math.min(attempt, 10))));
        }
    }

    private HttpResponse<InputStream> exchange(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw error(ErrorCode.TIMEOUT, "Connecting to " + host() + " timed out", false)
                    .withCause(e);
        } catch (HttpTimeoutException e) {
            throw error(
                            ErrorCode.TIMEOUT,
                            host() + " did not answer within " + requestTimeout.toSeconds()
                                    + " s (connection.request_timeout)",
                            true)
                    .withCause(e);
        } catch (ConnectException e) {
            throw error(ErrorCode.CONNECTION, "Cannot connect to " + host() + ": " + e, false)
                    .withCause(e);
        } catch (IOException e) {
            throw broken(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw error(ErrorCode.CANCELLED, "Interrupted while waiting for " + host(), false)
                    .withCause(e);
        }
    }

    /** {@code Retry-After} is whole seconds or an HTTP date (RFC 9110, 10.2.3). */
    static long retryAfterMillis(String value) {
        String text = value.strip();
        try {
            return Math.min(MAX_BACKOFF_MILLIS, Math.max(0, (long) (Double.parseDouble(text) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                long millis = Duration.between(
                                ZonedDateTime.now(), ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME))
                        .toMillis();
                return Math.min(MAX_BACKOFF_MILLIS, Math.max(0, millis));
            } catch (DateTimeParseException neither) {
                return 1000;
            }
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw error(ErrorCode.CANCELLED, "Interrupted while waiting to retry " + host(), false)
                    .withCause(e);
        }
    }

    private String drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String abbreviate(String text) {
        return Json.abbreviate(text);
    }

    /**
     * A reply.
     *
     * @param status the HTTP status
     * @param body the body as text
     */
    record Reply(int status, String body) {}
}
