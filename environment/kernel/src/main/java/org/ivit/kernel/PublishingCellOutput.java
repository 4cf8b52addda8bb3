package org.ivit.kernel;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;

/**
 * Sends a cell's output to the notebook as iopub stream and display_data messages, with the cell's
 * request as parent. Messages go straight to the iopub socket (whose send is synchronized), not
 * through the reply environment: output may come from the flush timer or from threads the cell
 * started, and the environment's deferral flag is not thread-safe.
 */
final class PublishingCellOutput implements CellOutput {

    private final ShellReplyEnvironment env;

    PublishingCellOutput(ShellReplyEnvironment env) {
        this.env = env;
    }

    @Override
    public void stdout(String text) {
        send(MessageType.PUBLISH_STREAM, new PublishStream(PublishStream.StreamType.OUT, text));
    }

    @Override
    public void stderr(String text) {
        send(MessageType.PUBLISH_STREAM, new PublishStream(PublishStream.StreamType.ERR, text));
    }

    @Override
    public void display(DisplayData data) {
        send(MessageType.PUBLISH_DISPLAY_DATA, new PublishDisplayData(data));
    }

    private <T> void send(MessageType<T> type, T content) {
        env.getIopub().sendMessage(new Message<>(env.getContext(), type, content));
    }
}
