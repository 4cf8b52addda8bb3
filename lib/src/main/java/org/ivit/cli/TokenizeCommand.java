package org.ivit.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.ivit.clip.ClipTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tokenize}: one line of space-separated ids per text, start and end tokens included, no
 * padding.
 */
@Command(
        name = "tokenize",
        description = "Print CLIP token ids of each text (with start and end tokens, no padding).")
final class TokenizeCommand implements Callable<Integer> {
    @Option(
            names = "--tokenizer",
            description =
                    "tokenizer.json or a folder holding it (default: the bundled CLIP tokenizer)")
    Path tokenizer;

    @Parameters(arity = "1..*", paramLabel = "TEXT")
    List<String> texts;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (ClipTokenizer t =
                tokenizer == null ? ClipTokenizer.bundled() : ClipTokenizer.load(tokenizer)) {
            for (long[] ids : t.ids(texts)) {
                spec.commandLine()
                        .getOut()
                        .println(
                                LongStream.of(ids)
                                        .mapToObj(Long::toString)
                                        .collect(Collectors.joining(" ")));
            }
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
