package org.ivit.prompt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.List;
import org.ivit.clip.Clip;
import org.ivit.data.LabeledImage;
import org.ivit.data.PreparedDataset;
import org.ivit.data.Split;

/**
 * Zero-shot CLIP accuracy over labelled images (as CLIP's prompt-engineering notebook measures it).
 */
public final class ZeroShotEvaluation {
    private static final int BATCH = 32;

    private ZeroShotEvaluation() {}

    public static ZeroShotAccuracy evaluate(
            Clip clip,
            ZeroShotClassifier classifier,
            PreparedDataset data,
            List<LabeledImage> images)
            throws IOException {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images to evaluate");
        }
        int top1 = 0;
        int top5 = 0;
        int k = Math.min(5, classifier.classes().size());
        for (int start = 0; start < images.size(); start += BATCH) {
            List<LabeledImage> chunk =
                    images.subList(start, Math.min(images.size(), start + BATCH));
            try (NDManager batch = clip.djlModel().getNDManager().newSubManager()) {
                NDArray pixels =
                        clip.preprocessor().batch(batch, chunk.stream().map(data::file).toList());
                NDArray scores = classifier.scores(clip.encodeImages(batch, pixels));
                long[] ranked = scores.topK(k, 1, true, true).get(1).toLongArray();
                for (int i = 0; i < chunk.size(); i++) {
                    int label = chunk.get(i).label();
                    top1 += ranked[i * k] == label ? 1 : 0;
                    for (int j = 0; j < k; j++) {
                        if (ranked[i * k + j] == label) {
                            top5++;
                            break;
                        }
                    }
                }
            }
        }
        return new ZeroShotAccuracy(
                images.size(),
                100.0 * top1 / images.size(),
                100.0 * top5 / images.size(),
                clip.label());
    }

    /** Evaluates a prepared dataset's split with a template set. */
    public static ZeroShotAccuracy evaluate(
            Clip clip, PreparedDataset data, String split, TemplateSet templates, int limit)
            throws IOException {
        List<LabeledImage> rows = data.split(Split.parse(split));
        if (limit > 0 && limit < rows.size()) {
            rows = rows.subList(0, limit);
        }
        return evaluate(
                clip, ZeroShotClassifier.build(clip, data.classNames(), templates), data, rows);
    }
}
