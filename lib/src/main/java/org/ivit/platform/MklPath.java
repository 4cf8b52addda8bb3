package org.ivit.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which code path Intel MKL (inside DJL's CPU libtorch) takes: it asks whether the CPU is Intel's
 * and runs a generic path elsewhere, unless environment/native-env preloaded the vendor shim
 * (environment/mkl-shim), which answers yes so that MKL chooses by the CPU's features.
 */
public record MklPath(CpuVendor vendor, boolean shimLoaded) {
    /** The shim's file name, as environment/mkl-shim/build writes it. */
    public static final String SHIM_LIBRARY = "libivit-mkl-vendor-shim.so";

    /** This process: its CPU and whether the shim is mapped into it (/proc/self/maps). */
    public static MklPath current() {
        boolean mapped;
        try {
            mapped = shimMapped(Files.readAllLines(Path.of("/proc/self/maps")));
        } catch (IOException | RuntimeException e) {
            mapped = false;
        }
        return new MklPath(CpuVendor.current(), mapped);
    }

    static boolean shimMapped(List<String> maps) {
        return maps.stream().anyMatch(line -> line.endsWith("/" + SHIM_LIBRARY));
    }

    /** True where MKL chooses its kernels by CPU features (an Intel CPU, or the shim loaded). */
    public boolean featureBased() {
        return vendor.intel() || shimLoaded;
    }

    /** One line for benchmarks and logs. */
    public String describe() {
        if (shimLoaded) {
            return "CPU " + vendor + ", MKL vendor shim loaded: MKL picks kernels by CPU features";
        }
        if (vendor.intel()) {
            return "CPU " + vendor + ": MKL picks kernels by CPU features";
        }
        return "CPU "
                + vendor
                + ", no MKL vendor shim: MKL runs its generic path"
                + (vendor.amd()
                        ? " (environment/native-env preloads the shim unless IVIT_MKL_VENDOR_SHIM=0; built by environment/setup)"
                        : "");
    }
}
