package org.ivit.data.prepare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

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

    /**
     * How many classes a known dataset has once prepared (each recipe's {@code CLASSES}), for code
     * that must size a model before the dataset is there; empty for an id no recipe knows.
     */
    static OptionalInt classCount(String name) {
        return switch (name) {
            case Caltech101Recipe.NAME -> OptionalInt.of(Caltech101Recipe.CLASSES);
            case OxfordPetsRecipe.NAME -> OptionalInt.of(OxfordPetsRecipe.CLASSES);
            case StanfordCarsRecipe.NAME -> OptionalInt.of(StanfordCarsRecipe.CLASSES);
            case Flowers102Recipe.NAME -> OptionalInt.of(Flowers102Recipe.CLASSES);
            case FashionMnistRecipe.NAME -> OptionalInt.of(FashionMnistRecipe.CLASSES);
            default -> OptionalInt.empty();
        };
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
