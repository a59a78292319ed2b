package io.datastores.sqlhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of a real server that can answer the next requests with
 * {@code 429 Too Many Requests} and a {@code Retry-After}, or vanish (stop listening) after a number
 * of requests, as a server that goes away in the middle of a write.
 */
final class FaultyProxy implements AutoCloseable {
    private final HttpServer server;
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String target;
    private final AtomicInteger toRefuse = new AtomicInteger();
    private final AtomicInteger untilGone = new AtomicInteger(-1);
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger forwarded = new AtomicInteger();
    private volatile String retryAfter = "0";

    FaultyProxy(String target) throws IOException {
        this.target = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code n} requests get 429 with this {@code Retry-After}. */
    void refuseNext(int n, String retryAfterValue) {
        retryAfter = retryAfterValue;
        toRefuse.set(n);
    }

    /** After {@code n} more requests are forwarded, the proxy stops listening. */
    void goAwayAfter(int n) {
        untilGone.set(n);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (toRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                refused.incrementAndGet();
                exchange.getResponseHeaders().set("Retry-After", retryAfter);
                exchange.sendResponseHeaders(429, -1);
                return;
            }
            if (untilGone.get() == 0) {
                // Gone: the request is dropped without an answer, and the port stops listening.
                new Thread(() -> server.stop(0)).start();
                throw new IOException("the proxy went away");
            }
            untilGone.updateAndGet(n -> n > 0 ? n - 1 : n);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Content-Type")) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            forwarded.incrementAndGet();
            exchange.sendResponseHeaders(
                    response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
