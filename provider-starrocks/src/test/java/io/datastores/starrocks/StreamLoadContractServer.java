package io.datastores.starrocks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A contract server for StarRocks' HTTP load protocol, as the StarRocks documentation describes it
 * (Stream Load, its transaction interface, {@code get_load_state}), on raw sockets so the
 * HTTP/1.1 details the client depends on are under the test's control:
 * <ul>
 *   <li>an FE port that answers loads with 307 to a BE port <em>before</em> reading the body (so a
 *   client that does not send {@code Expect: 100-continue} would push its body into a closed
 *   socket), and a BE port that sends {@code 100 Continue} and then reads the body;</li>
 *   <li>Basic authentication on every API call (401 otherwise), so a client that loses its
 *   credentials on the redirect fails;</li>
 *   <li>labels with the states VISIBLE, ABORTED, PREPARE, PREPARED; "Label Already Exists" for a
 *   used label; a JSON body parsed and converted per column type, rows that do not convert
 *   filtered against {@code max_filter_ratio}, with an {@code ErrorURL} serving the reasons;</li>
 *   <li>faults on demand: the reply to the next loads or to a commit is dropped after the server
 *   acted on it.</li>
 * </ul>
 * It is not StarRocks: it checks what our client sends and answers as documented, nothing more.
 * Thread-safe.
 */
final class StreamLoadContractServer implements AutoCloseable {
    private final ContractStorage storage;
    private final String authorization;
    private final ServerSocket fe;
    private final ServerSocket be;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "stream-load-contract");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, String> labels = new ConcurrentHashMap<>();
    private final Map<String, Transaction> transactions = new ConcurrentHashMap<>();
    private final Map<String, String> errorLogs = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropLoadReplies = new AtomicInteger();
    private final AtomicInteger dropCommitReplies = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong largestBody = new AtomicLong();

    private static final class Transaction {
        final String database;
        final String table;
        final List<Map<String, Object>> rows = new ArrayList<>();
        boolean partial;

        Transaction(String database, String table) {
            this.database = database;
            this.table = table;
        }
    }

    StreamLoadContractServer(ContractStorage storage, String user, String password) throws IOException {
        this.storage = storage;
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        fe = new ServerSocket(0, 50, loopback);
        be = new ServerSocket(0, 50, loopback);
        threads.execute(() -> accept(fe, true));
        threads.execute(() -> accept(be, false));
    }

    int fePort() {
        return fe.getLocalPort();
    }

    /** @return the size of the largest load body received so far, in bytes */
    long largestBody() {
        return largestBody.get();
    }

    /** @return every request as {@code FE PUT /path} or {@code BE PUT /path expect=100-continue}, in order */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** @param database a database @param label a label @return its state, UNKNOWN when unused */
    String labelState(String database, String label) {
        return labels.getOrDefault(database + "/" + label, "UNKNOWN");
    }

    void setLabelState(String database, String label, String state) {
        labels.put(database + "/" + label, state);
    }

    /** The next {@code times} Stream Loads are applied, then their connection is closed without a reply. */
    void dropLoadReplies(int times) {
        dropLoadReplies.set(times);
    }

    /** The next commit is applied, then its connection is closed without a reply. */
    void dropCommitReply() {
        dropCommitReplies.set(1);
    }

    @Override
    public void close() throws IOException {
        fe.close();
        be.close();
        threads.shutdownNow();
    }

    private void accept(ServerSocket socket, boolean isFe) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                threads.execute(() -> serve(client, isFe));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, boolean isFe) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            ContractRequest request = ContractRequest.read(in, socket.getOutputStream());
            if (request == null) {
                return;
            }
            requests.add((isFe ? "FE " : "BE ") + request.method() + " " + request.path()
                    + (request.header("Expect").isEmpty()
                            ? ""
                            : " expect=" + request.header("Expect").toLowerCase(Locale.ROOT)));
            if (request.path().equals("/api/_load_error_log")) {
                request.reply(
                        200,
                        "text/plain",
                        errorLogs.getOrDefault(request.query().get("file"), ""),
                        null);
            } else if (!authorization.equals(request.header("Authorization"))) {
                request.reply(401, "text/plain", "Unauthorized", null);
            } else if (isFe) {
                onFe(request);
            } else {
                onBe(request);
            }
        } catch (IOException e) {
            // The client went away; nothing to answer.
        }
    }

    private void onFe(ContractRequest request) throws IOException {
        String path = request.path();
        if (request.method().equals("PUT")
                && (path.endsWith("/_stream_load") || path.equals("/api/transaction/load"))) {
            // Redirect before the body: with Expect: 100-continue the client has not sent it yet.
            String location = "http://127.0.0.1:" + be.getLocalPort() + path;
            request.reply(307, "text/plain", "", location);
        } else if (path.endsWith("/get_load_state")) {
            String database = path.split("/")[2];
            request.reply(
                    200,
                    "application/json",
                    "{\"state\":\"" + labelState(database, request.query().getOrDefault("label", ""))
                            + "\",\"status\":\"OK\",\"message\":\"\"}",
                    null);
        } else if (path.startsWith("/api/transaction/")) {
            transaction(request, path.substring("/api/transaction/".length()));
        } else {
            request.reply(404, "text/plain", "no such API", null);
        }
    }

    private void onBe(ContractRequest request) throws IOException {
        if (!request.header("Expect").equalsIgnoreCase("100-continue")) {
            request.reply(
                    400,
                    "application/json",
                    "{\"Status\":\"Fail\",\"Message\":\"Expect: 100-continue required\"}",
                    null);
            return;
        }
        request.out().write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        request.out().flush();
        byte[] body = request.body();
        largestBody.accumulateAndGet(body.length, Math::max);
        if (request.path().equals("/api/transaction/load")) {
            transactionLoad(request, body);
        } else {
            String[] parts = request.path().split("/");
            streamLoad(
                    request,
                    URLDecoder.decode(parts[2], StandardCharsets.UTF_8),
                    URLDecoder.decode(parts[3], StandardCharsets.UTF_8),
                    body);
        }
    }

    private void streamLoad(ContractRequest request, String database, String table, byte[] body) throws IOException {
        String label = request.header("label");
        String key = database + "/" + label;
        String existing = labels.putIfAbsent(key, "PREPARE");
        if (existing != null && !existing.equals("ABORTED")) {
            request.reply(
                    200,
                    "application/json",
                    "{\"Label\":\"" + label + "\",\"Status\":\"Label Already Exists\","
                            + "\"ExistingJobStatus\":\"" + (existing.equals("VISIBLE") ? "FINISHED" : "RUNNING")
                            + "\",\"Message\":\"Label [" + label + "] has already been used.\"}",
                    null);
            return;
        }
        labels.put(key, "PREPARE");
        ContractLoad converted = convert(request, database, table, body);
        if (converted.failure() != null || converted.tooManyFiltered()) {
            labels.put(key, "ABORTED");
            request.reply(200, "application/json", converted.json(label, "Fail"), null);
            return;
        }
        storage.store(
                database,
                table,
                converted.rows(),
                request.header("partial_update").equals("true"));
        labels.put(key, "VISIBLE");
        if (dropLoadReplies.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return;
        }
        request.reply(200, "application/json", converted.json(label, "Success"), null);
    }

    private void transaction(ContractRequest request, String operation) throws IOException {
        String label = request.header("label");
        String key = request.header("db") + "/" + label;
        switch (operation) {
            case "begin" -> {
                String existing = labels.putIfAbsent(key, "PREPARE");
                if (existing != null && !existing.equals("ABORTED")) {
                    request.reply(
                            200,
                            "application/json",
                            "{\"Status\":\"LABEL_ALREADY_EXISTS\",\"ExistingJobStatus\":\"" + existing
                                    + "\",\"Message\":\"Label [" + label + "] has already been used.\"}",
                            null);
                    return;
                }
                labels.put(key, "PREPARE");
                transactions.put(key, new Transaction(request.header("db"), request.header("table")));
                request.reply(
                        200,
                        "application/json",
                        "{\"Status\":\"OK\",\"TxnId\":" + ids.incrementAndGet() + ",\"Label\":\"" + label + "\"}",
                        null);
            }
            case "prepare" -> move(request, key, "PREPARE", "PREPARED");
            case "commit" -> {
                Transaction transaction = transactions.get(key);
                if (transaction == null || !labels.get(key).equals("PREPARED")) {
                    request.reply(
                            200,
                            "application/json",
                            "{\"Status\":\"FAILED\",\"Message\":\"transaction " + label + " is not prepared\"}",
                            null);
                    return;
                }
                storage.store(transaction.database, transaction.table, transaction.rows, transaction.partial);
                labels.put(key, "VISIBLE");
                transactions.remove(key);
                if (dropCommitReplies.getAndSet(0) == 0) {
                    request.reply(200, "application/json", "{\"Status\":\"OK\",\"Label\":\"" + label + "\"}", null);
                }
            }
            case "rollback" -> {
                transactions.remove(key);
                labels.put(key, "ABORTED");
                request.reply(200, "application/json", "{\"Status\":\"OK\",\"Label\":\"" + label + "\"}", null);
            }
            default -> request.reply(404, "text/plain", "no such operation", null);
        }
    }

    private void move(ContractRequest request, String key, String from, String to) throws IOException {
        if (!from.equals(labels.get(key))) {
            request.reply(
                    200,
                    "application/json",
                    "{\"Status\":\"FAILED\",\"Message\":\"label is " + labels.get(key) + ", not " + from + "\"}",
                    null);
            return;
        }
        labels.put(key, to);
        request.reply(200, "application/json", "{\"Status\":\"OK\"}", null);
    }

    private void transactionLoad(ContractRequest request, byte[] body) throws IOException {
        String key = request.header("db") + "/" + request.header("label");
        Transaction transaction = transactions.get(key);
        if (transaction == null || !"PREPARE".equals(labels.get(key))) {
            request.reply(
                    200,
                    "application/json",
                    "{\"Status\":\"FAILED\",\"Message\":\"no open transaction " + request.header("label") + "\"}",
                    null);
            return;
        }
        ContractLoad converted = convert(request, transaction.database, transaction.table, body);
        if (converted.failure() != null || converted.tooManyFiltered()) {
            request.reply(200, "application/json", converted.json(request.header("label"), "FAILED"), null);
            return;
        }
        transaction.rows.addAll(converted.rows());
        transaction.partial = request.header("partial_update").equals("true");
        request.reply(200, "application/json", converted.json(request.header("label"), "OK"), null);
    }

    /** Parses the JSON body and converts each row for the table's columns; rows that do not convert are filtered. */
    private ContractLoad convert(ContractRequest request, String database, String table, byte[] body) {
        Map<String, ContractStorage.Column> columns = storage.columns(database, table);
        if (columns == null) {
            return new ContractLoad(List.of(), 0, 0, null, false, "Unknown table '" + database + "." + table + "'");
        }
        if (!request.header("format").equalsIgnoreCase("json")
                || !request.header("strip_outer_array").equals("true")) {
            return new ContractLoad(List.of(), 0, 0, null, false, "this contract server reads JSON arrays only");
        }
        List<String> named = new ArrayList<>();
        for (String column : request.header("columns").split(",")) {
            named.add(column.strip().replaceAll("^`|`$", "").replace("``", "`"));
        }
        Object parsed;
        try {
            parsed = Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return new ContractLoad(List.of(), 0, 0, null, false, "The body is not JSON: " + e.getMessage());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int total = 0;
        for (Object element : (List<?>) parsed) {
            total++;
            Map<?, ?> source = (Map<?, ?>) element;
            Map<String, Object> row = new LinkedHashMap<>();
            String error = null;
            for (String name : named) {
                ContractStorage.Column column = columns.get(name);
                if (column == null) {
                    return new ContractLoad(List.of(), 0, 0, null, false, "Unknown column '" + name + "'");
                }
                try {
                    row.put(name, ContractLoad.value(column, source.get(name)));
                } catch (RuntimeException e) {
                    error = "Error: Value '" + source.get(name) + "' is invalid for column '" + name + "' ("
                            + column.type() + "): " + e.getMessage() + ". Row: " + source;
                    break;
                }
            }
            if (error == null) {
                rows.add(row);
            } else {
                errors.add(error);
            }
        }
        String errorUrl = null;
        if (!errors.isEmpty()) {
            String file = "error_log_" + ids.incrementAndGet();
            errorLogs.put(file, String.join("\n", errors));
            errorUrl = "http://127.0.0.1:" + be.getLocalPort() + "/api/_load_error_log?file=" + file;
        }
        double ratio = Double.parseDouble(
                request.header("max_filter_ratio").isEmpty() ? "0" : request.header("max_filter_ratio"));
        boolean tooMany = total > 0 && (double) errors.size() / total > ratio;
        return new ContractLoad(rows, total, errors.size(), errorUrl, tooMany, null);
    }
}
