package org.ivit.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;

/**
 * The cells this kernel ran, for history_request: each execute request that asked to be stored in
 * history, numbered by its execution count, with the text of its result. Kept in memory, so there
 * is one session, numbered {@value #SESSION}; a request for session 0 (IPython's "the current
 * session") reads it too.
 */
final class CellHistory {

    static final int SESSION = 1;

    private record Cell(int number, String input, String output) {}

    private final List<Cell> cells = new ArrayList<>();

    /** Records a cell; output is the text/plain of its result, or null when it showed none. */
    synchronized void add(int number, String input, String output) {
        cells.add(new Cell(number, input, output));
    }

    /** The last n cells (all when n is 0 or less), oldest first. */
    synchronized List<HistoryEntry> tail(int n, boolean withOutput) {
        return entries(last(cells, n), withOutput);
    }

    /**
     * The cells numbered start up to stop (exclusive) of session (this one or 0); stop 0 or less
     * means to the last cell, as a request without stop does.
     */
    synchronized List<HistoryEntry> range(int session, int start, int stop, boolean withOutput) {
        if (session != SESSION && session != 0) {
            return List.of();
        }
        return entries(
                cells.stream()
                        .filter(c -> c.number() >= start && (stop <= 0 || c.number() < stop))
                        .toList(),
                withOutput);
    }

    /**
     * The cells whose whole input matches pattern, a glob as IPython's search takes it ({@code *}
     * any text, {@code ?} one character, case-sensitive); the last n of them (all when n is 0 or
     * less); with unique, each input once, at its latest run.
     */
    synchronized List<HistoryEntry> search(
            String pattern, int n, boolean unique, boolean withOutput) {
        Pattern glob = globToRegex(pattern);
        List<Cell> matches = cells.stream().filter(c -> glob.matcher(c.input()).matches()).toList();
        if (unique) {
            Map<String, Cell> latest = new LinkedHashMap<>();
            for (Cell cell : matches) {
                latest.remove(cell.input());
                latest.put(cell.input(), cell);
            }
            matches = new ArrayList<>(latest.values());
        }
        return entries(last(matches, n), withOutput);
    }

    static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? "(?s:.*)" : "(?s:.)");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString());
    }

    private static List<Cell> last(List<Cell> cells, int n) {
        return n <= 0 || n >= cells.size() ? cells : cells.subList(cells.size() - n, cells.size());
    }

    private static List<HistoryEntry> entries(List<Cell> cells, boolean withOutput) {
        List<HistoryEntry> entries = new ArrayList<>();
        for (Cell cell : cells) {
            // jjava-jupyter writes [session, line, [input, output]] when output is not null.
            String output = withOutput ? (cell.output() == null ? "" : cell.output()) : null;
            entries.add(new HistoryEntry(SESSION, cell.number(), cell.input(), output));
        }
        return Collections.unmodifiableList(entries);
    }
}
