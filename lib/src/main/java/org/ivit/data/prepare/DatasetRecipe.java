package org.ivit.data.prepare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ivit.data.BenchmarkDataset;

/**
 * How one dataset goes from its original files to the prepared layout. A recipe fetches its sources
 * through the given {@link SourceFetcher}, unpacks what it needs into the staging folder, and
 * returns class names and splits; {@link DatasetPreparation} does the rest. Recipes are registered
 * as services and listed by {@link org.ivit.data.Datasets}; each needs a public no-argument
 * constructor that uses the official sources.
 */
public interface DatasetRecipe {
    /** The dataset's id and folder name, e.g. "oxford_pets". */
    default String name() {
        return dataset().id();
    }

    /** Split protocols this dataset supports; the first is the default. */
    List<String> protocols();

    PreparedContent build(SourceFetcher sources, Path staging, SplitSettings settings)
            throws IOException;

    /** Who the dataset is: id, paper label, class count, template set, paper column. */
    BenchmarkDataset dataset();

    /** The protocol to use: the requested one if supported, else the default. */
    default String resolveProtocol(String requested) throws PrepareException {
        if (requested == null) {
            return protocols().get(0);
        }
        if (!protocols().contains(requested)) {
            throw new PrepareException(
                    name()
                            + " has no split protocol '"
                            + requested
                            + "'; choose one of "
                            + protocols());
        }
        return requested;
    }

    /** The source with file name {@code fileName} among {@code sources}. */
    static SourceFile find(List<SourceFile> sources, String fileName) {
        return sources.stream()
                .filter(s -> s.fileName().equals(fileName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no source named " + fileName));
    }
}
