package org.ivit.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CurrentStandardOutputTest {
    /** What a notebook kernel does between cells: a new System.out for the next cell. */
    @Test
    void writesGoToTheSystemOutOfTheMomentNotTheOneAtCreation() {
        PrintStream original = System.out;
        ByteArrayOutputStream firstCell = new ByteArrayOutputStream();
        ByteArrayOutputStream secondCell = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(firstCell, true, StandardCharsets.UTF_8));
            PrintStream log = CurrentStandardOutput.stream();
            log.println("made in the first cell");
            System.setOut(new PrintStream(secondCell, true, StandardCharsets.UTF_8));
            log.println("epoch 1: ünïcode ok");
        } finally {
            System.setOut(original);
        }
        assertEquals(
                "made in the first cell" + System.lineSeparator(),
                firstCell.toString(StandardCharsets.UTF_8));
        assertEquals(
                "epoch 1: ünïcode ok" + System.lineSeparator(),
                secondCell.toString(StandardCharsets.UTF_8));
    }
}
