package org.ivit.kernel;

import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/** Keeps what a cell printed and displayed, for assertions. */
final class RecordingOutput implements CellOutput {

    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final List<DisplayData> displayed = new ArrayList<>();

    @Override
    public void stdout(String text) {
        out.append(text);
    }

    @Override
    public void stderr(String text) {
        err.append(text);
    }

    @Override
    public synchronized void display(DisplayData data) {
        displayed.add(data);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    synchronized List<DisplayData> displayed() {
        return List.copyOf(displayed);
    }
}
