package org.ivit.kernel;

import com.google.gson.annotations.SerializedName;

/**
 * The content of an execute_reply for a request that was not run: {"status": "aborted"}, as
 * Jupyter's own kernels send it. No execution_count: the notebook would show it as the prompt of a
 * cell that never ran.
 */
final class AbortedReply {

    @SerializedName("status")
    final String status = "aborted";
}
