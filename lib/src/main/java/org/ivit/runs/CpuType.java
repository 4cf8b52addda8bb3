package org.ivit.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The CPU type a run trained on, as its record keeps it ({@code provenance.cpu} in config.json):
 * the model name and the widest vector instructions libtorch can use. Runs repeat to the last digit
 * on one CPU type, not across them (other vector kernels sum floats in another order), so a
 * comparison of run records names both sides' types.
 */
public final class CpuType {
    private CpuType() {}

    /** E.g. "AMD EPYC 7B13 (AVX-512)"; "unknown" where /proc/cpuinfo cannot be read. */
    public static String current() {
        try {
            return of(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The type described by the lines of a /proc/cpuinfo (its first processor). */
    static String of(List<String> cpuinfo) {
        String model = field(cpuinfo, "model name");
        String flags = field(cpuinfo, "flags");
        Set<String> set = flags == null ? Set.of() : Set.of(flags.split("\\s+"));
        String isa =
                set.contains("avx512f")
                        ? "AVX-512"
                        : set.contains("avx2") ? "AVX2" : set.isEmpty() ? null : "no AVX2";
        if (model == null) {
            return isa == null ? "unknown" : isa;
        }
        return isa == null ? model : model + " (" + isa + ")";
    }

    private static String field(List<String> lines, String key) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
