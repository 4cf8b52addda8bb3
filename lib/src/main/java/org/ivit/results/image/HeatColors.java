package org.ivit.results.image;

import java.awt.Color;

/**
 * A blue-to-red colour map for attention heat: low values cool and dark, high values warm and
 * bright.
 */
final class HeatColors {
    // Anchors of a "turbo"-like ramp, chosen so neighbouring levels stay distinguishable on photos.
    private static final float[] STOPS = {0f, 0.25f, 0.5f, 0.75f, 1f};
    private static final Color[] COLORS = {
        new Color(0x30123B),
        new Color(0x4686FB),
        new Color(0x1AE4B6),
        new Color(0xF9BA38),
        new Color(0xD93806)
    };

    private HeatColors() {}

    /** The colour of a level in 0..1 (clamped). */
    static Color at(float level) {
        float v = Math.max(0f, Math.min(1f, level));
        int i = 0;
        while (i < STOPS.length - 2 && v > STOPS[i + 1]) {
            i++;
        }
        float t = (v - STOPS[i]) / (STOPS[i + 1] - STOPS[i]);
        Color a = COLORS[i];
        Color b = COLORS[i + 1];
        return new Color(
                mix(a.getRed(), b.getRed(), t),
                mix(a.getGreen(), b.getGreen(), t),
                mix(a.getBlue(), b.getBlue(), t));
    }

    private static int mix(int a, int b, float t) {
        return Math.round(a + (b - a) * t);
    }
}
