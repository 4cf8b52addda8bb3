#!/usr/bin/python3
"""The Java kernel against the Jupyter kernel conformance suite (Debian's python3-jupyter-kernel-test,
jupyter_kernel_test.KernelTests): every message is checked against the protocol's schema, and the
samples below must behave as the suite expects. The pager and clear_output tests do not apply
(the kernel has neither) and are skipped by the suite itself.

Usage: kernel_conformance.py [unittest options]; IVIT_KERNEL names the kernelspec (default "java").
"""
import os
import sys
import unittest

import jupyter_kernel_test


class JavaKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("IVIT_KERNEL", "java")
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'

    completion_samples = [
        {"text": "Math.ab", "matches": {"abs(", "absExact("}},
        {"text": '"abc".toUpperC', "matches": {"toUpperCase("}},
    ]

    complete_code_samples = [
        "1 + 1",
        "int x = 1;",
        "for (int i = 0; i < 3; i++) { System.out.println(i); }",
        "class Box { int v; }",
    ]
    incomplete_code_samples = [
        "for (int i = 0; i < 3; i++) {",
        'System.out.println("x"',
        "1 +",
        "int[] a = {1, 2",
    ]
    invalid_code_samples = [
        "int x = ;",
        ")",
        "int y = 1; )",
        '"unterminated',
    ]

    code_display_data = [
        {"code": 'display("<b>bold</b>", "text/html");', "mime": "text/html"},
        {"code": "display(new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB));",
         "mime": "image/png"},
    ]

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "10 + 5", "result": "15"},
    ]
    code_history_pattern = "6 ?*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    code_generate_error = 'throw new IllegalStateException("expected failure");'


if __name__ == "__main__":
    result = unittest.main(verbosity=2, exit=False).result
    sys.exit(0 if result.wasSuccessful() else 1)
