package org.ivit.kernel;

public final class KernelMain {
    public static void main(String[] args) {
    }
}
