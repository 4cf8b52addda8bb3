package org.ivit.kernel;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/** Where a running cell's output goes: the notebook in the kernel, a recorder in tests. */
public interface CellOutput {

    void stdout(String text);

    void stderr(String text);

    void display(DisplayData data);
}
