package org.ivit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ivit.backbone.Backbones;
import org.ivit.model.ModelVariant;
import org.ivit.platform.DeviceChoice;
import org.ivit.prompt.TextPromptKind;
import org.ivit.runs.DryRun;
import org.ivit.runs.Reproduction;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Method;
import org.ivit.spec.PlanFile;
import org.ivit.spec.PlanFileException;
import org.ivit.spec.Profiles;
import org.ivit.spec.SeedList;
import org.ivit.spec.SpecException;
import org.ivit.spec.TuningMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ivit train}: one run of a profile, with overrides of any config key. */
@Command(
        name = "train",
        description = "Train one run; a complete run is recognised and not trained again.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--profile", defaultValue = "quick", description = "quick or paper")
    String profile;

    @Option(
            names = "--dataset",
            completionCandidates = RegisteredIds.DatasetIds.class,
            description = "one of: ${COMPLETION-CANDIDATES}; default: the profile's first dataset")
    String dataset;

    @Option(
            names = "--method",
            defaultValue = "instruction-vit",
            description =
                    "vit, vpt, instruction-vit or classifier; or a"
                            + " Table 1 row by its backbone id (e.g. resnet50: the classifier method on that backbone); backbones are listed below")
    String method;

    @Option(
            names = "--backbone",
            description =
                    "a registered backbone id (default: the profile's: quick, or"
                            + " vit_base_patch16_224 in paper); in the paper profile its checkpoint sets the weights and the input preprocessing")
    String backbone;

    @Option(
            names = "--prompt",
            defaultValue = TextPromptKind.ID,
            completionCandidates = RegisteredIds.PromptKindIds.class,
            description = "Instruction-ViT's prompt kind, one of: ${COMPLETION-CANDIDATES}")
    String prompt;

    @Option(names = "--mode", defaultValue = "full", description = "full or prompt")
    String mode;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "override a config key, e.g. --set epochs=5"
                            + " --set simLoss=authors; every key is checked before any work starts."
                            + " (the keys are listed below)")
    Map<String, String> overrides = Map.of();

    @Spec CommandSpec spec;

    @Option(
            names = "--dry-run",
            description =
                    "print the resolved config, then build the real-sized model with random"
                            + " weights and run one micro-batch on the CPU; needs no data or weights")
    boolean dryRun;

    @Option(
            names = "--seeds",
            paramLabel = "N|S1,S2,...",
            description =
                    "train one run per seed: a count (the first N of"
                            + " the profile's seeds: 1234, 1235, 1236, ...) or a list with commas (7, for one seed); default: the profile's"
                            + " first seed only (or --set seed=S)")
    String seedsText;

    @Option(
            names = "--dry-run-classes",
            description =
                    "class count for --dry-run (default: the dataset's own, from its"
                            + " classes.txt when prepared, else the count its recipe prepares)")
    Integer dryRunClasses;

    @Option(
            names = "--plan-file",
            paramLabel = "FILE",
            description =
                    "train one run of a plan written by reproduce --plan"
                            + " (its line carries the whole spec); needs --index; the spec options above must not be given")
    Path planFile;

    @Option(
            names = "--index",
            paramLabel = "I",
            description = "with --plan-file: the run's 0-based line, e.g. $SLURM_ARRAY_TASK_ID")
    Integer index;

    /**
     * What {@code --method} and {@code --backbone} select: a method by id, or a Table 1 row by its
     * backbone's id ({@code --method resnet50} is {@code --method classifier --backbone resnet50}).
     */
    record Row(Method method, String backbone) {
        static Row of(String method, String backbone) {
            for (Method m : Method.values()) {
                if (m.id().equals(method)) {
                    return new Row(m, backbone);
                }
            }
            if (Backbones.find(method).isPresent()) {
                if (backbone != null && !backbone.equals(method)) {
                    throw new IllegalArgumentException(
                            "--method "
                                    + method
                                    + " is backbone "
                                    + method
                                    + "; it contradicts --backbone "
                                    + backbone);
                }
                return new Row(Method.CLASSIFIER, method);
            }
            throw new IllegalArgumentException(
                    "unknown --method '"
                            + method
                            + "': a method ("
                            + Method.IDS
                            + ") or a backbone ("
                            + String.join(", ", Backbones.ids())
                            + ")");
        }
    }

    /**
     * The backbones section of {@code train --help}: every registration, with its Table 1 row,
     * checkpoint and inputs.
     */
    static String backboneHelp() {
        StringBuilder out =
                new StringBuilder(
                        String.format(
                                "%nBackbones (--method <id> trains a Table 1 row, --backbone <id>):%n"));
        for (ModelVariant b : Backbones.all()) {
            out.append("  ")
                    .append(b.id())
                    .append(": ")
                    .append(b.table1Row().map(r -> "Table 1 row " + r).orElse("no Table 1 row"))
                    .append(
                            b.weights() == null
                                    ? "; no checkpoint (inputs from the profile)"
                                    : "; "
                                            + b.weights().hfHubId()
                                            + ", "
                                            + b.weights().pretrainedCfg().summary())
                    .append(System.lineSeparator());
        }
        return out.toString();
    }

    @Option(
            names = "--device",
            paramLabel = "gpu|cpu|auto",
            description =
                    "gpu: refuse to start unless DJL sees a GPU (the"
                            + " paper profile's default); cpu: no such check, for a dry run on the CPU (also IVIT_ALLOW_CPU=1); auto: whatever"
                            + " DJL finds (the quick profile's default). Also IVIT_DEVICE")
    String device;

    @Override
    public Integer call() throws Exception {
        if (device == null) {
            return trainRuns();
        }
        System.setProperty(DeviceChoice.PROPERTY, DeviceChoice.parse(device, "--device").id());
        try {
            return trainRuns();
        } finally {
            System.clearProperty(DeviceChoice.PROPERTY);
        }
    }

    private Integer trainRuns() throws Exception {
        if (planFile != null || index != null) {
            return trainFromPlan();
        }
        Reproduction reproduction = Reproduction.of(profile);
        String name = dataset != null ? dataset : Profiles.defaultDataset(profile);
        ExperimentConfig cfg;
        List<ExperimentConfig> runs = new ArrayList<>();
        try {
            Row row = Row.of(method, backbone);
            // a recipe given with --set is followed from the preset on, so the preset's rules for
            // it apply (the quick
            // profile scales the authors' schedule)
            org.ivit.spec.Recipe recipe =
                    overrides.containsKey("recipe")
                            ? org.ivit.spec.Recipe.fromId(overrides.get("recipe"))
                            : null;
            ExperimentConfig.Builder builder =
                    Profiles.builder(
                            profile,
                            name,
                            row.method(),
                            row.backbone(),
                            prompt,
                            TuningMode.fromId(mode),
                            recipe);
            for (Map.Entry<String, String> e : overrides.entrySet()) {
                builder.set("--set", e.getKey(), e.getValue());
            }
            cfg = builder.build();
            if (seedsText != null) {
                if (overrides.containsKey("seed")) {
                    throw new ParameterException(
                            spec.commandLine(),
                            "--seeds and --set seed=... both choose the seed; give one");
                }
                SeedList seeds;
                try {
                    seeds = SeedList.parse(seedsText, Profiles.seeds(profile));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(
                            spec.commandLine(), e.getMessage(), e, null, seedsText);
                }
                for (int seed : seeds.values()) {
                    runs.add(cfg.with("seed", String.valueOf(seed)));
                }
                cfg = runs.get(0);
            } else {
                runs.add(cfg);
            }
        } catch (SpecException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, e.field());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, method);
        }
        if (dryRun) {
            System.out.println(cfg.toJson());
            org.ivit.train.RunIds recorded = reproduction.runIds();
            System.out.println(
                    "run id: "
                            + recorded.idFor(cfg)
                            + (recorded.isRecorded(cfg) ? " (recorded)" : " (new)"));
            if (runs.size() > 1) {
                System.out.println(
                        "run ids of the seeds: "
                                + String.join(
                                        ", ",
                                        runs.stream()
                                                .map(r -> r.seed() + " " + recorded.idFor(r))
                                                .toList()));
            }
            int classes =
                    dryRunClasses != null ? dryRunClasses : reproduction.classCount(cfg.dataset());
            System.out.println(DryRun.run(cfg, recorded.idFor(cfg), classes, 2));
            return 0;
        }
        for (ExperimentConfig run : runs) {
            reproduction.train(run);
        }
        return 0;
    }

    private int trainFromPlan() throws Exception {
        if (planFile == null || index == null) {
            throw new ParameterException(spec.commandLine(), "--plan-file and --index go together");
        }
        for (String option :
                new String[] {
                    "--profile", "--dataset", "--method", "--prompt", "--mode", "--set", "--dry-run"
                }) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ParameterException(
                        spec.commandLine(),
                        option
                                + " cannot be combined with --plan-file: the plan's line"
                                + " is the whole spec");
            }
        }
        PlanFile plan = PlanFile.read(planFile);
        ExperimentConfig cfg = plan.run(index);
        Reproduction reproduction = Reproduction.of(cfg.profile());
        String planned = plan.runId(index);
        String runId = reproduction.runId(cfg);
        if (!planned.equals(runId)) {
            // an edited spec, or a results folder other than the planned one: training would mix
            // two runs under one name
            throw new PlanFileException(
                    planFile,
                    index + 1,
                    "run_id is "
                            + planned
                            + " but its spec gives "
                            + runId
                            + " in "
                            + reproduction.runsDir()
                            + "; write the plan again with ivit reproduce --plan against this results folder");
        }
        System.out.println("plan " + planFile + " index " + index + ": " + runId);
        reproduction.train(cfg);
        return 0;
    }
}
