package org.ivit.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads a URL into a file. Bytes land in {@code <file>.partial} first and the file appears only
 * when complete, so an interrupted run never leaves a file that looks whole. A later attempt (in
 * this run or the next) asks the server for the missing tail with an HTTP Range request. Datasets
 * ({@code prepare}) and weights ({@code fetch-weights}) both download through it; the weights
 * fetcher verifies the partial file before it takes the final name.
 */
public final class ResumableDownloader {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final int MAX_REDIRECTS = 5;

    /**
     * What one download received: where it resumed, how many bytes the file has, and the headers of
     * every response of the exchange, redirects first and the final answer last.
     */
    public record Transfer(
            URI url, long resumedFrom, long bytes, List<Map<String, List<String>>> responses) {
        /** The value of a header (any case) in the latest response that has it. */
        public Optional<String> header(String name) {
            for (int i = responses.size() - 1; i >= 0; i--) {
                for (Map.Entry<String, List<String>> e : responses.get(i).entrySet()) {
                    if (e.getKey() != null
                            && e.getKey()
                                    .toLowerCase(Locale.ROOT)
                                    .equals(name.toLowerCase(Locale.ROOT))
                            && !e.getValue().isEmpty()) {
                        return Optional.of(e.getValue().get(0));
                    }
                }
            }
            return Optional.empty();
        }
    }

    private final PrintStream log;
    private final int maxAttempts;
    private final int timeoutMillis;

    public ResumableDownloader(PrintStream log) {
        this(log, 4, 60_000);
    }

    public ResumableDownloader(PrintStream log, int maxAttempts, int timeoutMillis) {
        this.log = log;
        this.maxAttempts = maxAttempts;
        this.timeoutMillis = timeoutMillis;
    }

    public static Path partialFileOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".partial");
    }

    /**
     * Downloads {@code url} to {@code target}, resuming a partial file; the file appears only when
     * whole.
     */
    public Transfer download(URI url, Path target) throws IOException {
        Path partial = partialFileOf(target);
        Transfer transfer = downloadPartial(url, partial);
        Files.move(
                partial,
                target,
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return transfer;
    }

    /**
     * Downloads {@code url} into {@code partial}, resuming what it already holds and retrying cut
     * connections; the caller checks the complete file and gives it its final name.
     *
     * @throws HttpStatusException for an answer that retrying will not change (e.g. 404)
     * @throws ServerUnreachableException when no attempt got any answer from the server
     */
    public Transfer downloadPartial(URI url, Path partial) throws IOException {
        Files.createDirectories(partial.toAbsolutePath().getParent());
        IOException last = null;
        boolean answered = false;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            List<Map<String, List<String>>> responses = new ArrayList<>();
            try {
                long resumedFrom = fetchRemainder(url, partial, responses);
                return new Transfer(url, resumedFrom, Files.size(partial), responses);
            } catch (HttpStatusException e) {
                throw e;
            } catch (IOException e) {
                last = e;
                answered |= !responses.isEmpty();
                long have = Files.exists(partial) ? Files.size(partial) : 0;
                String again =
                        attempt == maxAttempts
                                ? ""
                                : responses.isEmpty() ? "; trying again" : "; resuming";
                log.println(
                        (responses.isEmpty()
                                        ? "no answer from " + url
                                        : "download of "
                                                + url
                                                + " interrupted after "
                                                + have
                                                + " bytes")
                                + " ("
                                + e.getMessage()
                                + ")"
                                + again);
                if (attempt < maxAttempts) {
                    pause(attempt);
                }
            }
        }
        if (!answered) {
            throw new ServerUnreachableException(url, last);
        }
        throw new IOException(
                "download of "
                        + url
                        + " failed after "
                        + maxAttempts
                        + " attempts; "
                        + "run the same command again to resume from "
                        + partial
                        + ". Last error: "
                        + last.getMessage(),
                last);
    }

    /** One attempt; returns the byte it resumed at (0 when it started over). */
    private long fetchRemainder(URI url, Path partial, List<Map<String, List<String>>> responses)
            throws IOException {
        long have = Files.exists(partial) ? Files.size(partial) : 0;
        HttpURLConnection connection = open(url, have, responses);
        try {
            int status = connection.getResponseCode();
            boolean append;
            if (status == HttpURLConnection.HTTP_PARTIAL) {
                append = true;
                checkResumesAt(connection, have, url);
            } else if (status == HttpURLConnection.HTTP_OK) {
                append = false;
                if (have > 0) {
                    log.println("server ignored the resume request for " + url + "; starting over");
                }
            } else if (status == 416 && have > 0) {
                // The partial file no longer matches what the server has: start again from zero.
                Files.delete(partial);
                throw new IOException("server cannot resume at byte " + have);
            } else if (status >= 400 && status < 500 && status != 408 && status != 429) {
                throw new HttpStatusException(url, status);
            } else {
                throw new IOException("HTTP " + status + " for " + url);
            }
            long total =
                    connection.getContentLengthLong() < 0
                            ? -1
                            : connection.getContentLengthLong() + (append ? have : 0);
            copyBody(connection, partial, append, append ? have : 0, total, url);
            if (total >= 0 && Files.size(partial) != total) {
                throw new IOException("got " + Files.size(partial) + " of " + total + " bytes");
            }
            return append ? have : 0;
        } finally {
            connection.disconnect();
        }
    }

    /**
     * Opens the connection, following redirects ourselves so http→https hops work but https→http
     * does not.
     */
    private HttpURLConnection open(URI url, long offset, List<Map<String, List<String>>> responses)
            throws IOException {
        URL current = url.toURL();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpURLConnection connection = (HttpURLConnection) current.openConnection();
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(timeoutMillis);
            connection.setReadTimeout(timeoutMillis);
            connection.setRequestProperty("User-Agent", "ivit/0.1");
            connection.setRequestProperty("Accept-Encoding", "identity");
            if (offset > 0) {
                connection.setRequestProperty("Range", "bytes=" + offset + "-");
            }
            int status = connection.getResponseCode();
            responses.add(connection.getHeaderFields());
            if (status < 300 || status >= 400 || status == 304) {
                return connection;
            }
            String location = connection.getHeaderField("Location");
            connection.disconnect();
            if (location == null) {
                throw new IOException(
                        "HTTP " + status + " without a Location header for " + current);
            }
            URL next = new URL(current, location);
            if (current.getProtocol().equals("https") && !next.getProtocol().equals("https")) {
                throw new IOException("refusing a redirect from https to " + next);
            }
            current = next;
        }
        throw new IOException("too many redirects for " + url);
    }

    private static void checkResumesAt(HttpURLConnection connection, long have, URI url)
            throws IOException {
        String range = connection.getHeaderField("Content-Range");
        Matcher m = range == null ? null : CONTENT_RANGE.matcher(range.trim());
        if (m == null || !m.matches() || Long.parseLong(m.group(1)) != have) {
            throw new IOException(
                    "server answered a resume request for " + url + " with Content-Range " + range);
        }
    }

    private void copyBody(
            HttpURLConnection connection,
            Path partial,
            boolean append,
            long start,
            long total,
            URI url)
            throws IOException {
        StandardOpenOption mode =
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        long done = start;
        long lastReport = System.nanoTime();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = connection.getInputStream();
                OutputStream out =
                        Files.newOutputStream(
                                partial,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE,
                                mode)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                done += n;
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    lastReport = System.nanoTime();
                    log.println("  " + partial.getFileName() + ": " + describe(done, total));
                }
            }
        }
    }

    private static String describe(long done, long total) {
        String mb = String.format("%.1f MB", done / 1e6);
        return total > 0
                ? mb + String.format(" of %.1f MB (%d%%)", total / 1e6, 100 * done / total)
                : mb;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(200L * attempt * attempt, 5_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
