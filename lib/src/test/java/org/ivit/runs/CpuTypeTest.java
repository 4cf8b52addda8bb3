package org.ivit.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CPU type of a run record: model name and widest vector ISA, from /proc/cpuinfo's lines. */
class CpuTypeTest {
    @Test
    void modelNameAndTheWidestVectorInstructions() {
        assertEquals(
                "AMD EPYC 7B13 (AVX-512)",
                CpuType.of(
                        List.of(
                                "processor\t: 0",
                                "model name\t: AMD EPYC 7B13",
                                "flags\t\t: fpu sse avx avx2 avx512f avx512bw")));
        assertEquals(
                "Intel(R) Core(TM) i5 (AVX2)",
                CpuType.of(List.of("model name : Intel(R) Core(TM) i5", "flags : sse avx avx2")));
        assertEquals(
                "Old one (no AVX2)",
                CpuType.of(List.of("model name : Old one", "flags : sse avx")));
        assertEquals("unknown", CpuType.of(List.of("processor : 0")));
    }

    @Test
    void thisMachineHasOne() {
        assertFalse(CpuType.current().isBlank());
    }
}
