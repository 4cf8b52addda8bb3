package org.ivit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ivit.Project;
import org.ivit.clip.Clip;

/**
 * A {@code --clip} value: a model folder (config.json + weights), a model id under the weights
 * folder (e.g. openai/clip-vit-base-patch32), or {@code random-small[:SEED]} for the seeded
 * random-weight CLIP (whose results say "CLIP: random weights").
 */
final class ClipArgument {
    static final String RANDOM = "random-small";

    private ClipArgument() {}

    static Clip open(String value) throws IOException {
        if (value.equals(RANDOM) || value.startsWith(RANDOM + ":")) {
            int seed =
                    value.equals(RANDOM)
                            ? 0
                            : Integer.parseInt(value.substring(RANDOM.length() + 1));
            return Clip.randomSmall(seed);
        }
        Path folder = Path.of(value);
        if (!Files.isDirectory(folder) && Files.isDirectory(Project.weightsDir().resolve(value))) {
            folder = Project.weightsDir().resolve(value);
        }
        return Clip.load(folder);
    }
}
