package org.ivit.io;

/** One member of a tar archive, with GNU long names and pax paths already applied. */
public record TarEntry(String name, Type type, long size, String linkTarget) {
    /** Only files and folders are ever extracted; everything else is refused. */
    public enum Type {
        FILE,
        DIRECTORY,
        SYMLINK,
        HARDLINK,
        OTHER
    }
}
