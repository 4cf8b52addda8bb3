package org.ivit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.junit.jupiter.api.Test;

class CellHistoryTest {

    private static CellHistory threeCells() {
        CellHistory history = new CellHistory();
        history.add(1, "int a = 6;", null);
        history.add(2, "a * 7", "42");
        history.add(3, "a * 7", "42");
        history.add(5, "String s = \"x\";", null);
        return history;
    }

    private static List<Integer> numbers(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::getCellNumber).toList();
    }

    @Test
    void tailGivesTheLastCellsOldestFirst() {
        List<HistoryEntry> tail = threeCells().tail(2, false);
        assertEquals(List.of(3, 5), numbers(tail));
        assertEquals("a * 7", tail.get(0).getInput());
        assertEquals(CellHistory.SESSION, tail.get(0).getSession());
        assertFalse(tail.get(0).hasOutput());
        assertEquals(List.of(1, 2, 3, 5), numbers(threeCells().tail(0, false)));
    }

    @Test
    void withOutputEveryEntryCarriesItsResultTextOrEmpty() {
        List<HistoryEntry> tail = threeCells().tail(4, true);
        assertTrue(tail.stream().allMatch(HistoryEntry::hasOutput));
        assertEquals("", tail.get(0).getOutput());
        assertEquals("42", tail.get(1).getOutput());
    }

    @Test
    void rangeStopsBeforeStopAndReadsOnlyThisSession() {
        assertEquals(List.of(2, 3), numbers(threeCells().range(CellHistory.SESSION, 2, 4, false)));
        assertEquals(List.of(2, 3, 5), numbers(threeCells().range(0, 2, 0, false)));
        assertEquals(List.of(), threeCells().range(7, 1, 10, false));
    }

    @Test
    void searchMatchesTheWholeInputAsAGlob() {
        assertEquals(List.of(2, 3), numbers(threeCells().search("a ?*", 0, false, false)));
        assertEquals(List.of(3), numbers(threeCells().search("a ?*", 0, true, false)));
        assertEquals(List.of(5), numbers(threeCells().search("*\"x\"*", 0, false, false)));
        assertEquals(List.of(3, 5), numbers(threeCells().search("*", 2, false, false)));
        // Regex characters in the pattern are plain text; the glob must match the whole input.
        assertEquals(List.of(), threeCells().search("a", 0, false, false));
        assertEquals(List.of(2, 3), numbers(threeCells().search("a * 7", 0, false, false)));
        assertEquals(List.of(), threeCells().search("a . 7", 0, false, false));
    }

    @Test
    void uniqueKeepsTheLatestRunOfEachInput() {
        List<HistoryEntry> unique = threeCells().search("*", 0, true, false);
        assertEquals(List.of(1, 3, 5), numbers(unique));
        assertNull(unique.get(0).getOutput());
    }
}
