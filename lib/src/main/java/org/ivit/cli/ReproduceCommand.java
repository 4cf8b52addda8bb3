package org.ivit.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.ivit.train.Profiles;
import org.ivit.train.Reproduction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ivit reproduce}: every run of Tables 1 and 2 for a profile, skipping complete ones. */
@Command(name = "reproduce", description = "Run every run of the chosen tables, skipping those already complete.")
final class ReproduceCommand implements Callable<Integer> {
    @Option(names = "--profile", defaultValue = "quick", description = "quick or paper")
    String profile;
    @Option(names = "--tables", defaultValue = "1,2", split = ",", description = "1, 2 or 1,2")
    List<Integer> tables;
    @Option(names = "--datasets", split = ",", description = "default: the profile's datasets")
    List<String> datasets;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Reproduction.of(profile).reproduce(tables, datasets != null ? datasets : Profiles.defaultDatasets(profile));
        System.out.printf("reproduce --profile %s: %.0f s%n", profile, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
