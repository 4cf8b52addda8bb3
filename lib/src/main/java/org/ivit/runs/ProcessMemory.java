package org.ivit.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process from /proc, which counts libtorch's native allocations too. */
public final class ProcessMemory {
    private ProcessMemory() {}

    /** Current resident set in MB, or -1 where /proc is absent. */
    public static long residentMb() {
        return statusKb("VmRSS:") / 1024;
    }

    /** Peak resident set (high-water mark) in MB, or -1 where /proc is absent. */
    public static long peakResidentMb() {
        return statusKb("VmHWM:") / 1024;
    }

    private static long statusKb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1024;
        }
        return -1024;
    }
}
