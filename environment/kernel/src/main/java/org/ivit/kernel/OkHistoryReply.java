package org.ivit.kernel;

import com.google.gson.annotations.SerializedName;
import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;

/**
 * history_reply as the protocol has it: {@code "status": "ok"} and each entry as the array {@code
 * [session, line, input]}, or {@code [session, line, [input, output]]} when output was asked for.
 * (jjava-jupyter's HistoryReply has no status, and its entries reach the wire as objects: its entry
 * adapter is not used for replies.) Plain JSON content, like {@link AbortedReply}.
 */
final class OkHistoryReply {

    @SerializedName("status")
    private final String status = "ok";

    @SerializedName("history")
    private final List<List<Object>> history = new ArrayList<>();

    OkHistoryReply(List<HistoryEntry> entries) {
        for (HistoryEntry entry : entries) {
            Object text =
                    entry.hasOutput()
                            ? List.of(entry.getInput(), entry.getOutput())
                            : entry.getInput();
            history.add(List.of(entry.getSession(), entry.getCellNumber(), text));
        }
    }

    List<List<Object>> history() {
        return history;
    }
}
