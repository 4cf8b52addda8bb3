package org.ivit.io;

/** IEEE half precision and bfloat16 to float32 (Java 17 has no Float.float16ToFloat). */
final class HalfFloats {
    private HalfFloats() {}

    static float fromF16(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) { // infinity or NaN keeps its payload
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            if (mantissa == 0) {
                return Float.intBitsToFloat(sign);
            }
            // subnormal half: value = mantissa * 2^-24
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    static float fromBF16(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }
}
