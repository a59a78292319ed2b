package io.datastores.starrocks;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.jdbc.mysql.ArrowTextEncoder;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * One write through Stream Load: cuts the encoded rows into batches and loads them, either each
 * under its own label or all in one transaction. Label states follow StarRocks: VISIBLE and
 * COMMITTED mean the data is in (or will be, once published), ABORTED means it is not, and
 * PREPARE, PREPARED or UNKNOWN mean the outcome is not known yet: the job waits for it, and fails
 * closed when it does not settle, rather than load a batch a second time. Not thread-safe: one job
 * per write.
 */
final class StreamLoadJob {
    private static final int RETRIES = 3;
    private static final int STATE_POLLS = 5;
    private static final long POLL_MILLIS = 500;
    private static final int ERROR_LOG_CHARS = 2_000;
    private static final Set<String> LANDED = Set.of("VISIBLE", "COMMITTED");
    private static final Set<String> LABEL_EXISTS = Set.of("Label Already Exists", "LABEL_ALREADY_EXISTS");

    private final String name;
    private final StreamLoadHttp http;
    private final String database;
    private final String table;
    private final String columns;
    private final boolean partialUpdate;
    private final StreamLoadOptions options;
    private final List<byte[]> chunks = new ArrayList<>();
    private long batchBytes;
    private long batchRows;
    private int batchIndex;
    private String transactionLabel;

    StreamLoadJob(
            String name,
            StreamLoadHttp http,
            String database,
            String table,
            String columns,
            boolean partialUpdate,
            StreamLoadOptions options) {
        this.name = name;
        this.http = http;
        this.database = database;
        this.table = table;
        this.columns = columns;
        this.partialUpdate = partialUpdate;
        this.options = options;
    }

    /**
     * Encodes and loads every batch of the source.
     *
     * @param encoder the JSON encoder for the source's fields
     * @param source the batches, read to the end
     * @throws IOException when the source cannot be read
     */
    void run(ArrowTextEncoder encoder, ArrowReader source) throws IOException {
        try {
            while (source.loadNextBatch()) {
                long before = encoder.rows();
                encoder.encode(source.getVectorSchemaRoot(), this::collect);
                batchRows += encoder.rows() - before;
                if (batchBytes + encoder.buffered() >= options.batchBytes()) {
                    encoder.endDocument(this::collect);
                    send();
                }
            }
            if (batchRows > 0) {
                encoder.endDocument(this::collect);
                send();
            }
            if (transactionLabel != null) {
                commit();
            }
        } catch (RuntimeException | IOException e) {
            if (transactionLabel != null) {
                rollback(e);
            }
            throw e;
        }
    }

    private void collect(byte[] bytes, int length) {
        chunks.add(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
        batchBytes += length;
    }

    private void send() {
        if (options.atomic()) {
            // Begun with the first batch, so an empty source opens no transaction.
            if (transactionLabel == null) {
                begin();
            }
            loadInTransaction();
        } else {
            loadAlone(options.transferId() + "_" + batchIndex);
        }
        chunks.clear();
        batchBytes = 0;
        batchRows = 0;
        batchIndex++;
    }

    /** One batch as its own Stream Load; retries re-use the label, so StarRocks never loads it twice. */
    private void loadAlone(String firstLabel) {
        String label = firstLabel;
        int unanswered = 0;
        int aborted = 0;
        while (true) {
            StreamLoadHttp.Reply reply;
            try {
                reply = http.put(
                        "/api/" + segment(database) + "/" + segment(table) + "/_stream_load",
                        loadHeaders(label),
                        chunks,
                        batchBytes);
            } catch (StreamLoadHttp.Unanswered e) {
                if (++unanswered > RETRIES) {
                    throw fail(
                            ErrorCode.CONNECTION,
                            "Stream Load of batch '" + label + "' got no reply in "
                                    + unanswered + " tries (" + e.getMessage() + "); whether it loaded is unknown: ask "
                                    + "GET /api/" + database + "/get_load_state?label=" + label);
                }
                continue;
            }
            String status = reply.field("Status");
            if (status.equals("Success") || status.equals("Publish Timeout")) {
                checkFiltered(reply, label);
                return;
            }
            if (!LABEL_EXISTS.contains(status)) {
                throw failed("Stream Load of batch '" + label + "'", reply);
            }
            String state = settledState(label);
            if (LANDED.contains(state)) {
                return;
            }
            label = firstLabel + "_r" + (++aborted);
        }
    }

    private void begin() {
        String label = options.transferId();
        int aborted = 0;
        while (true) {
            String trying = label;
            StreamLoadHttp.Reply reply =
                    answered("begin", () -> http.post("/api/transaction/begin", transactionHeaders(trying)));
            String status = reply.field("Status");
            if (status.equals("OK")) {
                transactionLabel = label;
                return;
            }
            if (!LABEL_EXISTS.contains(status)) {
                throw failed("Beginning transaction '" + label + "'", reply);
            }
            String state = settledState(label);
            if (LANDED.contains(state)) {
                throw fail(
                        ErrorCode.INTEGRITY,
                        "Transfer '" + options.transferId() + "' was already loaded " + "(label state " + state
                                + "); nothing was written again. Use a new transfer id to load it anew");
            }
            label = options.transferId() + "_r" + (++aborted);
        }
    }

    private void loadInTransaction() {
        Map<String, String> headers = loadHeaders(transactionLabel);
        headers.putAll(transactionHeaders(transactionLabel));
        StreamLoadHttp.Reply reply =
                answered("load", () -> http.put("/api/transaction/load", headers, chunks, batchBytes));
        String status = reply.field("Status");
        if (!status.equals("OK") && !status.equals("Success")) {
            throw failed("Loading batch " + batchIndex + " into transaction '" + transactionLabel + "'", reply);
        }
        checkFiltered(reply, transactionLabel + " (batch " + batchIndex + ")");
    }

    private void commit() {
        StreamLoadHttp.Reply prepared =
                answered("prepare", () -> http.post("/api/transaction/prepare", transactionHeaders(transactionLabel)));
        if (!prepared.field("Status").equals("OK")) {
            throw failed("Preparing transaction '" + transactionLabel + "'", prepared);
        }
        StreamLoadHttp.Reply committed;
        try {
            committed = http.post("/api/transaction/commit", transactionHeaders(transactionLabel));
        } catch (StreamLoadHttp.Unanswered e) {
            // The commit may have happened: only the label's state can tell.
            if (LANDED.contains(settledState(transactionLabel))) {
                return;
            }
            throw fail(
                    ErrorCode.CONNECTION,
                    "Commit of transaction '" + transactionLabel + "' got no reply and "
                            + "the label did not become visible; the transaction is rolled back");
        }
        if (!committed.field("Status").equals("OK")) {
            throw failed("Committing transaction '" + transactionLabel + "'", committed);
        }
    }

    private void rollback(Exception failure) {
        try {
            http.post("/api/transaction/rollback", transactionHeaders(transactionLabel));
        } catch (StreamLoadHttp.Unanswered | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Asks for a label's state until it settles; fails closed when it stays open. */
    private String settledState(String label) {
        String state = "UNKNOWN";
        for (int poll = 0; poll < STATE_POLLS; poll++) {
            StreamLoadHttp.Reply reply = answered(
                    "get_load_state", () -> http.get("/api/" + segment(database) + "/get_load_state?label=" + label));
            state = reply.field("state").isEmpty() ? reply.field("data") : reply.field("state");
            if (LANDED.contains(state) || state.equals("ABORTED")) {
                return state;
            }
            sleep();
        }
        throw fail(
                ErrorCode.TIMEOUT,
                "Label '" + label + "' stayed in state " + state + " after " + STATE_POLLS
                        + " checks: whether its rows landed is unknown, so the write stops rather than load them twice; "
                        + "check it with GET /api/" + database + "/get_load_state?label=" + label);
    }

    private void checkFiltered(StreamLoadHttp.Reply reply, String label) {
        long filtered = reply.count("NumberFilteredRows");
        if (filtered == 0 || options.allowFilteredRows()) {
            return;
        }
        String landed =
                options.atomic() ? "the transaction is rolled back" : "the batch is committed with its other rows";
        throw fail(
                ErrorCode.INVALID_DATA,
                "StarRocks filtered " + filtered + " of " + reply.count("NumberTotalRows")
                        + " rows of '" + label + "' (" + landed
                        + "); allow this with load_allow_filtered_rows: true, or "
                        + "fix the rows. " + errorLog(reply));
    }

    private DatastoreException failed(String doing, StreamLoadHttp.Reply reply) {
        String message = reply.field("Message").isEmpty() ? reply.field("msg") : reply.field("Message");
        boolean data = reply.count("NumberFilteredRows") > 0
                || !reply.field("ErrorURL").isEmpty();
        return fail(
                data ? ErrorCode.INVALID_DATA : ErrorCode.INTERNAL,
                doing + " failed (HTTP " + reply.status()
                        + ", status '" + reply.field("Status") + "'): "
                        + (message.isEmpty() ? abbreviate(reply.body()) : message)
                        + (data ? ". " + errorLog(reply) : ""));
    }

    /** Fetches the BE's error log, so the message says which rows were refused and why. */
    private String errorLog(StreamLoadHttp.Reply reply) {
        String url = reply.field("ErrorURL");
        if (url.isEmpty()) {
            return "StarRocks gave no error log";
        }
        try {
            return "Error log (" + url + "): " + abbreviate(http.get(url).body());
        } catch (StreamLoadHttp.Unanswered | DatastoreException e) {
            return "The error log at " + url + " could not be read: " + e.getMessage();
        }
    }

    private Map<String, String> loadHeaders(String label) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("label", label);
        headers.put("format", "json");
        headers.put("strip_outer_array", "true");
        headers.put("columns", columns);
        headers.put("max_filter_ratio", String.valueOf(options.maxFilterRatio()));
        headers.put("strict_mode", String.valueOf(options.strictMode()));
        if (options.timeout() != null) {
            headers.put("timeout", String.valueOf(options.timeout().toSeconds()));
        }
        if (partialUpdate) {
            headers.put("partial_update", "true");
        }
        return headers;
    }

    private Map<String, String> transactionHeaders(String label) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("label", label);
        headers.put("db", database);
        headers.put("table", table);
        return headers;
    }

    private interface Call {
        StreamLoadHttp.Reply call() throws StreamLoadHttp.Unanswered;
    }

    private StreamLoadHttp.Reply answered(String what, Call call) {
        try {
            return call.call();
        } catch (StreamLoadHttp.Unanswered e) {
            throw fail(ErrorCode.CONNECTION, "Stream Load " + what + " got no reply: " + e.getMessage());
        }
    }

    private DatastoreException fail(ErrorCode code, String message) {
        return DatastoreException.of(code, name, "starrocks", message);
    }

    /** Labels are plain by construction; database and table names may need escaping in a path. */
    private static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        String flat = text.strip();
        return flat.length() <= ERROR_LOG_CHARS ? flat : flat.substring(0, ERROR_LOG_CHARS) + " …";
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DatastoreException.of(ErrorCode.CANCELLED, "Interrupted while waiting for a Stream Load label");
        }
    }
}
