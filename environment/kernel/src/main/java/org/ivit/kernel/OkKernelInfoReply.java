package org.ivit.kernel;

import com.google.gson.annotations.SerializedName;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

/**
 * kernel_info_reply with the {@code "status": "ok"} the protocol requires (jjava-jupyter's reply
 * leaves it out, and strict clients such as jupyter_kernel_test reject the reply).
 */
final class OkKernelInfoReply extends KernelInfoReply {

    @SerializedName("status")
    private final String status = "ok";

    OkKernelInfoReply(
            String protocolVersion,
            String implementation,
            String version,
            LanguageInfo language,
            String banner,
            List<HelpLink> helpLinks) {
        super(protocolVersion, implementation, version, language, banner, helpLinks);
    }
}
