package org.ivit.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CPU vendor and the MKL vendor shim as this process and its run record see them. */
class MklPathTest {
    @Test
    void theVendorIsTheFirstVendorIdLine() {
        assertEquals(
                "AuthenticAMD",
                CpuVendor.fromCpuinfo(
                                List.of(
                                        "processor\t: 0",
                                        "vendor_id\t: AuthenticAMD",
                                        "vendor_id\t: GenuineIntel"))
                        .id());
        assertTrue(CpuVendor.fromCpuinfo(List.of("vendor_id : GenuineIntel")).intel());
        assertEquals(CpuVendor.UNKNOWN, CpuVendor.fromCpuinfo(List.of("processor : 0")));
    }

    @Test
    void theShimCountsOnlyWhenItsLibraryIsMapped() {
        String mapped =
                "7f0c2a1f3000-7f0c2a1f4000 r-xp 00001000 08:01 123 /repo/environment/mkl-shim/target/"
                        + MklPath.SHIM_LIBRARY;
        assertTrue(MklPath.shimMapped(List.of("55d0-55d1 r--p 0 08:01 1 /usr/bin/java", mapped)));
        assertFalse(
                MklPath.shimMapped(
                        List.of(
                                "55d0-55d1 r--p 0 08:01 1 /usr/lib/libivit-mkl-vendor-shim.so.old")));
        assertFalse(MklPath.shimMapped(List.of()));
    }

    @Test
    void onAmdOnlyTheShimGivesTheFeatureBasedPath() {
        CpuVendor amd = new CpuVendor("AuthenticAMD");
        assertFalse(new MklPath(amd, false).featureBased());
        assertTrue(new MklPath(amd, false).describe().contains("generic path"));
        assertTrue(new MklPath(amd, true).featureBased());
        assertTrue(new MklPath(new CpuVendor("GenuineIntel"), false).featureBased());
        assertEquals("AuthenticAMD", new MklPath(amd, true).vendor().id());
    }

    /**
     * Surefire under environment/native-env (run-tests) has the shim preloaded on AMD; a plain mvn
     * test has not.
     */
    @Test
    void thisProcessReportsWhatItsLdPreloadLoaded() {
        String preload = System.getenv("LD_PRELOAD");
        boolean asked =
                preload != null
                        && List.of(preload.split(":")).stream()
                                .anyMatch(
                                        p ->
                                                p.endsWith("/" + MklPath.SHIM_LIBRARY)
                                                        && Files.isRegularFile(Path.of(p)));
        assertEquals(asked, MklPath.current().shimLoaded(), "LD_PRELOAD=" + preload);
    }
}
