package org.ivit.prompt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ivit.io.SafetensorsReader;
import org.ivit.io.SafetensorsWriter;

/**
 * One prompt vector per class, (N, D) float32 in label order, with the recipe that made it. Saved
 * as safetensors: tensor {@code prompts} [N, D] and the recipe as string metadata (dataset,
 * classes, CLIP model id, weights SHA-256, template set and templates, kind, seed, chosen image
 * paths). Rows are unit vectors (see {@link PromptBanks}).
 */
public final class PromptBank {
    static final String TENSOR = "prompts";

    private final PromptBankRecipe recipe;
    private final float[][] rows;

    public PromptBank(PromptBankRecipe recipe, float[][] rows) {
        if (rows.length != recipe.classes().size()) {
            throw new IllegalArgumentException(
                    rows.length + " prompts for " + recipe.classes().size() + " classes");
        }
        for (float[] row : rows) {
            if (row.length != rows[0].length) {
                throw new IllegalArgumentException("prompt rows differ in length");
            }
        }
        this.recipe = recipe;
        this.rows = rows;
    }

    public PromptBankRecipe recipe() {
        return recipe;
    }

    public String dataset() {
        return recipe.dataset();
    }

    public List<String> classes() {
        return recipe.classes();
    }

    public PromptKind kind() {
        return recipe.kind();
    }

    /** "CLIP: random weights" for banks made with random weights. */
    public String clipLabel() {
        return recipe.clipLabel();
    }

    public int size() {
        return rows.length;
    }

    public int dim() {
        return rows[0].length;
    }

    public float[] row(int label) {
        return rows[label].clone();
    }

    public float[][] toArray() {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }

    /** F32 (N, D), e.g. to initialise Instruction-ViT's prompt tokens. */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(flat(), new Shape(size(), dim()));
    }

    private float[] flat() {
        float[] flat = new float[size() * dim()];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * dim(), dim());
        }
        return flat;
    }

    public void save(Path file) throws IOException {
        new SafetensorsWriter()
                .metadata(recipe.toMetadata())
                .putFloats(TENSOR, new long[] {size(), dim()}, flat())
                .write(file);
    }

    /** Reads a bank whatever it was built for. */
    public static PromptBank load(Path file) throws IOException {
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            PromptBankRecipe recipe = PromptBankRecipe.fromMetadata(reader.metadata());
            if (recipe == null || !reader.contains(TENSOR)) {
                throw new IOException(
                        file
                                + " is not a prompt bank (no '"
                                + TENSOR
                                + "' tensor with "
                                + PromptBankRecipe.FORMAT
                                + " metadata)");
            }
            long[] shape = reader.info(TENSOR).shape();
            float[] flat = reader.floats(TENSOR);
            float[][] rows = new float[(int) shape[0]][(int) shape[1]];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(flat, i * rows[i].length, rows[i], 0, rows[i].length);
            }
            return new PromptBank(recipe, rows);
        }
    }

    /** Reads a bank and checks it was built for this dataset's classes, in this order. */
    public static PromptBank load(Path file, String dataset, List<String> classes)
            throws IOException {
        PromptBank bank = load(file);
        if (!bank.classes().equals(classes)) {
            throw new IOException(
                    "prompt bank "
                            + file
                            + " does not fit dataset '"
                            + dataset
                            + "': it was built for dataset '"
                            + bank.dataset()
                            + "' with "
                            + describe(bank.classes())
                            + ", but '"
                            + dataset
                            + "' has "
                            + describe(classes)
                            + firstDifference(bank.classes(), classes)
                            + ". Rebuild it with: ivit prompts --dataset "
                            + dataset);
        }
        return bank;
    }

    private static String describe(List<String> classes) {
        List<String> head = classes.subList(0, Math.min(3, classes.size()));
        return classes.size()
                + " classes ("
                + String.join(", ", head)
                + (classes.size() > 3 ? ", ..." : "")
                + ")";
    }

    private static String firstDifference(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return "; first difference at label "
                        + i
                        + ": '"
                        + a.get(i)
                        + "' vs '"
                        + b.get(i)
                        + "'";
            }
        }
        return "";
    }
}
