package org.ivit.data.prepare;

import java.net.URI;
import java.util.List;

/**
 * One original file of a dataset, under its official name.
 *
 * @param fileName the official file name; {@code --from} folders and URLs must use it
 * @param url where to download it, or null when no working source is known
 * @param md5 the published md5, or null when none is published
 * @param whenUnavailable what to tell the user when the file cannot be had automatically
 * @param mirrors further addresses of the same file, tried in order when {@code url} fails; the
 *     download is checked against the same md5 whichever address served it
 */
public record SourceFile(
        String fileName, URI url, String md5, String whenUnavailable, List<URI> mirrors) {
    public SourceFile {
        mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
    }

    public SourceFile(String fileName, URI url, String md5, String whenUnavailable) {
        this(fileName, url, md5, whenUnavailable, List.of());
    }

    public static SourceFile of(String fileName, String url, String md5) {
        return new SourceFile(fileName, url == null ? null : URI.create(url), md5, null);
    }

    /** The same file at another address only (no mirrors), e.g. a test server. */
    public SourceFile withUrl(URI newUrl) {
        return new SourceFile(fileName, newUrl, md5, whenUnavailable, List.of());
    }

    public SourceFile withMd5(String newMd5) {
        return new SourceFile(fileName, url, newMd5, whenUnavailable, mirrors);
    }

    /** The same file with further addresses to try when {@code url} fails. */
    public SourceFile withMirrors(List<URI> newMirrors) {
        return new SourceFile(fileName, url, md5, whenUnavailable, newMirrors);
    }
}
