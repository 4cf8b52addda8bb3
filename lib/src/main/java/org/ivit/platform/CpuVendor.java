package org.ivit.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The processor's vendor as /proc/cpuinfo names it (AuthenticAMD, GenuineIntel), or "unknown". */
public record CpuVendor(String id) {
    public static final CpuVendor UNKNOWN = new CpuVendor("unknown");

    public static CpuVendor current() {
        try {
            return fromCpuinfo(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** The first vendor_id line of a /proc/cpuinfo text. */
    static CpuVendor fromCpuinfo(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith("vendor_id")) {
                int colon = line.indexOf(':');
                return colon < 0 ? UNKNOWN : new CpuVendor(line.substring(colon + 1).trim());
            }
        }
        return UNKNOWN;
    }

    public boolean amd() {
        return id.equals("AuthenticAMD");
    }

    public boolean intel() {
        return id.equals("GenuineIntel");
    }

    @Override
    public String toString() {
        return id;
    }
}
