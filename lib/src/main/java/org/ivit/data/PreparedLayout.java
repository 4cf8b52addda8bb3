package org.ivit.data;

import java.nio.file.Path;

/**
 * The prepared layout that every tool reads:
 *
 * <pre>
 * &lt;data-dir&gt;/&lt;dataset&gt;/classes.txt          one class name per line, in label order
 * &lt;data-dir&gt;/&lt;dataset&gt;/splits/train.csv     header "path,label"; paths relative to the dataset folder
 * &lt;data-dir&gt;/&lt;dataset&gt;/splits/val.csv
 * &lt;data-dir&gt;/&lt;dataset&gt;/splits/test.csv
 * &lt;data-dir&gt;/&lt;dataset&gt;/PREPARED.json        protocol, counts, sources with md5, date; written last
 * </pre>
 */
public record PreparedLayout(Path root) {
    public static final String CLASSES = "classes.txt";
    public static final String SPLITS = "splits";
    public static final String MANIFEST = "PREPARED.json";

    public static PreparedLayout of(Path dataDir, String dataset) {
        return new PreparedLayout(dataDir.resolve(dataset));
    }

    public Path classes() {
        return root.resolve(CLASSES);
    }

    public Path split(Split split) {
        return root.resolve(SPLITS).resolve(split.fileName());
    }

    public Path manifest() {
        return root.resolve(MANIFEST);
    }

    public Path image(LabeledImage image) {
        return root.resolve(image.path());
    }
}
