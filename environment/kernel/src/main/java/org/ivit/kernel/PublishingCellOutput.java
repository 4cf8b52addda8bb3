package org.ivit.kernel;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;

/** Sends a running cell's output to the notebook as iopub stream and display_data messages. */
final class PublishingCellOutput implements CellOutput {

    private final ShellReplyEnvironment env;

    PublishingCellOutput(ShellReplyEnvironment env) {
        this.env = env;
    }

    @Override
    public void stdout(String text) {
        env.publish(new PublishStream(PublishStream.StreamType.OUT, text));
    }

    @Override
    public void stderr(String text) {
        env.publish(new PublishStream(PublishStream.StreamType.ERR, text));
    }

    @Override
    public void display(DisplayData data) {
        env.publish(new PublishDisplayData(data));
    }
}
