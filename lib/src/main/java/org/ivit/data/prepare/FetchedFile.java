package org.ivit.data.prepare;

import java.nio.file.Path;

/** A source file as used by a prepare run; recorded in PREPARED.json. */
public record FetchedFile(
        String fileName, Path path, String md5, boolean verified, String origin) {}
