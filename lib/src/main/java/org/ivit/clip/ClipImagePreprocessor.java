package org.ivit.clip;

import ai.djl.modality.cv.transform.Normalize;
import ai.djl.modality.cv.transform.ToTensor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ivit.data.ImageDecoder;
import org.ivit.data.augment.CenterCrop;
import org.ivit.data.augment.RgbImage;

/**
 * CLIP's image preprocessing (Hugging Face's CLIPImageProcessor, OpenAI's {@code preprocess}):
 * convert to RGB, bicubic-resize the short side to the image size (the long side to floor(size *
 * long / short); small images are enlarged), centre-crop to size x size, scale to [0, 1], normalise
 * with CLIP's mean and std. Gives F32 (3, S, S).
 *
 * <p>The crop offset is round((side - size) / 2) with Python's round, half to even, as OpenAI's
 * {@code preprocess} from {@code clip.load} (torchvision's CenterCrop) computes it. Hugging Face's
 * CLIPImageProcessor (and DJL's CenterCrop) take floor((side - size) / 2) instead: one pixel
 * further up or left where the margin side - size is 3 mod 4 (a margin of 23 gives 12 here, 11
 * there; 5 gives 2 in both).
 */
public final class ClipImagePreprocessor {
    /**
     * CLIP's normalisation constants (OpenAI clip/clip.py, Hugging Face OPENAI_CLIP_MEAN / _STD).
     */
    public static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};

    public static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};

    private final int size;
    private final ToTensor toTensor = new ToTensor();
    private final Normalize normalize = new Normalize(MEAN, STD);

    public ClipImagePreprocessor(int size) {
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** The size the short-side resize gives: {width, height}. */
    public int[] resizedSize(int width, int height) {
        if (width <= height) {
            return new int[] {size, (int) ((long) size * height / width)};
        }
        return new int[] {(int) ((long) size * width / height), size};
    }

    /** Resized and cropped, still 8-bit: what the model sees before normalisation. */
    public RgbImage cropped(RgbImage image) {
        int[] resized = resizedSize(image.width(), image.height());
        RgbImage r = image.resized(resized[0], resized[1]);
        return r.crop(
                CenterCrop.offset(r.width(), size),
                CenterCrop.offset(r.height(), size),
                size,
                size);
    }

    /** F32 (3, S, S) pixel values of one image. */
    public NDArray pixels(NDManager manager, RgbImage image) {
        RgbImage c = cropped(image);
        NDArray hwc =
                manager.create(
                        java.nio.ByteBuffer.wrap(c.pixels()),
                        new Shape(size, size, 3),
                        DataType.UINT8);
        return normalize.transform(toTensor.transform(hwc));
    }

    public NDArray pixels(NDManager manager, BufferedImage image) {
        return pixels(manager, ImageDecoder.toRgb(image));
    }

    public NDArray pixels(NDManager manager, Path file) throws IOException {
        return pixels(manager, ImageDecoder.decode(file));
    }

    /** F32 (B, 3, S, S) of image files; an unreadable file names itself in the error. */
    public NDArray batch(NDManager manager, List<Path> files) throws IOException {
        List<NDArray> out = new ArrayList<>();
        for (Path file : files) {
            out.add(pixels(manager, file));
        }
        return NDArrays.stack(new NDList(out));
    }

    public NDArray batchOfImages(NDManager manager, List<BufferedImage> images) {
        List<NDArray> out = new ArrayList<>();
        for (BufferedImage image : images) {
            out.add(pixels(manager, image));
        }
        return NDArrays.stack(new NDList(out));
    }
}
