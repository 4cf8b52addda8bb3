package org.ivit.data.prepare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How one dataset goes from its original files to the prepared layout. A recipe fetches its
 * sources through the given {@link SourceFetcher}, unpacks what it needs into the staging folder,
 * and returns class names and splits; {@link DatasetPreparation} does the rest.
 */
public interface DatasetRecipe {
    /** The dataset's folder name, e.g. "oxford_pets". */
    String name();

    /** Split protocols this dataset supports; the first is the default. */
    List<String> protocols();

    PreparedContent build(SourceFetcher sources, Path staging, SplitSettings settings) throws IOException;

    static List<String> names() {
        return List.of(Caltech101Recipe.NAME, OxfordPetsRecipe.NAME, StanfordCarsRecipe.NAME, Flowers102Recipe.NAME,
                FashionMnistRecipe.NAME);
    }

    /** The recipe with the official sources. */
    static DatasetRecipe named(String name) throws PrepareException {
        return switch (name) {
            case Caltech101Recipe.NAME -> new Caltech101Recipe();
            case OxfordPetsRecipe.NAME -> new OxfordPetsRecipe();
            case StanfordCarsRecipe.NAME -> new StanfordCarsRecipe();
            case Flowers102Recipe.NAME -> new Flowers102Recipe();
            case FashionMnistRecipe.NAME -> new FashionMnistRecipe();
            default -> throw new PrepareException("unknown dataset '" + name + "'; known: " + names());
        };
    }

    /** The protocol to use: the requested one if supported, else the default. */
    default String resolveProtocol(String requested) throws PrepareException {
        if (requested == null) {
            return protocols().get(0);
        }
        if (!protocols().contains(requested)) {
            throw new PrepareException(name() + " has no split protocol '" + requested + "'; choose one of " + protocols());
        }
        return requested;
    }

    /** The source with file name {@code fileName} among {@code sources}. */
    static SourceFile find(List<SourceFile> sources, String fileName) {
        return sources.stream().filter(s -> s.fileName().equals(fileName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no source named " + fileName));
    }
}
