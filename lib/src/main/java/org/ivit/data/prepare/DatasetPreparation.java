package org.ivit.data.prepare;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.ivit.data.LabeledImage;
import org.ivit.data.PreparedLayout;
import org.ivit.data.Split;
import org.ivit.data.SplitFile;
import org.ivit.io.ResumableDownloader;

/**
 * Runs a recipe so that a dataset folder either is complete or does not exist: everything is built
 * in a staging folder beside the target, PREPARED.json is written last, and the staging folder is
 * renamed into place in one atomic step. Any failure removes the staging folder.
 */
public final class DatasetPreparation {
    /** What the user asked for; null fields take their defaults. */
    public record Request(
            Path dataDir,
            String from,
            String protocol,
            boolean skipChecksum,
            long seed,
            Integer limitPerClass,
            boolean force) {}

    private final PrintStream log;
    private final ResumableDownloader downloader;

    public DatasetPreparation(PrintStream log) {
        this(log, new ResumableDownloader(log));
    }

    public DatasetPreparation(PrintStream log, ResumableDownloader downloader) {
        this.log = log;
        this.downloader = downloader;
    }

    /**
     * Prepares the dataset and returns its folder; an already prepared one is kept unless {@code
     * force}.
     */
    public Path prepare(DatasetRecipe recipe, Request request) throws IOException {
        String protocol = recipe.resolveProtocol(request.protocol());
        Path dataDir = request.dataDir().toAbsolutePath().normalize();
        PreparedLayout layout = PreparedLayout.of(dataDir, recipe.name());
        Path target = layout.root();
        if (Files.isRegularFile(layout.manifest()) && !request.force()) {
            log.println(
                    recipe.name()
                            + " is already prepared in "
                            + target
                            + " (use --force to prepare it again)");
            return target;
        }
        if (Files.exists(target) && !Files.isRegularFile(layout.manifest()) && !request.force()) {
            throw new PrepareException(
                    target
                            + " exists but is not a prepared dataset (no "
                            + PreparedLayout.MANIFEST
                            + "); remove it or pass --force");
        }
        Files.createDirectories(dataDir);
        removeStale(dataDir, "." + recipe.name() + ".staging-");
        Path staging = Files.createTempDirectory(dataDir, "." + recipe.name() + ".staging-");
        if (Files.getFileStore(staging).supportsFileAttributeView("posix")) {
            // Temporary folders are private; a dataset folder should read like any other.
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        try {
            SourceFetcher fetcher =
                    new SourceFetcher(
                            dataDir.resolve("downloads").resolve(recipe.name()),
                            request.from(),
                            request.skipChecksum(),
                            downloader,
                            log);
            SplitSettings settings =
                    new SplitSettings(protocol, request.seed(), request.limitPerClass());
            long start = System.nanoTime();
            PreparedContent content = recipe.build(fetcher, staging, settings);
            content =
                    new PreparedContent(
                            content.classNames(),
                            settings.limit(content.train(), "train"),
                            settings.limit(content.val(), "val"),
                            settings.limit(content.test(), "test"),
                            content.protocolDescription());
            check(content, staging, recipe.name());
            write(new PreparedLayout(staging), content, recipe.name(), settings, fetcher.fetched());
            swapIntoPlace(staging, target, dataDir);
            log.printf(
                    "prepared %s in %s: %d classes; train %d, val %d, test %d images (%.1f s)%n",
                    recipe.name(),
                    target,
                    content.classNames().size(),
                    content.train().size(),
                    content.val().size(),
                    content.test().size(),
                    (System.nanoTime() - start) / 1e9);
            return target;
        } catch (IOException | RuntimeException | Error e) {
            deleteTree(staging);
            throw e;
        }
    }

    private static void check(PreparedContent content, Path staging, String name)
            throws PrepareException {
        int classes = content.classNames().size();
        if (classes == 0) {
            throw new PrepareException(name + ": no classes found");
        }
        for (String className : content.classNames()) {
            if (className.isBlank() || className.contains("\n") || className.contains("\r")) {
                throw new PrepareException(name + ": unusable class name '" + className + "'");
            }
        }
        if (content.train().isEmpty() || content.test().isEmpty()) {
            throw new PrepareException(name + ": the train or test split is empty");
        }
        Set<String> seen = new HashSet<>();
        for (List<LabeledImage> split : List.of(content.train(), content.val(), content.test())) {
            for (LabeledImage image : split) {
                if (image.label() >= classes) {
                    throw new PrepareException(
                            name
                                    + ": label "
                                    + image.label()
                                    + " of "
                                    + image.path()
                                    + " is outside the "
                                    + classes
                                    + " classes");
                }
                if (!seen.add(image.path())) {
                    throw new PrepareException(
                            name + ": " + image.path() + " appears twice in the splits");
                }
                if (!Files.isRegularFile(staging.resolve(image.path()))) {
                    throw new PrepareException(
                            name + ": " + image.path() + " is listed but missing from the archive");
                }
            }
        }
    }

    private static void write(
            PreparedLayout layout,
            PreparedContent content,
            String name,
            SplitSettings settings,
            List<FetchedFile> sources)
            throws IOException {
        Files.writeString(
                layout.classes(),
                String.join("\n", content.classNames()) + "\n",
                StandardCharsets.UTF_8);
        SplitFile.write(layout.split(Split.TRAIN), content.train());
        SplitFile.write(layout.split(Split.VAL), content.val());
        SplitFile.write(layout.split(Split.TEST), content.test());

        JsonObject manifest = new JsonObject();
        manifest.addProperty("format", 1);
        manifest.addProperty("dataset", name);
        manifest.addProperty("protocol", settings.protocol());
        manifest.addProperty("protocolDescription", content.protocolDescription());
        manifest.addProperty("seed", settings.seed());
        if (settings.limitPerClass() != null) {
            manifest.addProperty("limitPerClass", settings.limitPerClass());
        }
        manifest.addProperty("classes", content.classNames().size());
        JsonObject counts = new JsonObject();
        counts.addProperty("train", content.train().size());
        counts.addProperty("val", content.val().size());
        counts.addProperty("test", content.test().size());
        manifest.add("counts", counts);
        JsonArray files = new JsonArray();
        for (FetchedFile source : sources) {
            JsonObject file = new JsonObject();
            file.addProperty("file", source.fileName());
            file.addProperty("md5", source.md5());
            file.addProperty("verified", source.verified());
            file.addProperty("origin", source.origin());
            files.add(file);
        }
        manifest.add("sources", files);
        manifest.addProperty(
                "preparedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        manifest.addProperty("tool", "ivit prepare 0.1.0");
        // Written last: its presence is what marks the folder as complete.
        Files.writeString(
                layout.manifest(),
                new GsonBuilder()
                                .setPrettyPrinting()
                                .disableHtmlEscaping()
                                .create()
                                .toJson(manifest)
                        + "\n",
                StandardCharsets.UTF_8);
    }

    private static void swapIntoPlace(Path staging, Path target, Path dataDir) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old =
                    dataDir.resolve(
                            "." + target.getFileName() + ".old-" + System.currentTimeMillis());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            deleteTree(old);
        }
    }

    /** Leftovers of a run that was killed; no other run can be using them once a new one starts. */
    private void removeStale(Path dataDir, String prefix) throws IOException {
        try (Stream<Path> entries = Files.list(dataDir)) {
            for (Path entry :
                    entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                log.println("removing the leftover of an interrupted run: " + entry);
                deleteTree(entry);
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.delete(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
