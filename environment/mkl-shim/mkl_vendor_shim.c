/*
 * Intel MKL, linked statically into DJL's libtorch_cpu.so, asks this function whether the CPU is
 * Intel's and takes its generic (SSE-level) code path when the answer is no. libtorch_cpu.so exports
 * the symbol dynamically, so this definition, preloaded (LD_PRELOAD), answers for it: MKL then picks
 * its kernels by the CPU's features (AVX2, AVX-512), as it does on Intel processors.
 * Built by environment/mkl-shim/build; preloaded on AMD processors by environment/native-env.
 */
int mkl_serv_intel_cpu_true(void) {
    return 1;
}
