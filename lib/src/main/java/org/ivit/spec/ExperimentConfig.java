package org.ivit.spec;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ivit.data.augment.Interpolation;
import org.ivit.data.augment.Normalization;
import org.ivit.loss.SimilarityLoss;
import org.ivit.prompt.PromptKind;
import org.ivit.prompt.TemplateSet;

/**
 * One run, fully resolved and validated: every value that changes what is trained is a typed field
 * here, and all of it is written to the run's config.json. Presets ({@link Profiles}, one JSON
 * resource per profile) fill in the defaults; {@link #with} and {@link Builder#set} override single
 * keys by their flat names ({@link #KEYS}), the names {@code --set} takes.
 *
 * <p><b>Run id.</b> {@code <profile>-<dataset>-<method>[-<prompt>]-<mode>-<h>}, where {@code h} is
 * the first 8 hex digits of the SHA-256 of {@link #canonicalJson()}: the UTF-8 text of a JSON
 * object pretty-printed by Gson (two-space indent, nulls written) with the 30 keys of
 * {@link #ID_KEYS} in that order; enums as their ids, {@code simScale} as a Java float,
 * {@code warmupEpochs}, {@code lr} and {@code minLr} as Java doubles ({@code Double.toString}), the
 * other numbers as ints. Fields added later ({@code randomResizedCrop}, {@code evalCrop},
 * {@code normalization}, {@code interpolation}, {@code shots}, {@code valLimit}, and the behaviour keys of the two
 * recipes: {@code recipe}, {@code promptTokens}, {@code mixupProb}, {@code labelSmoothing}, {@code oddBatchHardLabels},
 * {@code selectFromEpoch}, {@code timmStepsPerEpoch}) are appended after them only when they
 * differ from the value the run had before they existed (in the quick profile no random-resized crop
 * and the whole image at evaluation, otherwise both as timm; 0.5/0.5 normalisation and bicubic
 * resizing everywhere, ViT-B/16's; {@code shots} and {@code valLimit} 0, the full splits), so every run recorded
 * before keeps its id; the id depends on nothing but the spec. A key that does not change what a run
 * trains ({@link #affects}: the similarity loss of a ViT, Mixup's probability without Mixup) is hashed at
 * that earlier value, so the recipes leave the ids of the ViT, VPT and baseline runs alone. The Table 1 baselines
 * ({@link Method#CLASSIFIER}) are named after their backbone instead of the method:
 * {@code paper-caltech101-resnet50-full-<h>}. A few-shot run ({@code shots} &gt; 0) also names its k
 * in the readable part: {@code quick-fashion_mnist-vpt-prompt-k16-<h>}.
 *
 * @param table which of the paper's tables the run belongs to (1 full fine-tuning, 2 VPT-style, 3 few-shot; 0 none)
 * @param backbone a registered backbone id ({@link org.ivit.backbone.Backbones}; a {@code VitConfig} preset for the ViT methods)
 * @param backboneWeights timm safetensors to start from, {@code quick-pretrained} for the quick
 *     profile's cached pretraining, or null for random initialisation
 * @param prompt where Instruction-ViT's prompts come from and how they are scored
 * @param schedule the optimiser and its learning-rate schedule
 * @param data input size and augmentation
 * @param vptTokens prompt tokens per layer for VPT
 * @param vptDeep VPT-deep (prompts at every layer) instead of VPT-shallow
 * @param selection which split selects the reported epoch
 */
public record ExperimentConfig(
        String profile, int table, String dataset, Method method, TuningMode mode,
        String backbone, String backboneWeights, PromptSource prompt, Schedule schedule, Augmentation data,
        int vptTokens, boolean vptDeep, SelectionRule selection, int seed, Behaviour behaviour) {

    /**
     * The behaviours in which the paper's text and the authors' script differ ({@link Recipe}), each
     * its own key.
     *
     * @param recipe the source the run follows; it fills in the other fields unless they are set explicitly
     * @param promptTokens whether Instruction-ViT's CLIP prompt tokens train (both sources: fixed)
     * @param mixupProb the probability that Mixup/CutMix mixes a batch
     * @param labelSmoothing the label smoothing of Mixup's targets (as timm's Mixup; none without Mixup)
     * @param oddBatchHardLabels an odd-sized batch, which Mixup skips, keeps hard labels (the authors'
     *     script skips Mixup and its label smoothing there) instead of label-smoothed targets
     * @param selectFromEpoch the first epoch (0-based) whose validation score may select the reported epoch
     * @param timmStepsPerEpoch with perEpochSchedule, how often per training epoch timm's scheduler is
     *     stepped; its warm-up and t_initial count in these units (1: the authors'; more fits their
     *     20-epoch shape into a short run)
     */
    public record Behaviour(Recipe recipe, PromptTokens promptTokens, double mixupProb, double labelSmoothing,
                            boolean oddBatchHardLabels, int selectFromEpoch, int timmStepsPerEpoch) {}

    /**
     * @param kind text, image or mix for Instruction-ViT; null otherwise
     * @param clip a CLIP weights folder id (e.g. openai/clip-vit-base-patch32) or {@code random-small}
     * @param simLoss the paper's CE over scaled similarities or the authors' CE over softmax
     * @param valTopK K of the zero-shot K+1 prompt selection at evaluation; 0 keeps all N prompts
     * @param trainPromptProj in prompt mode, also train prompt_proj (the paper: head + prompt_proj; the authors' script: head only)
     */
    public record PromptSource(PromptKind kind, String clip, String templateSet, SimilarityLoss simLoss, float simScale,
                               int valTopK, boolean trainPromptProj) {}

    /**
     * Adam with warm-up and cosine decay.
     *
     * @param perEpochSchedule timm 0.4.12's CosineLRScheduler as the authors' script steps it (after each
     *     epoch, so epoch e trains at the value for e - 1; warm restarts every tInitial epochs) instead of
     *     the per-step warm-up + cosine
     * @param microBatch images per forward pass; gradients accumulate to {@code batchSize}
     */
    public record Schedule(int epochs, double warmupEpochs, double lr, double minLr, int batchSize, int microBatch,
                           boolean perEpochSchedule, int tInitial) {}

    /**
     * @param randomResizedCrop timm's RandomResizedCrop at training; else resize only
     * @param evalCrop the centre crop's share of the resized image at evaluation (timm's crop_pct)
     * @param trainLimit use at most this many training images (0: all), a class-balanced subset
     * @param valLimit select epochs on at most this many validation images (0: all), a class-balanced
     *     subset drawn by the seed; the test split is always whole
     * @param normalization the mean/std the backbone's checkpoint expects ({@link Normalization#named}: imagenet or inception)
     * @param interpolation the evaluation resize's filter (timm's pretrained config: bicubic, or bilinear for torchvision's weights)
     * @param shots the few-shot protocol's k: k training and min(k, 4) validation images per class,
     *     drawn by the seed and written as split files ({@code org.ivit.runs.FewShotSplits}); 0: the full splits
     */
    public record Augmentation(int imageSize, boolean randomResizedCrop, double evalCrop, boolean randAugment, boolean mixup,
                               int trainLimit, int valLimit, String normalization, Interpolation interpolation, int shots) {}

    private static final Gson GSON = new GsonBuilder().serializeNulls().setPrettyPrinting().create();

    /** The keys the run id hashes, in the order of its canonical form. */
    public static final List<String> ID_KEYS = List.of("profile", "table", "dataset", "method", "prompt", "mode",
            "backbone", "imageSize", "backboneWeights", "clip", "templateSet", "simLoss", "simScale", "valTopK",
            "epochs", "warmupEpochs", "lr", "minLr", "batchSize", "microBatch", "perEpochSchedule", "tInitial", "selection",
            "vptTokens", "vptDeep", "trainPromptProj", "randAugment", "mixup", "trainLimit", "seed");
    /** Keys added after the first recorded runs; in the canonical form only where they differ from {@link #legacyValue}. */
    static final List<String> LATER_KEYS = List.of("randomResizedCrop", "evalCrop", "normalization", "interpolation", "shots",
            "valLimit", "recipe", "promptTokens", "mixupProb", "labelSmoothing", "oddBatchHardLabels", "selectFromEpoch",
            "timmStepsPerEpoch");
    /** The keys the behaviour of a run follows from its {@link Recipe} unless set explicitly. */
    public static final List<String> BEHAVIOUR_KEYS = List.of("recipe", "promptTokens", "trainPromptProj", "simLoss",
            "perEpochSchedule", "timmStepsPerEpoch", "mixup", "mixupProb", "labelSmoothing", "oddBatchHardLabels",
            "selectFromEpoch");
    /** Every key, as {@code --set}, presets and config.json name them. */
    public static final List<String> KEYS = concat(ID_KEYS, LATER_KEYS);

    public ExperimentConfig {
        if (profile == null || dataset == null || method == null || mode == null || prompt == null || schedule == null
                || data == null || selection == null || behaviour == null) {
            throw new IllegalArgumentException("an experiment spec needs every component; build it with ExperimentConfig.Builder");
        }
    }

    /** A copy with one key (e.g. {@code epochs}) set from text, as {@code --set} gives it. */
    public ExperimentConfig with(String key, String value) {
        return toBuilder().set("--set", key, value).build();
    }

    public Builder toBuilder() {
        return new Builder("spec").from(this);
    }

    /** Every key with its value, for config.json and {@code train --dry-run}. */
    public String toJson() {
        JsonObject o = new JsonObject();
        for (String key : KEYS) {
            o.add(key, json(value(key)));
        }
        return GSON.toJson(o);
    }

    /** The text the run id hashes (see the class comment). */
    public String canonicalJson() {
        JsonObject o = new JsonObject();
        for (String key : ID_KEYS) {
            o.add(key, json(affects(key) ? value(key) : legacyValue(key)));
        }
        for (String key : LATER_KEYS) {
            if (affects(key) && !value(key).equals(legacyValue(key))) {
                o.add(key, json(value(key)));
            }
        }
        return GSON.toJson(o);
    }

    /**
     * Whether a key changes what this run trains. A key that does not (the similarity loss of a ViT,
     * Mixup's probability without Mixup) is hashed at its {@link #legacyValue}, so a recipe that sets
     * it leaves the ids of runs it does not change alone.
     */
    boolean affects(String key) {
        boolean prompts = method.usesPrompts();
        return switch (key) {
            case "simLoss", "promptTokens" -> prompts;
            case "trainPromptProj" -> prompts && mode == TuningMode.PROMPT;
            case "mixupProb", "labelSmoothing", "oddBatchHardLabels" -> data.mixup();
            case "timmStepsPerEpoch" -> schedule.perEpochSchedule();
            default -> true;
        };
    }

    /**
     * What a later key was, by the profile's recipe, before it was a field; for {@code simLoss} and
     * {@code trainPromptProj} the profile's value before the recipes (what a run that they do not
     * affect is hashed with).
     */
    private Object legacyValue(String key) {
        return switch (key) {
            case "simLoss" -> Profiles.QUICK.equals(profile) ? SimilarityLoss.AUTHORS : SimilarityLoss.PAPER;
            case "trainPromptProj" -> false;
            default -> legacyValue(profile, key);
        };
    }

    /** What a later key was in a profile before it was a field (every run then used timm's ViT-B/16 input recipe). */
    static Object legacyValue(String profile, String key) {
        boolean quick = Profiles.QUICK.equals(profile);
        return switch (key) {
            case "randomResizedCrop" -> !quick;
            case "evalCrop" -> quick ? 1.0 : 0.9;
            case "normalization" -> "inception";
            case "interpolation" -> Interpolation.BICUBIC;
            case "shots", "valLimit", "selectFromEpoch" -> 0;
            case "recipe" -> Recipe.PAPER;
            case "promptTokens" -> PromptTokens.TRAINED;
            case "mixupProb", "labelSmoothing" -> 0.1;
            case "oddBatchHardLabels" -> false;
            case "timmStepsPerEpoch" -> 1;
            default -> throw new IllegalArgumentException(key);
        };
    }

    /**
     * Reads a config.json (the keys written by {@link #toJson}; extra keys such as run_id and
     * provenance are ignored). A file from before a key existed gets its {@link #legacyValue}.
     *
     * @param source the file, named in errors
     */
    public static ExperimentConfig fromJson(String json, String source) {
        JsonObject o;
        try {
            o = JsonParser.parseString(json).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new SpecException(source, "(whole file)", "is not a JSON object: " + e.getMessage());
        }
        Builder b = new Builder(source);
        for (String key : ID_KEYS) {
            if (!o.has(key)) {
                throw new SpecException(source, key, "is missing");
            }
            b.set(source, key, text(o.get(key)));
        }
        String profile = (String) b.values.get("profile");
        for (String key : LATER_KEYS) {
            b.set(source, key, o.has(key) ? text(o.get(key)) : idOf(legacyValue(profile, key)));
        }
        return b.build();
    }

    public static ExperimentConfig fromJson(String json) {
        return fromJson(json, "config.json");
    }

    static String text(JsonElement e) {
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    /** Readable and unique per configuration, so a rerun of the same config is recognised. */
    public String runId() {
        String name = profile + "-" + dataset + "-" + method.runName(backbone) + (prompt.kind() == null ? "" : "-" + prompt.kind().id())
                + "-" + mode.id() + (data.shots() > 0 ? "-k" + data.shots() : "");
        return name + "-" + hash(canonicalJson()).substring(0, 8);
    }

    /** The typed value of a key. */
    public Object value(String key) {
        return switch (key) {
            case "profile" -> profile;
            case "table" -> table;
            case "dataset" -> dataset;
            case "method" -> method;
            case "prompt" -> prompt.kind();
            case "mode" -> mode;
            case "backbone" -> backbone;
            case "imageSize" -> data.imageSize();
            case "backboneWeights" -> backboneWeights;
            case "clip" -> prompt.clip();
            case "templateSet" -> prompt.templateSet();
            case "simLoss" -> prompt.simLoss();
            case "simScale" -> prompt.simScale();
            case "valTopK" -> prompt.valTopK();
            case "epochs" -> schedule.epochs();
            case "warmupEpochs" -> schedule.warmupEpochs();
            case "lr" -> schedule.lr();
            case "minLr" -> schedule.minLr();
            case "batchSize" -> schedule.batchSize();
            case "microBatch" -> schedule.microBatch();
            case "perEpochSchedule" -> schedule.perEpochSchedule();
            case "tInitial" -> schedule.tInitial();
            case "selection" -> selection;
            case "vptTokens" -> vptTokens;
            case "vptDeep" -> vptDeep;
            case "trainPromptProj" -> prompt.trainPromptProj();
            case "randAugment" -> data.randAugment();
            case "mixup" -> data.mixup();
            case "trainLimit" -> data.trainLimit();
            case "seed" -> seed;
            case "randomResizedCrop" -> data.randomResizedCrop();
            case "evalCrop" -> data.evalCrop();
            case "normalization" -> data.normalization();
            case "interpolation" -> data.interpolation();
            case "shots" -> data.shots();
            case "valLimit" -> data.valLimit();
            case "recipe" -> behaviour.recipe();
            case "promptTokens" -> behaviour.promptTokens();
            case "mixupProb" -> behaviour.mixupProb();
            case "labelSmoothing" -> behaviour.labelSmoothing();
            case "oddBatchHardLabels" -> behaviour.oddBatchHardLabels();
            case "selectFromEpoch" -> behaviour.selectFromEpoch();
            case "timmStepsPerEpoch" -> behaviour.timmStepsPerEpoch();
            default -> throw new IllegalArgumentException("unknown config key '" + key + "'; keys: " + KEYS);
        };
    }

    private static JsonElement json(Object v) {
        JsonObject holder = new JsonObject();
        if (v == null) {
            return JsonNull.INSTANCE;
        } else if (v instanceof Number n) {
            holder.addProperty("v", n);
        } else if (v instanceof Boolean b) {
            holder.addProperty("v", b);
        } else {
            holder.addProperty("v", idOf(v));
        }
        return holder.get("v");
    }

    private static String idOf(Object v) {
        if (v instanceof Method m) {
            return m.id();
        } else if (v instanceof TuningMode m) {
            return m.id();
        } else if (v instanceof PromptKind k) {
            return k.id();
        } else if (v instanceof SimilarityLoss l) {
            return l.id();
        } else if (v instanceof SelectionRule s) {
            return s.id();
        } else if (v instanceof Recipe r) {
            return r.id();
        } else if (v instanceof PromptTokens p) {
            return p.id();
        } else if (v instanceof Interpolation i) {
            return i.name().toLowerCase(java.util.Locale.ROOT);
        }
        return v.toString();
    }

    private static String hash(String text) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** One line per key with the values it takes, for {@code ivit train --help}. */
    public static List<String> keyHelp() {
        List<String> lines = new ArrayList<>();
        FIELDS.forEach((key, f) -> lines.add(key + ": " + f.type()));
        return lines;
    }

    /** The type and allowed values of one key. */
    private record Field(String type, Function<String, Object> parse, String range) {}

    private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

    static {
        text("profile", false);
        integer("table", 0, 3);
        text("dataset", false);
        FIELDS.put("method", new Field(Method.IDS, Method::fromId, null));
        FIELDS.put("prompt", new Field(String.join(", ", org.ivit.prompt.PromptKinds.ids()) + " (or null)",
                s -> s == null ? null : PromptKind.parse(s), null));
        FIELDS.put("mode", new Field("full or prompt", TuningMode::fromId, null));
        text("backbone", false);
        integer("imageSize", 1, 4096);
        text("backboneWeights", true);
        text("clip", false);
        text("templateSet", false);
        FIELDS.put("simLoss", new Field("paper or authors", SimilarityLoss::fromId, null));
        FIELDS.put("simScale", new Field("a number > 0", s -> positive(Float.parseFloat(s)), "> 0"));
        integer("valTopK", 0, 100_000);
        integer("epochs", 1, 100_000);
        real("warmupEpochs", 0, false);
        real("lr", 0, true);
        real("minLr", 0, false);
        integer("batchSize", 1, 1 << 20);
        integer("microBatch", 1, 1 << 20);
        bool("perEpochSchedule");
        integer("tInitial", 1, 100_000);
        FIELDS.put("selection", new Field("val or test", SelectionRule::fromId, null));
        integer("vptTokens", 1, 10_000);
        bool("vptDeep");
        bool("trainPromptProj");
        bool("randAugment");
        bool("mixup");
        integer("trainLimit", 0, Integer.MAX_VALUE);
        integer("seed", Integer.MIN_VALUE, Integer.MAX_VALUE);
        bool("randomResizedCrop");
        FIELDS.put("evalCrop", new Field("a number in (0, 1]", s -> {
            double v = Double.parseDouble(s);
            if (!(v > 0 && v <= 1)) {
                throw new IllegalArgumentException("must be in (0, 1]");
            }
            return v;
        }, "(0, 1]"));
        FIELDS.put("normalization", new Field(String.join(" or ", Normalization.NAMES), s -> {
            Normalization.named(s);
            return s;
        }, null));
        FIELDS.put("interpolation", new Field("bicubic or bilinear", s -> switch (s) {
            case "bicubic" -> Interpolation.BICUBIC;
            case "bilinear" -> Interpolation.BILINEAR;
            default -> throw new IllegalArgumentException("must be bicubic or bilinear");
        }, null));
        integer("shots", 0, 100_000);
        integer("valLimit", 0, Integer.MAX_VALUE);
        FIELDS.put("recipe", new Field(Recipe.IDS, Recipe::fromId, null));
        FIELDS.put("promptTokens", new Field("fixed or trained", PromptTokens::fromId, null));
        FIELDS.put("mixupProb", new Field("a number in [0, 1]", s -> unit(Double.parseDouble(s.strip()), false), "[0, 1]"));
        FIELDS.put("labelSmoothing", new Field("a number in [0, 1)", s -> unit(Double.parseDouble(s.strip()), true), "[0, 1)"));
        bool("oddBatchHardLabels");
        integer("selectFromEpoch", 0, 100_000);
        integer("timmStepsPerEpoch", 1, 100_000);
        if (!FIELDS.keySet().equals(new java.util.LinkedHashSet<>(KEYS))) {
            throw new IllegalStateException("spec fields " + FIELDS.keySet() + " differ from the keys " + KEYS);
        }
    }

    private static Object unit(double v, boolean belowOne) {
        if (!(v >= 0 && (belowOne ? v < 1 : v <= 1))) {
            throw new IllegalArgumentException("must be in [0, 1" + (belowOne ? ")" : "]"));
        }
        return v;
    }

    private static Object positive(float v) {
        if (!(v > 0) || !Float.isFinite(v)) {
            throw new IllegalArgumentException("must be a finite number > 0");
        }
        return v;
    }

    private static void text(String key, boolean nullable) {
        FIELDS.put(key, new Field(nullable ? "text or null" : "text", s -> {
            if (s == null && nullable) {
                return null;
            }
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return s;
        }, null));
    }

    private static void integer(String key, long min, long max) {
        FIELDS.put(key, new Field("a whole number in [" + min + ", " + max + "]", s -> {
            BigDecimal d = new BigDecimal(s.strip());
            long v;
            try {
                v = d.longValueExact(); // "2.0" is 2, as the JSON round trip of earlier versions read it
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("is not a whole number");
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be in [" + min + ", " + max + "]");
            }
            return (int) v;
        }, "[" + min + ", " + max + "]"));
    }

    private static void real(String key, double min, boolean exclusive) {
        String range = exclusive ? "> " + min : ">= " + min;
        FIELDS.put(key, new Field("a finite number " + range, s -> {
            double v = Double.parseDouble(s.strip());
            if (!Double.isFinite(v) || (exclusive ? v <= min : v < min)) {
                throw new IllegalArgumentException("must be a finite number " + range);
            }
            return v;
        }, range));
    }

    private static void bool(String key) {
        FIELDS.put(key, new Field("true or false", s -> switch (s.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        }, null));
    }

    /**
     * Named keys set one by one, then {@link #build} checks every field and the fields against
     * each other. Each value remembers where it came from, so an error names the file or option.
     */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final Map<String, String> sources = new LinkedHashMap<>();
        /** Behaviour keys set explicitly: a recipe set later leaves them alone. */
        private final java.util.Set<String> explicit = new java.util.HashSet<>();
        private final String defaultSource;

        Builder(String defaultSource) {
            this.defaultSource = defaultSource;
        }

        public static Builder empty(String source) {
            return new Builder(source);
        }

        Builder from(ExperimentConfig c) {
            if (c.prompt == null || c.schedule == null || c.data == null || c.method == null || c.mode == null
                    || c.selection == null || c.behaviour == null) {
                throw new SpecException(defaultSource, "(record)", "has a null component");
            }
            Map<String, String> recipe = c.behaviour().recipe().settings();
            for (String key : KEYS) {
                values.put(key, c.value(key));
                sources.putIfAbsent(key, defaultSource);
                // a value other than its recipe's was set explicitly: changing the recipe keeps it
                if (recipe.containsKey(key) && !idOf(c.value(key)).equals(idOf(FIELDS.get(key).parse().apply(recipe.get(key))))) {
                    explicit.add(key);
                }
            }
            return this;
        }

        /** Sets a key from text ({@code null} or "null" for no value), as {@code --set} or a preset gives it. */
        public Builder set(String source, String key, String value) {
            Field f = FIELDS.get(key);
            if (f == null) {
                throw new SpecException(source, key, "is not a config key; keys: " + String.join(", ", KEYS));
            }
            String v = value == null || value.equals("null") ? null : value;
            Object parsed;
            try {
                if (v == null && !(key.equals("prompt") || key.equals("backboneWeights"))) {
                    throw new IllegalArgumentException("must have a value");
                }
                parsed = f.parse().apply(v);
            } catch (IllegalArgumentException e) {
                throw new SpecException(source, key, "= '" + value + "': " + e.getMessage() + " (takes " + f.type() + ")");
            }
            values.put(key, parsed);
            sources.put(key, source);
            if (key.equals("recipe")) {
                applyRecipe(source, (Recipe) parsed);
            } else {
                explicit.add(key);
            }
            return this;
        }

        /** Sets the recipe's values of every behaviour key not set explicitly. */
        private void applyRecipe(String source, Recipe recipe) {
            recipe.settings().forEach((key, value) -> {
                if (!explicit.contains(key)) {
                    values.put(key, FIELDS.get(key).parse().apply(value));
                    sources.put(key, source + " (recipe " + recipe.id() + ")");
                }
            });
        }

        /**
         * A preset's values: defaults that a recipe (set with them, or later) may replace. The
         * recipe is applied after the other keys, whatever their order in the file.
         */
        Builder setDefaults(String source, JsonObject keys) {
            for (Map.Entry<String, JsonElement> e : keys.entrySet()) {
                if (!e.getKey().equals("recipe")) {
                    set(source, e.getKey(), text(e.getValue()));
                    explicit.remove(e.getKey());
                }
            }
            if (keys.has("recipe")) {
                set(source, "recipe", text(keys.get("recipe")));
            }
            return this;
        }

        /** Sets every key of a JSON object (numbers, booleans, strings, null). */
        Builder setAll(String source, JsonObject keys) {
            for (Map.Entry<String, JsonElement> e : keys.entrySet()) {
                set(source, e.getKey(), text(e.getValue()));
            }
            return this;
        }

        Object get(String key) {
            return values.get(key);
        }

        public ExperimentConfig build() {
            for (String key : KEYS) {
                if (!values.containsKey(key)) {
                    throw new SpecException(defaultSource, key, "is not set");
                }
            }
            check();
            return new ExperimentConfig((String) values.get("profile"), (int) values.get("table"), (String) values.get("dataset"),
                    (Method) values.get("method"), (TuningMode) values.get("mode"), (String) values.get("backbone"),
                    (String) values.get("backboneWeights"),
                    new PromptSource((PromptKind) values.get("prompt"), (String) values.get("clip"),
                            (String) values.get("templateSet"), (SimilarityLoss) values.get("simLoss"),
                            (float) values.get("simScale"), (int) values.get("valTopK"), (boolean) values.get("trainPromptProj")),
                    new Schedule((int) values.get("epochs"), (double) values.get("warmupEpochs"), (double) values.get("lr"),
                            (double) values.get("minLr"), (int) values.get("batchSize"), (int) values.get("microBatch"),
                            (boolean) values.get("perEpochSchedule"), (int) values.get("tInitial")),
                    new Augmentation((int) values.get("imageSize"), (boolean) values.get("randomResizedCrop"),
                            (double) values.get("evalCrop"), (boolean) values.get("randAugment"), (boolean) values.get("mixup"),
                            (int) values.get("trainLimit"), (int) values.get("valLimit"), (String) values.get("normalization"),
                            (Interpolation) values.get("interpolation"), (int) values.get("shots")),
                    (int) values.get("vptTokens"), (boolean) values.get("vptDeep"), (SelectionRule) values.get("selection"),
                    (int) values.get("seed"),
                    new Behaviour((Recipe) values.get("recipe"), (PromptTokens) values.get("promptTokens"),
                            (double) values.get("mixupProb"), (double) values.get("labelSmoothing"),
                            (boolean) values.get("oddBatchHardLabels"), (int) values.get("selectFromEpoch"),
                            (int) values.get("timmStepsPerEpoch")));
        }

        private SpecException bad(String key, String problem) {
            return new SpecException(sources.getOrDefault(key, defaultSource), key, problem);
        }

        /** Every check across fields; single fields were checked when they were set. */
        void check() {
            for (String key : KEYS) {
                Object v = values.get(key);
                Field f = FIELDS.get(key);
                if (f.range() != null && v instanceof Number) {
                    try {
                        f.parse().apply(v.toString());
                    } catch (IllegalArgumentException e) {
                        throw bad(key, "= " + v + " " + e.getMessage());
                    }
                }
            }
            int batch = (int) values.get("batchSize");
            int micro = Math.min((int) values.get("microBatch"), batch);
            if (batch % micro != 0) {
                throw bad("microBatch", "= " + values.get("microBatch") + " does not divide batchSize = " + batch
                        + " (gradients accumulate over whole micro-batches)");
            }
            if ((double) values.get("minLr") > (double) values.get("lr")) {
                throw bad("minLr", "= " + values.get("minLr") + " is above lr = " + values.get("lr"));
            }
            Method method = (Method) values.get("method");
            if (method.usesPrompts() && values.get("prompt") == null) {
                throw bad("prompt", "must be text, image or mix for " + method.id());
            }
            TuningMode mode = (TuningMode) values.get("mode");
            if (method.mode(mode) != mode) {
                throw bad("mode", "must be " + method.mode(mode).id() + " for " + method.id()
                        + " (it trains its prompts and the head only)");
            }
            String backbone = (String) values.get("backbone");
            try {
                method.checkBackbone(backbone);
            } catch (IllegalArgumentException e) {
                throw bad("backbone", "= '" + backbone + "' is not a backbone " + method.id() + " can train: " + e.getMessage());
            }
            int shots = (int) values.get("shots");
            int table = (int) values.get("table");
            if (shots > 0 && table != 0 && table != FewShotPlan.TABLE) {
                throw bad("table", "= " + table + " with shots = " + shots + ": a few-shot run belongs to table 3 (or 0, none),"
                        + " so it never fills a Table 1 or 2 cell; set table=3");
            }
            int selectFrom = (int) values.get("selectFromEpoch");
            if (selectFrom >= (int) values.get("epochs")) {
                throw bad("selectFromEpoch", "= " + selectFrom + " leaves no selectable epoch of epochs = " + values.get("epochs")
                        + " (epochs count from 0; the authors' recipe selects among epochs >= 10 of 20: set selectFromEpoch"
                        + " for a shorter run, or train the quick profile's authors rows, which scale it)");
            }
            if (shots == 0 && table == FewShotPlan.TABLE) {
                throw bad("shots", "= 0 in table 3, the few-shot table: set shots to k >= 1");
            }
            if (shots > 0 && (int) values.get("trainLimit") > 0) {
                throw bad("trainLimit", "= " + values.get("trainLimit") + " cannot be combined with shots = " + shots
                        + " (a few-shot run trains on its k images per class; set trainLimit=0)");
            }
            if (shots > 0 && (int) values.get("valLimit") > 0) {
                throw bad("valLimit", "= " + values.get("valLimit") + " cannot be combined with shots = " + shots
                        + " (a few-shot run validates on min(k, 4) images per class; set valLimit=0)");
            }
            String templates = (String) values.get("templateSet");
            if (!TemplateSet.BUILT_IN.contains(templates) && !templates.contains("/") && !templates.contains(".")) {
                throw bad("templateSet", "= '" + templates + "' is neither a built-in template set " + TemplateSet.BUILT_IN
                        + " nor a file");
            }
        }
    }
}
