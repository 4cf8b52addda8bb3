package org.ivit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ivit.clip.Clip;
import org.ivit.data.LabeledImage;
import org.ivit.data.PreparedDataset;
import org.ivit.data.Split;
import org.ivit.model.UnitVectors;
import org.ivit.prompt.PromptBank;
import org.ivit.spec.ExperimentConfig;

/**
 * The paper's evaluation-time selection: zero-shot CLIP (image embedding against the text prompt
 * bank) ranks the classes of each evaluation image, and its top K are kept. CLIP is opened on first
 * use and each sample is scored once per run.
 */
public final class ClipTopK implements RunData.ClassRanking {
    public interface ClipOpener {
        Clip open() throws IOException;
    }

    public interface TextBank {
        PromptBank make(Clip clip, ExperimentConfig cfg) throws IOException;
    }

    private final ClipOpener opener;
    private final TextBank textBank;
    private final ExperimentConfig cfg;
    private final PreparedDataset dataset;
    private final Map<String, Map<Long, long[]>> ranked = new HashMap<>();
    private final Map<String, List<LabeledImage>> splitRows = new HashMap<>();
    private Clip clip;
    private float[][] unitText;

    private ClipTopK(
            ClipOpener opener, TextBank textBank, ExperimentConfig cfg, PreparedDataset dataset) {
        this.opener = opener;
        this.textBank = textBank;
        this.cfg = cfg;
        this.dataset = dataset;
    }

    public static ClipTopK lazy(
            ClipOpener opener, TextBank textBank, ExperimentConfig cfg, PreparedDataset dataset) {
        return new ClipTopK(opener, textBank, cfg, dataset);
    }

    /**
     * Evaluation of {@code split} runs on these rows (a few-shot subset, whose sample i is row i)
     * instead of the whole split file.
     */
    public ClipTopK withSplitRows(String split, List<LabeledImage> rows) {
        splitRows.put(split, List.copyOf(rows));
        return this;
    }

    @Override
    public synchronized NDArray topK(
            NDManager manager, String split, List<?> sampleIndices, int k) {
        try {
            open();
            List<LabeledImage> rows =
                    splitRows.containsKey(split)
                            ? splitRows.get(split)
                            : dataset.split(Split.parse(split));
            Map<Long, long[]> cache = ranked.computeIfAbsent(split, s -> new HashMap<>());
            List<Long> missing = new ArrayList<>();
            for (Object o : sampleIndices) {
                if (!cache.containsKey(((Number) o).longValue())) {
                    missing.add(((Number) o).longValue());
                }
            }
            if (!missing.isEmpty()) {
                List<Path> files =
                        missing.stream()
                                .map(i -> dataset.layout().image(rows.get(i.intValue())))
                                .toList();
                float[][] images = clip.embedImageFiles(files);
                for (int i = 0; i < missing.size(); i++) {
                    cache.put(missing.get(i), rank(images[i]));
                }
            }
            // K >= N keeps every class (ranked), which the model reads as "all N prompts"
            int kept = Math.min(k, unitText.length);
            long[] out = new long[sampleIndices.size() * kept];
            for (int b = 0; b < sampleIndices.size(); b++) {
                System.arraycopy(
                        cache.get(((Number) sampleIndices.get(b)).longValue()),
                        0,
                        out,
                        b * kept,
                        kept);
            }
            return manager.create(out, new Shape(sampleIndices.size(), kept));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "zero-shot CLIP selection failed for the " + split + " split", e);
        }
    }

    private void open() throws IOException {
        if (clip == null) {
            clip = opener.open();
            float[][] text = textBank.make(clip, cfg).toArray();
            unitText = new float[text.length][];
            for (int c = 0; c < text.length; c++) {
                unitText[c] = UnitVectors.of(text[c]);
            }
        }
    }

    /** Class indices by descending cosine similarity. */
    private long[] rank(float[] image) {
        float[] u = UnitVectors.of(image);
        Integer[] order = new Integer[unitText.length];
        double[] score = new double[unitText.length];
        for (int c = 0; c < unitText.length; c++) {
            order[c] = c;
            for (int d = 0; d < u.length; d++) {
                score[c] += u[d] * unitText[c][d];
            }
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        long[] out = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = order[i];
        }
        return out;
    }
}
