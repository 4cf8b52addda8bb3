package org.ivit.spec;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ivit.data.augment.Interpolation;
import org.ivit.data.augment.Normalization;
import org.ivit.loss.SimilarityLoss;
import org.ivit.prompt.PromptKind;
import org.ivit.prompt.TemplateSet;

/**
 * One run, fully resolved and validated: every value that changes what is trained is a typed field
 * here, and all of it is written to the run's config.json. Each key is declared once, as a record
 * component carrying {@link Key} (its help, range and default); {@link SpecSchema} derives parsing,
 * {@code --set}, JSON, {@code --help} and the range checks from those declarations. Presets ({@link
 * Profiles}, one JSON resource per profile) fill in what has no default; {@link #with} and {@link
 * Builder#set} override single keys by name, the names {@code --set} takes.
 *
 * <p><b>Run id.</b> A run's id is made once, when the run is created, and stored in its
 * config.json; every later reader takes it from there ({@code org.ivit.train.RunIds}). A new run's
 * id is {@code <profile>-<dataset>-<method>[-<prompt>]-<mode>[-k<shots>]-<h>} ({@link #newRunId}),
 * where {@code h} is the first 8 hex digits of the SHA-256 of {@link #canonicalJson()}: the spec
 * version ({@link #SPEC_VERSION}) and every key in declaration order, pretty-printed by Gson. The
 * Table 1 baselines ({@link Method#CLASSIFIER}) are named after their backbone instead of the
 * method.
 */
public record ExperimentConfig(
        @Key(help = "the profile whose presets filled in the spec (quick or paper)") String profile,
        @Key(
                        help =
                                "which of the paper's tables the run belongs to (1 full fine-tuning, 2 VPT-style, 3 few-shot; 0 none)",
                        range = "[0, 3]")
                int table,
        @Key(help = "a prepared dataset's name (data-scripts/prepare)") String dataset,
        @Key(help = "what is trained") Method method,
        @Key(help = "full fine-tuning or prompt tuning (the head and the prompts only)")
                TuningMode mode,
        @Key(
                        help =
                                "a registered backbone id (a ViT variant of VitFamily for the ViT-based methods)")
                String backbone,
        @Key(
                        help =
                                "timm safetensors to start from, quick-pretrained for the quick profile's pretrained backbone,"
                                        + " or null for random initialisation",
                        nullable = true)
                String backboneWeights,
        PromptSource prompt,
        Schedule schedule,
        Augmentation data,
        @Key(help = "VPT's prompt tokens per layer", range = "[1, 10000]") int vptTokens,
        @Key(help = "VPT-deep (prompts at every layer) instead of VPT-shallow") boolean vptDeep,
        @Key(help = "which split selects the reported epoch") SelectionRule selection,
        @Key(
                        help =
                                "drives initialisation, subsets, data order, augmentation, Mixup and image prompts",
                        range = "[-2147483648, 2147483647]")
                int seed,
        Behaviour behaviour) {

    /**
     * The version of this spec's keys, hashed into every new run id: raise it when a key changes
     * meaning.
     */
    public static final int SPEC_VERSION = 2;

    /**
     * The behaviours in which the paper's text and the authors' script differ ({@link Recipe}),
     * each its own key.
     */
    public record Behaviour(
            @Key(
                            help =
                                    "the source the run follows (paper's text or authors' script); it fills in the behaviour keys"
                                            + " not set explicitly")
                    Recipe recipe,
            @Key(help = "whether Instruction-ViT's CLIP prompt tokens train (both sources: fixed)")
                    PromptTokens promptTokens,
            @Key(help = "the probability that Mixup/CutMix mixes a batch", range = "[0, 1]")
                    double mixupProb,
            @Key(
                            help =
                                    "the label smoothing of Mixup's targets (as timm's Mixup; none without Mixup)",
                            range = "[0, 1)")
                    double labelSmoothing,
            @Key(
                            help =
                                    "an odd-sized batch, which Mixup skips, keeps hard labels (the authors' script) instead of"
                                            + " label-smoothed targets")
                    boolean oddBatchHardLabels,
            @Key(
                            help =
                                    "the first epoch (0-based) whose validation score may select the reported epoch",
                            range = "[0, 100000]",
                            defaultValue = "0")
                    int selectFromEpoch,
            @Key(
                            help =
                                    "with perEpochSchedule, how often per epoch timm's scheduler is stepped (1: the authors'; more"
                                            + " fits their 20-epoch shape into a short run)",
                            range = "[1, 100000]",
                            defaultValue = "1")
                    int timmStepsPerEpoch) {}

    /** Where Instruction-ViT's prompts come from and how they are scored. */
    public record PromptSource(
            @Key(
                            name = "prompt",
                            help = "Instruction-ViT's prompt kind; null for the other methods",
                            nullable = true)
                    PromptKind kind,
            @Key(
                            help =
                                    "a CLIP weights folder id (e.g. openai/clip-vit-base-patch32) or random-small")
                    String clip,
            @Key(help = "a built-in template set or a file of templates") String templateSet,
            @Key(help = "the paper's CE over scaled similarities or the authors' CE over softmax")
                    SimilarityLoss simLoss,
            @Key(help = "the scale of the cosine similarities (the paper's 100)", range = "> 0")
                    float simScale,
            @Key(
                            help =
                                    "K of the zero-shot K+1 prompt selection at evaluation; 0 keeps all N prompts",
                            range = "[0, 100000]")
                    int valTopK,
            @Key(
                            help =
                                    "in prompt mode, also train prompt_proj (the paper: head + prompt_proj; the authors' script:"
                                            + " head only)")
                    boolean trainPromptProj) {}

    /** Adam with warm-up and cosine decay. */
    public record Schedule(
            @Key(help = "training epochs", range = "[1, 100000]") int epochs,
            @Key(help = "warm-up epochs (fractions allowed)", range = ">= 0") double warmupEpochs,
            @Key(help = "Adam's peak learning rate", range = "> 0") double lr,
            @Key(help = "the cosine schedule's floor", range = ">= 0") double minLr,
            @Key(help = "images per optimizer step", range = "[1, 1048576]") int batchSize,
            @Key(
                            help = "images per forward pass; gradients accumulate to batchSize",
                            range = "[1, 1048576]")
                    int microBatch,
            @Key(
                            help =
                                    "timm 0.4.12's CosineLRScheduler stepped after each epoch, as the authors' script does, instead"
                                            + " of the per-step warm-up + cosine")
                    boolean perEpochSchedule,
            @Key(
                            help = "timm's t_initial in epochs (warm restarts after it)",
                            range = "[1, 100000]")
                    int tInitial) {}

    /** Input size and augmentation. */
    public record Augmentation(
            @Key(help = "the input's side in pixels", range = "[1, 4096]") int imageSize,
            @Key(help = "timm's RandomResizedCrop at training; else resize only")
                    boolean randomResizedCrop,
            @Key(
                            help =
                                    "the centre crop's share of the resized image at evaluation (timm's crop_pct)",
                            range = "(0, 1]")
                    double evalCrop,
            @Key(help = "RandAugment at training") boolean randAugment,
            @Key(help = "Mixup/CutMix at training") boolean mixup,
            @Key(
                            help =
                                    "use at most this many training images (0: all), a class-balanced subset",
                            range = "[0, 2147483647]")
                    int trainLimit,
            @Key(
                            help =
                                    "select epochs on at most this many validation images (0: all), a class-balanced subset drawn by"
                                            + " the seed",
                            range = "[0, 2147483647]",
                            defaultValue = "0")
                    int valLimit,
            @Key(
                            help =
                                    "the mean/std the backbone's checkpoint expects: inception, imagenet or clip")
                    String normalization,
            @Key(
                            help = "the evaluation resize's filter (timm's pretrained config)",
                            only = {"bicubic", "bilinear"})
                    Interpolation interpolation,
            @Key(
                            help =
                                    "the few-shot protocol's k (k training and min(k, 4) validation images per class drawn by the"
                                            + " seed); 0: the full splits",
                            range = "[0, 100000]",
                            defaultValue = "0")
                    int shots) {}

    /** The keys of this spec, derived from the declarations above. */
    public static final SpecSchema<ExperimentConfig> SCHEMA = SpecSchema.of(ExperimentConfig.class);

    /** Every key, as {@code --set}, presets and config.json name them. */
    public static final List<String> KEYS = SCHEMA.names();

    /** The keys the behaviour of a run follows from its {@link Recipe} unless set explicitly. */
    public static final List<String> BEHAVIOUR_KEYS =
            List.of(
                    "recipe",
                    "promptTokens",
                    "trainPromptProj",
                    "simLoss",
                    "perEpochSchedule",
                    "timmStepsPerEpoch",
                    "mixup",
                    "mixupProb",
                    "labelSmoothing",
                    "oddBatchHardLabels",
                    "selectFromEpoch");

    private static final Gson GSON =
            new GsonBuilder().serializeNulls().setPrettyPrinting().create();

    public ExperimentConfig {
        if (profile == null
                || dataset == null
                || method == null
                || mode == null
                || prompt == null
                || schedule == null
                || data == null
                || selection == null
                || behaviour == null) {
            throw new IllegalArgumentException(
                    "an experiment spec needs every component; build it with ExperimentConfig.Builder");
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
        return GSON.toJson(SCHEMA.toJson(this));
    }

    /**
     * The text a new run's id hashes: the spec version, then every key of {@link #effective()} (see
     * the class comment).
     */
    public String canonicalJson() {
        JsonObject o = new JsonObject();
        o.addProperty("specVersion", SPEC_VERSION);
        SCHEMA.toJson(effective()).entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
        return GSON.toJson(o);
    }

    /**
     * Whether a key changes what this run trains. One that does not (the similarity loss of a ViT,
     * Mixup's probability without Mixup) takes a fixed value in {@link #effective()}.
     */
    public boolean affects(String key) {
        return switch (key) {
            case "simLoss", "promptTokens" -> method.usesPrompts();
            case "trainPromptProj" -> method.usesPrompts() && mode == TuningMode.PROMPT;
            case "mixupProb", "labelSmoothing", "oddBatchHardLabels" -> data.mixup();
            case "timmStepsPerEpoch" -> schedule.perEpochSchedule();
            default -> true;
        };
    }

    /**
     * This spec with every key that does not change what it trains ({@link #affects}) at a fixed
     * value: two specs that train the same run are equal here, whatever recipe filled those keys
     * in. Run ids hash it and {@code org.ivit.train.RunIds} finds recorded runs by it.
     */
    public ExperimentConfig effective() {
        Builder b = toBuilder();
        for (String key : BEHAVIOUR_KEYS) {
            if (!affects(key)) {
                b.values.put(key, SCHEMA.find(key).parse(NEUTRAL.get(key)));
            }
        }
        return SCHEMA.build(b.values);
    }

    /** The values of keys that do not affect a run, in {@link #effective()}. */
    private static final Map<String, String> NEUTRAL =
            Map.of(
                    "simLoss",
                    "paper",
                    "promptTokens",
                    "fixed",
                    "trainPromptProj",
                    "false",
                    "mixupProb",
                    "0",
                    "labelSmoothing",
                    "0",
                    "oddBatchHardLabels",
                    "false",
                    "timmStepsPerEpoch",
                    "1");

    /**
     * The id a new run of this spec gets. A run already on disk keeps the id its config.json holds,
     * whatever this gives ({@code org.ivit.train.RunIds} finds it).
     */
    public String newRunId() {
        String name =
                profile
                        + "-"
                        + dataset
                        + "-"
                        + method.runName(backbone)
                        + (prompt.kind() == null ? "" : "-" + prompt.kind().id())
                        + "-"
                        + mode.id()
                        + (data.shots() > 0 ? "-k" + data.shots() : "");
        return name + "-" + hash(canonicalJson()).substring(0, 8);
    }

    /**
     * Reads a config.json (the keys written by {@link #toJson}; extra keys such as run_id and
     * provenance are ignored). A key the file lacks takes its declared default; a key without one
     * is an error naming the file and the key.
     *
     * @param source the file, named in errors
     */
    public static ExperimentConfig fromJson(String json, String source) {
        JsonObject o;
        try {
            o = JsonParser.parseString(json).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new SpecException(
                    source, "(whole file)", "is not a JSON object: " + e.getMessage());
        }
        Builder b = new Builder(source);
        for (SpecKey key : SCHEMA.keys()) {
            if (o.has(key.name())) {
                b.set(source, key.name(), text(o.get(key.name())));
            } else if (!key.hasDefault()) {
                throw new SpecException(source, key.name(), "is missing");
            }
        }
        return b.build();
    }

    public static ExperimentConfig fromJson(String json) {
        return fromJson(json, "config.json");
    }

    static String text(JsonElement e) {
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    /** The typed value of a key. */
    public Object value(String key) {
        return SCHEMA.value(this, key);
    }

    /**
     * One line per key with what it takes, its default and its help, for {@code ivit train --help}.
     */
    public static List<String> keyHelp() {
        return SCHEMA.help();
    }

    private static String hash(String text) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Named keys set one by one, then {@link #build} fills in declared defaults and checks the
     * fields against each other. Each value remembers where it came from, so an error names the
     * file or option.
     */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final Map<String, String> sources = new LinkedHashMap<>();

        /** Behaviour keys set explicitly: a recipe set later leaves them alone. */
        private final Set<String> explicit = new HashSet<>();

        private final String defaultSource;

        Builder(String defaultSource) {
            this.defaultSource = defaultSource;
        }

        public static Builder empty(String source) {
            return new Builder(source);
        }

        Builder from(ExperimentConfig c) {
            Map<String, String> recipe = c.behaviour().recipe().settings();
            for (SpecKey key : SCHEMA.keys()) {
                Object v = c.value(key.name());
                values.put(key.name(), v);
                sources.putIfAbsent(key.name(), defaultSource);
                // a value other than its recipe's was set explicitly: changing the recipe keeps it
                if (recipe.containsKey(key.name())
                        && !key.text(v).equals(key.text(key.parse(recipe.get(key.name()))))) {
                    explicit.add(key.name());
                }
            }
            return this;
        }

        /**
         * Sets a key from text ({@code null} or "null" for no value), as {@code --set} or a preset
         * gives it.
         */
        public Builder set(String source, String key, String value) {
            Object parsed = SCHEMA.parse(source, key, value);
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
            recipe.settings()
                    .forEach(
                            (key, value) -> {
                                if (!explicit.contains(key)) {
                                    values.put(key, SCHEMA.find(key).parse(value));
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
            for (SpecKey key : SCHEMA.keys()) {
                if (!values.containsKey(key.name())) {
                    if (!key.hasDefault()) {
                        throw new SpecException(defaultSource, key.name(), "is not set");
                    }
                    values.put(key.name(), key.defaultValue());
                    sources.put(key.name(), "the default of " + key.name());
                }
            }
            check();
            return SCHEMA.build(values);
        }

        private SpecException bad(String key, String problem) {
            return new SpecException(sources.getOrDefault(key, defaultSource), key, problem);
        }

        /** Every check across fields; single fields were checked when they were set. */
        void check() {
            int batch = (int) values.get("batchSize");
            int micro = Math.min((int) values.get("microBatch"), batch);
            if (batch % micro != 0) {
                throw bad(
                        "microBatch",
                        "= "
                                + values.get("microBatch")
                                + " does not divide batchSize = "
                                + batch
                                + " (gradients accumulate over whole micro-batches)");
            }
            if ((double) values.get("minLr") > (double) values.get("lr")) {
                throw bad(
                        "minLr", "= " + values.get("minLr") + " is above lr = " + values.get("lr"));
            }
            Method method = (Method) values.get("method");
            if (method.usesPrompts() && values.get("prompt") == null) {
                throw bad("prompt", "must be text, image or mix for " + method.id());
            }
            TuningMode mode = (TuningMode) values.get("mode");
            if (method.mode(mode) != mode) {
                throw bad(
                        "mode",
                        "must be "
                                + method.mode(mode).id()
                                + " for "
                                + method.id()
                                + " (it trains its prompts and the head only)");
            }
            String backbone = (String) values.get("backbone");
            try {
                method.checkBackbone(backbone);
            } catch (IllegalArgumentException e) {
                throw bad(
                        "backbone",
                        "= '"
                                + backbone
                                + "' is not a backbone "
                                + method.id()
                                + " can train: "
                                + e.getMessage());
            }
            int shots = (int) values.get("shots");
            int table = (int) values.get("table");
            if (shots > 0 && table != 0 && table != FewShotPlan.TABLE) {
                throw bad(
                        "table",
                        "= "
                                + table
                                + " with shots = "
                                + shots
                                + ": a few-shot run belongs to table 3 (or 0, none),"
                                + " so it never fills a Table 1 or 2 cell; set table=3");
            }
            int selectFrom = (int) values.get("selectFromEpoch");
            if (selectFrom >= (int) values.get("epochs")) {
                throw bad(
                        "selectFromEpoch",
                        "= "
                                + selectFrom
                                + " leaves no selectable epoch of epochs = "
                                + values.get("epochs")
                                + " (epochs count from 0; the authors' recipe selects among epochs >= 10 of 20: set selectFromEpoch"
                                + " for a shorter run, or train the quick profile's authors rows, which scale it)");
            }
            if (shots == 0 && table == FewShotPlan.TABLE) {
                throw bad("shots", "= 0 in table 3, the few-shot table: set shots to k >= 1");
            }
            if (shots > 0 && (int) values.get("trainLimit") > 0) {
                throw bad(
                        "trainLimit",
                        "= "
                                + values.get("trainLimit")
                                + " cannot be combined with shots = "
                                + shots
                                + " (a few-shot run trains on its k images per class; set trainLimit=0)");
            }
            if (shots > 0 && (int) values.get("valLimit") > 0) {
                throw bad(
                        "valLimit",
                        "= "
                                + values.get("valLimit")
                                + " cannot be combined with shots = "
                                + shots
                                + " (a few-shot run validates on min(k, 4) images per class; set valLimit=0)");
            }
            String normalization = (String) values.get("normalization");
            try {
                Normalization.named(normalization);
            } catch (IllegalArgumentException e) {
                throw bad("normalization", "= '" + normalization + "': " + e.getMessage());
            }
            String templates = (String) values.get("templateSet");
            if (!TemplateSet.BUILT_IN.contains(templates)
                    && !templates.contains("/")
                    && !templates.contains(".")) {
                throw bad(
                        "templateSet",
                        "= '"
                                + templates
                                + "' is neither a built-in template set "
                                + TemplateSet.BUILT_IN
                                + " nor a file");
            }
        }
    }
}
