package org.ivit.results;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.OptionalInt;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.ivit.data.BenchmarkDataset;
import org.ivit.results.ResultTable.RowResult;
import org.w3c.dom.Node;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * How many cells of a table hold one of our results, and the rule built on it: a table or figure on
 * disk is never replaced by one with fewer results. A fresh clone, or a Binder container, may have
 * fewer run records than the committed results were made from; rewriting them would commit "not
 * run" over real numbers.
 *
 * <p>Results are runs: a cell of three seeds holds three. A table file counts the run ids in its
 * {@code <dataset>_run} cells. A figure carries its count in a PNG text chunk ({@value #PNG_KEY});
 * a figure written before that chunk existed is judged by the table file it was drawn from.
 */
public final class FilledCells {
    /** The PNG tEXt keyword of the figure's filled-cell count. */
    public static final String PNG_KEY = "ivit-filled-cells";

    private static final String PNG_FORMAT = "javax_imageio_png_1.0";
    private static PrintStream log = System.out;

    private FilledCells() {}

    /** Where the "kept ..." messages go (standard output: a notebook cell shows them). */
    static void logTo(PrintStream out) {
        log = out;
    }

    /**
     * Runs that fill cells of {@code table}: one per seed of each cell, so a table of 3 seeds
     * counts 3 per cell.
     */
    public static int of(ResultTable table) {
        int n = 0;
        for (RowResult row : table.rows()) {
            for (BenchmarkDataset d : table.datasets()) {
                n += row.cell(d).n();
            }
        }
        return n;
    }

    /** Runs that fill cells of one dataset's column. */
    public static int of(ResultTable table, BenchmarkDataset dataset) {
        if (!table.datasets().contains(dataset)) {
            return 0;
        }
        return table.rows().stream().mapToInt(r -> r.cell(dataset).n()).sum();
    }

    /**
     * Filled cells of a table CSV as {@link ResultTable#writeCsv} writes it (only {@code dataset}'s
     * column when it is not null); empty when the file does not exist or cannot be read as one.
     */
    public static OptionalInt inCsv(Path csv, BenchmarkDataset dataset) {
        if (!Files.isRegularFile(csv)) {
            return OptionalInt.empty();
        }
        try {
            Table t =
                    Table.read()
                            .usingOptions(
                                    CsvReadOptions.builder(csv.toFile())
                                            .columnTypes(
                                                    name -> tech.tablesaw.api.ColumnType.STRING)
                                            .build());
            int n = 0;
            for (String name : t.columnNames()) {
                if (name.endsWith("_run")
                        && (dataset == null || name.equals(dataset.id() + "_run"))) {
                    for (String value : t.stringColumn(name)) {
                        if (value != null
                                && !value.isBlank()
                                && !value.equals(ResultTable.NOT_RUN)) {
                            n +=
                                    value.split(ResultTable.LIST_SEPARATOR)
                                            .length; // one run id per seed
                        }
                    }
                }
            }
            return OptionalInt.of(n);
        } catch (RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /** The count a figure was saved with, or empty for a PNG without one (or no PNG). */
    public static OptionalInt inPng(Path png) {
        if (!Files.isRegularFile(png)) {
            return OptionalInt.empty();
        }
        try (InputStream file = Files.newInputStream(png);
                ImageInputStream in = ImageIO.createImageInputStream(file)) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, false);
                Node root = reader.getImageMetadata(0).getAsTree(PNG_FORMAT);
                for (Node chunk = root.getFirstChild();
                        chunk != null;
                        chunk = chunk.getNextSibling()) {
                    if (!chunk.getNodeName().equals("tEXt")) {
                        continue;
                    }
                    for (Node entry = chunk.getFirstChild();
                            entry != null;
                            entry = entry.getNextSibling()) {
                        IIOMetadataNode e = (IIOMetadataNode) entry;
                        if (PNG_KEY.equals(e.getAttribute("keyword"))) {
                            return OptionalInt.of(
                                    Integer.parseInt(e.getAttribute("value").strip()));
                        }
                    }
                }
                return OptionalInt.empty();
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /** PNG bytes of {@code image} with {@code filled} in a text chunk. */
    static byte[] pngWithCount(BufferedImage image, int filled) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata =
                    writer.getDefaultImageMetadata(
                            ImageTypeSpecifier.createFromRenderedImage(image), param);
            IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
            entry.setAttribute("keyword", PNG_KEY);
            entry.setAttribute("value", Integer.toString(filled));
            IIOMetadataNode text = new IIOMetadataNode("tEXt");
            text.appendChild(entry);
            IIOMetadataNode root = new IIOMetadataNode(PNG_FORMAT);
            root.appendChild(text);
            metadata.mergeTree(PNG_FORMAT, root);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, metadata), param);
            }
            return bytes.toByteArray();
        } finally {
            writer.dispose();
        }
    }

    /**
     * True when a file that holds {@code onDisk} results may be replaced by one holding {@code
     * fresh}; otherwise says why the file is kept.
     */
    static boolean mayReplace(Path file, OptionalInt onDisk, int fresh) {
        if (onDisk.isEmpty() || onDisk.getAsInt() <= fresh) {
            return true;
        }
        log.printf(
                "kept %s: it holds %d result%s, the run records read now fill only %d."
                        + " A table or figure is never replaced by one with fewer results; run the training"
                        + " notebooks (02, 03) to add runs, or delete the file to replace it anyway.%n",
                shown(file), onDisk.getAsInt(), onDisk.getAsInt() == 1 ? "" : "s", fresh);
        return false;
    }

    // Relative to the project where possible: executed notebooks are committed, local paths are
    // not.
    private static Path shown(Path file) {
        return org.ivit.Project.shown(file);
    }
}
