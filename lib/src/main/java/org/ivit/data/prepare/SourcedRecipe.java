package org.ivit.data.prepare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** What every recipe holds: its dataset name, its split protocols (default first) and its sources. */
abstract class SourcedRecipe implements DatasetRecipe {
    private final String name;
    private final List<String> protocols;
    protected final List<SourceFile> sources;

    SourcedRecipe(String name, List<String> protocols, List<SourceFile> sources) {
        this.name = name;
        this.protocols = List.copyOf(protocols);
        this.sources = List.copyOf(sources);
    }

    @Override
    public final String name() {
        return name;
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
