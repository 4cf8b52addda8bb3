package org.ivit.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.ivit.data.augment.RgbImage;
import org.w3c.dom.Node;

/**
 * Decodes an image file into 8-bit RGB the way Pillow's {@code convert("RGB")} does: grey is copied
 * to three channels, alpha is dropped, embedded colour profiles are ignored (raw values). CMYK
 * JPEGs (some Pets images are CMYK) are converted with R = 255·(1−C)(1−K) etc.: this JDK's reader
 * decodes them to CMYK values (undoing Adobe's inversion and YCCK) but its own RGB conversion is
 * washed out; runtimes whose reader refuses CMYK are served from the raw raster.
 */
public final class ImageDecoder {
    static {
        // ImageIO would otherwise spool every in-memory stream through a temporary file.
        ImageIO.setUseCache(false);
    }

    private ImageDecoder() {}

    /**
     * The image in {@code file}, chosen by content, not by extension (some datasets have PNGs named
     * .jpg). A file cut short (an interrupted download or extraction) or with corrupt image data is
     * an {@link UndecodableImageException} naming the file, never a silently partial image: ImageIO
     * decodes a JPEG cut inside its scan data "as far as it goes" with flat rows below and only
     * warns, where Pillow refuses it ("image file is truncated").
     */
    public static RgbImage decode(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException("image " + file + " does not exist");
        }
        return decode(Files.readAllBytes(file), file.toString());
    }

    /** As {@link #decode(Path)}, for the bytes of a file; {@code name} is what errors call it. */
    public static RgbImage decode(byte[] bytes, String name) throws UndecodableImageException {
        BufferedImage image;
        try {
            image = read(bytes, name);
        } catch (UndecodableImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            RgbImage fromRaster = decodeRaster(bytes, name);
            if (fromRaster != null) {
                return fromRaster;
            }
            throw new UndecodableImageException(name + " cannot be decoded: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new UndecodableImageException(
                    name + " is not an image in a format Java can read", null);
        }
        try {
            return toRgb(image);
        } catch (RuntimeException e) {
            throw new UndecodableImageException(
                    name + " has an unsupported pixel layout: " + e.getMessage(), e);
        }
    }

    /**
     * What ImageIO.read does, keeping the reader's warnings: libjpeg reports a truncated file only
     * as one.
     */
    private static BufferedImage read(byte[] bytes, String name) throws IOException {
        try (ImageInputStream in =
                ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                reader.setInput(in, true, true);
                BufferedImage image = reader.read(0, reader.getDefaultReadParam());
                refuseDamaged(warnings, name);
                return image;
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * libjpeg (inside ImageIO) decodes a damaged JPEG as far as it can and only warns: "Premature
     * end of JPEG file", "Truncated File - Missing EOI marker" (this JDK's words for a file cut
     * short) or "Corrupt JPEG data: ..." (bad entropy-coded data). Those are errors here. A missing
     * end marker alone is refused too: it is what a progressive JPEG cut between two scans gives
     * (it would decode, blurred), though it is also a whole baseline file that lacks only its last
     * two bytes, which Pillow lets through. Only "extraneous bytes before marker" is accepted:
     * padding some tools write between segments, which leaves the image whole.
     */
    private static void refuseDamaged(List<String> warnings, String name)
            throws UndecodableImageException {
        for (String warning : warnings) {
            String w = warning.toLowerCase(Locale.ROOT);
            if (w.contains("premature end")
                    || w.contains("missing eoi")
                    || w.contains("truncated")) {
                throw new UndecodableImageException(
                        "image " + name + " is truncated (" + String.join("; ", warnings) + ")",
                        null);
            }
            if (w.contains("corrupt") && !w.contains("extraneous bytes")) {
                throw new UndecodableImageException(
                        "image " + name + " has corrupt data (" + String.join("; ", warnings) + ")",
                        null);
            }
        }
    }

    public static RgbImage toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        int colorSpace = model.getColorSpace().getType();
        if (model instanceof ComponentColorModel
                && colorSpace == ColorSpace.TYPE_CMYK
                && raster.getNumBands() == 4) {
            return fromCmyk(raster, w, h);
        }
        if (model instanceof ComponentColorModel && colorSpace == ColorSpace.TYPE_GRAY) {
            // Raw grey values: getRGB would pass them through a linear-to-sRGB curve and brighten
            // them.
            return fromBands(raster, w, h, new int[] {0, 0, 0}, model.getComponentSize(0));
        }
        if (model instanceof ComponentColorModel && raster.getNumBands() >= 3) {
            return fromBands(raster, w, h, new int[] {0, 1, 2}, model.getComponentSize(0));
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[3 * w * h];
        for (int i = 0; i < argb.length; i++) {
            out[3 * i] = (byte) (argb[i] >> 16);
            out[3 * i + 1] = (byte) (argb[i] >> 8);
            out[3 * i + 2] = (byte) argb[i];
        }
        return new RgbImage(w, h, out);
    }

    /**
     * For runtimes whose ImageIO.read rejects CMYK/YCCK JPEGs: the raw raster, converted here.
     * Adobe's convention stores CMYK inverted; with its transform flag 2 (YCCK) the first three
     * components are YCbCr of the true C, M, Y. Returns null for anything else.
     */
    static RgbImage decodeRaster(byte[] bytes, String name) throws UndecodableImageException {
        try (ImageInputStream in =
                ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                reader.setInput(in);
                Raster raster = reader.readRaster(0, null);
                refuseDamaged(warnings, name);
                if (raster.getNumBands() != 4) {
                    return null;
                }
                boolean ycck = adobeTransform(reader.getImageMetadata(0)) == 2;
                int w = raster.getWidth();
                int h = raster.getHeight();
                int[] raw = raster.getPixels(0, 0, w, h, (int[]) null);
                int[] cmyk = new int[raw.length];
                for (int p = 0; p < raw.length; p += 4) {
                    if (ycck) {
                        double y = raw[p];
                        double cb = raw[p + 1] - 128.0;
                        double cr = raw[p + 2] - 128.0;
                        cmyk[p] = clamp(y + 1.402 * cr);
                        cmyk[p + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
                        cmyk[p + 2] = clamp(y + 1.772 * cb);
                    } else {
                        cmyk[p] = 255 - raw[p];
                        cmyk[p + 1] = 255 - raw[p + 1];
                        cmyk[p + 2] = 255 - raw[p + 2];
                    }
                    cmyk[p + 3] = 255 - raw[p + 3];
                }
                return fromCmyk(cmyk, w, h);
            } finally {
                reader.dispose();
            }
        } catch (UndecodableImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The transform flag of the Adobe APP14 marker, or -1 when there is none. */
    private static int adobeTransform(IIOMetadata metadata) {
        Node adobe = find(metadata.getAsTree("javax_imageio_jpeg_image_1.0"), "app14Adobe");
        if (adobe == null || adobe.getAttributes().getNamedItem("transform") == null) {
            return -1;
        }
        return Integer.parseInt(adobe.getAttributes().getNamedItem("transform").getNodeValue());
    }

    private static Node find(Node node, String name) {
        if (node.getNodeName().equals(name)) {
            return node;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            Node found = find(child, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static RgbImage fromCmyk(Raster raster, int w, int h) {
        return fromCmyk(raster.getPixels(0, 0, w, h, (int[]) null), w, h);
    }

    /** R = 255·(1−C)(1−K) and so on, from true (not inverted) CMYK values. */
    private static RgbImage fromCmyk(int[] cmyk, int w, int h) {
        byte[] out = new byte[3 * w * h];
        for (int i = 0, p = 0; i < w * h; i++, p += 4) {
            int k = 255 - cmyk[p + 3];
            out[3 * i] = (byte) Math.round((255 - cmyk[p]) * k / 255.0);
            out[3 * i + 1] = (byte) Math.round((255 - cmyk[p + 1]) * k / 255.0);
            out[3 * i + 2] = (byte) Math.round((255 - cmyk[p + 2]) * k / 255.0);
        }
        return new RgbImage(w, h, out);
    }

    private static RgbImage fromBands(Raster raster, int w, int h, int[] bands, int bits) {
        int shift = Math.max(0, bits - 8);
        byte[] out = new byte[3 * w * h];
        int[] row = new int[w * raster.getNumBands()];
        int n = raster.getNumBands();
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int o = 3 * (y * w + x);
                out[o] = (byte) (row[x * n + bands[0]] >> shift);
                out[o + 1] = (byte) (row[x * n + bands[1]] >> shift);
                out[o + 2] = (byte) (row[x * n + bands[2]] >> shift);
            }
        }
        return new RgbImage(w, h, out);
    }
}
