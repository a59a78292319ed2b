package io.datastores.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a ClickHouse HTTP interface that lets requests through but, for the next
 * {@code n} INSERTs, throws the server's answer away and cuts the connection: the insert ran on
 * the server, yet the client sees a connection that died without a response, as when a network
 * drops the reply.
 */
final class LosingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final String host;
    private final int port;
    private final AtomicInteger responsesToLose = new AtomicInteger();
    final AtomicInteger lost = new AtomicInteger();

    LosingProxy(String host, int port) throws IOException {
        this.host = host;
        this.port = port;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept);
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "losing-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    void loseResponsesOfNextInserts(int n) {
        responsesToLose.set(n);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(host, port);
                boolean[] insert = new boolean[1];
                daemon(() -> pump(client, server, insert, true));
                daemon(() -> pump(server, client, insert, false));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean[] insert, boolean request) {
        byte[] buffer = new byte[64 * 1024];
        try (from;
                to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (request
                        && new String(buffer, 0, Math.min(n, 4096), StandardCharsets.ISO_8859_1).contains("INSERT")) {
                    insert[0] = true;
                }
                if (!request && insert[0] && responsesToLose.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                    lost.incrementAndGet();
                    return; // the server answered; the client never hears it
                }
                if (!request) {
                    insert[0] = false;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // One side went away: both sockets close.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
