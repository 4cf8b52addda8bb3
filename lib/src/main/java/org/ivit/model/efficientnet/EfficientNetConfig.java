package org.ivit.model.efficientnet;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A timm {@code EfficientNet} as its builder {@code _gen_efficientnet(variant, channel_multiplier,
 * depth_multiplier, ...)} makes it, in the names of the builder's arguments: {@code variant}
 * ({@code efficientnet_b0..b3}, which share one architecture definition), {@code
 * channel_multiplier}, {@code depth_multiplier}, {@code num_classes}, {@code in_chans}.
 *
 * <p>The rules, as the reference README (§6) states them: the efficientnet_b0 definition {@link
 * #ARCH_DEF}; channels (stem 32, every stage's output, head 1280) scaled by {@link #roundChannels};
 * repeats {@code ceil(r * depth_multiplier)}; the stage stride on the first block only; IR
 * expansion {@code make_divisible(in * e)}; SE width {@code round(mid * se / e)} (from the block's
 * input channels); skip when stride 1 and in == out; PyTorch padding {@code k / 2}; BatchNorm eps
 * 1e-5.
 */
public record EfficientNetConfig(
        String variant,
        double channelMultiplier,
        double depthMultiplier,
        int numClasses,
        int inChans) {
    public static final float BATCH_NORM_EPS = 1e-5f;

    /** timm's efficientnet_b0 architecture definition (shared by b0..b3; reference README §6). */
    public static final List<String> ARCH_DEF =
            List.of(
                    "ds_r1_k3_s1_e1_c16_se0.25",
                    "ir_r2_k3_s2_e6_c24_se0.25",
                    "ir_r2_k5_s2_e6_c40_se0.25",
                    "ir_r3_k3_s2_e6_c80_se0.25",
                    "ir_r3_k5_s1_e6_c112_se0.25",
                    "ir_r4_k5_s2_e6_c192_se0.25",
                    "ir_r1_k3_s1_e6_c320_se0.25");

    static final int STEM = 32;
    static final int HEAD = 1280;
    private static final Set<String> ARGS =
            Set.of("variant", "channel_multiplier", "depth_multiplier", "num_classes", "in_chans");

    /**
     * The full-size variants: multipliers and the input size of timm's default pretrained config
     * (efficientnet_b0.ra_in1k 224, b1.ra4_e3600_r240_in1k 240, b2.ra_in1k 256, b3.ra2_in1k 288).
     */
    private record Variant(
            double channelMultiplier, double depthMultiplier, int pretrainedImageSize) {}

    private static final Map<String, Variant> VARIANTS =
            Map.of(
                    "efficientnet_b0", new Variant(1.0, 1.0, 224),
                    "efficientnet_b1", new Variant(1.0, 1.1, 240),
                    "efficientnet_b2", new Variant(1.1, 1.2, 256),
                    "efficientnet_b3", new Variant(1.2, 1.4, 288));

    public EfficientNetConfig {
        if (!VARIANTS.containsKey(variant)) {
            throw new IllegalArgumentException(
                    "unknown EfficientNet variant '"
                            + variant
                            + "' ("
                            + new TreeSet<>(VARIANTS.keySet())
                            + ")");
        }
        if (!(channelMultiplier > 0) || !(depthMultiplier > 0) || numClasses < 1 || inChans < 1) {
            throw new IllegalArgumentException(
                    "EfficientNet sizes must be positive: channel_multiplier "
                            + channelMultiplier
                            + ", depth_multiplier "
                            + depthMultiplier
                            + ", num_classes "
                            + numClasses
                            + ", in_chans "
                            + inChans);
        }
    }

    /**
     * A full-size model by timm name ({@code efficientnet_b0} .. {@code efficientnet_b3}), 1000
     * classes.
     */
    public static EfficientNetConfig preset(String name) {
        Variant v = VARIANTS.get(name);
        if (v == null) {
            throw new IllegalArgumentException(
                    "unknown EfficientNet '"
                            + name
                            + "' ("
                            + new TreeSet<>(VARIANTS.keySet())
                            + ")");
        }
        return new EfficientNetConfig(name, v.channelMultiplier(), v.depthMultiplier(), 1000, 3);
    }

    public EfficientNetConfig withClasses(int classes) {
        return new EfficientNetConfig(
                variant, channelMultiplier, depthMultiplier, classes, inChans);
    }

    /** The input size of the variant's default timm pretrained config (its "resolution"). */
    public int pretrainedImageSize() {
        return VARIANTS.get(variant).pretrainedImageSize();
    }

    /**
     * timm's {@code make_divisible}: to the nearest multiple of {@code divisor} (halves up), at
     * least {@code divisor}, and one divisor more if that lost more than 10%.
     */
    public static int makeDivisible(double v, int divisor) {
        int rounded = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * v ? rounded + divisor : rounded;
    }

    /** timm's {@code round_channels}: {@code make_divisible(channels * multiplier, 8)}. */
    public static int roundChannels(int channels, double multiplier) {
        return makeDivisible(channels * multiplier, 8);
    }

    public int stemChannels() {
        return roundChannels(STEM, channelMultiplier);
    }

    /** timm's {@code num_features}: the head's width. */
    public int numFeatures() {
        return roundChannels(HEAD, channelMultiplier);
    }

    /** One block of the built network. {@code seChannels} is the SE bottleneck width R. */
    public record BlockSpec(
            int stage,
            int index,
            boolean depthwiseSeparable,
            int in,
            int mid,
            int out,
            int kernel,
            int stride,
            int seChannels) {
        public boolean hasSkip() {
            return stride == 1 && in == out;
        }

        public String name() {
            return "blocks." + stage + "." + index;
        }
    }

    /** The blocks, stage by stage, as the builder makes them from {@link #ARCH_DEF}. */
    public List<List<BlockSpec>> stages() {
        List<List<BlockSpec>> stages = new ArrayList<>();
        int in = stemChannels();
        for (int s = 0; s < ARCH_DEF.size(); s++) {
            String[] parts = ARCH_DEF.get(s).split("_");
            boolean ds = parts[0].equals("ds");
            int repeats =
                    (int) Math.ceil(Integer.parseInt(parts[1].substring(1)) * depthMultiplier);
            int kernel = Integer.parseInt(parts[2].substring(1));
            int stride = Integer.parseInt(parts[3].substring(1));
            int expansion = Integer.parseInt(parts[4].substring(1));
            int out = roundChannels(Integer.parseInt(parts[5].substring(1)), channelMultiplier);
            double se = Double.parseDouble(parts[6].substring(2));
            List<BlockSpec> blocks = new ArrayList<>();
            for (int j = 0; j < repeats; j++) {
                int mid = ds ? in : makeDivisible((double) in * expansion, 8);
                int r = (int) Math.rint(mid * se / expansion);
                blocks.add(new BlockSpec(s, j, ds, in, mid, out, kernel, j == 0 ? stride : 1, r));
                in = out;
            }
            stages.add(List.copyOf(blocks));
        }
        return stages;
    }

    /** From the builder's arguments as a JSON object; absent ones take the variant's values. */
    public static EfficientNetConfig fromArgs(JsonObject args) {
        Set<String> unknown = new TreeSet<>(args.keySet());
        unknown.removeAll(ARGS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown EfficientNet arguments "
                            + unknown
                            + " (known: "
                            + new TreeSet<>(ARGS)
                            + ")");
        }
        if (!args.has("variant")) {
            throw new IllegalArgumentException("EfficientNet arguments need 'variant'");
        }
        EfficientNetConfig base = preset(args.get("variant").getAsString());
        return new EfficientNetConfig(
                base.variant(),
                args.has("channel_multiplier")
                        ? args.get("channel_multiplier").getAsDouble()
                        : base.channelMultiplier(),
                args.has("depth_multiplier")
                        ? args.get("depth_multiplier").getAsDouble()
                        : base.depthMultiplier(),
                args.has("num_classes") ? args.get("num_classes").getAsInt() : base.numClasses(),
                args.has("in_chans") ? args.get("in_chans").getAsInt() : base.inChans());
    }

    /**
     * From a reference-style JSON file: its {@code args} object (architecture {@code
     * efficientnet}).
     */
    public static EfficientNetConfig fromJson(Path file) throws IOException {
        try {
            JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            if (o.has("architecture")
                    && !"efficientnet".equals(o.get("architecture").getAsString())) {
                throw new IllegalArgumentException(
                        "architecture is '"
                                + o.get("architecture").getAsString()
                                + "', not efficientnet");
            }
            return fromArgs(o.getAsJsonObject("args"));
        } catch (RuntimeException e) {
            throw new IOException("EfficientNet config " + file + ": " + e.getMessage(), e);
        }
    }
}
