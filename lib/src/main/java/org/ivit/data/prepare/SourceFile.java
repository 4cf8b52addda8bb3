package org.ivit.data.prepare;

import java.net.URI;

/**
 * One original file of a dataset, under its official name.
 *
 * @param fileName the official file name; {@code --from} folders and URLs must use it
 * @param url where to download it, or null when no working source is known
 * @param md5 the published md5, or null when none is published
 * @param whenUnavailable what to tell the user when the file cannot be had automatically
 */
public record SourceFile(String fileName, URI url, String md5, String whenUnavailable) {
    public static SourceFile of(String fileName, String url, String md5) {
        return new SourceFile(fileName, url == null ? null : URI.create(url), md5, null);
    }

    public SourceFile withUrl(URI newUrl) {
        return new SourceFile(fileName, newUrl, md5, whenUnavailable);
    }

    public SourceFile withMd5(String newMd5) {
        return new SourceFile(fileName, url, newMd5, whenUnavailable);
    }
}
