package org.ivit.data.prepare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ivit.data.BenchmarkDataset;

/** What every recipe holds: its dataset, its split protocols (default first) and its sources. */
abstract class SourcedRecipe implements DatasetRecipe {
    private final BenchmarkDataset dataset;
    private final List<String> protocols;
    protected final List<SourceFile> sources;

    SourcedRecipe(BenchmarkDataset dataset, List<String> protocols, List<SourceFile> sources) {
        this.dataset = dataset;
        this.protocols = List.copyOf(protocols);
        this.sources = List.copyOf(sources);
    }

    @Override
    public final BenchmarkDataset dataset() {
        return dataset;
    }

    @Override
    public final List<String> protocols() {
        return protocols;
    }

    /** The source named {@code fileName}, fetched. */
    protected final Path fetch(SourceFetcher fetcher, String fileName) throws IOException {
        return fetcher.fetch(DatasetRecipe.find(sources, fileName));
    }
}
