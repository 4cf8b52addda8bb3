package org.ivit.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.ivit.backbone.Backbone;
import org.ivit.backbone.Backbones;
import org.ivit.train.DryRun;
import org.ivit.train.ExperimentConfig;
import org.ivit.train.Method;
import org.ivit.train.Profiles;
import org.ivit.train.Reproduction;
import org.ivit.train.SpecException;
import org.ivit.train.TuningMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/** {@code ivit train}: one run of a profile, with overrides of any config key. */
@Command(name = "train", description = "Train one run; a complete run is recognised and not trained again.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--profile", defaultValue = "quick", description = "quick or paper")
    String profile;
    @Option(names = "--dataset", description = "default: fashion_mnist (quick), caltech101 (paper)")
    String dataset;
    @Option(names = "--method", defaultValue = "instruction-vit", description = "vit, vpt, instruction-vit or classifier; or a"
            + " Table 1 row by its backbone id (e.g. resnet50: the classifier method on that backbone); backbones are listed below")
    String method;
    @Option(names = "--backbone", description = "a registered backbone id (default: the profile's: quick, or"
            + " vit_base_patch16_224 in paper); in the paper profile its checkpoint sets the weights and the input preprocessing")
    String backbone;
    @Option(names = "--prompt", defaultValue = "text", description = "text, image or mix (Instruction-ViT)")
    String prompt;
    @Option(names = "--mode", defaultValue = "full", description = "full or prompt")
    String mode;
    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a config key, e.g. --set epochs=5"
            + " --set simLoss=authors; every key is checked before any work starts."
            + " (the keys are listed below)")
    Map<String, String> overrides = Map.of();
    @Spec
    CommandSpec spec;
    @Option(names = "--dry-run", description = "print the resolved config, then build the real-sized model with random"
            + " weights and run one micro-batch on the CPU; needs no data or weights")
    boolean dryRun;
    @Option(names = "--dry-run-classes", description = "class count for --dry-run (default: the dataset's own, from its"
            + " classes.txt when prepared, else the count its recipe prepares)")
    Integer dryRunClasses;

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
                    throw new IllegalArgumentException("--method " + method + " is backbone " + method + "; it contradicts --backbone " + backbone);
                }
                return new Row(Method.CLASSIFIER, method);
            }
            throw new IllegalArgumentException("unknown --method '" + method + "': a method (" + Method.IDS + ") or a backbone ("
                    + String.join(", ", Backbones.ids()) + ")");
        }
    }

    /** The backbones section of {@code train --help}: every registration, with its Table 1 row, checkpoint and inputs. */
    static String backboneHelp() {
        StringBuilder out = new StringBuilder(String.format("%nBackbones (--method <id> trains a Table 1 row, --backbone <id>):%n"));
        for (Backbone b : Backbones.all()) {
            out.append("  ").append(b.id()).append(": ").append(b.table1Row().map(r -> "Table 1 row " + r).orElse("no Table 1 row"))
                    .append(b.weights() == null ? "; no checkpoint (inputs from the profile)"
                            : "; " + b.weights().hfHubId() + ", " + b.weights().pretrainedCfg().summary())
                    .append(System.lineSeparator());
        }
        return out.toString();
    }

    @Override
    public Integer call() throws Exception {
        Reproduction reproduction = Reproduction.of(profile);
        String name = dataset != null ? dataset : Profiles.defaultDatasets(profile).get(0);
        ExperimentConfig cfg;
        try {
            Row row = Row.of(method, backbone);
            ExperimentConfig.Builder builder = Profiles.builder(profile, name, row.method(), row.backbone(), prompt,
                    TuningMode.fromId(mode));
            for (Map.Entry<String, String> e : overrides.entrySet()) {
                builder.set("--set", e.getKey(), e.getValue());
            }
            cfg = builder.build();
        } catch (SpecException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, e.field());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, method);
        }
        if (dryRun) {
            System.out.println(cfg.toJson());
            System.out.println("run id: " + cfg.runId());
            int classes = dryRunClasses != null ? dryRunClasses : reproduction.classCount(cfg.dataset());
            System.out.println(DryRun.run(cfg, classes, 2));
            return 0;
        }
        reproduction.train(cfg);
        return 0;
    }
}
