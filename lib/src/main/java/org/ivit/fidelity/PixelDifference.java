package org.ivit.fidelity;

import org.ivit.data.augment.RgbImage;

/**
 * The largest absolute difference between two 8-bit images of one size, and how many pixels differ
 * at all.
 */
record PixelDifference(int largest, int differingPixels, int pixels) {
    static PixelDifference of(RgbImage ours, RgbImage reference, String subject) {
        if (ours.width() != reference.width() || ours.height() != reference.height()) {
            throw new IllegalStateException(
                    subject
                            + ": the package gives "
                            + ours.width()
                            + "x"
                            + ours.height()
                            + ", the reference is "
                            + reference.width()
                            + "x"
                            + reference.height());
        }
        byte[] a = ours.pixels();
        byte[] b = reference.pixels();
        int largest = 0;
        int differing = 0;
        for (int p = 0; p < a.length; p += 3) {
            int worst = 0;
            for (int c = 0; c < 3; c++) {
                worst = Math.max(worst, Math.abs((a[p + c] & 0xff) - (b[p + c] & 0xff)));
            }
            largest = Math.max(largest, worst);
            differing += worst > 0 ? 1 : 0;
        }
        return new PixelDifference(largest, differing, a.length / 3);
    }

    /** Largest |a − b| of two float arrays of one length. */
    static double largest(float[] ours, float[] reference, String subject) {
        if (ours.length != reference.length) {
            throw new IllegalStateException(
                    subject
                            + ": the package gives "
                            + ours.length
                            + " values, the reference "
                            + reference.length);
        }
        double largest = 0;
        for (int i = 0; i < ours.length; i++) {
            largest = Math.max(largest, Math.abs((double) ours[i] - reference[i]));
        }
        return largest;
    }
}
