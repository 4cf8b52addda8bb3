package org.ivit.data.prepare;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.ivit.io.ChecksumMismatchException;
import org.ivit.io.HttpStatusException;
import org.ivit.io.Md5;
import org.ivit.io.ResumableDownloader;

/**
 * Finds each original file and checks its md5: in the {@code --from} folder, else in the download
 * cache {@code <data-dir>/downloads/<dataset>/}, else in a system package's copy, else downloads it
 * from {@code --from URL} or the official address. A downloaded file that fails its checksum is
 * renamed {@code *.bad} and never used; a user's own file is left in place, unused.
 */
public final class SourceFetcher {
    private final Path downloadDir;
    private final String from;
    private final boolean skipChecksum;
    private final ResumableDownloader downloader;
    private final PrintStream log;
    private final List<FetchedFile> fetched = new ArrayList<>();

    public SourceFetcher(
            Path downloadDir,
            String from,
            boolean skipChecksum,
            ResumableDownloader downloader,
            PrintStream log) {
        this.downloadDir = downloadDir;
        this.from = from;
        this.skipChecksum = skipChecksum;
        this.downloader = downloader;
        this.log = log;
    }

    public Path fetch(SourceFile source) throws IOException {
        return fetch(source, null);
    }

    /** As {@link #fetch(SourceFile)}, also looking in {@code localCopy} before downloading. */
    public Path fetch(SourceFile source, LocalCopy localCopy) throws IOException {
        Path fromFolder = fromFolder();
        if (fromFolder != null) {
            Path file = fromFolder.resolve(source.fileName());
            if (!Files.isRegularFile(file)) {
                throw new PrepareException(
                        "--from "
                                + fromFolder
                                + " has no file "
                                + source.fileName()
                                + "; the folder must hold the original files under their official names");
            }
            return use(file, source.md5(), false, file.toString());
        }
        Path cached = downloadDir.resolve(source.fileName());
        if (Files.isRegularFile(cached)) {
            return use(cached, source.md5(), true, "download cache " + cached);
        }
        if (localCopy != null && fromUrl() == null) {
            Path file = localCopy.folder().resolve(source.fileName());
            if (Files.isRegularFile(file)) {
                return use(
                        file,
                        localCopy.md5ByFile().get(source.fileName()),
                        false,
                        localCopy.description() + " " + file);
            }
        }
        URI url = fromUrl() != null ? fromUrl().resolve(source.fileName()) : source.url();
        if (url == null) {
            throw new PrepareException(
                    source.whenUnavailable() != null
                            ? source.whenUnavailable()
                            : "no download address is known for "
                                    + source.fileName()
                                    + "; download it by hand and pass its folder with --from DIR");
        }
        // --from URL names one place; otherwise the official address, then its mirrors in order.
        List<URI> addresses = new ArrayList<>(List.of(url));
        if (fromUrl() == null) {
            addresses.addAll(source.mirrors());
        }
        PrepareException first = null;
        for (URI address : addresses) {
            if (first != null) {
                log.println("trying the mirror " + address);
            }
            log.println("downloading " + address);
            try {
                downloader.download(address, cached);
            } catch (HttpStatusException e) {
                first =
                        first != null
                                ? first
                                : new PrepareException(
                                        "the source of "
                                                + source.fileName()
                                                + " answered HTTP "
                                                + e.status()
                                                + " ("
                                                + address
                                                + "): it may be gone. "
                                                + fallbackAdvice(source),
                                        e);
                log.println("  " + address + " answered HTTP " + e.status());
                continue;
            } catch (IOException e) {
                first =
                        first != null
                                ? first
                                : new PrepareException(
                                        "could not download "
                                                + source.fileName()
                                                + " from "
                                                + address
                                                + ": "
                                                + e.getMessage()
                                                + ". "
                                                + fallbackAdvice(source),
                                        e);
                log.println("  " + address + " failed: " + e.getMessage());
                continue;
            }
            // A file that arrived but fails its md5 is moved aside and reported, not retried
            // elsewhere.
            return use(cached, source.md5(), true, address.toString());
        }
        throw first;
    }

    /** The first candidate already on disk, else the first one that can be downloaded. */
    public Path fetchFirstAvailable(List<SourceFile> candidates) throws IOException {
        Path fromFolder = fromFolder();
        for (SourceFile candidate : candidates) {
            boolean present =
                    fromFolder != null
                            ? Files.isRegularFile(fromFolder.resolve(candidate.fileName()))
                            : Files.isRegularFile(downloadDir.resolve(candidate.fileName()));
            if (present) {
                return fetch(candidate);
            }
        }
        if (fromFolder != null) {
            throw new PrepareException(
                    "--from "
                            + fromFolder
                            + " has none of "
                            + candidates.stream().map(SourceFile::fileName).toList());
        }
        return fetch(candidates.get(0));
    }

    /** Where progress and warnings go. */
    public PrintStream log() {
        return log;
    }

    public List<FetchedFile> fetched() {
        return List.copyOf(fetched);
    }

    private Path use(Path file, String expectedMd5, boolean ours, String origin)
            throws IOException {
        String actual = Md5.of(file);
        boolean verified = false;
        if (skipChecksum) {
            log.println(
                    "WARNING: --skip-checksum: "
                            + file.getFileName()
                            + " is NOT verified"
                            + (expectedMd5 != null
                                    ? " (published md5 " + expectedMd5 + ", actual " + actual + ")"
                                    : " (actual md5 " + actual + ")"));
        } else if (expectedMd5 == null) {
            log.println(
                    "note: no md5 is published for "
                            + file.getFileName()
                            + "; its md5 "
                            + actual
                            + " is recorded in PREPARED.json");
        } else if (!expectedMd5.equalsIgnoreCase(actual)) {
            if (ours) {
                Path bad = file.resolveSibling(file.getFileName() + ".bad");
                Files.move(file, bad, StandardCopyOption.REPLACE_EXISTING);
                throw new ChecksumMismatchException(
                        file,
                        expectedMd5,
                        actual,
                        "Moved aside to "
                                + bad
                                + "; it is not used. Run the command again to download it afresh.");
            }
            throw new ChecksumMismatchException(
                    file,
                    expectedMd5,
                    actual,
                    "This file ("
                            + file
                            + ") is not used and was left in place; replace it with the original.");
        } else {
            verified = true;
        }
        fetched.add(new FetchedFile(file.getFileName().toString(), file, actual, verified, origin));
        return file;
    }

    private String fallbackAdvice(SourceFile source) {
        return source.whenUnavailable() != null
                ? source.whenUnavailable()
                : "If the host cannot be reached, download "
                        + source.fileName()
                        + " by hand into a folder and pass it with --from DIR.";
    }

    private Path fromFolder() {
        return from == null || isUrl(from)
                ? null
                : Path.of(from.startsWith("file:") ? URI.create(from).getPath() : from);
    }

    private URI fromUrl() {
        if (from == null || !isUrl(from)) {
            return null;
        }
        return URI.create(from.endsWith("/") ? from : from + "/");
    }

    private static boolean isUrl(String text) {
        return text.startsWith("http://") || text.startsWith("https://");
    }
}
