package org.ivit.io;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fetches model files from Hugging Face ({@code <endpoint>/<repo>/resolve/main/<file>}) into {@code
 * <weights>/<repo>/}, safely:
 *
 * <ul>
 *   <li>bytes go to {@code <file>.partial} through {@link ResumableDownloader}; an interrupted
 *       download resumes there with an HTTP Range request (in the same run, or the next), and a
 *       partial file never takes the final name;
 *   <li>a finished download is checked before it replaces anything: its size against the announced
 *       length, its SHA-256 against the server's LFS ETag when there is one and against the
 *       manifest when one was recorded, and its content (a safetensors header that parses and
 *       covers the file, JSON that parses); a failing file is refused and deleted;
 *   <li>the SHA-256 of every verified file is recorded in {@code manifest.json}; files already
 *       present are re-hashed and compared with it on every run;
 *   <li>without network access nothing is changed and {@link #manualSteps} says which URL goes to
 *       which path, so files can be placed by hand (and verified by the next run).
 * </ul>
 */
public final class WeightFetcher {
    public static final URI HUGGING_FACE = URI.create("https://huggingface.co");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** What happened to one file. */
    public enum Status {
        /** Present and equal to the SHA-256 in the manifest. */
        VERIFIED,
        /** Present (placed by hand), content valid; its SHA-256 is now recorded. */
        RECORDED,
        DOWNLOADED,
        /** Refused, interrupted or rejected by the server; see the message. */
        FAILED,
        /** The server could not be reached; the file must be placed by hand. */
        NO_NETWORK
    }

    public record Outcome(
            String repo, String file, Path path, URI url, Status status, String message) {
        public boolean ok() {
            return status == Status.VERIFIED
                    || status == Status.RECORDED
                    || status == Status.DOWNLOADED;
        }
    }

    private final URI endpoint;
    private final Path weightsDir;
    private final ResumableDownloader downloader;
    private final PrintStream log;
    private boolean unreachable;

    public WeightFetcher(URI endpoint, Path weightsDir, PrintStream log) {
        this(endpoint, weightsDir, log, new ResumableDownloader(log));
    }

    public WeightFetcher(
            URI endpoint, Path weightsDir, PrintStream log, ResumableDownloader downloader) {
        this.endpoint = endpoint;
        this.weightsDir = weightsDir;
        this.log = log;
        this.downloader = downloader;
    }

    public URI url(WeightRepository repo, String file) {
        String base = endpoint.toString().replaceAll("/+$", "");
        return URI.create(base + "/" + repo.repo() + "/resolve/main/" + file);
    }

    /** Every file of the repository, one outcome each; never throws for a single file's trouble. */
    public List<Outcome> fetch(WeightRepository repo) throws IOException {
        Path folder = repo.folder(weightsDir);
        Files.createDirectories(folder);
        WeightManifest manifest = WeightManifest.open(folder, repo.repo());
        List<Outcome> outcomes = new ArrayList<>();
        for (String file : repo.files()) {
            Outcome o = fetchFile(repo, file, folder.resolve(file), manifest);
            log.printf(
                    "  %-22s %-10s %s%n",
                    file, o.status().name().toLowerCase(Locale.ROOT), o.message());
            outcomes.add(o);
        }
        return outcomes;
    }

    private Outcome fetchFile(
            WeightRepository repo, String name, Path target, WeightManifest manifest)
            throws IOException {
        URI url = url(repo, name);
        WeightManifest.Entry recorded = manifest.entry(name);
        String whyFetch = "absent";
        if (Files.isRegularFile(target)) {
            String sha = FileDigest.sha256(target);
            if (recorded != null) {
                if (recorded.sha256().equals(sha)) {
                    return new Outcome(
                            repo.repo(), name, target, url, Status.VERIFIED, "SHA-256 as recorded");
                }
                whyFetch =
                        "its SHA-256 "
                                + sha.substring(0, 12)
                                + "... differs from the recorded "
                                + recorded.sha256().substring(0, 12)
                                + "...";
            } else {
                Optional<String> problem = contentProblem(target, name);
                if (problem.isEmpty()) {
                    manifest.record(
                            name, sha, Files.size(target), "present before the first fetch");
                    return new Outcome(
                            repo.repo(),
                            name,
                            target,
                            url,
                            Status.RECORDED,
                            "valid; SHA-256 " + sha + " recorded");
                }
                whyFetch = "present but invalid: " + problem.get();
            }
            log.printf(
                    "  %s: %s; fetching it again (the file stays until a good copy replaces it)%n",
                    name, whyFetch);
        }
        if (unreachable) {
            return new Outcome(
                    repo.repo(),
                    name,
                    target,
                    url,
                    Status.NO_NETWORK,
                    "no network (" + whyFetch + ")");
        }
        Path partial = ResumableDownloader.partialFileOf(target);
        ResumableDownloader.Transfer transfer;
        try {
            transfer = downloader.downloadPartial(url, partial);
        } catch (ServerUnreachableException e) {
            unreachable = true;
            return new Outcome(repo.repo(), name, target, url, Status.NO_NETWORK, e.getMessage());
        } catch (HttpStatusException e) {
            return new Outcome(
                    repo.repo(),
                    name,
                    target,
                    url,
                    Status.FAILED,
                    e.getMessage()
                            + (e.status() == 401 || e.status() == 404
                                    ? " (no such file, or the repository is gated)"
                                    : ""));
        } catch (IOException e) {
            return new Outcome(repo.repo(), name, target, url, Status.FAILED, e.getMessage());
        }
        String sha = FileDigest.sha256(partial);
        String refusal = null;
        String serverSha256 = serverSha256(transfer);
        if (serverSha256 != null && !serverSha256.equals(sha)) {
            refusal = "SHA-256 " + sha + " differs from the server's " + serverSha256;
        } else if (recorded != null && !recorded.sha256().equals(sha)) {
            refusal =
                    "SHA-256 "
                            + sha
                            + " differs from the one recorded in manifest.json at first download ("
                            + recorded.sha256()
                            + "); if the upstream file really changed, delete its entry there and fetch again";
        } else {
            refusal = contentProblem(partial, name).orElse(null);
        }
        if (refusal != null) {
            Files.deleteIfExists(partial);
            return new Outcome(
                    repo.repo(), name, target, url, Status.FAILED, "refused: " + refusal);
        }
        long bytes = Files.size(partial);
        Files.move(
                partial,
                target,
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        manifest.record(name, sha, bytes, url.toString());
        return new Outcome(
                repo.repo(),
                name,
                target,
                url,
                Status.DOWNLOADED,
                (transfer.resumedFrom() > 0
                                ? "resumed at byte " + transfer.resumedFrom() + ", "
                                : "")
                        + bytes
                        + " bytes, SHA-256 "
                        + sha);
    }

    /** Hugging Face sends an LFS file's SHA-256 as X-Linked-ETag (on the redirect) or ETag. */
    private static String serverSha256(ResumableDownloader.Transfer transfer) {
        for (String header : new String[] {"x-linked-etag", "etag"}) {
            Optional<String> v = transfer.header(header);
            if (v.isPresent()) {
                String tag =
                        v.get()
                                .replace("W/", "")
                                .replace("\"", "")
                                .strip()
                                .toLowerCase(Locale.ROOT);
                if (SHA256_HEX.matcher(tag).matches()) {
                    return tag;
                }
            }
        }
        return null;
    }

    /** Why a file's content is unusable, if it is: safetensors must parse, JSON must parse. */
    static Optional<String> contentProblem(Path file, String name) {
        try {
            if (name.endsWith(".safetensors")) {
                try (SafetensorsReader reader = SafetensorsReader.open(file)) {
                    if (reader.names().isEmpty()) {
                        return Optional.of("a safetensors file without tensors");
                    }
                }
            } else if (name.endsWith(".json")) {
                JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** For outcomes without network: each URL and where to put it. */
    public static String manualSteps(List<Outcome> outcomes) {
        StringBuilder b = new StringBuilder();
        for (Outcome o : outcomes) {
            if (o.status() == Status.NO_NETWORK) {
                b.append("  ").append(o.url()).append("\n    -> ").append(o.path()).append('\n');
            }
        }
        return b.toString();
    }
}
