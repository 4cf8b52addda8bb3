package org.ivit.kernel;

import com.google.gson.annotations.SerializedName;

/** The content of an execute_reply for a request that was not run: {"status": "aborted"}. */
final class AbortedReply {

    @SerializedName("status")
    final String status = "aborted";

    @SerializedName("execution_count")
    final int executionCount;

    AbortedReply(int executionCount) {
        this.executionCount = executionCount;
    }
}
