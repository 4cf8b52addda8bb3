package org.ivit.runs;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ivit.Project;
import org.ivit.clip.Clip;
import org.ivit.data.Datasets;
import org.ivit.data.PreparedDataset;
import org.ivit.data.PreparedImageDataset;
import org.ivit.data.Split;
import org.ivit.data.augment.ImagePipeline;
import org.ivit.io.WeightRepository;
import org.ivit.model.WeightCatalogue;
import org.ivit.prompt.PromptBank;
import org.ivit.prompt.PromptBanks;
import org.ivit.prompt.PromptKind;
import org.ivit.prompt.TemplateSet;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Method;
import org.ivit.spec.Profiles;
import org.ivit.spec.SeedList;
import org.ivit.spec.SpecException;
import org.ivit.spec.TuningMode;
import org.ivit.train.BackboneInputs;
import org.ivit.train.ClipTopK;
import org.ivit.train.PromptFeatures;
import org.ivit.train.RunData;
import org.ivit.train.RunDirectory;
import org.ivit.train.RunIds;
import org.ivit.train.RunInput;
import org.ivit.train.RunOrigin;
import org.ivit.train.RunSummary;
import org.ivit.train.TrainingEngine;
import org.ivit.train.TrainingReporter;

/**
 * The facade notebooks and the CLI share: resolves a profile's runs, gathers their inputs (data
 * splits, prompt bank, starting weights) and trains them, skipping runs already complete.
 */
public final class Reproduction {
    private final String profile;
    private Path dataDir = Project.dataDir();
    private Path weightsDir = Project.weightsDir();
    private Path resultsDir = Project.resultsDir();
    private String runsFolder = "runs";
    private TrainingReporter reporter = TrainingReporter.console("ivit");
    private PrintStream log = CurrentStandardOutput.stream();
    private Map<String, String> overrides = Map.of();
    private SeedList seeds;

    /**
     * The quick profile's random-weight CLIP stands in for a pretrained CLIP, which every seed of a
     * cell shares, so its weights do not follow the run's seed; 1234 is the seed it had when it did
     * (the first seed), so the recorded runs and their prompt banks stay as they were.
     */
    static final int RANDOM_CLIP_SEED = 1234;

    private Reproduction(String profile) {
        this.profile = profile;
        this.seeds = Profiles.seeds(profile);
    }

    public static Reproduction of(String profile) {
        if (!Profiles.NAMES.contains(profile)) {
            throw new IllegalArgumentException(
                    "unknown profile '" + profile + "' (quick or paper)");
        }
        return new Reproduction(profile);
    }

    /** Notebook mode: one compact line per epoch instead of progress bars. */
    public Reproduction quiet() {
        reporter = TrainingReporter.quiet(log);
        return this;
    }

    public Reproduction withDirectories(Path data, Path weights, Path results) {
        dataDir = data;
        weightsDir = weights;
        resultsDir = results;
        return this;
    }

    /**
     * Keeps runs in {@code <results>/<folder>} instead of {@code <results>/runs}, for ablations
     * that must not become cells of the tables; the cached pretraining and prompt banks are shared.
     */
    public Reproduction withRunsFolder(String folder) {
        runsFolder = folder;
        return this;
    }

    /**
     * {@code --set} overrides applied to every run {@link #reproduceAll} trains (see {@link
     * Profiles#reproduce}).
     */
    public Reproduction withOverrides(Map<String, String> keys) {
        overrides = Map.copyOf(keys);
        return this;
    }

    /** Trains each cell with these seeds instead of the profile's (each seed its own run). */
    public Reproduction withSeeds(SeedList seeds) {
        this.seeds = seeds;
        return this;
    }

    /**
     * The seeds each cell is trained with: the profile's unless {@link #withSeeds} chose others.
     */
    public SeedList seeds() {
        return seeds;
    }

    public Path runsDir() {
        return resultsDir.resolve(runsFolder);
    }

    public String profile() {
        return profile;
    }

    /**
     * The profile's config of one run. It depends on nothing on disk: the CLIP source is the spec's
     * {@code clip} field ({@code --set clip=openai/clip-vit-base-patch32} picks real weights).
     */
    public ExperimentConfig config(String dataset, Method method, String prompt, TuningMode mode) {
        return Profiles.of(profile, dataset, method, prompt, mode);
    }

    public boolean isPrepared(String dataset) {
        return Files.isRegularFile(dataDir.resolve(dataset).resolve("PREPARED.json"));
    }

    /**
     * The classes a run on {@code dataset} has: the prepared dataset's classes.txt when it is
     * prepared, else the count its recipe is known to prepare (its registered {@link
     * org.ivit.data.BenchmarkDataset#classes}).
     */
    public int classCount(String dataset) throws IOException {
        if (isPrepared(dataset)) {
            return PreparedDataset.open(dataDir, dataset).numClasses();
        }
        if (!Datasets.isKnown(dataset)) {
            throw new IllegalArgumentException(
                    "unknown dataset '"
                            + dataset
                            + "' (known: "
                            + String.join(", ", Datasets.ids())
                            + "); it is not prepared in "
                            + dataDir
                            + ", so its class count must be given");
        }
        return Datasets.byId(dataset).classes();
    }

    public String prepareCommand(String dataset) {
        return "data-scripts/prepare " + dataset + " --data-dir " + dataDir;
    }

    /**
     * Every run of the chosen tables on the prepared datasets; unprepared ones are named and
     * skipped.
     */
    public List<RunSummary> reproduce(List<Integer> tables, List<String> datasets)
            throws IOException, TranslateException {
        return reproduceAll(tables, datasets).summaries();
    }

    /**
     * Every run of the chosen tables on each dataset whose inputs are all there (the prepared
     * dataset and, for the paper profile, the weights); a dataset missing any is skipped whole,
     * with the reason and the commands that provide it. The report says what ran and what not.
     */
    public ReproductionReport reproduceAll(List<Integer> tables, List<String> datasets)
            throws IOException, TranslateException {
        List<RunSummary> summaries = new ArrayList<>();
        List<String> trained = new ArrayList<>();
        List<String> complete = new ArrayList<>();
        List<ReproductionReport.Skipped> skipped = new ArrayList<>();
        List<String> ready = new ArrayList<>();
        // the runs folder's config.json files are read once for the whole sweep, when a run's id
        // is first needed: a run created meanwhile gets the id a new run of its spec gets anyway
        RunIds recorded = null;
        for (String dataset : datasets) {
            List<ExperimentConfig> runs =
                    Profiles.reproduce(profile, tables, List.of(dataset), seeds, overrides);
            List<String> reasons = new ArrayList<>();
            Set<String> commands = new LinkedHashSet<>();
            if (!Datasets.isKnown(dataset) && !isPrepared(dataset)) {
                reasons.add(
                        "no recipe prepares '"
                                + dataset
                                + "' (known: "
                                + String.join(", ", Datasets.ids())
                                + ")");
            } else if (!isPrepared(dataset)) {
                reasons.add("it is not prepared in " + dataDir);
                commands.add(prepareCommand(dataset));
            }
            List<String> missing = new ArrayList<>();
            for (ExperimentConfig cfg : runs) {
                missing.addAll(missingWeights(cfg));
            }
            missing = missing.stream().distinct().toList();
            if (!missing.isEmpty()) {
                reasons.add("weights missing: " + String.join(", ", missing));
                commands.add(fetchWeightsCommand(missing));
            }
            if (!reasons.isEmpty()) {
                log.println(
                        "skipping "
                                + dataset
                                + ": "
                                + String.join("; ", reasons)
                                + "; run: "
                                + String.join(" && ", commands));
                skipped.add(
                        new ReproductionReport.Skipped(
                                dataset,
                                runs.size(),
                                String.join("; ", reasons),
                                List.copyOf(commands)));
                continue;
            }
            // a k the dataset cannot give fails before the first run of the dataset starts
            PreparedDataset prepared = null; // opened once, for the first few-shot run
            for (ExperimentConfig cfg : runs) {
                if (cfg.data().shots() > 0) {
                    prepared = prepared != null ? prepared : PreparedDataset.open(dataDir, dataset);
                    recorded = recorded != null ? recorded : runIds();
                    FewShotSplits.check(
                            prepared, cfg.data().shots(), specSource(recorded.idFor(cfg)));
                }
            }
            ready.add(dataset);
        }
        // seed by seed: the first seed's tables are whole before a second seed starts
        for (ExperimentConfig cfg : Profiles.reproduce(profile, tables, ready, seeds, overrides)) {
            recorded = recorded != null ? recorded : runIds();
            RunDirectory dir = new RunDirectory(runsDir(), recorded.idFor(cfg));
            boolean wasComplete = dir.finished();
            summaries.add(train(cfg, dir));
            (wasComplete ? complete : trained).add(dir.runId());
        }
        return new ReproductionReport(profile, trained, complete, skipped, summaries);
    }

    /**
     * The weight folders a run reads that hold no model.safetensors yet, by id (e.g.
     * openai/clip-vit-base-patch32).
     */
    List<String> missingWeights(ExperimentConfig cfg) {
        List<String> missing = new ArrayList<>();
        String backbone = cfg.backboneWeights();
        if (backbone != null
                && !backbone.equals("quick-pretrained")
                && !Files.isRegularFile(weightFolder(backbone).resolve("model.safetensors"))) {
            missing.add(backbone);
        }
        if (cfg.method().usesPrompts()
                && !cfg.prompt().clip().equals("random-small")
                && !Files.isRegularFile(
                        weightFolder(cfg.prompt().clip()).resolve("model.safetensors"))) {
            missing.add(cfg.prompt().clip());
        }
        return missing;
    }

    /**
     * Where fetch-weights puts a model: {@code <weights>/<owner>/<name>}. A config names the timm
     * backbone without its owner ({@code vit_base_patch16_224.augreg_in21k_ft_in1k}), so a known
     * repository whose name matches is looked up first.
     */
    private Path weightFolder(String id) {
        Path plain = weightsDir.resolve(id);
        Path known = knownRepository(id).map(r -> r.folder(weightsDir)).orElse(plain);
        // a folder placed by hand under the bare name, as earlier messages asked, still counts
        return !Files.isRegularFile(known.resolve("model.safetensors"))
                        && Files.isRegularFile(plain.resolve("model.safetensors"))
                ? plain
                : known;
    }

    private static java.util.Optional<WeightRepository> knownRepository(String id) {
        // the whole catalogue: the Table 1 baselines' checkpoints live under weights/timm/ as the
        // ViT's
        return WeightCatalogue.CATALOGUE.stream()
                .filter(r -> r.repo().equals(id) || r.repo().endsWith("/" + id))
                .findFirst();
    }

    /** The fetch-weights command that provides these weights, by alias where one is known. */
    String fetchWeightsCommand(List<String> ids) {
        List<String> names =
                ids.stream()
                        .map(id -> knownRepository(id).map(WeightRepository::alias).orElse(id))
                        .toList();
        return "data-scripts/fetch-weights --weights-dir "
                + weightsDir
                + " "
                + String.join(" ", names);
    }

    /**
     * Trains one run (or returns its summary when it is complete), holding the run folder's {@link
     * RunLock}: a second trainer of the same run fails fast instead of writing beside it.
     */
    public RunSummary train(ExperimentConfig cfg) throws IOException, TranslateException {
        return train(cfg, new RunDirectory(runsDir(), cfg));
    }

    /** {@link #train(ExperimentConfig)} in the run folder the caller has already looked up. */
    private RunSummary train(ExperimentConfig cfg, RunDirectory dir)
            throws IOException, TranslateException {
        long start = System.nanoTime();
        if (dir.finished()) {
            log.println(dir.runId() + ": complete, skipped");
            return dir.summary();
        }
        // a GPU run refuses to start on the CPU DJL falls back to; every input is checked before
        // the lock, which creates the run folder
        org.ivit.platform.ComputeDevice.require(
                org.ivit.platform.DeviceChoice.forProfile(cfg.profile()), cfg.profile());
        PreparedDataset dataset = PreparedDataset.open(dataDir, cfg.dataset());
        checkInputs(cfg, dir.runId(), dataset);
        Path backbone = backboneWeights(cfg);
        try (RunLock lock =
                RunLock.acquire(dir.path(), RunLock.Host.current(), RunLock.GRACE_SECONDS)) {
            if (dir.finished()) { // finished by the trainer that held the lock a moment ago
                log.println(dir.runId() + ": complete, skipped");
                return dir.summary();
            }
            return trainLocked(cfg, dir, dataset, backbone, start);
        }
    }

    private RunSummary trainLocked(
            ExperimentConfig cfg,
            RunDirectory dir,
            PreparedDataset dataset,
            Path backbone,
            long start)
            throws IOException, TranslateException {
        String runId = dir.runId();
        log.println("training " + runId);
        RunOrigin provenance =
                Provenance.of(
                        dataset,
                        backbone,
                        new InputFolders(resultsDir, weightsDir, dataDir, Project.root()));
        FewShotSplits.Subset subset = fewShotSubset(cfg, dataset);
        if (subset != null) {
            provenance = provenance.withFewShot(subset.record());
        }
        // a few-shot run knows k labelled images per class; its image prompts must come from them
        // too
        List<org.ivit.data.LabeledImage> promptImagePool =
                subset != null ? subset.train() : dataset.split(Split.TRAIN);
        PromptFeatures features = null;
        RunData.ClassRanking selection = null;
        if (cfg.method().usesPrompts()) {
            try (Clip clip = openClip(cfg)) {
                PromptBank prompts = promptBank(clip, cfg, promptImagePool);
                features = PromptFeatures.of(prompts);
                provenance =
                        provenance.withPrompts(
                                new RunOrigin.Prompts(
                                        clip.label(),
                                        clip.weightsSha256(),
                                        prompts.recipe().toString()));
            }
            // CLIP is closed while the backbone trains (its memory is the backbone's); the
            // zero-shot
            // selection opens it again only when the first evaluation needs it
            if (cfg.prompt().valTopK() > 0) {
                ClipTopK topK =
                        ClipTopK.lazy(
                                () -> openClip(cfg), this::textBankForSelection, cfg, dataset);
                selection = subset == null ? topK : topK.withSplitRows("val", subset.val());
            }
        }
        RunData data = runData(cfg, dataset, selection, subset);
        RunSummary summary =
                new TrainingEngine(
                                new RunInput(cfg, data, features, backbone, provenance), reporter)
                        .run(dir);
        log.printf("%s: %.0f s%n", runId, (System.nanoTime() - start) / 1e9);
        return summary;
    }

    /**
     * Everything about a run that can be known before any work starts (loading CLIP and the prompt
     * bank takes time): the weights it reads exist, and its training split holds at least one
     * batch.
     *
     * @param runId the run's id in this results folder ({@link #runId}), which errors name
     */
    void checkInputs(ExperimentConfig cfg, String runId, PreparedDataset dataset)
            throws IOException {
        List<String> missing = missingWeights(cfg);
        if (!missing.isEmpty()) {
            throw new IOException(
                    "weights missing for "
                            + runId
                            + ": "
                            + String.join(", ", missing)
                            + " (backboneWeights"
                            + " or clip in the spec); run: "
                            + fetchWeightsCommand(missing));
        }
        FewShotSplits.check(dataset, cfg.data().shots(), specSource(runId));
        int train = dataset.split(Split.TRAIN).size();
        int used =
                cfg.data().shots() > 0
                        ? cfg.data().shots() * dataset.numClasses()
                        : cfg.data().trainLimit() > 0
                                ? Math.min(train, cfg.data().trainLimit())
                                : train;
        if (used < cfg.schedule().batchSize()) {
            throw new SpecException(
                    "--set",
                    "batchSize",
                    "= "
                            + cfg.schedule().batchSize()
                            + " is larger than the training split of "
                            + cfg.dataset()
                            + " in "
                            + dataDir
                            + " ("
                            + used
                            + " images"
                            + (used < train ? " with trainLimit" : "")
                            + ")");
        }
    }

    private static String specSource(String runId) {
        return "spec of " + runId;
    }

    /**
     * The id of the run of this spec in this results folder: a recorded run's, else the one a new
     * run gets.
     */
    public String runId(ExperimentConfig cfg) {
        return runIds().idFor(cfg);
    }

    /** The runs recorded in this results folder. */
    public RunIds runIds() {
        return RunIds.in(runsDir());
    }

    private PromptBank textBankForSelection(Clip clip, ExperimentConfig cfg) throws IOException {
        return promptBank(
                clip,
                cfg.with("prompt", PromptKind.TEXT.id()),
                List.of()); // text prompts choose no image
    }

    private Clip openClip(ExperimentConfig cfg) throws IOException {
        if (cfg.prompt().clip().equals("random-small")) {
            return Clip.randomSmall(RANDOM_CLIP_SEED);
        }
        Path folder = weightFolder(cfg.prompt().clip());
        if (!Files.isRegularFile(folder.resolve("model.safetensors"))) {
            throw new IOException(
                    "CLIP weights "
                            + cfg.prompt().clip()
                            + " are missing from "
                            + folder
                            + "; run: "
                            + fetchWeightsCommand(List.of(cfg.prompt().clip())));
        }
        return Clip.load(folder);
    }

    private PromptBank promptBank(
            Clip clip, ExperimentConfig cfg, List<org.ivit.data.LabeledImage> imagePool)
            throws IOException {
        // a bank of training images depends on the seed (and a few-shot run's k) that chose them:
        // one file each, none overwritten
        boolean images = cfg.prompt().kind().usesImages();
        String seed =
                images
                        ? (cfg.data().shots() > 0 ? "-k" + cfg.data().shots() : "")
                                + "-seed"
                                + cfg.seed()
                        : "";
        Path file =
                resultsDir
                        .resolve("prompt-banks")
                        .resolve(
                                cfg.dataset()
                                        + "-"
                                        + cfg.prompt().kind().id()
                                        + "-"
                                        + cfg.prompt().clip().replace('/', '_')
                                        + "-"
                                        + cfg.prompt().templateSet()
                                        + seed
                                        + ".safetensors");
        Files.createDirectories(file.getParent());
        return PromptBanks.cached(
                file,
                clip,
                PreparedDataset.open(dataDir, cfg.dataset()),
                cfg.prompt().kind(),
                TemplateSet.named(cfg.prompt().templateSet()),
                cfg.seed(),
                1,
                imagePool);
    }

    /**
     * The few-shot subset of a run with {@code shots} &gt; 0, drawn and written once; null for the
     * full splits.
     */
    private FewShotSplits.Subset fewShotSubset(ExperimentConfig cfg, PreparedDataset dataset)
            throws IOException {
        return cfg.data().shots() > 0
                ? FewShotSplits.subset(dataset, cfg.data().shots(), cfg.seed(), resultsDir)
                : null;
    }

    RunData runData(ExperimentConfig cfg, PreparedDataset dataset, RunData.ClassRanking selection)
            throws IOException {
        return runData(cfg, dataset, selection, fewShotSubset(cfg, dataset));
    }

    /**
     * @param subset the run's few-shot subset ({@link #fewShotSubset}), or null for the full splits
     */
    private RunData runData(
            ExperimentConfig cfg,
            PreparedDataset dataset,
            RunData.ClassRanking selection,
            FewShotSplits.Subset subset)
            throws IOException {
        PreparedImageDataset train = split(cfg, Split.TRAIN, BackboneInputs.train(cfg));
        PreparedImageDataset val = split(cfg, Split.VAL, BackboneInputs.eval(cfg));
        PreparedImageDataset test = split(cfg, Split.TEST, BackboneInputs.eval(cfg));
        RandomAccessDataset trainSubset =
                cfg.data().trainLimit() > 0
                        ? BalancedSubset.of(train, cfg.data().trainLimit(), cfg.seed())
                        : train;
        // a class-balanced validation subset makes each epoch's selection pass cheaper; the test
        // split stays whole
        RandomAccessDataset valSubset =
                cfg.data().valLimit() > 0
                        ? BalancedSubset.of(val, cfg.data().valLimit(), cfg.seed())
                        : val;
        if (subset != null) {
            // the rows of the split files (the subset matched them), so a rerun from the committed
            // files sees the same images
            trainSubset = train.subDataset(FewShotSplits.indices(train.rows(), subset.train()));
            valSubset = val.subDataset(FewShotSplits.indices(val.rows(), subset.val()));
        }
        return new RunData(
                trainSubset,
                valSubset,
                test,
                dataset.classNames(),
                Provenance.datasetHash(dataset),
                () ->
                        train.badImages().count()
                                + val.badImages().count()
                                + test.badImages().count(),
                selection,
                train::setEpoch,
                subset == null ? null : subset.record());
    }

    private PreparedImageDataset split(ExperimentConfig cfg, Split split, ImagePipeline pipeline)
            throws IOException {
        return PreparedImageDataset.builder()
                .optDataDir(dataDir)
                .setDataset(cfg.dataset())
                .setSplit(split)
                .optTransform(pipeline)
                .optNormalization(BackboneInputs.normalization(cfg))
                .optSeed(cfg.seed())
                .setSampling(cfg.schedule().microBatch(), false)
                .optPrefetchNumber(org.ivit.platform.LoaderThreads.current().prefetch())
                .build();
    }

    private Path backboneWeights(ExperimentConfig cfg) throws IOException {
        if (cfg.backboneWeights() == null) {
            return null;
        }
        if (cfg.backboneWeights().equals("quick-pretrained")) {
            return QuickBackbone.verified(resultsDir);
        }
        Path file = weightFolder(cfg.backboneWeights()).resolve("model.safetensors");
        if (!Files.isRegularFile(file)) {
            throw new IOException(
                    "backbone weights are missing: "
                            + file
                            + "; run: "
                            + fetchWeightsCommand(List.of(cfg.backboneWeights())));
        }
        return file;
    }

    /**
     * Pretrains the quick profile's backbone ({@link QuickPretraining#config}, or a variant of it)
     * into {@code <pretrainingDir>/<run id>/}; returns the exported {@code backbone.safetensors}.
     * Runs never call this: they load the committed backbone ({@link QuickBackbone}).
     */
    public Path pretrainQuickBackbone(ExperimentConfig cfg, Path pretrainingDir)
            throws IOException, TranslateException {
        return QuickPretraining.run(this, cfg, dataDir, pretrainingDir, reporter, log);
    }
}
