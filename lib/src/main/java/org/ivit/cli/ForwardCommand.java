package org.ivit.cli;

import picocli.CommandLine.Command;

/** Runs a model forward pass on tensors read from safetensors files. */
@Command(name = "forward", description = "Run a forward pass: vit | clip.")
final class ForwardCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
