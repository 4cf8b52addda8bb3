package org.ivit.cli;

import org.ivit.Project;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ivit.io.WeightFetcher;
import org.ivit.io.WeightRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fetch-weights [--weights-dir DIR] [MODEL...]}: CLIP ViT-B/32, CLIP ViT-B/16 and the timm
 * ViT-B/16 backbone by default. Exit 0 when every file is verified, 2 when the network is missing
 * (with the files to place by hand), 1 on any other failure.
 */
@Command(name = "fetch-weights", description = "Fetch pretrained weights from Hugging Face with resume and verification.")
final class FetchWeightsCommand implements Callable<Integer> {
    @Option(names = "--weights-dir", description = "where models go (default: $IVIT_WEIGHTS_DIR or <repo>/weights)")
    Path weightsDir;
    @Option(names = "--endpoint", description = "Hugging Face endpoint (default: $HF_ENDPOINT or https://huggingface.co)")
    URI endpoint;
    @Parameters(paramLabel = "MODEL", description = "clip-b32, clip-b16, vit-b16 or a repository id (default: the three)")
    List<String> models = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path dir = Project.weightsDir(weightsDir);
        URI base = endpoint != null ? endpoint : defaultEndpoint();
        List<WeightRepository> repos = models.isEmpty() ? WeightRepository.KNOWN
                : models.stream().map(WeightRepository::parse).toList();
        PrintStream out = System.out;
        WeightFetcher fetcher = new WeightFetcher(base, dir, out);
        List<WeightFetcher.Outcome> outcomes = new ArrayList<>();
        for (WeightRepository repo : repos) {
            out.println(repo.repo() + " -> " + repo.folder(dir));
            outcomes.addAll(fetcher.fetch(repo));
        }
        String manual = WeightFetcher.manualSteps(outcomes);
        if (!manual.isEmpty()) {
            out.println("\nNo network access to " + base + ". Download these files by hand and put each one at the path"
                    + " shown:\n" + manual + "Then run fetch-weights again: it checks them and records their SHA-256 in"
                    + " each folder's manifest.json.");
        }
        long failed = outcomes.stream().filter(o -> o.status() == WeightFetcher.Status.FAILED).count();
        out.flush();
        return failed > 0 ? 1 : manual.isEmpty() ? 0 : 2;
    }

    private static URI defaultEndpoint() {
        String env = System.getenv("HF_ENDPOINT");
        return env != null && !env.isBlank() ? URI.create(env) : WeightFetcher.HUGGING_FACE;
    }
}
