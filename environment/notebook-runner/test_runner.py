#!/usr/bin/python3
"""Checks run_notebook.py with the installed "java" kernel: a 2-cell notebook whose first cell
prints, waits 4 s and prints again. The console must show the first line (with its cell number
and running time) while the cell still runs, i.e. seconds before the runner exits, and the
executed notebook must hold the same outputs as `jupyter nbconvert --execute` writes."""
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WAIT = 4


def fail(message):
    print(f"notebook-runner test: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def outputs(path):
    nb = json.loads(Path(path).read_text())
    return [(c.get("execution_count"), c.get("outputs")) for c in nb["cells"] if c["cell_type"] == "code"]


def main():
    env = dict(os.environ, OPT_OUT_TRACKING="true", DJL_OFFLINE="true", PYDEVD_DISABLE_FILE_VALIDATION="1")
    with tempfile.TemporaryDirectory(prefix="ivit-runner-test-") as tmp:
        tmp = Path(tmp)
        source = tmp / "07-tiny.ipynb"
        cells = [f'System.out.println("first line");\nThread.sleep({WAIT * 1000});\nSystem.out.println("second line");',
                 '"the value"']
        source.write_text(json.dumps({
            "cells": [{"cell_type": "code", "execution_count": None, "id": f"cell-{i}", "metadata": {},
                       "outputs": [], "source": s} for i, s in enumerate(cells)],
            "metadata": {"kernelspec": {"name": "java", "display_name": "Java", "language": "java"}},
            "nbformat": 4, "nbformat_minor": 5}))
        start = time.monotonic()
        runner = subprocess.Popen([sys.executable, str(HERE / "run_notebook.py"), str(source),
                                   "--output", str(tmp / "runner" / "07-tiny.ipynb")],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        seen = []
        try:
            for line in runner.stdout:
                seen.append((time.monotonic() - start, line.rstrip("\n")))
            runner.wait(timeout=180)
        finally:
            if runner.poll() is None:
                runner.kill()
        end = time.monotonic() - start
        for t, line in seen:
            print(f"  {t:5.1f} s  {line}")
        if runner.returncode != 0:
            fail(f"the runner exited with {runner.returncode}")
        first = next((t for t, line in seen if re.match(r"\[07 cell 1 \| \d+s\] first line$", line)), None)
        second = next((t for t, line in seen if line.endswith("] second line")), None)
        if first is None or second is None:
            fail("the console does not show both lines with '[07 cell 1 | <time>]'")
        if not any(re.match(r"\[07 cell 2 \| \d+s\] the value$", line) for _, line in seen):
            fail("the console does not show cell 2's value")
        if second - first < WAIT - 1.5 or end - first < WAIT - 1.5:
            fail(f"the first line came {first:.1f} s, the second {second:.1f} s, the end {end:.1f} s in: not streamed")
        print(f"notebook-runner test: first line on the console {end - first:.1f} s before the runner ended")

        subprocess.run(["/usr/bin/jupyter", "nbconvert", "--to", "notebook", "--execute",
                        "--ExecutePreprocessor.kernel_name=java", "--output-dir", str(tmp / "nbconvert"),
                        "--output", "07-tiny", str(source)],
                       check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
        ours, theirs = outputs(tmp / "runner" / "07-tiny.ipynb"), outputs(tmp / "nbconvert" / "07-tiny.ipynb")
        if ours != theirs:
            fail(f"outputs differ from nbconvert's:\n  runner:    {ours}\n  nbconvert: {theirs}")
        print(f"notebook-runner test: the executed notebook's outputs equal nbconvert's ({ours})")
        print("notebook-runner test: passed")


if __name__ == "__main__":
    main()
