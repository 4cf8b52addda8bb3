package org.ivit.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file server for tests, bound to the loopback address only. Supports single "bytes=N-" ranges,
 * and can cut the connection halfway through the first response for a path.
 */
public final class LoopbackServer implements AutoCloseable {
    /** One request as seen by the server: the path and its Range header (or null). */
    public record Request(String path, String range) {}

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Set<String> cutOnce = ConcurrentHashMap.newKeySet();
    private final Set<String> ignoreRange = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final Map<String, String> linkedEtags = new ConcurrentHashMap<>();

    public LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public LoopbackServer serve(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    public LoopbackServer serveAll(String folder, Map<String, byte[]> contents) {
        contents.forEach((name, bytes) -> serve(folder + name, bytes));
        return this;
    }

    /** The first response for {@code path} sends half the body, then drops the connection. */
    public LoopbackServer cutFirstResponseHalfway(String path) {
        cutOnce.add(path);
        return this;
    }

    /** Answers {@code path} with 200 and the whole body even when a range is asked for. */
    public LoopbackServer ignoreRangeFor(String path) {
        ignoreRange.add(path);
        return this;
    }

    /**
     * Answers {@code path} as Hugging Face answers an LFS file: 302 to {@code location}, with the
     * file's SHA-256 as {@code X-Linked-Etag} on the redirect.
     */
    public LoopbackServer redirectWithLinkedEtag(String path, String location, String sha256) {
        redirects.put(path, location);
        linkedEtags.put(path, sha256);
        return this;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requestsFor(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add(new Request(path, range));
        if (redirects.containsKey(path)) {
            exchange.getResponseHeaders().add("X-Linked-Etag", "\"" + linkedEtags.get(path) + "\"");
            exchange.getResponseHeaders().add("Location", redirects.get(path));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return;
        }
        byte[] body = files.get(path);
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        int start = 0;
        int status = 200;
        Matcher m = range == null || ignoreRange.contains(path) ? null : RANGE.matcher(range);
        if (m != null && m.matches()) {
            start = Integer.parseInt(m.group(1));
            if (start >= body.length) {
                exchange.sendResponseHeaders(416, -1);
                exchange.close();
                return;
            }
            status = 206;
            exchange.getResponseHeaders()
                    .add(
                            "Content-Range",
                            "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
        }
        int length = body.length - start;
        exchange.sendResponseHeaders(status, length);
        OutputStream out = exchange.getResponseBody();
        if (cutOnce.remove(path)) {
            out.write(body, start, length / 2);
            out.flush();
            closeConnection(exchange);
            return;
        }
        out.write(body, start, length);
        out.close();
    }

    private static void closeConnection(HttpExchange exchange) {
        try {
            exchange.getResponseBody().close();
        } catch (IOException expected) {
            // "insufficient bytes written": the server then closes the connection, which is the
            // point.
        }
        exchange.close();
    }
}
