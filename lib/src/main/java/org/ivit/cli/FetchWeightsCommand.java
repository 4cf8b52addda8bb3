package org.ivit.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ivit.Project;
import org.ivit.backbone.Backbones;
import org.ivit.io.TimmCheckpoint;
import org.ivit.io.WeightFetcher;
import org.ivit.io.WeightRepository;
import org.ivit.model.ModelFamilies;
import org.ivit.model.WeightCatalogue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fetch-weights [--weights-dir DIR] [--only NAME,...|--table1|--all|--list] [MODEL...]}: by
 * default CLIP ViT-B/32, CLIP ViT-B/16 and the timm ViT-B/16 backbone (what the Instruction-ViT
 * runs need); {@code --only} or MODEL names pick entries of the catalogue ({@link TimmCheckpoint},
 * {@link WeightCatalogue#CATALOGUE}); {@code --table1} every Table 1 checkpoint; {@code --all} the
 * whole catalogue; {@code --list} prints it. Exit 0 when every file is verified, 2 when the network
 * is missing (with the files to place by hand) or on a usage error, 1 on any other failure (an
 * unknown model name among them).
 */
@Command(
        name = "fetch-weights",
        description = {
            "Fetch pretrained weights from Hugging Face with resume and verification.",
            "Without a selection: clip-b32, clip-b16 and vit-b16 (what the Instruction-ViT runs need).",
            "Names: an alias (clip-b16, resnet-50), a timm architecture (resnet50), timm's arch.tag"
                    + " (resnet50.ram_in1k) or any owner/name. --list shows the catalogue and why each tag."
        })
final class FetchWeightsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--weights-dir",
            description = "where models go (default: $IVIT_WEIGHTS_DIR or <repo>/weights)")
    Path weightsDir;

    @Option(
            names = "--endpoint",
            description = "Hugging Face endpoint (default: $HF_ENDPOINT or https://huggingface.co)")
    URI endpoint;

    @Option(
            names = "--only",
            split = ",",
            paramLabel = "NAME",
            description = "fetch just these models (comma-separated or repeated)")
    List<String> only = new ArrayList<>();

    @Option(
            names = "--table1",
            description =
                    "fetch the timm checkpoint of every Table 1 row (ViT-B/16 and the ten baselines)")
    boolean table1;

    @Option(
            names = "--all",
            description =
                    "fetch the whole catalogue (the CLIP models, every Table 1 checkpoint, the distilled DeiT-B)")
    boolean all;

    @Option(
            names = "--list",
            description =
                    "print the catalogue (id, alias, pretrained config, why this tag) and fetch nothing")
    boolean list;

    @Parameters(
            paramLabel = "MODEL",
            description = "same as --only (default: clip-b32 clip-b16 vit-b16)")
    List<String> models = new ArrayList<>();

    /**
     * The checkpoints of the Table 1 backbones of the registry (ViT-B/16 and the ten baselines), in
     * the table's order.
     */
    static List<WeightRepository> table1Repositories() {
        return Backbones.table1().stream().map(b -> b.weights().repository()).toList();
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        List<String> names = new ArrayList<>(only);
        names.addAll(models);
        int selections =
                (names.isEmpty() ? 0 : 1) + (table1 ? 1 : 0) + (all ? 1 : 0) + (list ? 1 : 0);
        if (selections > 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "give one of --only/MODEL, --table1, --all and --list");
        }
        if (list) {
            out.print(catalogue());
            out.flush();
            return 0;
        }
        List<WeightRepository> repos =
                table1
                        ? table1Repositories()
                        : all
                                ? WeightCatalogue.CATALOGUE
                                : names.isEmpty()
                                        ? WeightCatalogue.KNOWN
                                        : WeightCatalogue.parseAll(names);
        Path dir = Project.weightsDir(weightsDir);
        URI base = endpoint != null ? endpoint : defaultEndpoint();
        WeightFetcher fetcher = new WeightFetcher(base, dir, out);
        List<WeightFetcher.Outcome> outcomes = new ArrayList<>();
        for (WeightRepository repo : repos) {
            out.println(repo.repo() + " -> " + repo.folder(dir));
            List<WeightFetcher.Outcome> fetched = fetcher.fetch(repo);
            outcomes.addAll(fetched);
            checkTimmConfig(repo, fetched, out);
        }
        String manual = WeightFetcher.manualSteps(outcomes);
        if (!manual.isEmpty()) {
            out.println(
                    "\nNo network access to "
                            + base
                            + ". Download these files by hand and put each one at the path"
                            + " shown:\n"
                            + manual
                            + "Then run fetch-weights again: it checks them and records their SHA-256 in"
                            + " each folder's manifest.json.");
        }
        long failed =
                outcomes.stream().filter(o -> o.status() == WeightFetcher.Status.FAILED).count();
        out.flush();
        return failed > 0 ? 1 : manual.isEmpty() ? 0 : 2;
    }

    /**
     * For a catalogue timm checkpoint whose config.json is in place: does timm's saved cfg agree
     * with the catalogue's?
     */
    private static void checkTimmConfig(
            WeightRepository repo, List<WeightFetcher.Outcome> fetched, PrintStream out) {
        var checkpoint = ModelFamilies.findCheckpoint(repo.repo());
        var config =
                fetched.stream().filter(o -> o.file().equals("config.json") && o.ok()).findFirst();
        if (checkpoint.isEmpty() || config.isEmpty()) {
            return;
        }
        try {
            List<String> differences =
                    checkpoint.get().configDisagreements(Files.readString(config.get().path()));
            out.println(
                    differences.isEmpty()
                            ? "  config.json agrees with the catalogue: "
                                    + checkpoint.get().pretrainedCfg().summary()
                            : "  WARNING: config.json differs from the catalogue (the model family's TimmCheckpoint, timm's code for this tag,"
                                    + " which is what is used): "
                                    + String.join("; ", differences));
        } catch (IOException | RuntimeException e) {
            out.println(
                    "  WARNING: cannot compare config.json with the catalogue: " + e.getMessage());
        }
    }

    /** The catalogue as --list prints it; {@code *} marks what a bare fetch-weights fetches. */
    static String catalogue() {
        StringBuilder b =
                new StringBuilder(
                        "Weights catalogue (* = fetched without arguments; --table1 = every timm row)\n\n");
        for (WeightRepository clip : WeightCatalogue.clipModels()) {
            b.append(
                    String.format(
                            "%s %-22s %s%n    files: %s; CLIP text/image encoders (prompt features)%n%n",
                            mark(clip),
                            clip.alias(),
                            clip.repo(),
                            String.join(", ", clip.files())));
        }
        for (TimmCheckpoint c : ModelFamilies.checkpoints()) {
            b.append(
                    String.format(
                            "%s %-22s %s  (alias %s; Table 1: %s)%n    pretrained cfg: %s%n    why: %s%n%n",
                            mark(c.repository()),
                            c.architecture(),
                            c.hfHubId(),
                            c.alias(),
                            c.paperRow(),
                            c.pretrainedCfg().summary(),
                            c.why()));
        }
        return b.toString();
    }

    private static String mark(WeightRepository repo) {
        return WeightCatalogue.KNOWN.contains(repo) ? "*" : " ";
    }

    private static URI defaultEndpoint() {
        String env = System.getenv("HF_ENDPOINT");
        return env != null && !env.isBlank() ? URI.create(env) : WeightFetcher.HUGGING_FACE;
    }
}
