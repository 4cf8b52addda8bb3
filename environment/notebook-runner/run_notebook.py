#!/usr/bin/python3
"""Executes a notebook like `jupyter nbconvert --to notebook --execute` does (nbclient, the same
kernel, the notebook's folder as working directory) and writes the executed copy, while printing
each cell's output to the console as it arrives: every line prefixed with the notebook, the cell
number and the running time, e.g.

    [02 cell 7 | 3m12s] epoch 2: loss 0.8123, lr 1.00e-04, val top-1 61.20%, 41 s

Images and HTML show as one line naming their type. A cell that prints nothing for a minute gets
a "still running" line. The executed notebook holds the same outputs nbconvert would write.

Usage: run_notebook.py NOTEBOOK --output PATH [--kernel java] [--timeout SECONDS] [--quiet-interval S]
Exit status 1 if a cell fails (its error is printed; no notebook is written, as with nbconvert).
"""
import argparse
import sys
import threading
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert.exporters import NotebookExporter


def clock(seconds):
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m{seconds:02d}s"


class StreamingClient(NotebookClient):
    """nbclient's client, plus a console copy of each output as nbclient records it."""

    def __init__(self, nb, label, console, quiet_interval, **kwargs):
        super().__init__(nb, **kwargs)
        self.label = label
        self.console = console
        self.started = time.monotonic()
        self.quiet_interval = quiet_interval
        self.lock = threading.Lock()
        self.partial = {}  # stream name -> text after its last newline
        self.current_cell = None
        self.last_print = time.monotonic()
        self.code_numbers = {}
        number = 0
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                number += 1
                self.code_numbers[index] = number
        self.code_cells = number
        self.on_cell_start = self._cell_start
        self.on_cell_executed = self._cell_executed
        self.stop_watch = threading.Event()
        threading.Thread(target=self._watch, daemon=True).start()

    def prefix(self):
        cell = self.code_numbers.get(self.current_cell, "?")
        return f"[{self.label} cell {cell} | {clock(time.monotonic() - self.started)}]"

    def say(self, text):
        with self.lock:
            for line in text.split("\n"):
                print(f"{self.prefix()} {line}", file=self.console, flush=True)
            self.last_print = time.monotonic()

    def _cell_start(self, cell, cell_index):
        if cell_index not in self.code_numbers:
            return  # nbclient calls this for markdown cells too
        self._flush_partial()
        self.current_cell = cell_index
        self.cell_started = time.monotonic()
        first = next((line for line in cell.source.splitlines() if line.strip()), "")
        self.say(f"-- cell {self.code_numbers[cell_index]}/{self.code_cells}: {first[:90]}")

    def _cell_executed(self, cell, cell_index, execute_reply):
        if cell_index not in self.code_numbers:
            return
        self._flush_partial()
        status = execute_reply.get("content", {}).get("status", "?")
        if status != "ok":
            self.say(f"-- cell {self.code_numbers[cell_index]} {status} after "
                     f"{clock(time.monotonic() - self.cell_started)}")

    def _flush_partial(self):
        pending, self.partial = self.partial, {}
        for name, text in pending.items():
            if text:
                self.say(text if name == "stdout" else f"(stderr) {text}")

    def _watch(self):
        while not self.stop_watch.wait(5):
            if self.current_cell is not None and time.monotonic() - self.last_print >= self.quiet_interval:
                self.say(f"... still running, {clock(time.monotonic() - self.cell_started)} in this cell")

    def output(self, outs, msg, display_id, cell_index):
        out = super().output(outs, msg, display_id, cell_index)
        try:
            self._echo(msg)
        except Exception as e:  # the console copy must never break the run
            print(f"run_notebook: could not print an output: {e}", file=sys.stderr)
        return out

    def _echo(self, msg):
        kind = msg["msg_type"]
        content = msg["content"]
        if kind == "stream":
            name = content.get("name", "stdout")
            text = self.partial.pop(name, "") + content.get("text", "")
            *lines, rest = text.split("\n")
            for line in lines:
                line = line.rsplit("\r", 1)[-1]  # a redrawn line shows as its last state
                self.say(line if name == "stdout" else f"(stderr) {line}")
            if rest:
                self.partial[name] = rest
        elif kind in ("display_data", "execute_result"):
            data = content.get("data", {})
            shown = [t for t in ("image/png", "image/jpeg", "image/svg+xml", "text/html") if t in data]
            if shown:
                self.say(f"[{', '.join(shown)} output]")
            elif "text/plain" in data:
                self.say(str(data["text/plain"]))
        elif kind == "error":
            self.say(f"{content.get('ename', 'error')}: {content.get('evalue', '')}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--output", type=Path, required=True, help="the executed notebook to write")
    parser.add_argument("--kernel", default="java")
    parser.add_argument("--timeout", type=float, default=-1, help="seconds per cell; -1: none")
    parser.add_argument("--quiet-interval", type=float, default=60,
                        help="print a 'still running' line after this many silent seconds")
    args = parser.parse_args()

    nb = nbformat.read(args.notebook, as_version=4)
    label = args.notebook.stem.split("-", 1)[0]
    client = StreamingClient(nb, label, sys.stdout, args.quiet_interval, kernel_name=args.kernel,
                             timeout=None if args.timeout < 0 else args.timeout,
                             resources={"metadata": {"path": str(args.notebook.resolve().parent)}})
    try:
        client.execute()
    except CellExecutionError as error:
        client.stop_watch.set()
        print(f"run_notebook: {args.notebook.name} failed after {clock(time.monotonic() - client.started)}:\n{error}",
              file=sys.stderr)
        return 1
    client.stop_watch.set()
    client._flush_partial()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    # Written by nbconvert's own notebook exporter, so the file is what `nbconvert --to notebook
    # --execute` writes (its default preprocessors merge consecutive stream outputs, for one).
    text, _ = NotebookExporter().from_notebook_node(nb)
    args.output.write_text(text, encoding="utf-8")
    client.current_cell = None
    print(f"[{label} | {clock(time.monotonic() - client.started)}] done: {args.output}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
