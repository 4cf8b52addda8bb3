package org.ivit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.junit.jupiter.api.Test;

class OkHistoryReplyTest {

    @Test
    void entriesAreTheProtocolsArrays() {
        String withoutOutput =
                new Gson()
                        .toJson(new OkHistoryReply(List.of(new HistoryEntry(1, 2, "6 * 7", null))));
        assertEquals("{\"status\":\"ok\",\"history\":[[1,2,\"6 * 7\"]]}", withoutOutput);
        String withOutput =
                new Gson()
                        .toJson(new OkHistoryReply(List.of(new HistoryEntry(1, 2, "6 * 7", "42"))));
        assertEquals("{\"status\":\"ok\",\"history\":[[1,2,[\"6 * 7\",\"42\"]]]}", withOutput);
    }
}
