package org.ivit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class OutputBatcherTest {

    /** Records each stream message as it would go to iopub. */
    private static final class Messages implements CellOutput {
        final List<String> sent = new ArrayList<>();

        @Override
        public synchronized void stdout(String text) {
            sent.add("out:" + text);
        }

        @Override
        public synchronized void stderr(String text) {
            sent.add("err:" + text);
        }

        @Override
        public synchronized void display(DisplayData data) {
            sent.add("display");
        }

        synchronized List<String> copy() {
            return List.copyOf(sent);
        }
    }

    @Test
    void fiveThousandPrintlnsBecomeAFewMessagesWithEveryLineInOrder() {
        Messages messages = new Messages();
        try (OutputBatcher batcher = new OutputBatcher(messages, 50)) {
            for (int i = 0; i < 5000; i++) {
                batcher.out().println("line " + i);
            }
            batcher.flush();
            StringBuilder all = new StringBuilder();
            for (String message : messages.copy()) {
                all.append(message.substring("out:".length()));
            }
            String[] lines = all.toString().split("\n");
            assertEquals(5000, lines.length);
            for (int i = 0; i < 5000; i++) {
                assertEquals("line " + i, lines[i]);
            }
            // One message per println was what the notebook server rate-limited away.
            assertTrue(messages.copy().size() <= 20, "messages: " + messages.copy().size());
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void textWithoutNewlineIsSentByTheTimerWithoutAnExplicitFlush() throws InterruptedException {
        Messages messages = new Messages();
        try (OutputBatcher batcher = new OutputBatcher(messages, 50)) {
            batcher.out().print("epoch 1: 50%");
            while (messages.copy().isEmpty()) {
                Thread.sleep(10);
            }
            assertEquals(List.of("out:epoch 1: 50%"), messages.copy());
        }
    }

    @Test
    void stdoutStderrAndDisplaysKeepTheirOrder() {
        Messages messages = new Messages();
        try (OutputBatcher batcher = new OutputBatcher(messages, 60_000)) {
            CellOutput cell = batcher.displaysInOrder(messages);
            batcher.out().print("a");
            batcher.out().print("b");
            batcher.err().print("c");
            cell.display(new DisplayData("x"));
            batcher.out().print("d");
            batcher.flush();
            assertEquals(List.of("out:ab", "err:c", "display", "out:d"), messages.copy());
        }
    }

    @Test
    void aCharacterSplitAcrossWritesIsSentWhole() {
        Messages messages = new Messages();
        try (OutputBatcher batcher = new OutputBatcher(messages, 60_000)) {
            byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
            batcher.out().write(euro, 0, 1);
            batcher.flush();
            assertEquals(List.of(), messages.copy());
            batcher.out().write(euro, 1, 2);
            batcher.flush();
            assertEquals(List.of("out:€"), messages.copy());
        }
    }

    @Test
    void aNewTargetGetsOnlyWhatIsWrittenAfterIt() {
        Messages first = new Messages();
        Messages second = new Messages();
        try (OutputBatcher batcher = new OutputBatcher(first, 60_000)) {
            batcher.out().print("one");
            batcher.setTarget(second);
            batcher.out().print("two");
            batcher.flush();
            assertEquals(List.of("out:one"), first.copy());
            assertEquals(List.of("out:two"), second.copy());
        }
    }
}
